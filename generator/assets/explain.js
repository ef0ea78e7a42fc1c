/* Abbreviations explain themselves: pointed at, focused from the keyboard or tapped, an
   abbreviation shows its meaning in one tooltip of ours, written with textContent so a meaning
   is always text. Escape, a tap elsewhere or moving away closes it; a tap or click keeps it open
   until the next, except on a term inside a link, which the tap follows. (Material's
   content.tooltips is off: it copies a title into its tooltip as HTML.)
   Loaded by guidance.js on pages with abbreviations; runs on every page, binds once. */
(function () {
  "use strict";

  var TOOLTIP_ID = "gs-explanation";
  var ABBREVIATION = ".md-content abbr[title], .md-content abbr[data-gs-meaning]";
  var GAP = 6; // px between the word and its explanation
  var MARGIN = 8; // px kept clear of the window's edges
  var shown = null; // the abbreviation explained now
  var pinned = false; // opened by a tap or click: stays until closed

  function tooltip() {
    var element = document.getElementById(TOOLTIP_ID);
    if (!element) {
      element = document.createElement("div");
      element.id = TOOLTIP_ID;
      element.className = "gs-explanation";
      element.setAttribute("role", "tooltip");
      element.hidden = true;
      document.body.appendChild(element);
    }
    return element;
  }

  function meaningOf(abbr) {
    return abbr.getAttribute("data-gs-meaning") || abbr.getAttribute("title") || "";
  }

  function place(abbr, element) {
    var word = abbr.getBoundingClientRect();
    var width = document.documentElement.clientWidth;
    var left = Math.max(MARGIN, Math.min(word.left, width - element.offsetWidth - MARGIN));
    var top = word.bottom + GAP;
    if (top + element.offsetHeight > window.innerHeight && word.top - GAP - element.offsetHeight > 0) {
      top = word.top - GAP - element.offsetHeight; // no room below: above the word
    }
    element.style.left = left + window.scrollX + "px";
    element.style.top = top + window.scrollY + "px";
  }

  function show(abbr, pin) {
    var meaning = meaningOf(abbr);
    if (!meaning) return;
    if (shown && shown !== abbr) hide();
    // While ours shows, the title goes: the browser's own tooltip would say it a second time.
    abbr.setAttribute("data-gs-meaning", meaning);
    abbr.removeAttribute("title");
    abbr.setAttribute("aria-describedby", TOOLTIP_ID);
    var element = tooltip();
    element.textContent = meaning;
    element.hidden = false;
    shown = abbr;
    pinned = pinned || pin;
    place(abbr, element);
  }

  function hide() {
    var element = document.getElementById(TOOLTIP_ID);
    if (element) element.hidden = true;
    if (shown) {
      shown.setAttribute("title", meaningOf(shown));
      shown.removeAttribute("data-gs-meaning");
      shown.removeAttribute("aria-describedby");
    }
    shown = null;
    pinned = false;
  }

  function abbreviationAt(target) {
    return target && target.closest ? target.closest(ABBREVIATION) : null;
  }

  function inTooltip(target) {
    return !!(target && target.closest && target.closest("#" + TOOLTIP_ID));
  }

  function bindOnce() {
    if (document.documentElement.hasAttribute("data-gs-explain")) return;
    document.documentElement.setAttribute("data-gs-explain", "bound");
    document.addEventListener("pointerover", function (event) {
      var abbr = abbreviationAt(event.target);
      if (abbr && event.pointerType === "mouse") show(abbr, false);
    });
    document.addEventListener("pointerout", function (event) {
      if (event.pointerType !== "mouse" || pinned || !shown) return;
      var to = event.relatedTarget;
      // The pointer may move onto the explanation itself without it going (WCAG 1.4.13).
      if (abbreviationAt(to) === shown || inTooltip(to)) return;
      if (abbreviationAt(event.target) === shown || inTooltip(event.target)) hide();
    });
    document.addEventListener("focusin", function (event) {
      var abbr = abbreviationAt(event.target);
      if (abbr) show(abbr, false);
      else if (shown && !inTooltip(event.target)) hide();
    });
    document.addEventListener("focusout", function (event) {
      if (shown && !pinned && abbreviationAt(event.target) === shown && !abbreviationAt(event.relatedTarget)) hide();
    });
    document.addEventListener("click", function (event) {
      var abbr = abbreviationAt(event.target);
      if (abbr && abbr.closest("a[href]")) {
        hide(); // a term in a link (a duty, a reference): the tap follows the link, as a tap on its other words does
      } else if (abbr) {
        if (abbr === shown && pinned) hide();
        else show(abbr, true);
      } else if (shown && !inTooltip(event.target)) {
        hide();
      }
    });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && shown) hide();
    });
    window.addEventListener("resize", function () {
      if (shown) place(shown, tooltip());
    });
  }

  function start() {
    bindOnce();
    hide(); // a new page (instant navigation) starts with nothing explained
    // Focusable, so the keyboard reaches every explanation too.
    Array.prototype.forEach.call(document.querySelectorAll(ABBREVIATION), function (abbr) {
      if (!abbr.hasAttribute("tabindex")) abbr.setAttribute("tabindex", "0");
    });
  }

  window.guidanceSite.onEveryPage(start); // guidance.js, loaded first, defines it
})();
