"""Audit records that stand as evidence (issue 11, screen side; issue 16.4, 16.5; issue 19's checklist messages).

In real headless Chromium against the built shipped site: record details on screen, on paper, in
exports and back; the two kinds of export; a record's address; two tabs on one checklist; a result
that says what counts against it; ids that are words of JavaScript; a damaged saved copy recovered.
"""
from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import artifact_path, assert_accessible, build
from printed import read_pdf
from test_checklist_browser import (
    CHECKLIST, KEY, LOCAL_TIME, PAGE, answer, checked, click, download, exported_text, import_file, item, label_record,
    note, open_checklist, reason, stored, stored_text, switch_to, transfer_messages, two_records,
)

pytestmark = pytest.mark.browser

PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


def detail(page, label: str):
    return page.get_by_label(label, exact=True)


def fill_details(page):
    detail(page, "Auditor (personal)").fill("DS Jane Smith")
    detail(page, "Case reference (personal)").fill("CUST/2026/0142")
    detail(page, "Date of audit").fill("2026-11-30")
    detail(page, "Team or unit").fill("Custody, Euston")
    detail(page, "Supervisor's name (personal)").fill("DI Patel")
    detail(page, "Date of sign-off").fill("2026-12-01")
    detail(page, "Comments and actions agreed (personal)").fill("Discussed; AA call times to be checked weekly.")


def record_id(page, label: str) -> str:
    return next(r["id"] for r in stored(page)["records"] if r["label"] == label)


def full_export(**changes) -> str:
    """A format 2 export for moving records, of the checklist under test."""
    old = json.loads(exported_text())
    data = {"format": "guidance-audit-export", "format_version": 2, "purpose": "transfer",
            "exported_at": "2026-01-01T10:00:00+00:00",
            "checklists": [{"checklist": old["checklist"], "records": old["records"]}]}
    data.update(changes)
    return json.dumps(data)


# --- record details ----------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_record_details_are_labelled_saved_printed_and_screen_reader_friendly(watched_context, server, viewport):
    context, _ = watched_context(viewport=viewport)
    page = context.new_page()
    open_checklist(page, server)
    hint = page.locator("#gs-label-detention-of-children-hint")
    expect(hint).to_contain_text("A short name you choose")
    expect(page.get_by_label("Label of this record", exact=False)).to_have_attribute(
        "aria-describedby", "gs-label-detention-of-children-hint")
    label_record(page, "Custody check 3")
    fill_details(page)
    answer(page, "aa-present", "No")
    note(page, "aa-present", "The AA arrived after the interview began.")
    expect(page.locator("[data-gs=details]")).to_contain_text("Marked “personal”")
    saved = stored(page)["records"][0]["details"]
    assert saved == {"auditor": "DS Jane Smith", "case-reference": "CUST/2026/0142", "audit-date": "2026-11-30",
                     "team": "Custody, Euston", "supervisor-name": "DI Patel", "supervisor-date": "2026-12-01",
                     "supervisor-comment": "Discussed; AA call times to be checked weekly."}
    page.reload()
    expect(detail(page, "Case reference (personal)")).to_have_value("CUST/2026/0142")
    expect(detail(page, "Comments and actions agreed (personal)")).to_have_value("Discussed; AA call times to be checked weekly.")
    assert page.evaluate("document.documentElement.scrollWidth") <= viewport["width"], "nothing wider than the screen"
    name = "phone" if viewport is PHONE else "desktop"
    page.locator("[data-gs=details]").screenshot(path=artifact_path(f"record-details-{name}.png"))
    page.locator("[data-gs=sign-off]").screenshot(path=artifact_path(f"record-sign-off-{name}.png"))
    assert_accessible(page, f"a checklist with record details filled in ({name})")

    if viewport is DESKTOP:
        page.emulate_media(media="print")
        printed = read_pdf(page.pdf(format="A4"), "print-record-with-details")
        page.emulate_media(media="screen")
        text = printed.text
        for words in ("Auditor DS Jane Smith", "Case reference CUST/2026/0142", "Date of audit 30 Nov 2026",
                      "Team or unit Custody, Euston", "Supervisor's name DI Patel", "Date of sign-off 1 Dec 2026",
                      "Comments and actions agreed Discussed; AA call times to be checked weekly.",
                      "Record: Custody check 3"):
            assert words in text, f"{words!r} is not printed"  # dates as the record's other dates are written
        assert re.search(r"Printed: \d{1,2} \w{3} \d{4}, \d{2}:\d{2}", text), "the paper says when it was printed"
        assert "Marked “personal”" not in text and "Link to this record" not in text, "screen-only parts stay off paper"


def test_a_blank_form_keeps_write_in_lines_made_from_the_same_definitions(page, server):
    open_checklist(page, server)
    page.emulate_media(media="print")
    text = read_pdf(page.pdf(format="A4"), "print-blank-with-details").text
    for words in ("Auditor", "Case reference", "Date of audit", "Team or unit", "Supervisor's name", "Date of sign-off",
                  "Comments and actions agreed", "Role or rank", "Signature"):
        assert words in text, f"{words!r} is not printed"
    assert "Record:" not in text


