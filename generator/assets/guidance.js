/* Site-wide helpers. Runs on every page, also after Material's instant navigation:
   each step marks what it has done, so running it twice changes nothing. */
(function () {
  "use strict";

  // Material's search dialog has no accessible name out of the box (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  // A title tooltip cannot be seen on a phone: tapping an abbreviation shows its meaning inline.
  function explainAbbreviationsOnTap() {
    var content = document.querySelector(".md-content");
    if (!content || content.dataset.gsAbbr) return;
    content.dataset.gsAbbr = "bound";
    content.addEventListener("click", function (event) {
      var abbr = event.target.closest && event.target.closest("abbr[title]");
      if (!abbr) return;
      var next = abbr.nextElementSibling;
      if (next && next.classList.contains("gs-abbr-expansion")) {
        next.remove();
        return;
      }
      var expansion = document.createElement("span");
      expansion.className = "gs-abbr-expansion";
      expansion.textContent = " (" + abbr.title + ")";
      abbr.after(expansion);
    });
  }

  function start() {
    nameSearchDialog();
    explainAbbreviationsOnTap();
  }

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(start);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
