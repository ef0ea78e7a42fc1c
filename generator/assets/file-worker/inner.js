/* Runs inside the hidden iframe of shim.js, before the worker script: gives the iframe the
   two functions a worker script expects. */
(function () {
  "use strict";
  window.postMessage = function (data) { parent.postMessage(data, "*"); };
  // Loads scripts one after another; Material's search worker waits on the returned promise.
  window.importScripts = function () {
    var urls = Array.prototype.slice.call(arguments);
    return urls.reduce(function (previous, url) {
      return previous.then(function () {
        return new Promise(function (resolve, reject) {
          var script = document.createElement("script");
          script.src = url;
          script.onload = resolve;
          script.onerror = reject;
          document.body.appendChild(script);
        });
      });
    }, Promise.resolve());
  };
})();
