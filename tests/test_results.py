"""The results pages, read from the built HTML: case-audit figures from site.yml, and audit
exports counted at build time from the folder the plugin option audits_dir names."""
from __future__ import annotations

import html
import logging
import re
import shutil
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, ROOT, SHIPPED_CONTENT, build
from generator.audits.exports import display_names
from generator.render.site import AUDIT_RESULTS, CASE_AUDITS, page_url
from linkcheck import BuiltSite

GOOD = FIXTURES / "audits" / "good"
BAD = FIXTURES / "audits" / "bad"


def config_with_audits(folder: Path, audits_dir: Path) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "checklists" / "pages")
    config["plugins"] = ["search", {"guidance": {"content_dir": str(SHIPPED_CONTENT), "audits_dir": str(audits_dir)}}]
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """The shipped content with the 32 good exports and every bad one in its audits folder."""
    folder = tmp_path_factory.mktemp("results")
    audits = folder / "audits"
    shutil.copytree(GOOD, audits)
    for bad in BAD.iterdir():
        shutil.copy(bad, audits / bad.name)
    handler = _Collect()
    logger = logging.getLogger("mkdocs.plugins.guidance")
    logger.addHandler(handler)
    try:
        site = build(folder, SHIPPED_CONTENT, config_with_audits(folder, audits))
    finally:
        logger.removeHandler(handler)
    return BuiltSite(site), handler.messages


class _Collect(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.messages: list[str] = []

    def emit(self, record):
        self.messages.append(record.getMessage())


def table_rows(html: str, table_id: str) -> dict[str, list[str]]:
    """Row heading -> the words of each cell, for the table with this id."""
    table = re.search(rf'<table[^>]* id="{re.escape(table_id)}".*?</table>', html, re.S)
    assert table, f"no table {table_id}"
    rows = {}
    for row in re.findall(r"<tr[^>]*>(.*?)</tr>", table[0], re.S):
        heading = re.search(r'<th scope="row">(.*?)</th>', row, re.S)
        if heading:
            cells = re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)
            rows[_words(heading[1])] = [_words(cell) for cell in cells]
    return rows


def share(count: int, of: int) -> str:
    """The page's rounding, stated independently: half up (31.25 is 31.3), one decimal place."""
    return f"{(Decimal(100 * count) / Decimal(of)).quantize(Decimal('0.1'), ROUND_HALF_UP)}%"


def _words(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split())


# --- audit exports -----------------------------------------------------------------------------------


def test_the_results_page_shows_seventeen_ten_and_five_of_thirty_two_with_percentages(built):
    site, _ = built
    page = site.page(page_url(AUDIT_RESULTS))
    rows = table_rows(page.html, "ratings-case-file-quality")
    # Rating: records, share of the 32 records, share of the 32 rated.
    assert rows["Good"] == ["17", "53.1%", "53.1%"]
    assert rows["Requires improvement"] == ["10", "31.3%", "31.3%"]
    assert rows["Inadequate"] == ["5", "15.6%", "15.6%"]
    # The force's own records not rated are records not finished, not "cases assessed" (the walk of 2 December).
    assert rows["Not yet rated (unfinished)"] == ["0", "0.0%", "not part of this share"]
    assert rows["All records"] == ["32", "100.0%", "32 rated"]
    assert "Share of the 32 records" in page.text_of("ratings-case-file-quality")
    assert "32 records from 2 files, for 1 checklist. Each checklist is counted apart" in page.text_of("audits-summary")
    assert table_rows(page.html, "audits-by-checklist") == {
        "Overall quality of a child protection case file": ["32", "32", "32"]}


def test_ratings_of_different_checklists_are_never_added_together_nor_set_beside_the_inspectorates(tmp_path, content):
    # Audit results added a detention checklist's ratings (its own rule: any critical "No" is Inadequate) to the
    # case-file grades, in one column beside the inspectorate's case file audits.
    from generator.audits.aggregate import read_audits
    from generator.render.progress import audit_results_values

    detention = next(c for c in content.checklists if c.id == "detention-of-children")
    answers = {item.id: {"answer": "no", "note": "", "reason": "", "item_hash": item.content_hash,
                         "updated": "2026-01-10T10:00:00.000Z"} for item in detention.items()}
    record = {"id": "r-d1", "label": "x", "created": "2026-01-10T10:00:00.000Z", "updated": "2026-01-10T10:00:00.000Z",
              "answers": answers, "removed_items": {},
              "rating": {"id": "inadequate", "label": "Inadequate", "explain": "A critical step was not taken."},
              "progress": {"answered": 10, "applicable": 10, "total": 10}}
    export = {"format": "guidance-audit-export", "format_version": 1, "exported_at": "2026-01-31T17:00:00.000Z",
              "checklist": {"id": detention.id, "version": detention.version, "title": detention.title},
              "records": [record]}
    shutil.copytree(GOOD, tmp_path, dirs_exist_ok=True)
    (tmp_path / "detention.json").write_text(__import__("json").dumps(export), encoding="utf-8")
    values = audit_results_values(content, read_audits(tmp_path, content), lambda *a: "")
    assert values["comparisons"]["detention-of-children"] == [], "a rule's rating is not an inspection grade"
    [(item_result, comparison)] = values["comparisons"]["case-file-quality"]
    assert item_result.item.id == "overall"
    ours = comparison.columns[-1][1]
    assert (ours.count_of("good"), ours.count_of("requires-improvement"), ours.count_of("inadequate")) == (17, 10, 5), \
        "only the case-file checklist's overall grades, not the detention record's Inadequate"


