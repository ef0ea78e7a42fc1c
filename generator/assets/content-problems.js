/* The page `mkdocs serve` shows while the content has problems. MkDocs' live reload brings the page
   back once they are fixed, but only on an address the last good build had: MkDocs sends any other
   address as its 404 page, without live reload. There, this script waits on MkDocs' own live-reload
   address for the next build, and then reloads, as live reload does. */
(function () {
  "use strict";

  var RETRY_MS = 3000;

  function servedWithLiveReload() {
    var navigation = window.performance && performance.getEntriesByType &&
      performance.getEntriesByType("navigation")[0];
    return !!navigation && navigation.responseStatus === 200;
  }

  // MkDocs answers /livereload/<build>/<page> when a build later than <build> is served (or after a
  // minute, with the same build); asked about build 0, it names the current build at once.
  function waitForNextBuild(build) {
    window.fetch("/livereload/" + build + "/0", { cache: "no-store" })
      .then(function (response) { return response.text(); })
      .then(function (text) {
        var served = parseFloat(text);
        if (build > 0 && served > build) window.location.reload();
        else waitForNextBuild(build > 0 ? build : served);
      })
      .catch(function () { window.setTimeout(function () { waitForNextBuild(build); }, RETRY_MS); });
  }

  function start() {
    var problems = document.querySelector("[data-gs-content-problems]");
    if (!problems || problems.dataset.gsWaiting || servedWithLiveReload()) return;
    problems.dataset.gsWaiting = "true";
    waitForNextBuild(0);
  }

  window.guidanceSite.onEveryPage(start);
})();
