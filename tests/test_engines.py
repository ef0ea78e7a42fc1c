"""The same site from both engines: MkDocs with Material (the default) and Zensical, Material's successor.

Zensical runs no third-party plugin, so `guidance build --engine zensical` does the plugin's work around
the build (generator/build/zensical.py). These tests hold the two sites equal where users would notice:
the pages, their links and menu, the policy on every page, our scripts, and, in Chromium, the journeys
that matter (search from a server and from a folder, a checklist's answers kept, export and import, the
matrix filter, a printed record), with nothing fetched from outside and axe-core clean.
"""
from __future__ import annotations

import json
import posixpath
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT, artifact_path, assert_accessible, DESKTOP, PHONE
from generator.build.atomic import BuildFailed
from generator.build.zensical import build_with_zensical
from generator.render.csp import policy_for
from generator.render.site import MATRIX, checklist_path, guidance_path, page_url

ENGINES = ("mkdocs", "zensical")


@pytest.fixture(scope="session")
def zensical_site(tmp_path_factory) -> Path:
    """The shipped content built by Zensical, as `guidance build --engine zensical` builds it."""
    folder = tmp_path_factory.mktemp("zensical")
    return build_with_zensical(ROOT / "mkdocs.yml", folder / "site", work_dir=folder / "work")


@pytest.fixture(params=ENGINES)
def engine_site(request) -> tuple[str, Path]:
    site = request.getfixturevalue("shipped_site" if request.param == "mkdocs" else "zensical_site")
    return request.param, site


def html_pages(site: Path) -> list[str]:
    return sorted(path.relative_to(site).as_posix() for path in site.rglob("*.html"))


class _Links(HTMLParser):
    """The link targets inside the first element `inside(tag, attributes)` accepts, resolved against the page."""

    VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}

    def __init__(self, page: str, inside):
        super().__init__()
        self.page, self.inside, self.open, self.links = page, inside, [], []

    def handle_starttag(self, tag, attributes):
        attributes = dict(attributes)
        if not self.open:
            if self.inside(tag, attributes):
                self.open = [tag]
            return
        if tag not in self.VOID:
            self.open.append(tag)
        href = attributes.get("href")
        if tag == "a" and href and not href.startswith(("http:", "https:", "mailto:", "#")):
            path, _, anchor = href.partition("#")
            resolved = posixpath.normpath(posixpath.join(posixpath.dirname(self.page), path.split("?")[0])) if path else self.page
            self.links.append((resolved, anchor))

    def handle_endtag(self, tag):
        if self.open:
            self.open.pop()


def links_in(site: Path, page: str, inside) -> list[tuple[str, str]]:
    parser = _Links(page, inside)
    parser.feed((site / page).read_text(encoding="utf-8"))
    return parser.links


def in_article(tag, attributes):
    return tag == "article"


def in_primary_menu(tag, attributes):
    return tag == "nav" and "md-nav--primary" in (attributes.get("class") or "")


def test_zensical_builds_the_same_pages_with_the_same_links_and_menu(shipped_site, zensical_site):
    pages = html_pages(shipped_site)
    assert html_pages(zensical_site) == pages
    for page in pages:
        for where in (in_article, in_primary_menu):
            assert links_in(zensical_site, page, where) == links_in(shipped_site, page, where), (page, where.__name__)


def test_zensical_pages_keep_their_titles(shipped_site, zensical_site):
    def title(site, page):
        return re.search(r"<title>(.*?)</title>", (site / page).read_text(encoding="utf-8"), re.S).group(1)

    for page in html_pages(shipped_site):
        if page != "index.html":  # Zensical names the home page "Home - <site>", MkDocs just "<site>"
            assert title(zensical_site, page) == title(shipped_site, page), page


@pytest.mark.parametrize("engine", ENGINES)
def test_every_page_carries_a_policy_that_allows_exactly_its_own_inline_scripts(engine, request):
    site = request.getfixturevalue("shipped_site" if engine == "mkdocs" else "zensical_site")
    for page in html_pages(site):
        html = (site / page).read_text(encoding="utf-8")
        meta = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
        assert meta, f"{page} has no Content-Security-Policy"
        without_meta = html.replace(meta.group(0), "")
        assert meta.group(1).replace("&#39;", "'") == policy_for(without_meta), page


