"""Nothing people typed into an audit record reaches the built site or the aggregate CSV (issue 11).

Exports of every kind (format version 1, version 2 for moving records, version 2 for aggregation)
are written full of case references, names, notes, reasons and record details, put in audits/, and
the site is built. Then every file of the site (pages, search index, sitemap, scripts) is searched
for each of those texts, raw and as HTML, JSON or a URL would write them. The records must still be
counted, numbered Record 1, 2, ..., and files whose names look like case data named File N.
"""
from __future__ import annotations

import html
import io
import json
import urllib.parse
from pathlib import Path

import pytest

from conftest import SHIPPED_CONTENT, build
from generator.audits.aggregate import read_audits, write_csv
from generator.audits.exports import FORMAT, display_names, parse
from generator.render.site import AUDIT_RESULTS, page_url
from linkcheck import BuiltSite
from test_results import config_with_audits

# Texts of the kinds auditors type: each must appear nowhere in the site.
SECRETS = {
    "label": "CUST/2026/0142",
    "label-name": "Baby P Doe-Smithson",
    "second-label": "Crime 44/123456/26",
    "auditor": "DS Ingrid Kowalczyk",
    "case-reference": "LC/2025/77812",
    "supervisor": "Insp Rafferty Quayle",
    "supervisor-comment": "Spoke to Rafferty about the strategy discussion",
    "team": "Juniper Street CAIU",
    "note": "Mother Mrs Ottoline Brackenbury disclosed at 14 Elm Road LE1 5QQ",
    "reason": "Child aged 9 months, seen by Dr Pemberton-Vaux",
    "record-id": "r-CUST-2026-0999-Brackenbury",
    "export-title": "Checklist title typed by Quentin Arbuthnot",
    "rating-explain": "Rated so because Yusuf Okonkwo-Blair said so",
    "unknown-detail": "A detail the site does not know: Tamsin Fairweather-Lowe",
}
PERSONAL_FILE_NAMES = ["CUST-2026-0142.json", "Mrs Brackenbury.json", "LP-17-004512.json"]


def _checklist(content, checklist_id):
    return next(c for c in content.checklists if c.id == checklist_id)


def _answers(checklist, content, full: bool) -> dict:
    """Every item answered with its scale's first option; a note and reason on each when full."""
    answers = {}
    for item in checklist.items():
        entry = {"answer": content.scale_of(item).options[0].id, "item_hash": item.content_hash,
                 "updated": "2026-02-02T10:00:00.000+00:00"}
        if full:
            entry.update(note=SECRETS["note"], reason=SECRETS["reason"])
        else:
            entry["reason_given"] = True
        answers[item.id] = entry
    return answers


def _record(checklist, content, number: int, full: bool) -> dict:
    details = {"auditor": SECRETS["auditor"], "case-reference": SECRETS["case-reference"],
               "supervisor-name": SECRETS["supervisor"], "supervisor-comment": SECRETS["supervisor-comment"],
               "team": SECRETS["team"], "mystery": SECRETS["unknown-detail"], "date-of-audit": "2026-02-01"}
    return {
        "id": f"{SECRETS['record-id']}-{number}" if full else f"r-agg-{number}",
        "label": (SECRETS["label"] if number == 1 else SECRETS["label-name"] if number == 2 else SECRETS["second-label"])
        if full else None,
        "created": "2026-02-01T09:00:00.000+00:00", "updated": "2026-02-02T10:00:00.000+00:00",
        "details": details if full else {"date-of-audit": "2026-02-01", "team": SECRETS["team"]},
        "answers": _answers(checklist, content, full),
        "removed_items": {"an-old-item": {"answer": "yes", "note": SECRETS["note"], "reason": "", "item_hash": "0"}}
        if full else {},
        "rating": {"id": "good", "label": SECRETS["label"], "explain": SECRETS["rating-explain"]},
        "progress": {"answered": 1, "applicable": 1, "total": 1},
    }


