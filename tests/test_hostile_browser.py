"""Markup in every kind of text reaches the page as text, on every path, in real Chromium (issue 16.1).

One payload (bold, a link out, an image whose handler would run, a tracking image) is put into a
glossary meaning (so into every abbreviation's explanation), the site title (header, tab title,
search), a recommendation, a checklist item and a checklist title (print footers, My audits), an
area title (charts and tables), an audit export's label and file name (Audit results), and a record
label imported on a checklist page. On every page: no element, link or image is made from it, no
request leaves the site, no Content-Security-Policy violation is reported (the policy is the second
wall; nothing may even reach it), and where the text is shown it reads as typed.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import ROOT, SHIPPED_CONTENT, artifact_path, assert_accessible, build
from generator.audits.exports import FORMAT
from generator.render.site import AUDIT_RESULTS, CASE_AUDITS, GLOSSARY, HOME, MATRIX, MY_AUDITS, page_url
from test_browser_site import VIEWPORTS, search

pytestmark = pytest.mark.browser

WORD = "Zanzibarquux"  # one word of the payload, to search for
MARKUP = (f'{WORD} <b>BOLD</b> <a href="https://example.org/phish">click me</a> '
          '<img src=x onerror="window.__pwned = true"> <img src="https://example.org/beacon.png">')
BIG_LABEL = "CUST/2026/0142 " * 700_000  # 10.5 MB: labels are never shown, so search must stay usable (issue 16.3)
# A record label has at most 120 characters on the page: the same kinds of markup, shorter.
LABEL = '<b>BOLD</b><a href="https://example.org/p">x</a><img src=x onerror="window.__pwned=1"><img src="https://example.org/b">'
CHECKLIST = "detention-of-children"
CHECKLIST_PAGE = f"self-audit/{CHECKLIST}.html"
PAGES = [page_url(HOME), page_url(GLOSSARY), "areas/police-detention/index.html", "areas/police-detention/pd1.html",
         "guidance/children-in-detention.html", CHECKLIST_PAGE, page_url(MATRIX), page_url(CASE_AUDITS),
         page_url(AUDIT_RESULTS), page_url(MY_AUDITS), "self-audit/index.html"]

# Listens before any script of the page runs, so a violation from the theme's first script is heard too.
LISTEN = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
    e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""

# Anything the payload could have become, as elements.
MADE_FROM_PAYLOAD = """() => [
    ...[...document.querySelectorAll('b, strong')].filter(el => el.textContent.trim() === 'BOLD').map(el => el.outerHTML),
    ...[...document.querySelectorAll('a[href*="example.org"], img[src="x"], img[src*="example.org"], [onerror]')]
        .map(el => el.outerHTML),
    ...(window.__pwned ? ['the onerror handler ran'] : []),
]"""


def _poison(content: Path) -> None:
    def edit(relative: str, change) -> None:
        path = content / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def site(data):
        data["site"]["title"] = "Guidance " + MARKUP

    def glossary(data):
        term = next(t for t in data["terms"] if t["term"] == "PACE")
        term["meaning"] = MARKUP

    def area(data):
        data["title"] = "Police detention " + MARKUP
        data["recommendations"][0]["text"] = MARKUP + " under PACE."

    def checklist(data):
        data["title"] = "A child in police detention " + MARKUP
        data["sections"][0]["items"][0]["text"] = MARKUP + " under PACE?"

    edit("site.yml", site)
    edit("glossary.yml", glossary)
    edit("areas/police-detention.yml", area)
    edit(f"self-audit/{CHECKLIST}.yml", checklist)


def _hostile_export(label: str = MARKUP) -> str:
    return json.dumps({"format": FORMAT, "format_version": 1, "exported_at": "2026-01-01T10:00:00.000Z",
                       "checklist": {"id": CHECKLIST, "version": "1", "title": MARKUP},
                       "records": [{"id": "r-hostile", "label": label, "created": "2026-01-01T09:00:00.000Z",
                                    "updated": "2026-01-01T10:00:00.000Z", "answers": {}, "removed_items": {},
                                    "rating": None, "progress": {"answered": 0, "applicable": 10, "total": 10}}]})


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile-browser")
    content = folder / "checklists"
    shutil.copytree(SHIPPED_CONTENT, content)
    _poison(content)
    audits = folder / "audits"
    audits.mkdir()
    (audits / "team.json").write_text(_hostile_export(), encoding="utf-8")
    (audits / "big.json").write_text(_hostile_export(BIG_LABEL), encoding="utf-8")
    (audits / '<img src=x onerror="window.__pwned = true">.json').write_text(_hostile_export(), encoding="utf-8")
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(content / "pages")
    config["plugins"] = ["search", {"guidance": {"content_dir": str(content), "audits_dir": str(audits)}}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    return build(folder, content, folder / "mkdocs.yml")


@pytest.fixture
def server(serve, hostile_site):
    return serve(hostile_site)


def open_hostile(watched_context, viewport: str):
    context, watch = watched_context(color_scheme="light", **VIEWPORTS[viewport])
    context.add_init_script(LISTEN)
    context.set_default_timeout(30_000)  # many pages on a shared machine: waits, not timings
    page = context.new_page()
    page.watch = watch
    return page


def assert_nothing_made_of_it(page, where: str) -> None:
    assert page.evaluate(MADE_FROM_PAYLOAD) == [], f"markup from content became elements on {where}"
    assert page.evaluate("window.__violations") == [], f"CSP violations on {where}"
    assert page.watch.outside_requests == [], f"requests left the site from {where}"
    assert page.watch.dialogs == []


def import_hostile_record(page, server) -> None:
    page.goto(server.url + CHECKLIST_PAGE)
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    page.locator("[data-gs=import]").set_input_files(
        {"name": "hostile.json", "mimeType": "application/json", "buffer": _hostile_export(LABEL).encode()})
    expect(page.locator("[data-gs=transfer-messages]")).to_contain_text("Imported 1 record")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_markup_in_every_kind_of_text_stays_text_on_every_page(server, watched_context, viewport):
    page = open_hostile(watched_context, viewport)
    import_hostile_record(page, server)  # a record label, into the checklist page and My audits
    for path in PAGES:
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        assert_nothing_made_of_it(page, path)
        assert MARKUP in page.title(), f"the tab title of {path} is the site title as typed"
    page.goto(server.url + page_url(MY_AUDITS))
    expect(page.locator("article")).to_contain_text(LABEL)  # the imported label, shown as typed
    page.screenshot(path=artifact_path(f"hostile-my-audits-{viewport}.png"), full_page=True)
    assert_nothing_made_of_it(page, "My audits with the imported record")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_markup_in_a_glossary_meaning_is_explained_as_text(server, watched_context, viewport):
    page = open_hostile(watched_context, viewport)
    page.goto(server.url + "areas/police-detention/pd1.html")
    abbreviation = page.locator("article abbr", has_text="PACE").first
    expect(abbreviation).to_have_attribute("title", MARKUP)
    abbreviation.scroll_into_view_if_needed()
    if viewport == "phone":
        abbreviation.tap()
    else:
        abbreviation.hover()
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_have_text(MARKUP)
    assert tooltip.evaluate("el => el.children.length") == 0
    page.screenshot(path=artifact_path(f"hostile-explanation-{viewport}.png"))
    assert_nothing_made_of_it(page, "an explanation open")
    assert_accessible(page, f"a page of hostile content with an explanation open, {viewport}")


def test_markup_in_search_results_stays_text(server, watched_context):
    page = open_hostile(watched_context, "desktop")
    page.goto(server.url + page_url(HOME))
    results = search(page, WORD)
    expect(results.first).to_be_visible()
    # Material marks the words found with <mark> and keeps the pages' own <code>; nothing else may become an element.
    inside = page.locator(".md-search-result").evaluate(
        "el => [...el.querySelectorAll('*')].map(e => e.tagName.toLowerCase())")
    assert set(inside) <= {"ol", "li", "a", "article", "div", "h1", "h2", "p", "mark", "span", "details", "summary", "code",
                           "ul", "nav", "button", "svg", "path"}, set(inside)
    expect(page.locator(".md-search-result")).to_contain_text("<b>BOLD</b>")
    page.screenshot(path=artifact_path("hostile-search.png"))
    assert_nothing_made_of_it(page, "search results")


def test_markup_in_a_checklist_title_prints_as_text_in_its_footer(server, watched_context):
    page = open_hostile(watched_context, "desktop")
    page.goto(server.url + CHECKLIST_PAGE)
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    footer = page.evaluate("""() => {
        const marked = document.querySelectorAll('[data-gs-page-footer]');
        const style = document.getElementById('gs-page-footers');
        return {marked: marked.length, text: marked[0] && marked[0].dataset.gsPageFooter,
                rules: style ? style.sheet.cssRules.length : -1, css: style ? style.textContent : ''};
    }""")
    assert footer["marked"] >= 1 and MARKUP in footer["text"]
    assert footer["rules"] == footer["marked"], f"the title broke out of its CSS string: {footer['css']}"
    page.emulate_media(media="print")
    assert_nothing_made_of_it(page, "the checklist, printed")


def test_a_ten_megabyte_label_in_audits_leaves_the_pages_small_and_search_working(hostile_site, server, watched_context):
    assert len(BIG_LABEL) > 10_000_000
    assert (hostile_site.parent / "audits" / "big.json").stat().st_size > 10_000_000
    index = hostile_site / "search" / "search_index.json"
    results_page = hostile_site / page_url(AUDIT_RESULTS)
    assert index.stat().st_size < 2_000_000, f"the search index is {index.stat().st_size:,} bytes"
    assert results_page.stat().st_size < 500_000, f"the results page is {results_page.stat().st_size:,} bytes"
    assert "CUST/2026/0142" not in results_page.read_text(encoding="utf-8")
    assert "a label longer than 120 characters" in results_page.read_text(encoding="utf-8")
    page = open_hostile(watched_context, "desktop")
    page.goto(server.url + page_url(AUDIT_RESULTS))
    results = search(page, "Audit results")
    expect(results.first).to_be_visible()
    assert any(href.split("?")[0].endswith(page_url(AUDIT_RESULTS)) for href in
               results.evaluate_all("links => links.map(a => a.href)"))
    assert page.watch.page_errors == [], "the search worker failed"
