/* Site-wide helpers. Runs on every page, also after Material's instant navigation:
   each step marks what it has done, so running it twice changes nothing. */
(function () {
  "use strict";

  // The other scripts sit beside this one; read while this script runs (later currentScript is null).
  var assetsBase = document.currentScript ? document.currentScript.src : "";
  var SCRIPT_NAME = /^[a-z][a-z0-9-]*$/;
  var scripts = {}; // name: {loaded, waiting: [[onLoad, onError]]}, for each script added

  // A page names the scripts its content needs (data-gs-script="checklist my-audits"), so a page
  // to read carries none of the checklist code. After instant navigation the new content may need a
  // script the first page did not: it is added then, once. Added in order and run in that order
  // (async off): my-audits.js uses what checklist.js defines.
  function loadPageScripts() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-gs-script]"), function (element) {
      element.getAttribute("data-gs-script").split(/\s+/).forEach(function (name) { loadScript(name); });
    });
    // Abbreviations come from the glossary into any page's text: explain.js shows their meaning.
    if (document.querySelector(".md-content abbr[title]")) loadScript("explain");
  }

  // Adds a script once; onLoad runs when it has run (at once if it has), onError if it could not be
  // fetched, and then a later call tries again (a slow network may drop one request).
  function loadScript(name, onLoad, onError) {
    if (!assetsBase || !SCRIPT_NAME.test(name)) {
      if (onError) onError();
      return;
    }
    var entry = scripts[name];
    if (entry && entry.loaded) {
      if (onLoad) onLoad();
      return;
    }
    if (!entry) {
      entry = scripts[name] = { loaded: false, waiting: [] };
      var script = document.createElement("script");
      script.src = new URL(name + ".js", assetsBase).href;
      script.async = false;
      script.onload = function () {
        entry.loaded = true;
        entry.waiting.splice(0).forEach(function (callbacks) { if (callbacks[0]) callbacks[0](); });
      };
      script.onerror = function () {
        delete scripts[name];
        script.remove();
        entry.waiting.splice(0).forEach(function (callbacks) { if (callbacks[1]) callbacks[1](); });
      };
      document.head.appendChild(script);
    }
    entry.waiting.push([onLoad, onError]);
  }

  // Material's search dialog has no accessible name out of the box (axe: aria-dialog-name).
  function nameSearchDialog() {
    var dialog = document.querySelector(".md-search[role=dialog]");
    if (dialog && !dialog.hasAttribute("aria-label")) dialog.setAttribute("aria-label", "Search");
  }

  function start() {
    loadPageScripts();
    nameSearchDialog();
  }

  function whenReady(callback) {
    if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", callback);
    else callback();
  }

  // Runs start on every page: the first, and each one instant navigation brings (Material's
  // document$ emits them). Opened from a folder with instant navigation on, Material ends
  // document$ before the first page: then start runs once the page is ready. Each script of
  // ours uses this, so each start must be idempotent (mark what it has bound).
  function onEveryPage(start) {
    var started = false;
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe({
        next: function () { started = true; start(); },
        complete: function () { if (!started) whenReady(start); }
      });
    } else {
      whenReady(start);
    }
  }

  window.guidanceSite = Object.freeze({ onEveryPage: onEveryPage, loadScript: loadScript });
  onEveryPage(start);
})();
