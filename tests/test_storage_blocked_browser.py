"""With site data blocked, every page loads without an uncaught error and search works (issue 16.2).

A browser set to block site data throws a SecurityError as soon as a script reads localStorage.
Tried two ways in real Chromium: the localStorage (and sessionStorage) getter redefined to throw
before any script runs, and Chromium's own setting (cookies and site data blocked in the profile).
The theme reads localStorage unguarded for a palette written as a list; ours is a mapping.
"""
from __future__ import annotations

import json

import pytest
import yaml
from playwright.sync_api import expect

from conftest import CHROMIUM, CHROMIUM_ARGS, ROOT, VIEWPORTS, Watch, artifact_path, assert_accessible
from generator.render.site import (
    AUDIT_RESULTS, CASE_AUDITS, CHECKLIST_INDEX, GLOSSARY, HOME, MATRIX, MY_AUDITS, checklist_path, guidance_path,
    page_url,
)
from test_browser_site import result_pages, search

pytestmark = pytest.mark.browser

BLOCK_STORAGE = """(() => {
    const blocked = () => { throw new DOMException("The operation is insecure.", "SecurityError"); };
    for (const name of ["localStorage", "sessionStorage"]) {
        Object.defineProperty(window, name, {configurable: true, get: blocked});
    }
})();"""


def every_kind_of_page(content) -> list[str]:
    return [page_url(path) for path in (
        HOME, GLOSSARY, guidance_path(content.guidance[0].id), checklist_path(content.checklists[0].id),
        CHECKLIST_INDEX, MY_AUDITS, MATRIX, CASE_AUDITS, AUDIT_RESULTS)] + ["areas/police-detention/pd1.html"]


def test_the_palette_is_a_mapping_so_the_theme_does_not_read_storage_for_it(shipped_site):
    # Material adds its unguarded palette script for a palette written as a list, and for none at all.
    palette = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"].get("palette")
    assert isinstance(palette, dict), "a palette list, or none, makes Material read localStorage unguarded on every page"
    html = (shipped_site / "index.html").read_text(encoding="utf-8")
    assert '__md_get("__palette")' not in html
    assert 'data-md-color-scheme="default" data-md-color-primary="indigo" data-md-color-accent="indigo"' in html


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_with_storage_throwing_every_page_loads_cleanly_and_search_works(server, watched_context, content, viewport):
    context, watch = watched_context(color_scheme="light", **VIEWPORTS[viewport])
    context.add_init_script(BLOCK_STORAGE)
    context.set_default_timeout(30_000)  # ten pages and a search, on a shared machine: waits, not timings
    page = context.new_page()
    for path in every_kind_of_page(content):
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        assert page.evaluate("() => { try { localStorage; return false } catch (e) { return e.name } }") == "SecurityError"
        expect(page.locator("article h1")).to_be_visible()
        assert watch.page_errors == [], f"uncaught errors on {path}: {watch.page_errors}"
        if path == page_url(checklist_path(content.checklists[0].id)):  # the checklist says so, and keeps working
            expect(page.locator("[data-gs=audit]")).to_contain_text("cannot be saved in this browser")
    page.goto(server.url + page_url(HOME))
    # The look is kept: Material's indigo header, as with the palette once written as a list.
    assert page.locator(".md-header").evaluate("el => getComputedStyle(el).backgroundColor") == "rgb(64, 81, 181)"
    document = content.guidance[0]
    results = search(page, document.sections[0].title)
    assert server.url + page_url(guidance_path(document.id)) in result_pages(results)
    page.screenshot(path=artifact_path(f"storage-blocked-search-{viewport}.png"))
    assert_accessible(page, f"search with site data blocked, {viewport}")
    assert watch.page_errors == []


def test_with_chromiums_own_block_on_site_data_pages_load_and_search_works(server, browser, content, tmp_path):
    profile = tmp_path / "profile"
    (profile / "Default").mkdir(parents=True)
    # chrome://settings/cookies "Block all cookies" (site data included), as a locked-down profile has it.
    (profile / "Default" / "Preferences").write_text(json.dumps(
        {"profile": {"default_content_setting_values": {"cookies": 2}}}), encoding="utf-8")
    watch = Watch()
    # A browser of its own on that profile, from the same Playwright as the other tests.
    context = browser.browser_type.launch_persistent_context(
        str(profile), executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS, **VIEWPORTS["desktop"])
    try:
        context.set_default_timeout(30_000)
        context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(server.url)
                      else (watch.outside_requests.append(route.request.url), route.abort()))
        page = context.new_page()
        page.on("pageerror", lambda error: watch.page_errors.append(str(error)))
        page.on("console", lambda message: message.type == "error" and watch.console_errors.append(message.text))
        for path in every_kind_of_page(content):
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            expect(page.locator("article h1")).to_be_visible()
        assert page.evaluate("() => { try { localStorage; return 'readable' } catch (e) { return e.name } }") \
            == "SecurityError", "Chromium's setting did not block site data: the test proves nothing"
        page.goto(server.url + page_url(HOME))
        document = content.guidance[0]
        results = search(page, document.sections[0].title)
        assert server.url + page_url(guidance_path(document.id)) in result_pages(results)
    finally:
        context.close()
    watch.assert_clean()
