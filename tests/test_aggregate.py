"""Aggregating audit exports: counts, percentages, ratings, bad files, and the CSV.

The fixture folder tests/fixtures/audits/good holds 32 exported records of the shipped
checklist case-file-quality, rated 17 good, 10 requires improvement and 5 inadequate (as
the inspectorate's December 2017 audit was); tests/fixtures/audits/bad holds one file for
each way an export can fail. Other exports are written here, from the content model.
"""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import FIXTURES, ROOT, SHIPPED_CONTENT
from generator.audits.aggregate import aggregate, percent, read_audits, write_csv
from generator.audits.exports import FORMAT, parse

GOOD = FIXTURES / "audits" / "good"
BAD = FIXTURES / "audits" / "bad"
BAD_REASONS = {  # file -> words its reason must contain
    "malformed.json": "not valid JSON",
    "foreign-checklist.json": "'another-forces-checklist', which this site does not have",
    "newer-format.json": "format version 3, newer than this generator reads",
    "not-an-export.json": "not an audit export",
    "impossible-answer.json": "'excellent' is not an answer to item",
}


def checklist_of(content, checklist_id):
    return next(c for c in content.checklists if c.id == checklist_id)


def export(checklist, records) -> dict:
    return {"format": FORMAT, "format_version": 1, "exported_at": "2026-02-01T09:00:00Z",
            "checklist": {"id": checklist.id, "version": checklist.version, "title": checklist.title},
            "records": records}


def record(checklist, record_id, answers, rating=None, updated="2026-02-01T09:00:00Z", label=None, hashes=None):
    """answers: item id -> option id, for items of the checklist (with their present hashes unless given)."""
    items = {item.id: item for item in checklist.items()}
    return {"id": record_id, "label": label or record_id, "created": updated, "updated": updated,
            "answers": {item_id: {"answer": answer, "note": "", "reason": "", "updated": updated,
                                  "item_hash": (hashes or {}).get(item_id, items[item_id].content_hash if item_id in items else "0")}
                        for item_id, answer in answers.items()},
            "removed_items": {}, "rating": rating, "progress": {"answered": 0, "applicable": 0, "total": 0}}


def write(folder: Path, name: str, data) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")


def rows_of(results) -> list[dict]:
    stream = io.StringIO()
    write_csv(results, stream)
    return list(csv.DictReader(io.StringIO(stream.getvalue())))


# --- percentages --------------------------------------------------------------------------------


@pytest.mark.parametrize("count, of, expected", [
    (17, 32, "53.1"), (10, 32, "31.3"), (5, 32, "15.6"),  # 31.25 rounds half up, not to even
    (1, 16, "6.3"), (1, 8, "12.5"), (27, 85, "31.8"), (0, 32, "0.0"), (32, 32, "100.0"),
])
def test_percentages_are_rounded_half_up_to_one_decimal_place_from_the_counts(count, of, expected):
    assert percent(count, of) == Decimal(expected)


def test_a_percentage_of_nothing_is_none_not_an_error():
    assert percent(0, 0) is None


# --- the fixture folder: 17, 10 and 5 of 32 -----------------------------------------------------------


def test_thirty_two_records_give_seventeen_ten_and_five_with_their_percentages(content):
    results = read_audits(GOOD, content)
    assert results.problems == ()
    assert results.files_read == ("File 1", "File 2"), "shown by number, never by name"
    assert results.names_in_folder == (("File 1", "team-a.json"), ("File 2", "team-b.json"))
    assert results.records == 32
    overall = {r.id: r.count for r in results.overall.ratings}
    assert overall == {"good": 17, "requires-improvement": 10, "inadequate": 5}
    assert results.overall.assessed == 32 and results.overall.not_rated == 0
    assert [r.label for r in results.overall.ratings] == ["Good", "Requires improvement", "Inadequate"]
    assert results.rating_scale.id == "grade"
    [checklist] = results.checklists
    assert checklist.checklist.id == "case-file-quality"
    assert {r.id: r.count for r in checklist.ratings.ratings} == overall
    assert len(checklist.records) == 32


