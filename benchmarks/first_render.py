"""First render on a slow phone: first contentful paint and largest contentful paint in headless Chromium.

The phone: a 390 x 844 touch screen, the CPU slowed down 4 times (CDP ``Emulation.setCPUThrottlingRate``)
and DevTools' "Slow 4G" network (CDP ``Network.emulateNetworkConditions``: 562.5 ms latency per request,
1.44 Mbit/s down, 675 kbit/s up, as DevTools' preset sets them), the site served from a local server with
nothing cached (a first visit). Each page is loaded several times, each time in a fresh browser context;
the median is given. Our site is measured beside the floor, the same pages built by plain MkDocs.
"""
from __future__ import annotations

import statistics
from pathlib import Path

from browser import CHROMIUM, CHROMIUM_ARGS, served

PHONE = {"viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True, "device_scale_factor": 3}
CPU_SLOWDOWN = 4
# DevTools' "Slow 4G" preset (its NetworkManager): bytes per second, and latency in ms.
SLOW_4G = {"offline": False, "latency": 150 * 3.75, "downloadThroughput": 1.6 * 1000 * 1000 / 8 * 0.9,
           "uploadThroughput": 750 * 1000 / 8 * 0.9}

# Reads both paints once the page has loaded; LCP is final once the page stops adding content.
_PAINTS = """() => new Promise(resolve => {
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  let lcp = null, element = "";
  new PerformanceObserver(list => {
    const last = list.getEntries().at(-1);
    lcp = last.startTime;
    element = last.element ? last.element.tagName.toLowerCase() + (last.element.className ? "." + last.element.className : "") : "";
  }).observe({type: "largest-contentful-paint", buffered: true});
  const nav = performance.getEntriesByType("navigation")[0];
  setTimeout(() => resolve({fcp: fcp ? fcp.startTime : null, lcp, element,
    load: nav ? nav.loadEventEnd : null,
    bytes: performance.getEntriesByType("resource").reduce((sum, r) => sum + (r.transferSize || 0), nav ? nav.transferSize : 0),
    requests: performance.getEntriesByType("resource").length + 1}), 300);
})"""


def _load(browser, url: str) -> dict:
    context = browser.new_context(**PHONE)
    try:
        page = context.new_page()
        page.set_default_timeout(120_000)
        cdp = context.new_cdp_session(page)
        cdp.send("Network.enable")
        cdp.send("Network.setCacheDisabled", {"cacheDisabled": True})  # a first visit
        cdp.send("Network.emulateNetworkConditions", SLOW_4G)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(url, wait_until="load")
        return page.evaluate(_PAINTS)
    finally:
        context.close()


def _median(loads: list[dict], key: str) -> float | None:
    values = [load[key] for load in loads if load[key] is not None]
    return statistics.median(values) if values else None


def measure(sites: dict[str, Path], pages: list[str], loads: int = 3) -> dict:
    """{site name: {page: {fcp_ms, lcp_ms, load_ms, bytes, requests, lcp_element}}} for each site and page."""
    from playwright.sync_api import sync_playwright

    results: dict = {}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        try:
            for name, folder in sites.items():
                with served(folder) as base:
                    results[name] = {}
                    for page in pages:
                        runs = [_load(browser, base + page) for _ in range(loads)]
                        results[name][page] = {
                            "fcp_ms": _median(runs, "fcp"), "lcp_ms": _median(runs, "lcp"), "load_ms": _median(runs, "load"),
                            "bytes": runs[-1]["bytes"], "requests": runs[-1]["requests"], "lcp_element": runs[-1]["element"],
                            "loads": loads,
                        }
        finally:
            browser.close()
    return results
