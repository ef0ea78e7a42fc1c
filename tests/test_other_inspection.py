"""A second, invented content set builds into its own site: the generator knows nothing of the shipped content.

tests/fixtures/other-inspection/ is a fictional inspection of custody welfare at a fictional
force, in its own words: its own status scale (complete / awaiting review / being progressed /
not started), a five-point grading scale, a force self-assessment, and a five-option case audit.
Built with the real MkDocs build, its pages carry its own titles, dates, figures and words, and no
generated page mentions the shipped force, its units and systems, areas, reports, statuses or
case-audit figures.
"""
from __future__ import annotations

import html
import json
import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SHIPPED_CONTENT, build
from generator.content import load_content
from generator.render.site import plan_site

OTHER = FIXTURES / "other-inspection"
SITE_TITLE = "Northmoor custody welfare handbook"


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("other-inspection"), OTHER)


def hand_written_pages() -> set[str]:
    """The other inspection's content has no pages/ folder: its site has no hand-written page (none of
    the shipped content's, none of docs/, which is for editors and developers and never built)."""
    return set()


def test_a_content_folder_without_pages_gives_a_site_of_generated_pages_only(site):
    built = {page.relative_to(site).with_suffix(".md").as_posix() for page in site.rglob("*.html")}
    generated = {page.path for page in plan_site(load_content(OTHER), date(2026, 1, 1)).pages}
    assert built - generated == {"404.md"}


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
    # The five-option audit: every option counted, "Adequate" with a colour of its own.
    assert "24 cases assessed, 22 rated, 2 assessed but not rated" in audits
    assert "Excellent 2 8.3% 9.1% Good 7 29.2% 31.8% Adequate 8 33.3% 36.4% Poor 4 16.7% 18.2% Unsafe 1 4.2% 4.5%" in audits
    assert "Assessed but not rated 2 8.3% not part of this share" in audits
    markup = (site / "progress" / "case-audits.html").read_text(encoding="utf-8")
    fills = re.findall(r'<rect class="gs-chart__bar (gs-tone--[0-9a-f]{6})"', markup)
    assert len(fills) == 4 + 6 and len(set(fills[4:9])) == 5, fills  # 3 ratings + not rated; 5 ratings + not rated


def test_its_own_status_scale_is_used_everywhere(site):
    matrix = page_titled(site, "Progress matrix")
    # The summary's columns, in the scale's order (most progress first), and the filter's options.
    assert "Area ✔ Complete ◷ Awaiting review ➜ Being progressed Total Overdue" in matrix
    assert "Any status Overdue Complete Awaiting review Being progressed Order" in matrix
    assert ("✔ Complete (the inspectorate is satisfied the work is done) ◷ Awaiting review (the force says it is done; "
            "the inspectorate has yet to check) ➜ Being progressed (work has started and is not finished) "
            "○ Not started (no work on it yet)") in matrix
    assert "its latest status is not ✔ Complete ." in matrix
    # WC2: overdue, its status now the force's own update since the revisit.
    wc2 = page_titled(site, "Recommendation WC2")
    assert "Status now: ◷ Awaiting review (force's self-assessment) · ⚠ Overdue" in wc2
    assert "Overdue at January 2025 : it was due by 15 June 2024, and its status now is Awaiting review, not ✔ Complete" in wc2
    assert "Status: ➜ Being progressed (given by the inspectorate)" in wc2
    assert "WC2.a ✔ Complete WC2.b ○ Not started" in wc2
    assert ("Updates between reviews December 2024 : ◷ Awaiting review (force's self-assessment) "
            "The force reports that supervisors now sign the log at every handover.") in wc2
    assert "Updates between reviews" not in page_titled(site, "Recommendation WC1")
    area = page_titled(site, "Welfare checks in the cell block")
    assert "latest status: ◷ Awaiting review (force's self-assessment) · ⚠ Overdue" in area
    home = visible_text(site / "index.html")
    assert "⚠ 1 of 3 recommendations overdue at January 2025 : past their due date, and not ✔ Complete ." in home
    assert "WC2: ◷ Awaiting review (force's self-assessment) ⚠ Overdue" in home
    # The shipped words for statuses appear nowhere: the site speaks its own.
    for path, text in generated_pages(site).items():
        for word in ("Achieved", "Partially achieved", "In progress", "Too early to say", "Not assessed"):
            assert not re.search(rf"\b{word}\b", text), f"{path} says {word!r}"