def test_our_scripts_and_styles_are_on_every_zensical_page(zensical_site):
    for page in html_pages(zensical_site):
        html = (zensical_site / page).read_text(encoding="utf-8")
        for asset in ("assets/guidance/site.js", "assets/guidance/site.css", "assets/guidance/tones.css"):
            assert asset in html, f"{page} lacks {asset}"
    checklist = (zensical_site / "self-audit" / "detention-of-children.html").read_text(encoding="utf-8")
    assert re.search(r'data-gs-script="checklist\b', checklist)


def test_nothing_in_the_zensical_site_names_an_outside_script_or_style(zensical_site):
    loaded = re.compile(r'<(?:script|link|img|iframe)\b[^>]*\b(?:src|href)="(https?:)?//', re.I)
    for page in html_pages(zensical_site):
        assert not loaded.search((zensical_site / page).read_text(encoding="utf-8")), page


def test_a_zensical_build_that_drops_a_page_fails_and_keeps_the_previous_site(tmp_path, monkeypatch):
    import generator.build.zensical as engine

    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the site before", encoding="utf-8")
    run = engine._run_zensical

    def run_then_lose_a_page(command, config, *arguments):
        run(command, config, *arguments)
        (config.parent / "site" / "glossary.html").unlink()

    monkeypatch.setattr(engine, "_run_zensical", run_then_lose_a_page)
    with pytest.raises(BuildFailed, match=r"missing: glossary\.html"):
        build_with_zensical(ROOT / "mkdocs.yml", site, work_dir=tmp_path / "work")
    assert (site / "previous.html").read_text(encoding="utf-8") == "the site before"