def test_each_item_counts_every_answer_with_applicable_answers_as_denominator(content):
    results = read_audits(GOOD, content)
    [checklist] = results.checklists
    for item in checklist.items:  # every fixture record answers each item with its own rating
        assert {o.option.id: o.count for o in item.options} == {"good": 17, "requires-improvement": 10, "inadequate": 5}
        assert item.applicable == 32 and item.not_answered == 0 and item.earlier_wording == 0


def test_the_csv_shows_seventeen_ten_and_five_of_thirty_two(content):
    rows = rows_of(read_audits(GOOD, content))
    overall = [(r["value"], r["value_label"], r["count"], r["of"], r["percent"])
               for r in rows if r["table"] == "ratings"]
    assert overall == [
        ("good", "Good", "17", "32", "53.1"),
        ("requires-improvement", "Requires improvement", "10", "32", "31.3"),
        ("inadequate", "Inadequate", "5", "32", "15.6"),
        ("", "Assessed but not rated", "0", "32", "0.0"),  # the one name for it, as on every page
    ]
    per_checklist = [(r["checklist"], r["value"], r["count"], r["of"]) for r in rows if r["table"] == "ratings"]
    assert per_checklist[:3] == [("case-file-quality", "good", "17", "32"),
                                 ("case-file-quality", "requires-improvement", "10", "32"),
                                 ("case-file-quality", "inadequate", "5", "32")]
    records = [r for r in rows if r["table"] == "record"]
    assert len(records) == 32 and {r["file"] for r in records} == {"File 1", "File 2"}
    answers = [r for r in rows if r["table"] == "answers" and r["item"] == "risk-recognised" and r["value"] == "good"]
    assert [(a["count"], a["of"], a["percent"]) for a in answers] == [("17", "32", "53.1")]


# --- bad files ------------------------------------------------------------------------------------------


def test_malformed_foreign_and_newer_files_are_each_reported_by_name_and_skipped_while_the_rest_count(content, tmp_path):
    folder = tmp_path / "audits"
    shutil.copytree(GOOD, folder)
    for bad in BAD.iterdir():
        shutil.copy(bad, folder / bad.name)
    write(folder, "empty.json", "")
    results = read_audits(folder, content)
    in_folder = dict(results.names_in_folder)
    reasons = {in_folder[problem.file]: problem.message for problem in results.problems}
    assert set(reasons) == set(BAD_REASONS) | {"empty.json"}
    for name, words in BAD_REASONS.items():
        assert words in reasons[name], reasons[name]
    assert [in_folder[shown] for shown in results.files_read] == ["team-a.json", "team-b.json"]
    assert {r.id: r.count for r in results.overall.ratings} == {"good": 17, "requires-improvement": 10, "inadequate": 5}


@pytest.mark.parametrize("change, words", [
    (lambda data: data.update(format_version="1"), 'format version "1" is not a whole number'),
    (lambda data: data.pop("checklist"), "does not say which checklist"),
    (lambda data: data.update(records={}), '"records" is not a list'),
    (lambda data: data["records"][0].pop("id"), "record 1 has no id"),
    (lambda data: data["records"][0].update(answers=[]), '"answers" is not an object'),
    (lambda data: data["records"][0].update(rating="good"), '"rating" is neither null nor an object'),
    (lambda data: data["records"][0]["answers"]["risk-recognised"].update(answer=3), "is not an option id or null"),
])
def test_each_kind_of_malformed_export_gets_its_own_reason(content, change, words):
    data = json.loads((GOOD / "team-b.json").read_text(encoding="utf-8"))
    change(data)
    exported, problem = parse(json.dumps(data).encode(), "x.json", content)
    assert exported is None and problem.file == "x.json" and words in problem.message, problem