def test_record_details_come_from_the_checklist_else_site_yml_else_the_default(content_copy, tmp_path):
    site = content_copy / "site.yml"
    site.write_text(site.read_text(encoding="utf-8") + (
        "record_details:\n"
        "  - id: officer\n    label: Officer in the case\n    personal: true\n"
        "  - id: division\n    label: Division\n"
        "  - id: reviewer\n    label: Reviewed by\n    personal: true\n    sign_off: true\n"), encoding="utf-8")
    checklist = content_copy / "self-audit" / f"{CHECKLIST}.yml"
    text = checklist.read_text(encoding="utf-8").replace("scale: yes-no-na\n", (
        "scale: yes-no-na\n"
        "score: {label: Steps taken, met: [\"yes\"]}\n"
        "record_details:\n"
        "  - id: custody-number\n    label: Custody record number\n    personal: true\n"
        "  - id: audited-on\n    label: Audited on\n    kind: date\n"
        "  - id: findings\n    label: What the auditor found\n    kind: long-text\n"), 1)
    checklist.write_text(text, encoding="utf-8")
    site_dir = build(tmp_path, content_copy)
    own = (site_dir / "self-audit" / f"{CHECKLIST}.html").read_text(encoding="utf-8")
    for words in ('data-gs-detail="custody-number"', 'type="date" id="gs-detail-detention-of-children-audited-on"',
                  '<textarea id="gs-detail-detention-of-children-findings" data-gs-detail="findings"',
                  'Custody record number <span class="gs-write-in__value" data-gs-print-detail="custody-number">',
                  'class="gs-write-in gs-write-in--box">What the auditor found', 'data-score-label="Steps taken"'):
        assert words in own
    assert 'data-gs-detail="officer"' not in own and "Case reference" not in own
    other = (site_dir / "self-audit" / "missing-child.html").read_text(encoding="utf-8")
    assert 'data-gs-detail="officer"' in other and 'data-gs-detail="division"' in other
    assert 'Reviewed by <span class="gs-write-in__value" data-gs-print-detail="reviewer">' in other
    assert "Case reference" not in other and "data-score-label" not in other


# --- two kinds of export ----------------------------------------------------------------------------------


def test_an_export_for_counting_carries_no_label_personal_detail_note_or_reason(page, server):
    open_checklist(page, server)
    label_record(page, "Custody check 3")
    fill_details(page)
    answer(page, "aa-early-hours", "Not applicable")
    reason(page, "aa-early-hours", "Arrested at 14:00, Mrs Khan said")
    answer(page, "aa-present", "No")
    note(page, "aa-present", "Mr Jones, 07700 900123")
    expect(page.locator(".gs-audit__transfer")).to_contain_text("For counting: no names or case details")
    expect(page.locator(".gs-audit__transfer")).to_contain_text("Full, to move records to another computer")
    name, text = download(page, "Export this record for counting (JSON)")
    rid = record_id(page, "Custody check 3")
    assert name.startswith(f"{CHECKLIST}-for-counting-{rid}-") and "custody" not in name
    data = json.loads(text)
    assert (data["format_version"], data["purpose"]) == (2, "aggregation")
    assert re.fullmatch(LOCAL_TIME, data["exported_at"])
    [record] = data["checklists"][0]["records"]
    assert record["label"] is None
    assert record["details"] == {"audit-date": "2026-11-30", "team": "Custody, Euston", "supervisor-date": "2026-12-01"}
    assert record["answers"]["aa-early-hours"]["reason_given"] is True
    assert all(set(entry) <= {"answer", "item_hash", "updated", "reason_given"} for entry in record["answers"].values())
    for secret in ("Custody check 3", "Jane Smith", "CUST/2026/0142", "Patel", "Mrs Khan", "Mr Jones", "07700", "Discussed"):
        assert secret not in text, f"{secret!r} is in an export for counting"
    assert record["progress"]["answered"] == 1
    # A draft goes into the count as unfinished: the auditor is told, not left to find it in Audit results.
    expect(transfer_messages(page)).to_contain_text(
        "This record is not finished: Audit results will count it as unfinished, not rated.")

    # The file cannot come back in as records: it holds too little.
    import_file(page, name, text)
    expect(transfer_messages(page)).to_contain_text("This file was exported for counting in Audit results")
    expect(transfer_messages(page)).to_contain_text("Nothing was imported.")


def test_a_record_printed_from_a_phone_is_the_record_printed_from_a_desktop(watched_context, server):
    # The fingertip sizes of a touch screen went on to paper: "Checks: PD1.c    , PD1.d", each guidance link on a
    # line of its own, and a page more than the same record printed from a desktop.
    pages = {}
    for name, options in (("phone", {"viewport": PHONE, "is_mobile": True, "has_touch": True}), ("desktop", {"viewport": DESKTOP})):
        context, _ = watched_context(**options)
        page = context.new_page()
        open_checklist(page, server)
        label_record(page, "Custody check 4")
        fill_details(page)
        for box in page.locator(".gs-item").all():
            box.get_by_label("Yes", exact=True).check()
        page.emulate_media(media="print")
        link = page.locator("#item-aa-present .gs-item__refs a").first
        assert link.evaluate("a => getComputedStyle(a).display") == "inline", f"{name}: a link is a touch target on paper"
        pages[name] = len(read_pdf(page.pdf(format="A4"), f"print-record-{name}").pages)
        context.close()
    assert pages["phone"] == pages["desktop"], pages