def test_each_file_not_counted_is_named_with_its_reason_on_the_page_and_in_the_build_log(built):
    site, log = built
    page = site.page(page_url(AUDIT_RESULTS))
    reasons = {
        "malformed.json": "not valid JSON", "foreign-checklist.json": "which this site does not have",
        "newer-format.json": "format version 3, newer than this generator reads",
        "not-an-export.json": "not an audit export", "impossible-answer.json": "'excellent' is not an answer",
    }
    # On the page by number, in the folder's name order; in the build's log by name too, beside the number.
    shown = display_names(sorted(path.name for path in [*GOOD.glob("*.json"), *BAD.glob("*.json")]))
    listed = dict(re.findall(r'<li data-file="([^"]+)">File \d+: (.*?)</li>', page.html))
    assert set(listed) == {shown[name] for name in reasons}
    for name, words in reasons.items():
        assert words in html.unescape(listed[shown[name]])
        assert any(f"/{name} ({shown[name]} on the site): " in message and words in message and "(file skipped)" in message
                   for message in log)
        assert name not in page.html
    assert "5 files in" in page.text and "could not be counted; the other files still are" in page.text


def test_the_records_are_laid_out_beside_the_inspectorates_audits_on_the_same_scale(built, content):
    site, _ = built
    page = site.page(page_url(AUDIT_RESULTS))
    rows = table_rows(page.html, "comparison-case-file-quality-overall")
    audits = [audit for audit in content.case_audits if audit.scale == "grade"]
    assert audits, "the shipped content has case audits on the grade scale"
    for audit in audits:
        assert audit.title in page.text_of("comparison-case-file-quality-overall")
    good = dict(audits[0].ratings)["good"]
    assert rows["Good"][:2] == [str(good), share(good, audits[0].assessed)]
    assert rows["Good"][-2:] == ["17", "53.1%"]
    overall = next(i for c in content.checklists if c.id == "case-file-quality" for i in c.items() if i.id == "overall")
    assert f"Item {overall.number} beside the inspectorate's audits" in page.text


def test_each_item_and_each_record_of_the_checklist_is_listed(built, content):
    site, _ = built
    page = site.page(page_url(AUDIT_RESULTS))
    checklist = next(c for c in content.checklists if c.id == "case-file-quality")
    items = table_rows(page.html, "items-case-file-quality-grade")
    for item in checklist.items():
        [cells] = [cells for heading, cells in items.items() if heading.startswith(item.number + " ")]  # as people know it
        assert cells == ["17 (53.1%)", "10 (31.3%)", "5 (15.6%)", "32", "0", "0"]
    records = table_rows(page.html, "records-case-file-quality")
    assert len(records) == 32
    # Numbered in file order, never named by label ("Case 01" is the first record of team-a.json).
    shown = display_names(sorted(path.name for path in [*GOOD.glob("*.json"), *BAD.glob("*.json")]))
    assert records["Record 1"] == [shown["team-a.json"], "10 January 2026, 10:01 UTC", "9 of 9 applicable", "Good"]
    assert list(records)[:3] == ["Record 1", "Record 2", "Record 3"] and "Record 32" in records
    assert "Case 01" not in page.html


def test_an_empty_audits_folder_gives_a_page_saying_how_to_add_exports(tmp_path):
    audits = tmp_path / "audits"
    audits.mkdir()
    (audits / "README.md").write_text("Exports go here.\n", encoding="utf-8")
    site = BuiltSite(build(tmp_path, SHIPPED_CONTENT, config_with_audits(tmp_path, audits)))
    page = site.page(page_url(AUDIT_RESULTS))
    assert "No audit results yet: no exported audit records were in" in page.text
    assert "show here once their records are exported for counting and the site is built again" in page.text
    assert "Files not counted" not in page.text
    # The page's one fact comes first; how records come here, after it (a leader read three paragraphs of it first).
    assert page.text.index("No audit results yet") < page.text.index("How records come here Auditors export") < page.text.index("Auditors export their records")


def test_what_the_audits_found_comes_before_how_records_come_here(built):
    site, _ = built
    page = site.page(page_url(AUDIT_RESULTS))
    assert page.text.index("32 records from 2 files") < page.text.index("How records come here Auditors export") \
        < page.text.index("Only counts and ratings are shown")
    assert page.links_to(page_url(AUDIT_RESULTS), "how-records-come-here"), "the lead says where to read how"