def test_files_other_than_json_in_the_folder_are_left_alone(content, tmp_path):
    write(tmp_path, "README.md", "# Exports go here")
    write(tmp_path, ".gitignore", "*.json\n")
    results = read_audits(tmp_path, content)
    assert results.problems == () and results.records == 0 and results.checklists == ()


def test_a_missing_folder_is_simply_empty(content, tmp_path):
    results = read_audits(tmp_path / "nowhere", content)
    assert results.records == 0 and results.problems == ()


# --- records counted once, answers counted only against today's wording -------------------------------------


def test_a_record_exported_twice_is_counted_once_as_last_updated_and_said_so(content, tmp_path):
    checklist = checklist_of(content, "case-file-quality")
    items = [item.id for item in checklist.items()]
    early = record(checklist, "r-1", {i: "inadequate" for i in items}, {"id": "inadequate", "label": "Inadequate"},
                   updated="2026-01-01T10:00:00Z", label="Case A")
    late = record(checklist, "r-1", {i: "good" for i in items}, {"id": "good", "label": "Good"},
                  updated="2026-01-05T10:00:00Z", label="Case A")
    write(tmp_path, "monday.json", export(checklist, [early]))
    write(tmp_path, "friday.json", export(checklist, [late]))
    results = read_audits(tmp_path, content)
    assert results.records == 1
    assert {r.id: r.count for r in results.overall.ratings}["good"] == 1
    [notice] = results.notices
    assert str(notice) == ("File 2: record 1 is also in File 1 (record 1); it is counted once, "
                           "as last updated (2026-01-05T10:00:00Z, in File 1)")
    # Whoever builds the site is told which file is which, on their own screen.
    assert results.told_to_builder(notice).startswith(f"{tmp_path.as_posix()}/monday.json (File 2 on the site): record 1")
    assert "Case A" not in str(notice), "a message never quotes a label"


def test_answers_to_changed_or_removed_items_are_not_counted_and_the_file_is_named(content, tmp_path):
    checklist = checklist_of(content, "case-file-quality")
    first, second, *_ = [item.id for item in checklist.items()]
    stale = record(checklist, "r-2", {first: "good", second: "good", "an-item-since-removed": "good"},
                   hashes={second: "0000000000000000"})
    write(tmp_path, "old.json", export(checklist, [stale]))
    results = read_audits(tmp_path, content)
    items = {item.item.id: item for item in results.checklists[0].items}
    assert items[first].applicable == 1 and items[second].applicable == 0 and items[second].earlier_wording == 1
    messages = [str(notice) for notice in results.notices]
    assert any(m.startswith("File 1: answers given to an earlier wording") and second in m for m in messages)
    assert any(m.startswith("File 1: answers to items the checklist no longer has") and "an-item-since-removed" in m
               for m in messages)


def test_not_applicable_answers_are_counted_but_leave_the_denominator(content, tmp_path):
    checklist = checklist_of(content, "decision-records")
    item = next(checklist.items())
    records = [record(checklist, f"r-{n}", {item.id: answer}) for n, answer in enumerate(["yes", "yes", "no", "n-a"])]
    write(tmp_path, "a.json", export(checklist, records))
    result = read_audits(tmp_path, content).checklists[0]
    counts = next(i for i in result.items if i.item.id == item.id)
    assert {o.option.id: o.count for o in counts.options} == {"yes": 2, "no": 1, "n-a": 1}
    assert counts.applicable == 3
    rows = [r for r in rows_of(read_audits(tmp_path, content)) if r["table"] == "answers" and r["item"] == item.id]
    shares = {r["value"]: (r["count"], r["of"], r["percent"]) for r in rows}
    assert shares["yes"] == ("2", "3", "66.7") and shares["no"] == ("1", "3", "33.3") and shares["n-a"] == ("1", "", "")


