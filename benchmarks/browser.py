"""In headless Chromium: how long a checklist of many items takes to show, and to restore saved answers.

The page is loaded from a local server with nothing saved, then with an answer to every
item saved in localStorage in the checklist script's own format
(under the page's ``data-records-prefix`` and the checklist's id: records whose answers are keyed by item id, each with the
item's hash). A script injected before the page's own records when the checklist script
first reads its saved state, and when the work started then has finished (a microtask
runs once the synchronous restore returns). The page is also loaded without the checklist
script, to tell its cost from the page's own. Times are medians of several loads.
"""
from __future__ import annotations

import functools
import http.server
import socketserver
import statistics
import threading
from contextlib import contextmanager
from pathlib import Path

CHROMIUM = "/usr/lib/chromium/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run", "--disable-quic"]
STORAGE_PREFIX = "guidance:v1:"  # every key the checklist script reads starts so (its site's records, and earlier ones)
CHECKLIST_SCRIPT = "/checklist.js"  # left out once, to see what the page costs without it

_INSTRUMENT = """
(() => {
  const marks = window.__benchmark = { storageRead: null, restored: null, startMs: null };
  const getItem = Storage.prototype.getItem;
  Storage.prototype.getItem = function (key) {
    if (marks.storageRead === null && String(key).startsWith(%r)) {
      marks.storageRead = performance.now();
      queueMicrotask(() => { marks.restored = performance.now(); });
    }
    return getItem.call(this, key);
  };
  // Time each handler page scripts run on Material's document$ or on DOMContentLoaded; the one
  // that reads the saved answers is the checklist script's: its whole run, from reading the
  // form to showing the answers.
  function timed(handler) {
    return function (...args) {
      const readBefore = marks.storageRead, start = performance.now();
      try {
        return handler.apply(this, args);
      } finally {
        if (readBefore === null && marks.storageRead !== null && marks.startMs === null) marks.startMs = performance.now() - start;
      }
    };
  }
  const addEventListener = Document.prototype.addEventListener;
  Document.prototype.addEventListener = function (type, listener, ...rest) {
    return addEventListener.call(this, type, type === "DOMContentLoaded" && typeof listener === "function" ? timed(listener) : listener, ...rest);
  };
  let subject;
  Object.defineProperty(window, "document$", {
    configurable: true,
    get() { return subject; },
    set(value) {
      subject = value;
      if (!value || typeof value.subscribe !== "function") return;
      const subscribe = value.subscribe.bind(value);
      value.subscribe = function (observer, ...rest) {
        if (typeof observer === "function") return subscribe(timed(observer), ...rest);
        if (observer && typeof observer.next === "function") return subscribe({ ...observer, next: timed(observer.next) }, ...rest);
        return subscribe(observer, ...rest);
      };
    },
  });
})();
""" % STORAGE_PREFIX

_SAVE_AN_ANSWER_TO_EVERY_ITEM = """
() => {
  const form = document.querySelector("form[data-checklist-id]");
  const now = new Date().toISOString();
  const answers = {};
  for (const box of form.querySelectorAll(".gs-item[data-item-id]")) {
    const option = box.querySelector("input[type=radio]:not([data-not-applicable])");
    answers[box.dataset.itemId] = { answer: option.value, note: "", reason: "", item_hash: box.dataset.itemHash, updated: now };
  }
  const record = { id: "r-benchmark", label: "Benchmark", created: now, updated: now, answers: answers };
  localStorage.setItem(form.dataset.recordsPrefix + form.dataset.checklistId, JSON.stringify({ current: record.id, records: [record] }));
  return Object.keys(answers).length;
}
"""

_TIMES = """
() => {
  const navigation = performance.getEntriesByType("navigation")[0];
  const paint = performance.getEntriesByName("first-contentful-paint")[0];
  const form = document.querySelector("form[data-checklist-id]");
  return {
    dom_content_loaded: navigation.domContentLoadedEventEnd,
    load: navigation.loadEventEnd,
    first_contentful_paint: paint ? paint.startTime : null,
    storage_read: window.__benchmark.storageRead,
    restored: window.__benchmark.restored,
    start: window.__benchmark.startMs,
    items: form ? form.querySelectorAll(".gs-item[data-item-id]").length : 0,
    answered: form ? form.querySelectorAll("input[type=radio]:checked").length : 0,
  };
}
"""


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


class _QuietServer(socketserver.ThreadingTCPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass  # the browser drops connections it no longer needs when a page is reloaded


@contextmanager
def served(folder: Path):
    server = _QuietServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def _context(browser, base: str, block: str | None = None):
    """A fresh context that reaches only the local server (and not `block`), with the instrument installed."""
    context = browser.new_context()

    def route(route_):
        url = route_.request.url
        if url.startswith(base) and not (block and url.endswith(block)):
            route_.continue_()
        else:
            route_.abort()

    context.route("**/*", route)
    context.add_init_script(_INSTRUMENT)
    return context


def _new_page(context):
    page = context.new_page()
    page.set_default_timeout(60_000)
    return page


def _timed_loads(page, url: str, loads: int) -> list[dict]:
    """The instrument's times for each of `loads` loads of url in one page (so saved answers stay)."""
    times = []
    for _ in range(loads):
        page.goto(url, wait_until="load")
        times.append(page.evaluate(_TIMES))
    return times


def _loads(browser, base: str, url: str, loads: int, block: str | None = None) -> list[dict]:
    context = _context(browser, base, block)
    times = _timed_loads(_new_page(context), url, loads)
    context.close()
    return times


def _median(loads: list[dict], key: str) -> float | None:
    values = [load[key] for load in loads if load[key] is not None]
    return statistics.median(values) if values else None


def measure(site: Path, page_path: str, loads: int = 5) -> dict:
    """Times in ms from the start of navigation, medians of `loads` loads each without and with saved answers."""
    from playwright.sync_api import sync_playwright

    with served(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            url = base + page_path
            without_script = _loads(browser, base, url, loads, block=CHECKLIST_SCRIPT)
            context = _context(browser, base)
            page = _new_page(context)
            empty = _timed_loads(page, url, loads)
            saved = page.evaluate(_SAVE_AN_ANSWER_TO_EVERY_ITEM)
            restored = _timed_loads(page, url, loads)
            context.close()
        finally:
            browser.close()
    result = {"items": empty[0]["items"], "answers_saved": saved, "answers_shown": min(load["answered"] for load in restored)}
    for key in ("dom_content_loaded", "load"):
        result[f"no_script_{key}_ms"] = _median(without_script, key)
    for label, runs in (("empty", empty), ("saved", restored)):
        for key in ("dom_content_loaded", "load", "first_contentful_paint", "storage_read", "restored", "start"):
            result[f"{label}_{key}_ms"] = _median(runs, key)
        durations = [run["restored"] - run["storage_read"] for run in runs if run["restored"] is not None]
        result[f"{label}_script_ms"] = statistics.median(durations) if durations else None
    result["restore_measured"] = result["saved_script_ms"] is not None and result["answers_shown"] == saved
    return result