def test_a_record_changed_after_its_sign_off_date_says_so_on_screen_and_on_paper(page, server):
    # Answers changed after the supervisor signed off printed beside that sign-off, as if it covered them.
    open_checklist(page, server)
    answer(page, "aa-present", "Yes")
    today = page.evaluate("new Date().toLocaleDateString('en-CA')")
    detail(page, "Date of sign-off").fill(today)
    times = page.locator("[data-gs=record-times]")
    expect(times).not_to_contain_text("sign-off")
    detail(page, "Supervisor's name (personal)").fill("DI Patel")  # signing is not changing the answers
    expect(times).not_to_contain_text("sign-off")
    # An answer changed later the same day: the day alone did not tell (a walk turned a rating from Requires
    # improvement to Good after sign-off, and the print showed the sign-off beside it without a word).
    answer(page, "aa-called-on-arrival", "Yes")
    expect(times).to_contain_text("⚠ changed after its sign-off on")
    expect(page.locator("[data-gs=sign-off-warning]")).to_contain_text(
        "⚠ Answers changed after this sign-off on")  # where the supervisor signs, too
    expect(page.locator("[data-gs=print-record]")).to_contain_text("⚠ Changed after sign-off", use_inner_text=False)
    detail(page, "Date of sign-off").fill("")
    detail(page, "Date of sign-off").fill(today)  # signed off again, over the answers as they are now
    expect(times).not_to_contain_text("sign-off")
    expect(page.locator("[data-gs=sign-off-warning]")).not_to_contain_text("Answers changed")
    detail(page, "Date of sign-off").fill("2026-01-05")
    answer(page, "aa-called-on-arrival", "No")  # a later day than the sign-off
    expect(times).to_contain_text("⚠ changed after its sign-off on 5 Jan 2026")
    expect(page.locator("[data-gs=print-record]")).to_contain_text(
        "⚠ Changed after sign-off: signed off on 5 Jan 2026, answers last changed", use_inner_text=False)


def test_a_record_changed_after_its_sign_off_says_so_on_another_computer_and_its_copy_is_not_signed_off(
        page, server, watched_context):
    # Moved by a full export, the record lost when its sign-off was entered, and so the warning: on the
    # other computer it printed as cleanly signed off. And "Duplicate" copied the supervisor's sign-off to a copy
    # made for another case.
    open_checklist(page, server)
    answer(page, "aa-present", "Yes")
    detail(page, "Supervisor's name (personal)").fill("DI Patel")
    detail(page, "Date of sign-off").fill(page.evaluate("new Date().toLocaleDateString('en-CA')"))
    answer(page, "aa-called-on-arrival", "No")  # later the same day
    expect(page.locator("[data-gs=record-times]")).to_contain_text("⚠ changed after its sign-off on")
    _, text = download(page, "Export this record in full (JSON)", "Export anyway")
    assert set(json.loads(text)["checklists"][0]["records"][0]["details_updated"]) == {"supervisor-name", "supervisor-date"}

    context, _ = watched_context(viewport=DESKTOP)
    elsewhere = context.new_page()
    open_checklist(elsewhere, server)
    import_file(elsewhere, "record.json", text)
    expect(transfer_messages(elsewhere)).to_contain_text("Imported 1 record")
    times = elsewhere.locator("[data-gs=record-times]")
    expect(times).to_contain_text("⚠ changed after its sign-off on")
    expect(elsewhere.locator("[data-gs=print-record]")).to_contain_text("⚠ Changed after sign-off", use_inner_text=False)

    click(elsewhere, "Duplicate this record")
    expect(elsewhere.locator("[data-gs=record-messages]")).to_contain_text("but not the supervisor's sign-off")
    expect(detail(elsewhere, "Supervisor's name (personal)")).to_have_value("")
    expect(detail(elsewhere, "Date of sign-off")).to_have_value("")
    assert checked(elsewhere, "aa-called-on-arrival") == "no"  # the answers are copied
    expect(times).not_to_contain_text("sign-off")


def test_personal_details_alone_are_not_offered_to_edit_away_before_a_full_export(page, server):
    # "Go back and edit" took the auditor to the case reference: removing it to make a file safe to send leaves the
    # record itself, and its printout, without the case it is about.
    open_checklist(page, server)
    label_record(page, "Custody audit 3")
    detail(page, "Auditor (personal)").fill("Jane Smith")
    detail(page, "Case reference (personal)").fill("CUST/2026/0142")
    click(page, "Export this record in full (JSON)")
    question = page.locator("[data-gs=transfer-confirm]")
    expect(question).to_contain_text("Export only to move the records where they are kept safe, or do not export.")
    expect(question.get_by_role("button")).to_have_text(["Do not export", "Export anyway"])
    click(page, "Do not export")
    expect(question).to_be_hidden()
    expect(detail(page, "Case reference (personal)")).to_have_value("CUST/2026/0142")