def test_not_applicable_without_the_reason_asked_for_is_still_to_answer_as_on_the_checklist_page(content, tmp_path):
    checklist = checklist_of(content, "detention-of-children")
    item = next(item for item in checklist.items() if item.reason_if_not_applicable)
    with_reason = record(checklist, "r-1", {item.id: "n-a"})
    with_reason["answers"][item.id]["reason"] = "Released before any charge."
    write(tmp_path, "a.json", export(checklist, [with_reason, record(checklist, "r-2", {item.id: "n-a"})]))
    counts = next(i for i in read_audits(tmp_path, content).checklists[0].items if i.item.id == item.id)
    assert {o.option.id: o.count for o in counts.options}["n-a"] == 1
    assert counts.not_answered == 1


# --- ratings: the export's is counted, a different one from the rule is reported ---------------------------


def test_a_rating_that_differs_from_the_checklists_rule_is_reported_not_silently_replaced(content, tmp_path):
    checklist = checklist_of(content, "detention-of-children")
    assert checklist.rating is not None, "the test needs a checklist with a rating rule"
    critical = next(item for item in checklist.items() if item.critical)
    answers = {item.id: "yes" for item in checklist.items()}
    answers[critical.id] = "no"  # a critical item not done: the rule gives a different rating from "good"
    claimed_good = record(checklist, "r-3", answers, {"id": "good", "label": "Good"}, label="Case B")
    all_yes = record(checklist, "r-4", {item.id: "yes" for item in checklist.items()}, {"id": "good", "label": "Good"})
    write(tmp_path, "detention.json", export(checklist, [claimed_good, all_yes]))
    results = read_audits(tmp_path, content)
    records = {r.record.id: r for r in results.checklists[0].records}
    assert records["r-3"].rating_differs and records["r-3"].recomputed != "good"
    assert not records["r-4"].rating_differs
    assert {r.id: r.count for r in results.overall.ratings}["good"] == 2  # the exported ratings are the ones counted
    [notice] = [n for n in results.notices if "rating rule" in n.message]
    assert notice.file == "File 1" and "record 1 (Record 1 of" in notice.message
    assert "is rated 'Good' in the export" in notice.message and "Case B" not in notice.message


def test_records_without_a_rating_are_shown_as_assessed_but_not_rated(content, tmp_path):
    checklist = checklist_of(content, "case-file-quality")
    items = [item.id for item in checklist.items()]
    write(tmp_path, "a.json", export(checklist, [
        record(checklist, "r-5", {i: "good" for i in items}, {"id": "good", "label": "Good"}),
        record(checklist, "r-6", {items[0]: "good"}, None),
    ]))
    overall = read_audits(tmp_path, content).overall
    assert (overall.assessed, overall.rated, overall.not_rated) == (2, 1, 1)


# --- the CSV is safe in a spreadsheet ---------------------------------------------------------------------


def test_text_a_spreadsheet_would_run_as_a_formula_is_made_inert(content, tmp_path):
    checklist = checklist_of(content, "case-file-quality")
    write(tmp_path, "=HYPERLINK(1).json", export(checklist, [record(checklist, "r-7", {}, None, label='=HYPERLINK("http://x")')]))
    [row] = [r for r in rows_of(read_audits(tmp_path, content)) if r["table"] == "record"]
    assert row["file"] == "File 1", "a file's name, formula or not, never reaches the CSV"
    assert row["record"] == "Record 1" and "record_label" not in row


def test_the_csv_never_adds_ratings_across_checklists(content, tmp_path):
    # Each checklist rates by its own rule: a table of all ratings together, which the CSV had, meant nothing,
    # and the site's Audit results page had already dropped it.
    for checklist_id in ("case-file-quality", "detention-of-children"):
        checklist = checklist_of(content, checklist_id)
        write(tmp_path, f"{checklist_id}.json", export(checklist, [record(checklist, f"r-{checklist_id}", {})]))
    rows = rows_of(read_audits(tmp_path, content))
    assert {row["table"] for row in rows} == {"ratings", "answers", "record"}
    assert {row["checklist"] for row in rows if row["table"] == "ratings"} == {"case-file-quality", "detention-of-children"}
    assert all(row["checklist"] for row in rows)


