/* Printing: the name of what is printed at the foot of every page, links within the site told
   from links leaving it, and "Print this pack" buttons.

   The name comes from data-gs-page-footer, and the record printed from data-gs-page-record (checklist.js keeps
   it current; on the progress matrix, matrix.js puts the filter and order there), so that a loose page says
   which case, or which view, it belongs to (the page's HTML holds no style element); print.css puts the page
   numbers beside it, in @page margin boxes. A page of several forms (a print
   pack) gives each form a page style of its own, so every page names its own form. Runs on
   every page, also after Material's instant navigation, which keeps <head>: the footer rules
   are rewritten each time, and removed on a page without any. */
(function () {
  "use strict";

  var STYLE_ID = "gs-page-footers";

  // Text as a CSS string: characters that could end it are written as escapes.
  function cssString(text) {
    return '"' + String(text).replace(/[\\"\n\r\f]/g, function (c) { return "\\" + c.charCodeAt(0).toString(16) + " "; }) + '"';
  }

  function footers() {
    var marked = document.querySelectorAll("[data-gs-page-footer]");
    var style = document.getElementById(STYLE_ID);
    if (!marked.length) {
      if (style) style.remove();
      return;
    }
    if (!style) {
      style = document.createElement("style");
      style.id = STYLE_ID;
      document.head.appendChild(style);
    }
    var rules = [];
    Array.prototype.forEach.call(marked, function (element, index) {
      // A named page starts a new sheet, so only forms that begin on one of their own are named.
      var name = marked.length > 1 ? "gs-footer-" + index : "";
      if (name) element.style.setProperty("page", name);
      var footer = element.dataset.gsPageFooter + (element.dataset.gsPageRecord ? " · " + element.dataset.gsPageRecord : "");
      rules.push("@page " + name + " { @bottom-left { content: " + cssString(footer) + "; } }");
    });
    style.textContent = rules.join("\n");
  }

  // Outside links print their address (print.css). Material's instant navigation makes links
  // within the site absolute too, so those are marked, before every print as links may change.
  function markSameSiteLinks() {
    Array.prototype.forEach.call(document.querySelectorAll("a[href]"), function (link) {
      link.toggleAttribute("data-gs-same-site", link.origin === window.location.origin);
    });
  }

  function printButtons() {
    Array.prototype.forEach.call(document.querySelectorAll("button[data-gs-print-page]"), function (button) {
      if (button.dataset.gsBound) return;
      button.dataset.gsBound = "true";
      button.hidden = false; // it needs this script
      button.addEventListener("click", function () { window.print(); });
    });
  }

  function start() {
    footers();
    markSameSiteLinks();
    printButtons();
  }

  window.addEventListener("beforeprint", markSameSiteLinks);
  window.addEventListener("beforeprint", footers); // a record printed names itself on every page (checklist.js)

  window.guidanceSite.onEveryPage(start); // guidance.js, loaded first, defines it
})();