def test_before_a_full_export_every_free_text_is_checked_and_it_all_comes_back(page, server):
    open_checklist(page, server)
    label_record(page, "CUST/2026/0142")
    fill_details(page)
    answer(page, "aa-early-hours", "Not applicable")
    reason(page, "aa-early-hours", "Mrs Khan said the call was not deferred")
    click(page, "Export this record in full (JSON)")
    question = page.locator("[data-gs=transfer-confirm]")
    expect(question).to_contain_text("the file carries these personal or case details")
    lines = question.locator("li")
    expect(lines).to_contain_text([
        "Record “CUST/2026/0142”, Auditor: filled in (a personal detail).",
        "Record “CUST/2026/0142”, Case reference: filled in (a personal detail).",
        "Record “CUST/2026/0142”, its label: “CUST/2026/0142” looks like a reference number",
        "Record “CUST/2026/0142”, item 1.2, reason: “Mrs Khan” looks like a name after a title",
    ])
    # A personal detail is listed once, as filled in, not again for what it looks like.
    assert len([line for line in lines.all_inner_texts() if "Case reference" in line]) == 1
    page.keyboard.press("Escape")  # closes the question, changing nothing, and gives focus back
    expect(question).to_be_hidden()
    expect(page.get_by_role("button", name="Export this record in full (JSON)", exact=True)).to_be_focused()
    name, text = download(page, "Export this record in full (JSON)", choose="Export anyway")
    assert re.fullmatch(rf"{CHECKLIST}-full-r-[a-z0-9]+-[a-z0-9]+-\d{{4}}-\d\d-\d\d\.json", name), "named by id: the label is a case reference"
    exported = json.loads(text)["checklists"][0]["records"][0]
    assert exported["label"] == "CUST/2026/0142" and exported["details"]["auditor"] == "DS Jane Smith"
    _, sheet = download(page, "Export this record in full (CSV, for a spreadsheet)", choose="Export anyway")
    row = next(csv.DictReader(io.StringIO(sheet, newline="")))
    assert (row["detail_auditor"], row["detail_case_reference"], row["detail_supervisor_comment"]) == (
        "DS Jane Smith", "CUST/2026/0142", "Discussed; AA call times to be checked weekly.")

    page.evaluate("localStorage.clear()")
    page.reload()
    expect(detail(page, "Auditor (personal)")).to_have_value("")
    import_file(page, name, text)
    expect(transfer_messages(page)).to_contain_text("Imported 1 record")
    expect(detail(page, "Auditor (personal)")).to_have_value("DS Jane Smith")
    expect(detail(page, "Date of sign-off")).to_have_value("2026-12-01")
    expect(item(page, "aa-early-hours").get_by_label("Reason, if not applicable", exact=False)).to_have_value(
        "Mrs Khan said the call was not deferred")


def test_new_record_on_an_untouched_record_says_so_and_puts_focus_on_the_label(page, server):
    open_checklist(page, server)
    click(page, "New record")
    messages = page.locator("[data-gs=record-messages]")
    expect(messages).to_contain_text("has nothing in it yet, so no new one was made")
    expect(page.get_by_label("Label of this record", exact=False)).to_be_focused()
    answer(page, "aa-present", "Yes")
    click(page, "New record")
    expect(messages).to_contain_text("New record “Record 2” started")
    expect(page.get_by_label("Label of this record", exact=False)).to_be_focused()
    expect(page.get_by_label("Label of this record", exact=False)).to_have_value("Record 2")


# --- a record's address ----------------------------------------------------------------------------