# --- the inspectorate's case audits, from site.yml -------------------------------------------------------


def test_case_audit_figures_come_from_the_yaml_with_denominators_and_unrated_cases_shown(built, content):
    site, _ = built
    page = site.page(page_url(CASE_AUDITS))
    source = yaml.safe_load((SHIPPED_CONTENT / "site.yml").read_text(encoding="utf-8"))["case_audits"]
    labels = {option.id: option.label for option in content.scales["grade"].options}
    for audit in source:
        rows = table_rows(page.html, f"audit-{audit['id']}")
        rated = sum(audit["ratings"].values())
        for rating, count in audit["ratings"].items():
            assert rows[labels[rating]][:2] == [str(count), share(count, audit["assessed"])]
            assert rows[labels[rating]][2] == share(count, rated)
        not_rated = audit["assessed"] - rated
        assert rows["Assessed but not rated"][:2] == [str(not_rated), share(not_rated, audit["assessed"])]
        assert rows["All assessed"] == [str(audit["assessed"]), "100.0%", f"{rated} rated"]
    # The January 2017 audit: 85 assessed, of which 75 were rated.
    assert "85 cases assessed, 75 rated, 10 assessed but not rated." in page.text


def test_about_the_review_gives_the_same_shares_as_the_case_audit_page(built, content):
    # About the review printed 10 of 32 as 31.2% (Python's "%.1f", which rounds 31.25 to even); the case-audit
    # page, rounding half up, printed 31.3% for the same figure.
    from generator.render.site import REVIEW

    site, _ = built
    review, audits = site.page(page_url(REVIEW)), site.page(page_url(CASE_AUDITS))
    for audit in content.case_audits:
        on_review = table_rows(review.html, f"audit-{audit.id}")
        on_audits = table_rows(audits.html, f"audit-{audit.id}")
        for rating, cells in on_review.items():
            assert cells[:2] == on_audits[rating][:2], f"{audit.id}, {rating}"
    assert table_rows(review.html, "audit-review-2017-audit")["Requires improvement"] == ["10", "31.3%"]


def test_the_case_audit_page_says_how_percentages_are_rounded(built):
    site, _ = built
    page = site.page(page_url(CASE_AUDITS))
    assert "Percentages are worked out here from the counts and rounded half up to one decimal place" in page.text
    assert "seem to have been cut down to the whole number below" in page.text  # the content's own note
    assert page.html.count('<svg class="gs-chart__svg"') == 2


def test_the_plugin_reads_audits_dir_relative_to_mkdocs_yml_and_serve_watches_it(tmp_path):
    from mkdocs.config import load_config

    audits = tmp_path / "audits"
    shutil.copytree(GOOD, audits)
    config = load_config(str(config_with_audits(tmp_path, Path("audits"))))
    plugin = config.plugins["guidance"]
    config = plugin.on_config(config)
    assert plugin.audits_dir == audits.resolve()
    assert str(audits.resolve()) in [str(path) for path in config.watch]  # `mkdocs serve` rebuilds when a file arrives
    page = next(page for page in plugin.plan.pages if page.path == AUDIT_RESULTS)
    assert "32 records from 2 files" in page.markdown


# --- on a phone --------------------------------------------------------------------------------------


def test_on_a_phone_each_item_reads_as_a_block_and_a_wide_table_shows_it_goes_on(built, serve, watched_context):
    # At 390 px the answers per item were a table cut off at the screen's edge, with nothing saying it went on.
    from playwright.sync_api import expect

    from conftest import PHONE, assert_accessible

    site, _ = built
    context, _ = watched_context(**PHONE)
    page = context.new_page()
    page.goto(serve(site.folder).url + page_url(AUDIT_RESULTS))
    items = page.locator("table.gs-audit-items").first
    expect(items).to_be_visible()
    box = items.locator("xpath=..")
    assert box.evaluate("box => box.scrollWidth <= box.clientWidth"), "the items' table fits the screen"
    cell = items.locator("td[data-option]").first
    name = cell.evaluate("cell => getComputedStyle(cell, '::before').content")
    assert name.startswith('"Good"'), f"each count is shown beside its column's name, not {name}"
    assert cell.evaluate("cell => cell.getBoundingClientRect().width") > 300, "a count takes the line, beside its name"
    # A table still wider than the screen (the comparison with the inspectorate's audits) has a shadow at its
    # right edge, where it goes on, and none at its left until scrolled.
    wide = page.locator(".gs-table-scroll:has(> .gs-comparison)").first
    assert wide.evaluate("box => box.scrollWidth > box.clientWidth")
    assert "radial-gradient" in wide.evaluate("box => getComputedStyle(box).backgroundImage")
    assert_accessible(page, "audit results on a phone")
