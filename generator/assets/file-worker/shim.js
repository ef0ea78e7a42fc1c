/* Web workers cannot start from file:// pages, so Material's search would not work when
   the site is opened from a folder. On file:// this replaces Worker with a hidden iframe
   that runs the worker script. Same design as iframe-worker (MIT, Martin Donath), rewritten
   so the iframe runs no inline script: the site's Content-Security-Policy stays strict. */
(function () {
  "use strict";
  if (location.protocol !== "file:") return;
  var innerScript = new URL("inner.js", document.currentScript.src).href;

  function FileWorker(url) {
    var target = new EventTarget();
    var iframe = document.createElement("iframe");
    var self = this;
    iframe.hidden = true;
    document.body.appendChild(iframe);
    this.iframe = iframe;
    this.url = String(url);
    this.target = target;
    this.onmessage = null;
    this.onerror = null;
    window.addEventListener("message", function (event) {
      if (event.source !== iframe.contentWindow) return;
      var message = new MessageEvent("message", { data: event.data });
      target.dispatchEvent(message);
      if (self.onmessage) self.onmessage(message);
    });
    var frame = iframe.contentWindow.document;
    frame.open();
    // Only external scripts: inner.js makes the iframe look like a worker, then the worker runs.
    frame.write('<html><body><script src="' + innerScript + '"></script>' +
      '<script src="' + this.url.replace(/"/g, "%22") + '"></script></body></html>');
    frame.close();
    this.ready = new Promise(function (resolve) { iframe.contentWindow.onload = resolve; });
  }
  FileWorker.prototype.postMessage = function (data) {
    var frameWindow = this.iframe.contentWindow;
    this.ready.then(function () {
      frameWindow.dispatchEvent(new MessageEvent("message", { data: structuredClone(data) }));
    });
  };
  FileWorker.prototype.terminate = function () { this.iframe.remove(); };
  FileWorker.prototype.addEventListener = function (type, listener) { this.target.addEventListener(type, listener); };
  FileWorker.prototype.removeEventListener = function (type, listener) { this.target.removeEventListener(type, listener); };

  window.Worker = FileWorker;
})();