def test_a_record_address_opens_that_record_on_load_and_on_hashchange_and_choosing_sets_it(page, server):
    open_checklist(page, server)
    two_records(page)  # Case B is shown
    case_a, case_b = record_id(page, "Case A"), record_id(page, "Case B")
    assert page.url.endswith("#record=" + quote(case_b, safe=""))
    switch_to(page, "Case A")
    assert page.url.endswith("#record=" + quote(case_a, safe="")), "choosing a record puts it in the address"
    expect(page.get_by_role("link", name="Link to this record")).to_have_attribute("href", "#record=" + case_a)

    other = page.context.new_page()
    other.goto(server.url + PAGE + "#record=" + quote(case_b, safe=""))
    expect(other.get_by_label("Label of this record", exact=False)).to_have_value("Case B")
    other.evaluate("id => { location.hash = 'record=' + encodeURIComponent(id); }", case_a)
    expect(other.get_by_label("Label of this record", exact=False)).to_have_value("Case A")
    assert checked(other, "aa-present") == "no"
    # An address naming a record not kept here opens a new, empty record, not another case to type into.
    other.evaluate("() => { location.hash = 'record=r-not-kept-here'; }")
    expect(other.locator("[data-gs=record-messages]")).to_contain_text("names a record that is not kept in this browser")
    expect(other.locator("[data-gs=record-messages]")).to_contain_text("A new, empty record is open instead")
    # Beside the record chosen, and in sight: it was below the record's details and progress, off the screen.
    said = other.locator("[data-gs=record-messages] [data-message=address]")
    expect(said).to_be_in_viewport()
    assert said.bounding_box()["y"] < other.locator("[data-gs=progress]").bounding_box()["y"]
    expect(other.get_by_label("Label of this record", exact=False)).to_have_value("Record 3")
    assert checked(other, "aa-present") is None
    expect(other.get_by_label("Record", exact=True).locator("option")).to_have_text(["Case A", "Case B", "Record 3"])
    answer(other, "aa-present", "Yes")  # kept once something is written in it, and Case A is as it was
    expect(said).to_have_count(0)  # the record has an address of its own now
    expect(other.get_by_label("Record", exact=True).locator("option")).to_have_text(["Case A", "Case B", "Record 3"])
    other.get_by_label("Record", exact=True).select_option(label="Case A")
    assert checked(other, "aa-present") == "no"

    # A record deleted here: the address that named it says so.
    other.get_by_label("Record", exact=True).select_option(label="Record 3")
    deleted = record_id(other, "Record 3")
    other.get_by_role("button", name="Delete this record…").click()
    other.get_by_role("button", name="Delete it").click()
    other.evaluate("id => { location.hash = 'record=' + encodeURIComponent(id); }", deleted)
    expect(other.locator("[data-gs=record-messages]")).to_contain_text("names a record that was deleted in this browser")
    assert checked(other, "aa-present") is None


def test_a_record_address_works_after_instant_navigation(page, instant_server):
    open_checklist(page, instant_server)
    two_records(page)
    case_a = record_id(page, "Case A")
    page.get_by_role("link", name="Police detention").first.click()
    expect(page.locator("h1")).to_have_text("Police detention")
    page.evaluate("window.stillTheSameDocument = true")
    page.evaluate("""([url]) => { const link = document.createElement('a'); link.href = url; link.textContent = 'Open case A';
        document.querySelector('article').append(link); }""", [instant_server.url + PAGE + "#record=" + quote(case_a, safe="")])
    page.get_by_role("link", name="Open case A").click()
    expect(page.get_by_label("Label of this record", exact=False)).to_have_value("Case A")
    assert page.evaluate("window.stillTheSameDocument === true"), "the navigation was not instant"
    assert checked(page, "aa-called-on-arrival") == "yes"


def test_a_record_address_works_from_a_folder(watched_context, shipped_site):
    context, _ = watched_context()
    page = context.new_page()
    url = (shipped_site / PAGE).as_uri()
    page.goto(url)
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    two_records(page)
    case_a = record_id(page, "Case A")
    switch_to(page, "Case A")
    assert page.url == url + "#record=" + quote(case_a, safe="")
    fresh = context.new_page()
    fresh.goto(url + "#record=" + quote(record_id(page, "Case B"), safe=""))
    expect(fresh.get_by_label("Label of this record", exact=False)).to_have_value("Case B")


# --- two tabs -------------------------------------------------------------------------------------------


def test_two_tabs_on_one_checklist_merge_their_answers_details_and_label(watched_context, server):
    context, _ = watched_context()
    first, second = context.new_page(), context.new_page()
    open_checklist(first, server)
    answer(first, "aa-present", "Yes")  # the record both tabs work on
    open_checklist(second, server)
    assert checked(second, "aa-present") == "yes"

    answer(first, "aa-called-on-arrival", "No")
    answer(second, "aa-times-recorded", "Yes")  # saved without having seen the first tab's answer first? merged all the same
    label_record(first, "Case A")
    second.get_by_label("Auditor (personal)", exact=True).fill("DS Jane Smith")
    note(second, "aa-times-recorded", "Times agree with the custody log.")
    # Each tab sees the other's changes as they are saved (the storage event).
    expect(second.get_by_label("Label of this record", exact=False)).to_have_value("Case A")
    expect(first.get_by_label("Auditor (personal)", exact=True)).to_have_value("DS Jane Smith")
    expect(first.locator("#item-aa-times-recorded input[value=yes]")).to_be_checked()
    expect(second.locator("#item-aa-called-on-arrival input[value=no]")).to_be_checked()

    # A newer answer is never overwritten by an older one.
    answer(first, "aa-present", "No")
    expect(second.locator("#item-aa-present input[value=no]")).to_be_checked()
    note(second, "custody-record-standard", "Complete.")
    [record] = stored(second)["records"]
    assert record["answers"]["aa-present"]["answer"] == "no"

    for tab in (first, second):
        tab.reload()
        expect(tab.get_by_label("Label of this record", exact=False)).to_have_value("Case A")
        expect(tab.get_by_label("Auditor (personal)", exact=True)).to_have_value("DS Jane Smith")
        assert (checked(tab, "aa-present"), checked(tab, "aa-called-on-arrival"), checked(tab, "aa-times-recorded")) == \
            ("no", "no", "yes")
        expect(item(tab, "aa-times-recorded").get_by_label("Note")).to_have_value("Times agree with the custody log.")
        expect(item(tab, "custody-record-standard").get_by_label("Note")).to_have_value("Complete.")