def test_bad_content_is_reported_where_it_is_and_the_previous_site_stays(tmp_path, content_copy):
    site = tmp_path / "site"
    site.mkdir()
    (site / "previous.html").write_text("the site before", encoding="utf-8")
    area = content_copy / "areas" / "police-detention.yml"
    area.write_text(area.read_text(encoding="utf-8").replace("timescale:", "timescal:", 1), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--engine", "zensical", "--content", str(content_copy),
         "--site-dir", str(site), "--no-cache"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert re.search(r"police-detention\.yml:\d+:\d+: .*timescal", result.stderr), result.stderr
    assert "previous site" in result.stderr
    assert (site / "previous.html").read_text(encoding="utf-8") == "the site before"


# --- in Chromium, on both engines ------------------------------------------------------------------


def open_site(watched_context, site: Path, serve, over: str, viewport=DESKTOP):
    """(page, base address) of the site over HTTP or opened from its folder. Tests ask for `serve` before
    `watched_context`, so their pages close before the server stops (a late search-index request would
    otherwise be reset)."""
    context, _ = watched_context(color_scheme="light", **viewport)
    base = serve(site).url if over == "http" else site.as_uri() + "/"
    page = context.new_page()
    page.set_default_timeout(15_000)  # Zensical's search and the print pages take a while on a shared 2-core machine
    return page, base


def search(page, engine: str, query: str) -> list[str]:
    """The addresses of the results the engine's search dialog lists for query, best first."""
    if engine == "mkdocs":
        field = page.locator(".md-search__input")
        field.click()
        field.fill(query)
        field.press("End")  # Material searches when a key is released
        results = page.locator(".md-search-result__link")
    else:
        page.locator(".md-search__button").click()
        # In one input event: typed key by key, the results for "A" come first and may be the ones read.
        page.keyboard.insert_text(query)
        results = page.locator("[role=listbox][aria-label='Search results'] a[role=option]")
    results.first.wait_for(timeout=30_000)  # the index loads in the background on the first query
    return [href.split("?")[0].split("#")[0] for href in results.evaluate_all("links => links.map(a => a.href)")]


@pytest.mark.browser
@pytest.mark.parametrize("over", ["http", "file"])
def test_search_finds_the_detention_guidance_on_both_engines(engine_site, over, serve, watched_context):
    engine, site = engine_site
    page, base = open_site(watched_context, site, serve, over)
    for query in ("appropriate adult", "AA"):  # the abbreviation, by the glossary, in both engines' indexes
        page.goto(base + "index.html")
        found = search(page, engine, query)
        assert base + page_url(guidance_path("children-in-detention")) in found[:3], (query, found[:5])
        page.screenshot(path=artifact_path(f"engine-{engine}-search-{over}-{query.replace(' ', '-')}.png"))


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
def test_reading_and_auditing_pages_load_cleanly_and_pass_axe(engine_site, viewport, serve, watched_context):
    engine, site = engine_site
    page, base = open_site(watched_context, site, serve, "http", viewport)
    for path in ("index.md", guidance_path("children-in-detention"), checklist_path("detention-of-children"), MATRIX):
        page.goto(base + page_url(path))
        page.wait_for_load_state("load")
        assert_accessible(page, f"{path} built by {engine}")
    name = "phone" if viewport is PHONE else "desktop"
    page.screenshot(path=artifact_path(f"engine-{engine}-matrix-{name}.png"), full_page=False)


@pytest.mark.browser
@pytest.mark.parametrize("over", ["http", "file"])
def test_checklist_answers_are_kept_and_travel_out_and_back_on_both_engines(engine_site, over, serve,
                                                                            watched_context, tmp_path):
    engine, site = engine_site
    page, base = open_site(watched_context, site, serve, over)
    page.goto(base + page_url(checklist_path("detention-of-children")))
    first = page.locator("fieldset.gs-item").first
    first.locator("input[type=radio]").first.check()
    page.reload()
    assert page.locator("fieldset.gs-item").first.locator("input[type=radio]").first.is_checked()

    with page.expect_download() as download:
        page.get_by_role("button", name="Export this record in full (JSON)").click()
        confirm = page.get_by_role("button", name="Export anyway")
        if confirm.count():
            confirm.click()
    exported = tmp_path / "export.json"
    download.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "guidance-audit-export"

    page.evaluate("localStorage.clear()")  # as in another browser
    page.reload()
    page.locator("[data-gs=import]").set_input_files(str(exported))
    expect_text(page.locator("[data-gs=transfer-messages]"), "Imported 1 record")
    assert page.locator("fieldset.gs-item").first.locator("input[type=radio]").first.is_checked()


def expect_text(locator, text: str) -> None:
    from playwright.sync_api import expect

    expect(locator).to_contain_text(text)


@pytest.mark.browser
def test_the_matrix_filter_works_on_both_engines(engine_site, serve, watched_context, content):
    engine, site = engine_site
    page, base = open_site(watched_context, site, serve, "http")
    page.goto(base + page_url(MATRIX))
    area = content.areas[-1]
    page.locator("select[data-filter=area]").select_option(area.id)
    visible = page.locator("tr[data-recommendation]:visible")
    assert visible.count() == len(area.recommendations)
    assert set(visible.evaluate_all("rows => rows.map(r => r.dataset.area)")) == {area.id}


@pytest.mark.browser
def test_a_printed_record_carries_its_answers_on_both_engines(engine_site, serve, watched_context, tmp_path):
    engine, site = engine_site
    page, base = open_site(watched_context, site, serve, "http")
    page.goto(base + page_url(checklist_path("detention-of-children")))
    item = page.locator("fieldset.gs-item").first
    item.locator("input[type=radio]").first.check()
    item.locator("textarea[data-gs=note]").fill("Called at 14:05, within the hour")
    page.emulate_media(media="print")
    pdf = tmp_path / f"record-{engine}.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "Called at 14:05, within the hour" in text
    assert "Answer: Yes" in text
    assert "Search" not in text.split("\n", 3)[0]


# --- serving with Zensical ------------------------------------------------------------------------


def test_serve_with_zensical_follows_the_content_and_reports_bad_content(tmp_path, content_copy):
    import socket
    import time
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                      .replace("docs_dir: checklists/pages\n", f"docs_dir: {content_copy / 'pages'}\n")
                      .replace("content_dir: checklists", f"content_dir: {content_copy}"), encoding="utf-8")
    log = tmp_path / "serve.log"
    with open(log, "w", encoding="utf-8") as output:
        server = subprocess.Popen([sys.executable, "-m", "generator", "serve", "--engine", "zensical", "--config",
                                   str(config), "--dev-addr", f"127.0.0.1:{port}"], cwd=ROOT, stdout=output, stderr=output)
    page = f"http://127.0.0.1:{port}/glossary.html"

    def served(text: str, seconds: float = 60, present: bool = True) -> bool:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if (text in urllib.request.urlopen(page, timeout=5).read().decode("utf-8")) == present:
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    def index_abbreviated(also: str = "", seconds: float = 60) -> bool:
        # The glossary's abbreviations are added to the search index of every build Zensical makes, as to a built site's.
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                index = urllib.request.urlopen(f"http://127.0.0.1:{port}/search.json", timeout=5).read().decode("utf-8")
                if "appropriate adult (AA)" in index and also in index:
                    return True
            except OSError:
                pass
            time.sleep(0.5)
        return False

    try:
        assert served("Glossary"), log.read_text(encoding="utf-8")
        assert index_abbreviated(), log.read_text(encoding="utf-8")
        glossary = content_copy / "glossary.yml"
        original = glossary.read_text(encoding="utf-8")
        glossary.write_text(original.replace("Her Majesty", "Her Majesty (edited while serving)", 1),
                            encoding="utf-8")
        assert served("edited while serving"), log.read_text(encoding="utf-8")
        assert index_abbreviated("edited while serving"), "the index of Zensical's next build has them too"
        glossary.write_text(original + "\n  - term: [unclosed\n", encoding="utf-8")
        deadline = time.monotonic() + 30
        while "problem(s)" not in log.read_text(encoding="utf-8") and time.monotonic() < deadline:
            time.sleep(0.5)
        assert re.search(r"glossary\.yml:\d+:\d+", log.read_text(encoding="utf-8")), log.read_text(encoding="utf-8")
        assert served("edited while serving", 5)  # the last good site is still served
        glossary.write_text(original, encoding="utf-8")
        assert served("edited while serving", present=False), log.read_text(encoding="utf-8")
    finally:
        server.terminate()
        server.wait(timeout=20)
    # Zensical's own server went with ours: nothing is left listening.
    with socket.socket() as probe:
        assert probe.connect_ex(("127.0.0.1", port)) != 0, "Zensical's server outlived `guidance serve`"