def test_aggregate_without_files_is_an_empty_result(content):
    results = aggregate([], [], content)
    assert results.records == 0 and results.checklists == () and results.overall.ratings == ()


# --- the command -------------------------------------------------------------------------------------------


def run_aggregate(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, "-m", "generator", "aggregate", *arguments], cwd=cwd, env=env,
                          capture_output=True, text=True, timeout=120)


def test_the_command_writes_the_csv_and_exits_0_when_every_file_counts(tmp_path):
    out = tmp_path / "results.csv"
    result = run_aggregate("--audits", str(GOOD), "--content", str(SHIPPED_CONTENT), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "32 records from 2 files counted" in result.stderr
    text = out.read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    overall = {r["value"]: (r["count"], r["of"], r["percent"]) for r in rows if r["table"] == "ratings"}
    assert overall["good"] == ("17", "32", "53.1")
    assert overall["requires-improvement"] == ("10", "32", "31.3")
    assert overall["inadequate"] == ("5", "32", "15.6")


def test_the_command_names_each_skipped_file_still_writes_the_rest_and_exits_1(tmp_path):
    folder = tmp_path / "audits"
    shutil.copytree(GOOD, folder)
    for bad in BAD.iterdir():
        shutil.copy(bad, folder / bad.name)
    out = tmp_path / "results.csv"
    result = run_aggregate("--audits", "audits", "--content", str(SHIPPED_CONTENT), "--out", str(out), cwd=tmp_path)
    assert result.returncode == 1
    for name, words in BAD_REASONS.items():
        assert f"audits/{name} (File " in result.stderr and words in result.stderr
    assert "5 files skipped" in result.stderr
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"))))
    assert {r["value"]: r["count"] for r in rows if r["table"] == "ratings"}["good"] == "17"


def test_the_command_says_so_when_the_folder_does_not_exist(tmp_path):
    result = run_aggregate("--audits", "nowhere", "--content", str(SHIPPED_CONTENT), cwd=tmp_path)
    assert result.returncode == 1 and "nowhere: the folder of audit exports does not exist" in result.stderr


def test_answers_under_an_items_earlier_id_count_for_it_unless_it_has_its_own(tmp_path):
    # A training lead renames an item and gives its old id under earlier_ids: exports made before still count.
    from generator.content import load_content

    folder = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, folder)
    checklist_file = folder / "self-audit" / "case-file-quality.yml"
    text = checklist_file.read_text(encoding="utf-8")
    checklist_file.write_text(text.replace("      - id: risk-recognised\n",
                                           "      - id: risks-recognised\n        earlier_ids: [risk-recognised]\n"),
                              encoding="utf-8")
    renamed = load_content(folder)
    checklist = checklist_of(renamed, "case-file-quality")
    assert checklist.item_renames == {"risk-recognised": "risks-recognised"}
    hash_ = next(item for item in checklist.items() if item.id == "risks-recognised").content_hash
    before = record(checklist, "r-1", {"risk-recognised": "good"}, hashes={"risk-recognised": hash_})
    both = record(checklist, "r-2", {"risk-recognised": "good", "risks-recognised": "inadequate"},
                  hashes={"risk-recognised": hash_})
    write(tmp_path / "audits", "old.json", export(checklist, [before, both]))
    results = read_audits(tmp_path / "audits", renamed)
    counts = next(i for i in results.checklists[0].items if i.item.id == "risks-recognised")
    assert {o.option.id: o.count for o in counts.options if o.count} == {"good": 1, "inadequate": 1}
    assert any("no longer has" in str(notice) and "risk-recognised" in str(notice) for notice in results.notices), \
        "the second record's answer under the earlier id is not counted: the item has its own"