def delete_case_a_in_another_tab(watched_context, server, shown_here: str):
    """A tab showing `shown_here` of Case A and Case B, once another tab has deleted Case A."""
    context, _ = watched_context()
    first, second = context.new_page(), context.new_page()
    open_checklist(first, server)
    two_records(first)
    open_checklist(second, server)
    switch_to(second, shown_here)
    switch_to(first, "Case A")
    click(first, "Delete this record…")
    click(first, "Delete it")
    return second


def test_a_record_deleted_in_one_tab_does_not_come_back_from_the_other(watched_context, server):
    second = delete_case_a_in_another_tab(watched_context, server, "Case B")
    options = second.get_by_label("Record", exact=True).locator("option")
    expect(options).to_have_text(["Case B"])
    answer(second, "aa-present", "Yes")  # a save from the tab that had it: still gone
    assert [r["label"] for r in stored(second)["records"]] == ["Case B"]


def test_a_tab_whose_record_is_deleted_in_another_opens_a_new_one_and_says_so(watched_context, server):
    # The tab quietly showed another case in its place, and the next note typed went into that case.
    second = delete_case_a_in_another_tab(watched_context, server, "Case A")
    messages = second.locator("[data-gs=record-messages]")
    expect(messages).to_contain_text("The record “Case A” was deleted in another tab. A new, empty record is open instead")
    expect(second.get_by_label("Label of this record", exact=False)).to_have_value("Record 2")
    note(second, "aa-present", "Typed after the delete.")
    case_b = next(r for r in stored(second)["records"] if r["label"] == "Case B")
    assert "aa-present" not in case_b["answers"], "nothing typed went into another case"
    assert [r["label"] for r in stored(second)["records"]] == ["Case B", "Record 2"]


def test_what_was_said_of_a_record_goes_when_another_is_chosen(page, server):
    # "New record started. Give it a short name here." stayed above the next record's label field.
    open_checklist(page, server)
    two_records(page)
    messages = page.locator("[data-gs=record-messages]")
    click(page, "New record")
    expect(messages).to_contain_text("started")
    switch_to(page, "Case A")
    expect(messages).not_to_contain_text("started")


# --- a result that explains itself -------------------------------------------------------------------------


def test_the_result_lists_what_counts_against_the_rating_critical_first_and_what_is_still_to_answer(page, server):
    open_checklist(page, server)
    answer(page, "aa-present", "No")  # not critical
    answer(page, "aa-called-on-arrival", "No")  # critical
    against = page.locator("[data-gs=against]")
    expect(against.locator("h3")).to_have_text("Answers that count against the rating")
    links = against.locator("li a")
    expect(links).to_have_count(2)
    expect(against.locator("li").first).to_contain_text("answered “No” (critical)")
    assert links.first.get_attribute("href") == "#item-aa-called-on-arrival"
    assert links.nth(1).get_attribute("href") == "#item-aa-present"
    still = page.locator("[data-gs=still] li")
    expect(still).to_have_count(8)
    answer(page, "aa-early-hours", "Not applicable")
    expect(page.locator("[data-gs=still]")).to_contain_text("the reason is still to give")
    links.first.click()
    assert page.url.endswith("#item-aa-called-on-arrival")
    expect(page.get_by_label("Label of this record", exact=False)).to_have_value("Record 1")  # not taken for a record
    page.emulate_media(media="print")
    text = read_pdf(page.pdf(format="A4"), "print-record-result").text
    page.emulate_media(media="screen")
    assert "Answers that count against the rating" in text and "answered “No” (critical)" in text
    assert "Items still to answer" in text


def test_a_score_defined_by_the_checklist_is_shown(watched_context, serve, content_copy, tmp_path):
    path = content_copy / "self-audit" / f"{CHECKLIST}.yml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        "scale: yes-no-na\n", "scale: yes-no-na\nscore: {label: Steps taken, met: [\"yes\"]}\n", 1), encoding="utf-8")
    server = serve(build(tmp_path, content_copy))
    context, _ = watched_context()
    page = context.new_page()
    open_checklist(page, server)
    answer(page, "aa-present", "Yes")
    answer(page, "aa-called-on-arrival", "No")
    answer(page, "aa-early-hours", "Not applicable")
    reason(page, "aa-early-hours", "Not deferred.")
    expect(page.locator("[data-gs=score]")).to_have_text("Steps taken: 1 of 9 applicable items (11%), so far: 7 still to answer.")


# --- ids that are words of JavaScript; limits on import (issue 16) ----------------------------------------