@pytest.fixture(scope="module")
def zensical_instant_server(tmp_path_factory):
    """The shipped site built by Zensical with its site_url and served there, so it navigates instantly."""
    from conftest import _Server, _QuietHandler, LocalServer
    import functools
    import threading

    folder = tmp_path_factory.mktemp("zensical-instant")
    (folder / "site").mkdir()
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert "    - navigation.instant\n" in config
    config = config.replace("docs_dir: checklists/pages\n", f"docs_dir: {ROOT / 'checklists' / 'pages'}\nsite_url: {url}\n")
    config = config.replace("content_dir: checklists", f"content_dir: {ROOT / 'checklists'}")
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    build_with_zensical(folder / "mkdocs.yml", folder / "site", work_dir=folder / "work")
    yield LocalServer(folder / "site", url, server)
    server.shutdown()
    server.server_close()


@pytest.mark.browser
@pytest.mark.parametrize("engine", ENGINES)
def test_after_instant_navigation_our_scripts_run_on_the_new_page(engine, request, watched_context):
    server = request.getfixturevalue("instant_server" if engine == "mkdocs" else "zensical_instant_server")
    context, _ = watched_context(color_scheme="light", **DESKTOP)
    page = context.new_page()
    page.set_default_timeout(15_000)
    page.goto(server.url + "index.html")
    page.evaluate("window.stillTheSameDocument = true")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Self-audit checklists", exact=True).first.click()
    page.locator("article").get_by_role("link", name="A child in police detention", exact=True).first.click()
    audit = page.locator("form.gs-checklist [data-gs=audit]")
    audit.wait_for(state="visible")  # shown by checklist.js, which guidance.js adds for this page
    assert page.evaluate("window.stillTheSameDocument === true"), f"{engine}: the navigation was not instant"
    page.locator("fieldset.gs-item").first.locator("input[type=radio]").first.check()
    assert "1 of" in page.locator("[data-gs=status]").inner_text()


@pytest.mark.browser
def test_on_a_phone_the_menu_and_the_search_open_by_keyboard_on_both_engines(engine_site, serve, watched_context):
    """keyboard.js works on either engine's header: named buttons, Enter opens, Escape closes the menu."""
    from playwright.sync_api import expect

    engine, site = engine_site
    page, base = open_site(watched_context, site, serve, "http", PHONE)
    page.goto(base + page_url(guidance_path("children-in-detention")))
    menu = page.get_by_role("button", name="Menu", exact=True)
    for _ in range(3):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.getAttribute('aria-label') || ''") == "Menu":
            break
    expect(menu).to_be_focused()
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    page.keyboard.press("Escape")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(menu).to_be_focused()
    page.get_by_role("button", name="Search", exact=True).first.focus()
    page.keyboard.press("Enter")
    page.keyboard.type("appropriate adult")
    results = page.locator(".md-search-result__link" if engine == "mkdocs"
                           else "[role=listbox][aria-label='Search results'] a[role=option]")
    results.first.wait_for(timeout=30_000)
