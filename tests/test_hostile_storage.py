"""Checklist storage under attack and strain: imported JSON is untrusted, saved records can be huge.

Each test names the attack or fault it tries. The `page` fixture fails a test on any outside
request, console error, uncaught error; dialogs are recorded (an injected alert would show there).
"""
from __future__ import annotations

import json

import pytest
from playwright.sync_api import expect

from test_checklist_browser import (
    KEY, PAGE, answer, exported_text, import_file, open_checklist, stored, stored_text, transfer_messages, two_records,
)

pytestmark = pytest.mark.browser


def _record(**changes) -> dict:
    record = {"id": "r-1", "label": "Imported", "created": "2026-01-01T09:00:00.000Z",
              "updated": "2026-01-01T10:00:00.000Z", "answers": {}, "removed_items": {},
              "rating": None, "progress": {"answered": 0, "applicable": 10, "total": 10}}
    record.update(changes)
    return record


@pytest.mark.parametrize("key", ["__proto__", "constructor.prototype", "../../etc"])
def test_prototype_pollution_through_an_imported_answer_key_is_refused(page, server, key):
    open_checklist(page, server)
    two_records(page)
    before = stored_text(page)
    entry = {"answer": "yes", "note": "", "reason": "", "item_hash": "x", "updated": "2026-01-01T10:00:00.000Z",
             "polluted": True}
    import_file(page, "polluting.json", exported_text(records=[_record(answers={key: entry})]))
    expect(transfer_messages(page)).to_contain_text("Nothing was imported.")
    assert stored_text(page) == before
    assert page.evaluate("() => ({}).polluted === undefined && Object.prototype.answer === undefined")


def test_markup_in_an_imported_label_and_note_is_shown_as_text(page, server):
    label = "<img src=x onerror=alert('xss-label')>"
    note = "<script>alert('xss-note')</script>"
    open_checklist(page, server)
    items = [el.get_attribute("data-item-id") for el in page.locator("[data-item-id]").all()]
    hashes = {el.get_attribute("data-item-id"): el.get_attribute("data-item-hash") for el in page.locator("[data-item-id]").all()}
    answers = {items[0]: {"answer": "no", "note": note, "reason": "", "item_hash": hashes[items[0]],
                          "updated": "2026-01-01T10:00:00.000Z"}}
    import_file(page, "markup.json", exported_text(records=[_record(label=label, answers=answers)]))
    expect(transfer_messages(page)).to_contain_text("Imported 1 record")
    expect(page.get_by_label("Label of this record", exact=False)).to_have_value(label)
    expect(page.locator(f"#item-{items[0]}").get_by_label("Note")).to_have_value(note)
    assert page.locator("img[src=x]").count() == 0
    page.reload()
    expect(page.get_by_label("Label of this record", exact=False)).to_have_value(label)
    assert page.watch.dialogs == []


def test_a_record_of_ten_thousand_answers_loads_saves_and_exports_without_loss(page, server):
    """Strain: 10,000 saved answers (to items no longer in the checklist, so all are kept, none shown as a question)."""
    page.set_default_timeout(30_000)  # this proves nothing is lost; speed is for benchmarks/, on a quiet machine
    open_checklist(page, server)
    answer(page, page.locator("[data-item-id]").first.get_attribute("data-item-id"), "Yes")
    state = stored(page)
    record = next(r for r in state["records"] if r["id"] == state["current"])
    for number in range(10_000):
        record["answers"][f"old-item-{number}"] = {"answer": "no", "note": f"note {number}", "reason": "",
                                                   "item_hash": "0" * 16, "updated": record["updated"]}
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, json.dumps(state)])
    page.reload()
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    second = page.locator("[data-item-id]").nth(1).get_attribute("data-item-id")
    answer(page, second, "No")  # a change saves the whole record again
    saved = stored(page)
    kept = next(r for r in saved["records"] if r["id"] == saved["current"])["answers"]
    assert sum(1 for key in kept if key.startswith("old-item-")) == 10_000
    assert kept["old-item-9999"]["note"] == "note 9999"
    with page.expect_download() as info:
        page.get_by_role("button", name="Export this record in full (JSON)", exact=True).click()
    exported = json.loads(open(info.value.path(), encoding="utf-8-sig").read())
    assert len(exported["checklists"][0]["records"][0]["removed_items"]) == 10_000