def test_an_answer_keyed_constructor_is_shown_as_removed_exported_and_in_the_csv(page, server):
    """"constructor" is an id the content could give, and a property every plain object inherits."""
    open_checklist(page, server)
    entry = {"answer": "yes", "note": "kept", "reason": "", "item_hash": "x", "updated": "2026-01-01T10:00:00.000Z"}
    record = json.loads(exported_text())["records"][0]
    record["answers"] = {"constructor": entry}
    record["removed_items"] = {"prototype": dict(entry, note="also kept")}
    import_file(page, "words.json", full_export(checklists=[{"checklist": json.loads(exported_text())["checklist"],
                                                              "records": [record]}]))
    expect(transfer_messages(page)).to_contain_text("Imported 1 record")
    removed = page.locator("[data-gs=removed]")
    expect(removed).to_contain_text("constructor: answered “yes”; note: kept")
    expect(removed).to_contain_text("prototype: answered “yes”; note: also kept")
    _, exported = download(page, "Export this record in full (JSON)")
    kept = json.loads(exported)["checklists"][0]["records"][0]
    assert set(kept["removed_items"]) == {"constructor", "prototype"} and kept["answers"] == {}
    assert kept["removed_items"]["constructor"]["note"] == "kept"
    _, sheet = download(page, "Export this record in full (CSV, for a spreadsheet)")
    rows = {row["item_id"]: row for row in csv.DictReader(io.StringIO(sheet, newline=""))}
    assert rows["constructor"]["status"] == rows["prototype"]["status"] == "removed"
    assert rows["constructor"]["note"] == "kept"


@pytest.mark.parametrize("key", ["toString", "__proto__", "hasOwnProperty"])
def test_an_answer_keyed_by_a_name_no_item_can_have_is_refused_with_a_message(page, server, key):
    open_checklist(page, server)
    two_records(page)
    before = stored_text(page)
    record = json.loads(exported_text())["records"][0]
    record["answers"] = {key: {"answer": "yes", "note": "", "reason": "", "item_hash": "x", "updated": "2026-01-01T10:00:00.000Z"}}
    import_file(page, "keys.json", exported_text(records=[record]))
    expect(transfer_messages(page)).to_contain_text(f"it has an answer or detail under “{key}”")
    expect(transfer_messages(page)).to_contain_text("Nothing was imported.")
    assert stored_text(page) == before
    assert page.evaluate("() => ({}).answer === undefined && Object.prototype.note === undefined")


@pytest.mark.parametrize("change, message", [
    ({"label": "L" * 121}, "has a label of 121 characters; a label has at most 120"),
    ({"details": {"auditor": "A" * 201}}, "has Auditor of 201 characters; it takes at most 200"),
    ({"answers": {"aa-present": {"answer": "no", "note": "N" * 5001, "reason": "", "item_hash": "x",
                                 "updated": "2026-01-01T10:00:00.000Z"}}}, "has a note, reason or answer to item aa-present longer than 5000 characters"),
])
def test_labels_details_and_notes_are_bounded_on_import(page, server, change, message):
    open_checklist(page, server)
    record = json.loads(exported_text())["records"][0]
    record.update(change)
    import_file(page, "long.json", full_export(checklists=[{"checklist": json.loads(exported_text())["checklist"],
                                                             "records": [record]}]))
    expect(transfer_messages(page)).to_contain_text("Record 1 in the file " + message)
    expect(transfer_messages(page)).to_contain_text("Nothing was imported.")
    field = page.get_by_label("Import records from a full JSON export", exact=False)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", "checklist-detention-of-children-transfer-messages")
    assert stored_text(page) is None


@pytest.mark.parametrize("same_wording", [True, False])
def test_an_answer_that_is_none_of_the_items_options_is_refused_unless_the_question_changed(page, server, same_wording):
    # To the wording on the page, "maybe" can only come from a damaged file; to an older wording, the page
    # asks for the answer to be checked again, as it does for any answer to a changed question.
    open_checklist(page, server)
    item_hash = page.locator(".gs-item[data-item-id=aa-present]").get_attribute("data-item-hash")
    record = json.loads(exported_text())["records"][0]
    record["answers"] = {"aa-present": {"answer": "maybe", "note": "", "reason": "",
                                        "item_hash": item_hash if same_wording else "an-older-wording",
                                        "updated": "2026-01-01T10:00:00.000Z"}}
    import_file(page, "maybe.json", exported_text(records=[record]))
    if same_wording:
        expect(transfer_messages(page)).to_contain_text(
            "This file is damaged: record “Imported” answers item 1.4 “maybe”, which is not one of its answers.")
        expect(transfer_messages(page)).to_contain_text("Nothing was imported.")
        assert stored_text(page) is None
    else:
        expect(transfer_messages(page)).to_contain_text("Imported 1 record: “Imported”.")
        expect(item(page, "aa-present")).to_contain_text("This question has changed since it was answered")


# --- recovering a set-aside copy (issue 16.5) ----------------------------------------------------------------


