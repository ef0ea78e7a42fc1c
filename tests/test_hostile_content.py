"""Content is pasted from anywhere: no text in the YAML may run as code or fetch from outside.

Policy (docs/security.md): content Markdown is rendered with raw HTML shown as text; link
addresses other than http(s), mailto, relative and #anchors are dropped; images only from
the site itself; every page carries a Content-Security-Policy allowing only the site.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import build

PAYLOADS = yaml.safe_load((Path(__file__).parent / "hostile" / "payloads.yml").read_text(encoding="utf-8"))


def _for(kind: str) -> list[str]:
    return [payload["text"] for payload in PAYLOADS if kind in payload.get("in", ["text"])]


CORPUS = "\n\n".join(_for("text"))
TITLE_PAYLOAD = "".join(_for("title")) + " Hostile title"
TOOLTIP_PAYLOADS = _for("tooltip")


def _poison(content_dir: Path) -> None:
    """Put the corpus into Markdown fields and a payload into plain titles, across kinds of file."""
    def edit(relative: str, change) -> None:
        path = content_dir / relative
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        change(data)
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")

    def area(data):
        data["title"] = TITLE_PAYLOAD
        data["summary"] = CORPUS
        recommendation = data["recommendations"][0]
        recommendation["text"] = CORPUS
        finding = next(iter(recommendation["findings"].values()))
        finding["summary"] = CORPUS
        finding.setdefault("evidence", []).append(CORPUS)

    def guidance(data):
        data["title"] = TITLE_PAYLOAD
        data["sections"][0]["title"] = TITLE_PAYLOAD
        data["sections"][0]["points"][0]["text"] = CORPUS
        data["sections"][0]["points"][0]["legal"] = [TITLE_PAYLOAD]

    def checklist(data):
        data["title"] = TITLE_PAYLOAD
        data["description"] = CORPUS
        item = data["sections"][0]["items"][0]
        item["text"] = CORPUS
        item["help"] = CORPUS

    def glossary(data):
        for term, payload in zip(data["terms"], TOOLTIP_PAYLOADS):
            term["meaning"] = payload

    def site(data):
        data["site"]["description"] = CORPUS
        data["audiences"][0]["title"] = TITLE_PAYLOAD

    edit("areas/police-detention.yml", area)
    edit("guidance/children-in-detention.yml", guidance)
    edit("self-audit/detention-of-children.yml", checklist)
    edit("glossary.yml", glossary)
    edit("site.yml", site)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory) -> Path:
    import shutil
    from conftest import SHIPPED_CONTENT

    tmp = tmp_path_factory.mktemp("hostile")
    content = tmp / "checklists"
    shutil.copytree(SHIPPED_CONTENT, content)
    _poison(content)
    return build(tmp, content)


HOSTILE_PAGES = [
    "index.html",
    "areas/police-detention/index.html",
    "areas/police-detention/pd1.html",
    "guidance/children-in-detention.html",
    "self-audit/detention-of-children.html",
    "roles/index.html",
    "glossary.html",
]


def _pages(site: Path):
    return sorted(site.rglob("*.html"))


def test_no_content_script_tag_event_handler_or_script_url_reaches_the_html(hostile_site):
    for page in _pages(hostile_site):
        # Inside <title> only "</title>" is markup; the scans below must not flag the rest of its text.
        html = re.sub(r"<title>.*?</title>", "<title></title>", page.read_text(encoding="utf-8"), flags=re.S)
        assert not re.search(r"<script[^>]*>[^<]*alert\(", html), f"script from content in {page}"
        assert not re.search(r"<(img|svg|iframe|style|a)\b[^>]*\bon[a-z]+=", html, re.I), f"event handler in {page}"
        assert not re.search(r"<(iframe|style)\b", html.split("</head>", 1)[-1], re.I), f"iframe/style from content in {page}"
        assert not re.search(r"<[a-z][^>]*\s(href|src)=\"\s*(javascript|data):", html, re.I), f"script or data URL in {page}"
        assert not re.search(r"<img[^>]+src=\"https?://", html), f"remote image in {page}"


def test_hostile_text_is_shown_as_text(hostile_site):
    html = (hostile_site / "areas/police-detention/pd1.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(&#39;xss-script&#39;)&lt;/script&gt;" in html or \
        "&lt;script&gt;alert('xss-script')&lt;/script&gt;" in html
    assert "{{ 7 * 7 }}" in html, "template syntax in content must not be evaluated"
    nav_page = (hostile_site / "index.html").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(" in nav_page, "titles in the navigation are escaped"


@pytest.mark.parametrize("path", HOSTILE_PAGES)
def test_no_payload_runs_in_the_browser(hostile_site, serve, page, path):
    server = serve(hostile_site)
    page.goto(server.url + path)
    page.wait_for_load_state("load")
    page.mouse.move(10, 10)
    # Explanations of abbreviations (some meanings are payloads) open on pointing.
    if page.locator("article abbr").count():
        page.wait_for_function("() => document.documentElement.hasAttribute('data-gs-explain')")  # explain.js ran
    for abbreviation in page.locator("article abbr:visible").all()[:6]:  # not those in a closed <details>
        meaning = abbreviation.get_attribute("title")
        abbreviation.hover()
        explanation = page.get_by_role("tooltip")
        expect(explanation).to_have_text(meaning)
        assert explanation.evaluate("el => el.children.length") == 0, "an explanation holds only text"
    assert page.locator("article b, article img[src=x], a[href*='tracker.example']").count() == 0
    for link in page.locator("article a").all()[:40]:
        href = link.get_attribute("href") or ""
        assert not href.lower().strip().startswith(("javascript:", "data:"))
    assert page.watch.dialogs == [], f"a payload opened a dialog: {page.watch.dialogs}"
    # The `page` fixture also fails the test on any outside request or console error (a CSP
    # violation report is a console error: nothing from content may even try).
