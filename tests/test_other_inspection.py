"""A second, invented content set builds into its own site: the generator knows nothing of the shipped content.

tests/fixtures/other-inspection/ is a fictional inspection of custody welfare at a fictional
force. Built with the real MkDocs build, its pages carry its own titles, dates and figures,
and no generated page mentions the shipped force, areas, reports or case-audit figures.
"""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SHIPPED_CONTENT, build
from generator.content import load_content

OTHER = FIXTURES / "other-inspection"
SITE_TITLE = "Northmoor custody welfare handbook"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("other-inspection"), OTHER)


def hand_written_pages() -> set[str]:
    """Pages from docs/ (about the generator, the same on every site), as built."""
    docs = ROOT / "docs"
    return {path.relative_to(docs).with_suffix(".html").as_posix() for path in docs.rglob("*.md")}


def visible_text(page: Path) -> str:
    markup = page.read_text(encoding="utf-8")
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def generated_pages(site: Path) -> dict[str, str]:
    skip = hand_written_pages()
    return {page.relative_to(site).as_posix(): visible_text(page)
            for page in site.rglob("*.html") if page.relative_to(site).as_posix() not in skip}


def page_titled(site: Path, title: str) -> str:
    """The visible text of the one page whose <title> is 'title - site title'."""
    wanted = f"<title>{html.escape(title, quote=False)} - {SITE_TITLE}</title>"
    found = [page for page in site.rglob("*.html") if wanted in page.read_text(encoding="utf-8")]
    assert len(found) == 1, f"pages titled {title!r}: {found}"
    return visible_text(found[0])


def test_the_content_says_it_is_fictional():
    content = load_content(OTHER)
    assert "Fictional test content" in content.site.description
    assert content.site.force == "Northmoor Constabulary"


def test_its_pages_exist_with_its_own_titles(site):
    home = visible_text(site / "index.html")
    assert f"<title>{SITE_TITLE}</title>" in (site / "index.html").read_text(encoding="utf-8")
    assert "Fictional test content" in home
    assert "Moorland Inspectorate of Policing inspected Northmoor Constabulary" in home
    assert "3 recommendations in 2 areas" in home
    for title in ("Welfare checks in the cell block", "Planning a safe release", "Rousing checks, step by step",
                  "Cell visit records", "Glossary", "Detention officers", "Custody healthcare practitioners",
                  "Duty inspectors", "Recommendation WC1", "Recommendation WC2", "Recommendation SR1",
                  "Where audit answers are kept"):  # the auditors' page is in every force's site
        assert title in page_titled(site, title)


def test_due_dates_count_from_its_own_publication_date(site):
    # Published 15 March 2024: six weeks, three months and twelve months on.
    for recommendation, timescale, due in (("WC1", "within 6 weeks", "26 April 2024"),
                                           ("WC2", "within three months", "15 June 2024"),
                                           ("SR1", "within twelve months", "15 March 2025")):
        text = page_titled(site, f"Recommendation {recommendation}")
        assert f"Timescale: {timescale}" in text
        assert f"Due: {due}" in text
        assert "15 March 2024" in text


def test_its_own_answer_scale_glossary_and_case_audit_are_used(site):
    checklist = page_titled(site, "Cell visit records")
    assert "Met Partly met Not met Not seen in the record" in checklist
    assert "Yes No Not applicable" in checklist  # the one item on the built-in scale
    glossary = page_titled(site, "Glossary")
    for term, meaning in (("RCL", "rousing check log"), ("PRP", "pre-release plan"), ("MIP", "Moorland Inspectorate")):
        assert f"{term} {meaning}" in glossary
    audits = page_titled(site, "Case-audit results")
    assert "40 cases assessed, 37 rated, 3 assessed but not rated" in audits


def test_no_generated_page_mentions_the_shipped_content(site):
    shipped = load_content(SHIPPED_CONTENT)
    names = {shipped.site.title, shipped.site.force, "Leicestershire", "HMICFRS", "HMIC", "children", "child protection"}
    names |= {area.title for area in shipped.areas}
    names |= {report.title for report in shipped.reports} | {report.inspectorate for report in shipped.reports}
    names |= {audit.title for audit in shipped.case_audits} | {review.title for review in shipped.reviews}
    figures = {str(audit.assessed) for audit in shipped.case_audits}
    figures |= {str(count) for audit in shipped.case_audits for _, count in audit.ratings if count >= 10}
    figure = re.compile(r"(?<![\d.])(" + "|".join(sorted(figures)) + r")(?![\d.])")

    pages = generated_pages(site)
    assert len(pages) > 15
    for path, text in pages.items():
        for name in names:
            assert name.lower() not in text.lower(), f"{path} mentions {name!r}"
    audits = page_titled(site, "Case-audit results")
    assert "Custody record audit, November 2023" in audits
    assert not figure.search(audits), f"a shipped case-audit figure on the case audit page: {figure.search(audits)}"

    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    skip = hand_written_pages()
    for entry in index["docs"]:
        if entry["location"].split("#")[0] in skip:
            continue
        for name in ("Leicestershire", shipped.site.force, *(area.title for area in shipped.areas)):
            assert name.lower() not in (entry["title"] + " " + entry["text"]).lower(), entry["location"]


def test_the_site_title_from_the_content_is_shown_as_text(tmp_path):
    """The header takes the title from site.yml, which training leads edit: markup in it is text."""
    content = tmp_path / "content"
    shutil.copytree(OTHER, content)
    site_file = content / "site.yml"
    site_file.write_text(site_file.read_text(encoding="utf-8").replace(
        f"title: {SITE_TITLE}", "title: 'Rota <b>bold</b> & \"quoted\" <script>alert(1)</script>'"), encoding="utf-8")
    built = build(tmp_path, content)
    home = (built / "index.html").read_text(encoding="utf-8")
    assert "<title>Rota &lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34; &lt;script&gt;" in home
    assert 'title="Rota &lt;b&gt;bold&lt;/b&gt; &amp; &#34;quoted&#34;' in home  # escaped once, not twice
    for page in built.rglob("*.html"):
        markup = page.read_text(encoding="utf-8")
        assert "<b>bold</b>" not in markup and "<script>alert" not in markup and "&amp;lt;" not in markup, page