def test_a_damaged_saved_copy_can_be_downloaded_and_its_readable_records_kept(page, server):
    open_checklist(page, server)
    good = {"created": "2026-01-01T09:00:00.000Z", "updated": "2026-01-01T10:00:00.000Z", "answers": {}}
    records = [dict(good, id="r-1", label="Case A"), {"id": "r-2", "label": 3}, dict(good, id="r-3", label="Case C")]
    records[2]["answers"] = {"aa-present": {"answer": "no", "note": "Late", "reason": "", "item_hash": "x",
                                            "updated": "2026-01-01T10:00:00.000Z"}}
    raw = json.dumps({"current": "r-1", "records": records})
    page.evaluate("([key, raw]) => localStorage.setItem(key, raw)", [KEY, raw])
    page.reload()
    expect(page.locator("[data-gs=messages]")).to_contain_text("could not be read")
    recovery = page.locator("[data-gs=recovery]")
    expect(recovery).to_contain_text("2 of its 3 records can still be read")
    page.locator("[data-gs=recovery]").screenshot(path=artifact_path("recovery.png"))
    assert_accessible(page, "a checklist offering to recover a set-aside copy")
    with page.expect_download() as info:
        click(page, "Download the set-aside copy (JSON)")
    assert Path(info.value.path()).read_text(encoding="utf-8") == raw
    click(page, "Keep the 2 records that can be read")
    expect(page.locator("[data-gs=messages]")).to_contain_text("Kept 2 records from the set-aside copy: “Case A”, “Case C”.")
    options = page.get_by_label("Record", exact=True).locator("option")
    expect(options).to_have_text(["Case A", "Case C"])
    page.reload()
    expect(options).to_have_text(["Case A", "Case C"])
    switch_to(page, "Case C")
    expect(item(page, "aa-present").get_by_label("Note")).to_have_value("Late")
    click(page, "Delete the set-aside copy…")
    click(page, "Delete it")
    expect(recovery).to_be_hidden()
    assert page.evaluate("prefix => Object.keys(localStorage).filter(k => k.startsWith(prefix + ':'))", KEY) == []


# --- messages a screen reader hears (issue 19) ----------------------------------------------------------------


def test_the_reason_warning_is_live_and_tied_to_the_reason_field_and_help_to_its_group(page, server):
    open_checklist(page, server)
    box = item(page, "aa-called-on-arrival")
    help_id = box.locator(".gs-item__help").get_attribute("id")
    expect(box).to_have_attribute("aria-describedby", help_id)
    radio_group = page.get_by_role("group", name=re.compile("Was the appropriate adult called when detention was authorised"))
    expect(radio_group).to_have_attribute("aria-describedby", help_id)
    answer(page, "aa-early-hours", "Not applicable")
    status = item(page, "aa-early-hours").locator("[data-gs=item-status]")
    expect(status).to_have_attribute("aria-live", "polite")
    warning = status.locator("p")
    expect(warning).to_contain_text("a reason is needed")
    field = item(page, "aa-early-hours").get_by_label("Reason, if not applicable", exact=False)
    expect(field).to_have_attribute("aria-invalid", "true")
    expect(field).to_have_attribute("aria-describedby", warning.get_attribute("id"))
    expect(field).to_have_accessible_description(re.compile("a reason is needed"))
    reason(page, "aa-early-hours", "Not deferred.")
    expect(warning).to_have_text("")
    assert field.get_attribute("aria-invalid") is None and field.get_attribute("aria-describedby") is None


def test_an_in_page_question_closes_on_escape_and_gives_focus_back(page, server):
    open_checklist(page, server)
    answer(page, "aa-present", "Yes")
    delete = page.get_by_role("button", name="Delete this record…", exact=True)
    delete.focus()
    page.keyboard.press("Enter")
    question = page.locator("[data-gs=records-confirm]")
    expect(question.locator(".gs-confirm__question")).to_be_focused()
    page.keyboard.press("Escape")
    expect(question).to_be_hidden()
    expect(delete).to_be_focused()
    assert len(stored(page)["records"]) == 1, "Escape keeps the record"


def test_a_sign_off_given_before_the_audit_is_finished_or_dated_before_it_began_says_so(page, server):
    # A supervisor's name and date on paper above "3 still to answer" read as vouching for an unfinished audit.
    open_checklist(page, server)
    answer(page, "aa-present", "Yes")
    today = page.evaluate("new Date().toLocaleDateString('en-CA')")
    warning = page.locator("[data-gs=sign-off-warning]")
    expect(warning).to_be_hidden()
    detail(page, "Date of sign-off").fill(today)
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("still to answer or to complete: the sign-off does not cover them.")
    printed = page.locator("[data-gs=print-record]")
    expect(printed).to_contain_text("⚠ Sign-off: Signed off on", use_inner_text=False)
    detail(page, "Date of sign-off").fill("2020-01-05")
    expect(warning).to_contain_text("Signed off on 5 Jan 2020, before this record was started on")
    for item in page.locator("fieldset.gs-item").all():  # every item answered: nothing left uncovered
        item.locator("input[type=radio]").first.check()
    detail(page, "Date of sign-off").fill(today)
    expect(warning).to_be_hidden()
    expect(printed).not_to_contain_text("⚠ Sign-off", use_inner_text=False)