def _part(checklist, content, full: bool, count: int = 3) -> dict:
    return {"checklist": {"id": checklist.id, "version": checklist.version, "title": SECRETS["export-title"]},
            "records": [_record(checklist, content, n, full) for n in range(1, count + 1)]}


def write_exports(audits: Path, content) -> None:
    audits.mkdir(parents=True, exist_ok=True)
    quality, detention = _checklist(content, "case-file-quality"), _checklist(content, "detention-of-children")
    version_1 = {"format": FORMAT, "format_version": 1, "exported_at": "2026-02-02T10:00:00.000Z",
                 **_part(quality, content, full=True)}
    transfer = {"format": FORMAT, "format_version": 2, "purpose": "transfer",
                "exported_at": "2026-02-02T11:00:00.000+00:00",
                "checklists": [_part(detention, content, full=True)]}
    aggregation = {"format": FORMAT, "format_version": 2, "purpose": "aggregation",
                   "exported_at": "2026-02-02T12:00:00.000+01:00",
                   "checklists": [_part(quality, content, full=False), _part(detention, content, full=False)]}
    # An aggregation export that still holds what a hand edit (or an older page) left in: counted, never shown.
    leaky = json.loads(json.dumps(aggregation))
    for part in leaky["checklists"]:
        for number, record in enumerate(part["records"], start=10):
            record.update(id=f"r-leaky-{number}", label=SECRETS["label"], details=_record(quality, content, 1, True)["details"])
    (audits / "team-v1.json").write_text(json.dumps(version_1), encoding="utf-8")
    (audits / PERSONAL_FILE_NAMES[0]).write_text(json.dumps(transfer), encoding="utf-8")
    (audits / "team-aggregation.json").write_text(json.dumps(aggregation), encoding="utf-8")
    (audits / PERSONAL_FILE_NAMES[1]).write_text(json.dumps(leaky), encoding="utf-8")
    (audits / PERSONAL_FILE_NAMES[2]).write_text('{"format": "guidance-audit-export", "format_vers', encoding="utf-8")  # cut short: not counted, listed


def forms_of(text: str) -> set[str]:
    """The ways a text may be written into a file of the site."""
    return {text, html.escape(text), html.escape(text, quote=False), json.dumps(text)[1:-1],
            urllib.parse.quote(text), urllib.parse.quote(text, safe=""), text.replace("/", "\\/")}


@pytest.fixture(scope="module")
def built(tmp_path_factory, content):
    folder = tmp_path_factory.mktemp("privacy")
    audits = folder / "audits"
    write_exports(audits, content)
    return build(folder, SHIPPED_CONTENT, config_with_audits(folder, audits)), audits


def test_no_label_name_note_detail_or_personal_file_name_is_in_any_file_of_the_built_site(built):
    site, _ = built
    files = [path for path in site.rglob("*") if path.is_file()]
    assert any(path.name == "search_index.json" for path in files) and any(path.name == "sitemap.xml" for path in files)
    assert any(path.suffix == ".js" for path in files)
    secrets = {**SECRETS, **{f"file {name}": name[:-5] for name in PERSONAL_FILE_NAMES}}
    found = []
    for path in files:
        text = path.read_bytes().decode("utf-8", errors="replace")
        for what, secret in secrets.items():
            if any(form in text for form in forms_of(secret)):
                found.append(f"{what} in {path.relative_to(site)}")
    assert found == []


def test_the_records_are_still_counted_and_shown_numbered(built):
    site, _ = built
    page = BuiltSite(site).page(page_url(AUDIT_RESULTS))
    # 3 (version 1) + 3 (transfer) + 6 + 6 (the two aggregation files) records from four files.
    assert "18 records from 4 files, for 2 checklists" in page.text_of("audits-summary")
    text = page.text
    for number in range(1, 10):
        assert f"Record {number}" in text
    assert "File 1" in text and "File 4" in text, "the files are numbered"
    assert ".json" not in text, "and never named, whatever their names"
    assert "exported for moving records between computers" in text