def test_who_assessed_is_said_in_words(site):
    wc1 = page_titled(site, "Recommendation WC1")
    assert "Force self-assessment, June 2024 Status: ✔ Complete (the force's own assessment of its progress)" in wc1
    assert "Inspectorate revisit, October 2024 Status: ✔ Complete (given by the inspectorate)" in wc1
    sr1 = page_titled(site, "Recommendation SR1")
    assert "Status: ➜ Being progressed (this site's reading of the findings: no formal grade was given)" in sr1
    matrix = page_titled(site, "Progress matrix")
    assert "✔ Complete (force's self-assessment) : Force self-assessment finding on WC1" in matrix
    assert "➜ Being progressed (our reading) : Inspectorate revisit finding on SR1" in matrix
    review = page_titled(site, "About the review")
    assert "Force self-assessment June 2024 Northmoor Constabulary The force's own assessment of its progress" in review


def test_its_grades_are_shown_on_area_pages_the_matrix_and_the_home_page(site):
    area = page_titled(site, "Welfare checks in the cell block")
    assert ("Grade (Moorland five-point scale): at the inspection, Inadequate ; at the force self-assessment (June 2024), "
            "Requires improvement (force's self-assessment) ; at the inspectorate revisit (October 2024), Adequate "
            "(inspectorate's grade) .") in area
    matrix = page_titled(site, "Progress matrix")
    assert ("The whole inspection Requires improvement Not graded Adequate "
            "Welfare checks in the cell block Inadequate Requires improvement Adequate "
            "Planning a safe release Requires improvement Not graded Requires improvement") in matrix
    home = visible_text(site / "index.html")
    assert ("Grade of the whole inspection (Moorland five-point scale): at the inspection, Requires improvement ; "
            "at the inspectorate revisit (October 2024), Adequate (inspectorate's grade) .") in home
    assert "Welfare checks in the cell block Latest grade: Adequate WC1" in home


def test_no_generated_page_mentions_the_shipped_content(site):
    shipped = load_content(SHIPPED_CONTENT)
    names = {shipped.site.title, shipped.site.force, "Leicestershire", "HMICFRS", "HMIC", "children", "child protection"}
    # The shipped force's units and systems, as its glossary names them.
    words = {"CMD", "CAIU", "NIU", "CRT", "DAIU", "MASH", "TABS", "Niche", "Genie", "Modus", "contact management department"}
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
        for word in words:
            # An acronym is the shipped force's name for a unit or system only in capitals ("TABS", not "tabs").
            flags = 0 if word.isupper() else re.I
            assert not re.search(rf"\b{re.escape(word)}\b", text, flags), f"{path} mentions {word!r}"
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


def test_the_matrix_as_csv_speaks_its_own_words(site):
    import csv
    import io

    matrix = (site / "progress" / "matrix.html").read_text(encoding="utf-8")
    assert 'href="matrix.csv" download' in matrix
    rows = list(csv.DictReader(io.StringIO((site / "progress" / "matrix.csv").read_text(encoding="utf-8-sig"))))
    assert [row["recommendation"] for row in rows] == ["WC1", "WC2", "SR1"]
    wc2 = rows[1]
    assert (wc2["area"], wc2["due"]) == ("Welfare checks in the cell block", "2024-06-15")
    assert wc2["Force self-assessment (June 2024)"] == ""
    assert (wc2["Inspectorate revisit (October 2024)"], wc2["Inspectorate revisit: given by"]) == ("Being progressed", "inspectorate's grade")
    assert (wc2["status now"], wc2["status now: id"], wc2["status now: given by"]) == ("Awaiting review", "awaiting-review", "force's self-assessment")
    assert [row["overdue at January 2025"] for row in rows] == ["no", "yes", "no"]
    assert rows[0]["Force self-assessment: given by"] == "force's self-assessment"
    assert rows[2]["Inspectorate revisit: given by"] == "our reading"