def test_the_aggregate_csv_carries_no_label_note_or_detail(built, content):
    _, audits = built
    stream = io.StringIO()
    results = read_audits(audits, content)
    write_csv(results, stream)
    csv_text = stream.getvalue()
    assert "record_label" not in csv_text.splitlines()[0]
    assert "Record 1" in csv_text and "File 1" in csv_text
    for what, secret in SECRETS.items():
        assert not any(form in csv_text for form in forms_of(secret)), what
    for problem in (*results.problems, *results.notices):
        for secret in SECRETS.values():
            assert secret not in str(problem)


def test_files_are_numbered_never_named_on_the_site(content):
    # A pattern caught "CUST-2026-0142.json" and "Mr Smith.json", but not "LP-17-004512.json" nor "John Smith
    # custody.json", which the walk found on the page and in the search index: no file is named there now.
    names = ["a-team.json", "John Smith custody.json", "LP-17-004512.json", "monday.json"]
    assert display_names(names) == {"a-team.json": "File 1", "John Smith custody.json": "File 2",
                                     "LP-17-004512.json": "File 3", "monday.json": "File 4"}


# --- limits: what an export may hold ---------------------------------------------------------------


def _one(content, **changes) -> bytes:
    quality = _checklist(content, "case-file-quality")
    record = _record(quality, content, 1, full=False)
    record.update(changes)
    return json.dumps({"format": FORMAT, "format_version": 2, "purpose": "aggregation",
                       "checklists": [{"checklist": {"id": quality.id}, "records": [record]}]}).encode()


def test_a_ten_megabyte_label_is_refused_as_a_value_and_the_record_still_counted(content):
    export, problem = parse(_one(content, label="L" * 10_000_000), "big.json", content)
    assert problem is None and len(export.records) == 1
    [notice] = export.notices
    assert str(notice) == ("big.json: record 1: a label longer than 120 characters (labels are never shown here; "
                           "the record is counted)")


@pytest.mark.parametrize("changes, words", [
    ({"id": "r" * 101}, "record 1: its id is 101 characters long, more than the 100 an id may be"),
    ({"answers": {f"item-{n}": {"answer": None} for n in range(2001)}}, "has 2,001 answers, more than the 2,000"),
    ({"answers": {"x" * 101: {"answer": None}}}, "an item id or answer is longer than the 100 characters"),
    ({"details": "Auditor: someone"}, '"details" is not an object'),
    ({"label": 42}, "record 1 has no label"),
])
def test_values_beyond_their_limits_skip_the_file_with_the_reason_and_quote_nothing(content, changes, words):
    export, problem = parse(_one(content, **changes), "x.json", content)
    assert export is None and words in problem.message, problem
    assert len(problem.message) < 200


@pytest.mark.parametrize("changes, words", [
    ({"updated": "the day " + SECRETS["auditor"] + " came"}, "a time that is not an ISO 8601 time (left out)"),
    ({"rating": {"id": SECRETS["label"], "label": SECRETS["auditor"]}},
     "a rating ((a value that is not an id)) that is none of the site's ratings (counted as not rated)"),
])
def test_a_value_refused_is_named_with_the_reason_without_quoting_it(content, changes, words):
    export, problem = parse(_one(content, **changes), "x.json", content)
    assert problem is None
    [notice] = export.notices
    assert notice.message == f"record 1: {words}"
    assert SECRETS["auditor"] not in notice.message and SECRETS["label"] not in notice.message


def test_a_file_of_too_many_records_is_skipped(content):
    quality = _checklist(content, "case-file-quality")
    records = [{"id": f"r-{n}", "label": None, "answers": {}} for n in range(5001)]
    raw = json.dumps({"format": FORMAT, "format_version": 2, "purpose": "aggregation",
                      "checklists": [{"checklist": {"id": quality.id}, "records": records}]}).encode()
    export, problem = parse(raw, "many.json", content)
    assert export is None and "more than 5,000 records in one file" in problem.message


@pytest.mark.parametrize("data, words", [
    ({"purpose": "sharing"}, '"purpose" is neither "aggregation" nor "transfer"'),
    ({"checklists": {}}, '"checklists" is not a list of checklists'),
    ({"checklists": [{"checklist": {"id": "<b>CUST/2026/0142</b>"}, "records": []}]},
     "for the checklist (a value that is not an id), which this site does not have"),
])
def test_version_2_files_that_cannot_be_counted_say_why(content, data, words):
    base = {"format": FORMAT, "format_version": 2, "purpose": "aggregation",
            "checklists": [{"checklist": {"id": "case-file-quality"}, "records": []}]}
    export, problem = parse(json.dumps({**base, **data}).encode(), "x.json", content)
    assert export is None and words in problem.message, problem


def test_a_checklist_this_site_lacks_leaves_out_only_its_records(content):
    quality = _checklist(content, "case-file-quality")
    raw = json.dumps({"format": FORMAT, "format_version": 2, "purpose": "aggregation", "checklists": [
        _part(quality, content, full=False, count=2),
        {"checklist": {"id": "a-retired-checklist"}, "records": [{"id": "r-x", "label": None, "answers": {}}]}]}).encode()
    export, problem = parse(raw, "all.json", content)
    assert problem is None and len(export.records) == 2
    assert [n.message for n in export.notices] == [
        "the records for the checklist 'a-retired-checklist', which this site does not have are not counted; "
        "the file's other checklists are"]


def test_an_aggregation_export_rates_by_reason_given_as_the_page_does(content):
    """A "not applicable" answer whose reason was given (reason_given: true, the reason left out) counts."""
    detention = _checklist(content, "detention-of-children")
    needing = next((item for item in detention.items() if item.reason_if_not_applicable), None)
    if needing is None:
        pytest.skip("no item of detention-of-children asks for a reason")
    na = next(o.id for o in content.scale_of(needing).options if o.not_applicable)
    record = _record(detention, content, 1, full=False)
    record["answers"][needing.id] = {"answer": na, "item_hash": needing.content_hash, "reason_given": True}
    raw = json.dumps({"format": FORMAT, "format_version": 2, "purpose": "aggregation",
                      "checklists": [{"checklist": {"id": detention.id}, "records": [record]}]}).encode()
    export, _ = parse(raw, "a.json", content)
    from generator.audits import rules
    progress = rules.progress(detention, content.scales, export.records[0].answers)
    assert progress.complete and progress.applicable == progress.total - 1
    record["answers"][needing.id]["reason_given"] = False
    export, _ = parse(json.dumps({"format": FORMAT, "format_version": 2, "purpose": "aggregation",
                                  "checklists": [{"checklist": {"id": detention.id}, "records": [record]}]}).encode(),
                      "a.json", content)
    assert not rules.progress(detention, content.scales, export.records[0].answers).complete


# --- the page, in Chromium -------------------------------------------------------------------------


@pytest.mark.browser
@pytest.mark.parametrize("viewport", ["phone", "desktop"])
def test_the_results_page_reads_well_and_shows_no_case_data_in_the_browser(built, serve, watched_context, viewport):
    from playwright.sync_api import expect

    from conftest import artifact_path, assert_accessible
    from test_browser_site import VIEWPORTS

    site, _ = built
    server = serve(site)
    context, _ = watched_context(color_scheme="light", **VIEWPORTS[viewport])
    context.set_default_timeout(30_000)  # a shared machine: waits, not timings
    page = context.new_page()
    page.goto(server.url + page_url(AUDIT_RESULTS))
    expect(page.locator("#records-case-file-quality")).to_contain_text("Record 1")
    text = page.locator("body").inner_text()
    for secret in SECRETS.values():
        assert secret not in text
    page.screenshot(path=artifact_path(f"audit-results-private-{viewport}.png"), full_page=True)
    assert_accessible(page, f"the audit results page, {viewport}")
