"""My audits in real headless Chromium: each record's own address, one export of every record (for counting
or in full) and its import back; and the checklist pages on a phone: touch targets, reflow at 320 px with
WCAG text spacing, links to the PDFs and to "Where audit answers are kept".

Records are put in localStorage as a checklist page keeps them (contract 2 of the team brief), so each
test starts from a known state; what is checked is what the page shows, links to, keeps and exports.
"""
from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

from conftest import artifact_path, assert_accessible
from generator.audits.rules import progress, rate
from generator.render.printing import print_packs
from generator.render.site import (ANSWERS_KEPT, CHECKLIST_INDEX, MY_AUDITS, checklist_path, page_url,
                                  relative_url)

pytestmark = pytest.mark.browser

PREFIX = "guidance:v1:site:leicestershire-child-protection:checklist:"  # records_name in site.yml
RATED, UNRATED = "detention-of-children", "case-file-quality"
REFERENCE = "CUST/2026/0142"  # matches the content's reference pattern
# WCAG 1.4.12: what a reader's own style sheet may set, every page must survive.
TEXT_SPACING = """* { line-height: 1.5 !important; letter-spacing: 0.12em !important; word-spacing: 0.16em !important; }
p { margin-bottom: 2em !important; }"""


def checklist_of(content, checklist_id):
    return next(c for c in content.checklists if c.id == checklist_id)


def record(content, checklist_id, record_id, label, answer, note="", reason_for=None, updated="2026-11-30T10:00:00.000Z"):
    """A record as a checklist page keeps it, every item answered `answer` (None: none answered)."""
    checklist = checklist_of(content, checklist_id)
    answers = {}
    for item in checklist.items() if answer else []:
        answers[item.id] = {"answer": answer, "note": note, "reason": "", "item_hash": item.content_hash,
                            "updated": updated}
    if reason_for:
        answers[reason_for]["answer"], answers[reason_for]["reason"] = "n-a", "Released before any charge."
    return {"id": record_id, "label": label, "created": updated, "updated": updated, "answers": answers}


def keep(page, states: dict) -> None:
    page.evaluate("""([prefix, states]) => { localStorage.clear();
        for (const [id, state] of Object.entries(states)) localStorage.setItem(prefix + id, JSON.stringify(state)); }""",
                  [PREFIX, states])


def kept(page) -> dict:
    """What the checklists keep in this browser (the theme keeps things of its own there too)."""
    return page.evaluate("""() => Object.fromEntries(Object.keys(localStorage).filter(k => k.startsWith('guidance:v1:'))
        .sort().map(k => [k, JSON.parse(localStorage.getItem(k))]))""")


def sample_states(content):
    return {
        RATED: {"current": "r-a", "records": [
            record(content, RATED, "r-a", f"Case A {REFERENCE}", "yes", note="Seen by Mr Smith.", updated="2026-11-30T09:00:00.000Z"),
            record(content, RATED, "r/b c", "Case B", "no", reason_for="assessed-before-charge", updated="2026-11-30T11:00:00.000Z")]},
        UNRATED: {"current": "r-c", "records": [record(content, UNRATED, "r-c", "Case C", "good", updated="2026-11-30T10:00:00.000Z")]},
    }


def open_my_audits(page, url):
    page.goto(url + page_url(MY_AUDITS))
    expect(page.locator("[data-my-audits-transfer]")).to_be_visible()  # my-audits.js has run


def export(page, purpose: str | None = None, anyway: bool = False):
    if purpose:
        page.get_by_label(purpose, exact=False).check()
    with page.expect_download() as info:
        page.get_by_role("button", name="Export every record (JSON)").click()
        if anyway:
            page.get_by_role("button", name="Export anyway").click()
    download = info.value
    return download.suggested_filename, json.loads(Path(download.path()).read_text(encoding="utf-8"))


def import_file(page, path: Path):
    page.get_by_label("Import records from a full export", exact=False).set_input_files(str(path))


# --- each record's own address ----------------------------------------------------------------------


def assert_each_record_links_to_its_address(page, content, states):
    rows = page.locator("[data-my-audits-table] tbody tr")
    expect(rows).to_have_count(3)
    for checklist_id, state in states.items():
        checklist = checklist_of(content, checklist_id)
        for saved in state["records"]:
            link = page.get_by_role("link", name=saved["label"], exact=True)
            href = link.get_attribute("href")
            assert href.endswith(f"{checklist_id}.html#record={quote(saved['id'], safe='')}"), href
            row = page.locator(f"tr[data-record-id='{saved['id']}']")
            cells = row.locator("td").all_inner_texts()
            total = len(list(checklist.items()))
            answered = progress(checklist, content.scales, saved["answers"])
            rating = rate(checklist, content.scales, saved["answers"])
            assert cells[0] == checklist.title
            assert cells[2].startswith(f"{answered.answered} of {answered.applicable} applicable items"), cells
            assert cells[3] == (rating.label if rating else "No rating for this checklist" if not checklist.rating
                                else "Not yet rated")
            assert answered.applicable <= total


def test_every_record_links_to_its_own_address_after_instant_navigation(page, instant_server, content):
    states = sample_states(content)
    page.goto(instant_server.url + page_url(CHECKLIST_INDEX))
    keep(page, states)
    page.evaluate("window.stillTheSameDocument = true")
    page.locator(".md-content").get_by_role("link", name="My audits", exact=True).click()
    expect(page.locator("[data-my-audits-transfer]")).to_be_visible()
    assert page.evaluate("window.stillTheSameDocument === true"), "the navigation was not instant"
    assert_each_record_links_to_its_address(page, content, states)
    page.get_by_role("link", name="Case B", exact=True).click()
    expect(page.locator("h1")).to_have_text(checklist_of(content, RATED).title)
    assert page.url.endswith(f"{RATED}.html#record={quote('r/b c', safe='')}")
    expect(page.locator("[data-gs=audit]")).to_be_visible()  # the checklist's script runs on the page it opens


def test_every_record_links_to_its_own_address_opened_from_a_folder(watched_context, shipped_site, content):
    context, _ = watched_context()
    page = context.new_page()
    states = sample_states(content)
    page.goto((shipped_site / "my-audits.html").as_uri())
    keep(page, states)
    page.reload()
    expect(page.locator("[data-my-audits-transfer]")).to_be_visible()
    assert_each_record_links_to_its_address(page, content, states)
    page.get_by_role("link", name=f"Case A {REFERENCE}", exact=True).click()
    expect(page.locator("h1")).to_have_text(checklist_of(content, RATED).title)
    assert page.url == (shipped_site / "self-audit" / f"{RATED}.html").as_uri() + "#record=r-a"


# --- export of every record ---------------------------------------------------------------------------


def test_the_export_for_counting_is_the_default_and_holds_no_label_note_or_reason(page, server, content):
    states = sample_states(content)
    states[RATED]["records"][0]["details"] = {"auditor": "PS 1234 Jones", "case-reference": REFERENCE, "team": "CAIU"}
    open_my_audits(page, server.url)
    keep(page, states)
    open_my_audits(page, server.url)
    expect(page.get_by_label("For counting in", exact=False)).to_be_checked()
    expect(page.locator("[data-my-audits-warning]")).to_be_hidden()
    name, data = export(page)
    assert re.fullmatch(r"all-checklists-for-counting-\d{4}-\d{2}-\d{2}\.json", name), name
    assert data["format"] == "guidance-audit-export" and data["format_version"] == 2
    assert data["purpose"] == "aggregation"
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", data["exported_at"]), data["exported_at"]
    by_id = {entry["checklist"]["id"]: entry for entry in data["checklists"]}
    assert set(by_id) == {RATED, UNRATED}
    text = json.dumps(data)
    for secret in (REFERENCE, "Case A", "Case B", "Mr Smith", "Released before any charge"):
        assert secret not in text, f"{secret!r} is in an export for counting"
    for checklist_id, entry in by_id.items():
        checklist = checklist_of(content, checklist_id)
        assert entry["checklist"] == {"id": checklist.id, "version": checklist.version, "title": checklist.title}
        saved = {r["id"]: r for r in states[checklist_id]["records"]}
        for exported in entry["records"]:
            assert exported["label"] is None and exported["removed_items"] == {}
            assert exported["details"] == ({"team": "CAIU"} if exported["id"] == "r-a" else {}), "only details not personal"
            for item_id, answer in exported["answers"].items():
                assert "note" not in answer and "reason" not in answer
                assert answer.get("reason_given", False) == bool(saved[exported["id"]]["answers"][item_id]["reason"])
                assert answer["answer"] == saved[exported["id"]]["answers"][item_id]["answer"]
            rating = rate(checklist, content.scales, saved[exported["id"]]["answers"])
            assert (exported["rating"] or {}).get("label") == (rating.label if rating else None)
            done = progress(checklist, content.scales, saved[exported["id"]]["answers"])
            assert exported["progress"] == {"answered": done.answered, "applicable": done.applicable, "total": done.total}
    expect(page.locator("[data-my-audits-messages]")).to_contain_text("Exported 3 records of 2 checklists")
    expect(page.locator("[data-my-audits-messages]")).not_to_contain_text("not finished")  # every record is finished


def test_an_export_for_counting_says_which_records_are_not_finished(page, server, content):
    # A draft of 2 items in 10 went into the count without a word, and Audit results then showed half the records
    # not rated.
    states = sample_states(content)
    states[RATED]["records"].append(record(content, RATED, "r-d", "Draft", None))
    page.goto(server.url + page_url(CHECKLIST_INDEX))
    keep(page, states)
    open_my_audits(page, server.url)
    _, data = export(page)  # for counting, as the page offers first
    assert sum(len(entry["records"]) for entry in data["checklists"]) == 4, "a draft is still exported, as the auditor asked"
    expect(page.locator("[data-my-audits-messages]")).to_contain_text(
        "1 of them is not finished: Audit results will count it as unfinished, not rated.")


def test_a_full_export_warns_points_out_personal_details_and_holds_everything(page, server, content):
    states = sample_states(content)
    details = {"auditor": "PS 1234 Jones", "case-reference": "CU/2026/001234", "team": "CAIU"}
    states[RATED]["records"][0]["details"] = details
    open_my_audits(page, server.url)
    keep(page, states)
    open_my_audits(page, server.url)
    page.get_by_label("Full, to move to another computer", exact=False).check()
    expect(page.locator("[data-my-audits-warning]")).to_be_visible()
    expect(page.locator("[data-my-audits-warning]")).to_contain_text("A full export holds case details")
    page.get_by_role("button", name="Export every record (JSON)").click()
    confirm = page.locator("[data-my-audits-confirm]")
    expect(confirm).to_be_visible()
    place = f"“{checklist_of(content, RATED).title}”, record “Case A {REFERENCE}”"
    expect(confirm).to_contain_text("the file carries these personal or case details")
    # Personal details are named whatever they hold (no pattern matches "PS 1234 Jones"), by their labels.
    expect(confirm.locator("li")).to_contain_text([
        f"{place}, Auditor: filled in (a personal detail).",
        f"{place}, Case reference: filled in (a personal detail).",
        f"{place}, label: “{REFERENCE}” looks like a reference number",
        "item 1.1, note: “Mr Smith” looks like a name after a title",
    ])
    expect(confirm).not_to_contain_text("Team or unit: filled in")
    # Each personal detail once, as filled in, not again for what it looks like ("CU/2026/001234", a reference).
    expect(confirm).not_to_contain_text("Case reference: “")
    expect(confirm.get_by_role("button").first).to_have_text("Go back, export nothing")  # the safe choice first
    assert_accessible(page, "My audits asking before a full export")
    page.keyboard.press("Escape")  # the safe choice
    expect(confirm).to_be_hidden()
    expect(page.locator("[data-my-audits-messages]")).to_have_text("Note: Nothing was exported.")
    name, data = export(page, anyway=True)
    assert re.fullmatch(r"all-checklists-full-\d{4}-\d{2}-\d{2}\.json", name), name
    assert data["purpose"] == "transfer"
    records = {r["id"]: r for entry in data["checklists"] for r in entry["records"]}
    assert records["r-a"]["label"] == f"Case A {REFERENCE}"
    assert records["r-a"]["details"] == details
    assert {a["note"] for a in records["r-a"]["answers"].values()} == {"Seen by Mr Smith."}
    assert records["r/b c"]["answers"]["assessed-before-charge"]["reason"] == "Released before any charge."
    expect(page.locator("[data-my-audits-messages]")).to_contain_text("It holds case details")


# --- import ----------------------------------------------------------------------------------------------


def test_a_full_export_imports_back_and_records_are_matched_by_id_not_label(page, server, content, tmp_path):
    states = sample_states(content)
    open_my_audits(page, server.url)
    keep(page, states)
    open_my_audits(page, server.url)
    _, data = export(page, "Full, to move to another computer", anyway=True)
    before = kept(page)
    path = tmp_path / "all.json"
    path.write_text(json.dumps(data), encoding="utf-8")

    page.evaluate("localStorage.clear()")
    open_my_audits(page, server.url)
    import_file(page, path)
    messages = page.locator("[data-my-audits-messages]")
    expect(messages).to_contain_text("Imported 3 records for 2 checklists")
    expect(page.locator("[data-my-audits-table] tbody tr")).to_have_count(3)
    after = kept(page)
    for key, state in before.items():
        assert [r["id"] for r in after[key]["records"]] == [r["id"] for r in state["records"]]
        assert [r["answers"] for r in after[key]["records"]] == [r["answers"] for r in state["records"]]
        assert [r["label"] for r in after[key]["records"]] == [r["label"] for r in state["records"]]

    import_file(page, path)  # again: the same records, unchanged, are left as they are
    expect(page.locator("[data-my-audits-confirm]")).to_be_hidden()
    expect(messages).to_have_text(re.compile(r"^Done: Nothing was imported\. Already kept here, unchanged: 3 records for 2 checklists"))
    assert kept(page) == after

    # Other records of the same labels (another browser's "Case B"): they come in beside them, never replacing them.
    others = json.loads(json.dumps(data))
    for entry in others["checklists"]:
        for n, each in enumerate(entry["records"]):
            each["id"] = f"r-other-{n}"
    path.write_text(json.dumps(others), encoding="utf-8")
    import_file(page, path)
    expect(page.locator("[data-my-audits-confirm]")).to_be_hidden()
    expect(messages).to_contain_text("“Case B (2)”")
    labels = [r["label"] for r in kept(page)[PREFIX + RATED]["records"]]
    assert labels == [f"Case A {REFERENCE}", "Case B", f"Case A {REFERENCE} (2)", "Case B (2)"]

    # A copy changed since: asked first, each named with its checklist.
    changed = json.loads(json.dumps(data))
    rated = next(entry for entry in changed["checklists"] if entry["checklist"]["id"] == RATED)
    case_b = next(each for each in rated["records"] if each["label"] == "Case B")
    case_b.update(label="Case B, renamed", updated="2099-01-01T00:00:00.000Z")
    path.write_text(json.dumps(changed), encoding="utf-8")
    import_file(page, path)
    confirm = page.locator("[data-my-audits-confirm]")
    expect(confirm).to_contain_text("1 record in the file is a copy of a record kept here, and the two differ.")
    expect(confirm).to_contain_text(
        f"“Case B” (in the file “Case B, renamed”) ({checklist_of(content, RATED).title}): here last changed")
    expect(confirm).to_contain_text("the file's copy is newer")
    assert_accessible(page, "My audits asking about a changed copy")
    page.get_by_role("button", name="Cancel the import").click()
    expect(messages).to_have_text("Note: The import was cancelled. Nothing was changed.")
    import_file(page, path)
    page.get_by_role("button", name="Replace them").click()
    state = kept(page)[PREFIX + RATED]
    assert [r["label"] for r in state["records"]] == [f"Case A {REFERENCE}", f"Case A {REFERENCE} (2)", "Case B (2)",
                                                      "Case B, renamed"]
    assert state["deleted"] == [case_b["id"]], "the copy replaced is forgotten, so another tab does not bring it back"
    assert case_b["id"] not in [r["id"] for r in state["records"]], "the file's copy comes under an id of its own"


def test_a_single_checklist_file_of_format_1_imports(page, server, content, tmp_path):
    checklist = checklist_of(content, RATED)
    file = {"format": "guidance-audit-export", "format_version": 1, "exported_at": "2026-11-30T10:00:00Z",
            "checklist": {"id": RATED, "version": checklist.version, "title": checklist.title},
            "records": [record(content, RATED, "r-old", "Old case", "yes")]}
    path = tmp_path / "v1.json"
    path.write_text(json.dumps(file), encoding="utf-8")
    open_my_audits(page, server.url)
    import_file(page, path)
    expect(page.locator("[data-my-audits-messages]")).to_contain_text("Imported 1 record for 1 checklist")
    assert [r["label"] for r in kept(page)[PREFIX + RATED]["records"]] == ["Old case"]
    expect(page.get_by_role("link", name="Old case", exact=True)).to_have_attribute("href", re.compile(r"#record=r-old$"))


def bad_files(content):
    checklist = checklist_of(content, RATED)
    good = record(content, RATED, "r-1", "Fine", "yes")
    part = {"checklist": {"id": RATED, "version": checklist.version, "title": checklist.title}, "records": [good]}
    first = next(iter(checklist.items()))
    maybe = record(content, RATED, "r-1", "Fine", "yes")
    maybe["answers"][first.id]["answer"] = "maybe"  # to the item's present wording: none of its options
    v2 = {"format": "guidance-audit-export", "format_version": 2, "purpose": "transfer",
          "exported_at": "2026-11-30T10:00:00+00:00"}
    return {
        "not-json": ("{ not json", ["This file is not an audit export from this site (or it is damaged)."]),
        "aggregation": (json.dumps({**v2, "purpose": "aggregation", "checklists": [part]}),
                        ["This file is an export for counting (for the Audit results page)"]),
        "newer": (json.dumps({**v2, "format_version": 3, "checklists": [part]}),
                  ["This file was made by a newer version of this site (export format 3)"]),
        "two-problems": (json.dumps({**v2, "checklists": [
            part, {"checklist": {"id": "no-such-checklist", "title": "Cell checks"}, "records": [good]},
            {"checklist": part["checklist"], "records": [good, {"id": "r-2", "label": "Broken"}]}]}),
            ["This file holds answers to “Cell checks”, which is not a checklist on this site.",
             f"“{checklist.title}”, record 2 (“Broken”) is incomplete or damaged."]),
        "prototype": (json.dumps({**v2, "checklists": [{"checklist": {"id": "__proto__"}, "records": [good]}]}),
                      ["This file holds answers to “__proto__”, which is not a checklist on this site."]),
        "unknown-answer": (json.dumps({**v2, "checklists": [{**part, "records": [maybe]}]}),
                           [f"“{checklist.title}”, record “Fine” answers item {first.number} “maybe”, which is not one "
                            "of its answers: the file is damaged."]),
    }


@pytest.mark.parametrize("name", ["not-json", "aggregation", "newer", "two-problems", "prototype", "unknown-answer"])
def test_a_file_that_cannot_be_imported_changes_nothing_and_says_why(page, server, content, tmp_path, name):
    text, problems = bad_files(content)[name]
    path = tmp_path / f"{name}.json"
    path.write_text(text, encoding="utf-8")
    open_my_audits(page, server.url)
    keep(page, sample_states(content))
    open_my_audits(page, server.url)
    before = kept(page)
    import_file(page, path)
    messages = page.locator("[data-my-audits-messages] .gs-message")
    expect(messages.last).to_have_text("Note: Nothing was imported.")
    texts = messages.all_inner_texts()
    assert len(texts) == len(problems) + 1, texts
    for said, problem in zip(texts, problems):
        assert said.startswith("Problem: " + problem), (said, problem)
    assert kept(page) == before
    expect(page.locator("[data-my-audits-table] tbody tr")).to_have_count(3)


# --- phones: touch targets, reflow, and a look at each page --------------------------------------------


def test_on_a_phone_every_record_control_and_answer_is_44_px_high_and_delete_stands_apart(watched_context, server, content):
    context, _ = watched_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto(server.url + page_url(checklist_path(RATED)))
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    page.get_by_label("Label of this record", exact=False).fill(f"A long label for case {REFERENCE} of the custody suite")
    heights = page.evaluate("""() => [...document.querySelectorAll(
        '.gs-audit button, .gs-audit select, .gs-audit input, .gs-result button, .gs-result input[type=file], .gs-option')]
        .filter(e => e.offsetParent).map(e => [e.dataset.gsAction || e.textContent.trim().slice(0, 30) || e.tagName,
                                               e.getBoundingClientRect().height])""")
    assert len(heights) > 10
    small = [(what, height) for what, height in heights if height < 44]
    assert not small, f"smaller than 44 px on a phone: {small}"
    gap = page.evaluate("""() => { const del = document.querySelector('[data-gs-action=delete-record]');
        const before = del.previousElementSibling; return del.getBoundingClientRect().top - before.getBoundingClientRect().bottom; }""")
    assert gap >= 16, f"Delete is only {gap} px from the button before it"
    overflow = page.evaluate("""() => { const box = document.querySelector('.gs-audit').getBoundingClientRect();
        return [...document.querySelectorAll('.gs-audit *')].filter(e => e.offsetParent)
            .filter(e => e.getBoundingClientRect().right > box.right + 0.5).map(e => e.tagName + '.' + e.className); }""")
    assert not overflow, f"outside the Audit record box at 390 px: {overflow}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=artifact_path("phone-390-checklist-records.png"), clip={"x": 0, "y": 0, "width": 390, "height": 1500},
                    full_page=True)
    assert_accessible(page, "a checklist on a phone")


@pytest.mark.parametrize("width", [390, 1280])
def test_my_audits_with_records_is_accessible_at_phone_and_desktop_widths(watched_context, server, content, width):
    context, _ = watched_context(viewport={"width": width, "height": 900})
    page = context.new_page()
    open_my_audits(page, server.url)
    keep(page, sample_states(content))
    open_my_audits(page, server.url)
    page.get_by_label("Full, to move to another computer", exact=False).check()
    small = page.evaluate("""() => [...document.querySelectorAll('.gs-my-audits .md-button, .gs-my-audits .gs-option')]
        .map(e => e.getBoundingClientRect().height).filter(h => h < 44)""")
    assert width > 390 or not small, f"controls under 44 px on a phone: {small}"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    # The whole of each record on the screen: the table's "Signed off", where "changed since" shows, was past its edge.
    table = page.locator("[data-my-audits-table]")
    assert table.evaluate("box => box.scrollWidth <= box.clientWidth"), "the records' table is wider than the screen"
    if width == 390:
        signed = page.locator(".gs-my-audits__table td").nth(4)
        assert signed.evaluate("cell => getComputedStyle(cell, '::before').content").startswith('"Signed off"')
    page.screenshot(path=artifact_path(f"my-audits-{width}.png"), full_page=True)
    assert_accessible(page, f"My audits at {width} px")


@pytest.mark.parametrize("path", [checklist_path(RATED), MY_AUDITS, ANSWERS_KEPT])
def test_at_320_px_with_text_spacing_nothing_scrolls_sideways(watched_context, server, content, path):
    context, _ = watched_context(viewport={"width": 320, "height": 640})
    page = context.new_page()
    page.goto(server.url + page_url(MY_AUDITS))
    keep(page, sample_states(content))
    page.goto(server.url + page_url(path))
    page.add_style_tag(content=TEXT_SPACING)
    if path == checklist_path(RATED):
        expect(page.locator("[data-gs=audit]")).to_be_visible()
        page.get_by_label("Label of this record", exact=False).fill(f"A long label {REFERENCE} for a custody case")
    if path == MY_AUDITS:
        expect(page.locator("[data-my-audits-table]")).to_be_visible()
    wide = page.evaluate("""() => [...document.querySelectorAll('.md-content *')].filter(e => e.offsetParent
        && !e.closest('.gs-table-scroll') && e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).slice(0, 8)""")
    assert not wide, f"wider than 320 px: {wide}"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.screenshot(path=artifact_path(f"reflow-320-{path.replace('/', '-')}.png"), full_page=True)
    if path == MY_AUDITS:  # the table's words are whole: each on one line (CUST/2026/0142 may break at a slash)
        cut = page.evaluate("""() => { const cut = [];
            for (const cell of document.querySelectorAll('.gs-my-audits__table :is(th, td)')) {
              const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
              for (let node; (node = walker.nextNode());) {
                for (const word of node.data.matchAll(/[^\\s\\u002f]+\\u002f?/g)) {  // a break after a slash is a break between words
                  const range = document.createRange();
                  range.setStart(node, word.index); range.setEnd(node, word.index + word[0].length);
                  if (new Set([...range.getClientRects()].map(r => Math.round(r.top))).size > 1) cut.push(word[0]);
                } } }
            return cut; }""")
        assert not cut, f"words broken across lines in the table: {cut}"


# --- links: the PDFs (absent here: built without them), and where answers are kept ---------------------


def test_without_pdfs_no_page_links_to_one_and_every_audit_page_links_to_where_answers_are_kept(shipped_site, content):
    pages = [checklist_path(c.id) for c in content.checklists] + [p.path for p in print_packs(content)]
    pages.append("self-audit/print-packs/index.md")
    for path in pages:
        html = (shipped_site / page_url(path)).read_text(encoding="utf-8")
        assert "pdf/" not in html, f"{path} links to a PDF the site does not have"
    for path in [checklist_path(c.id) for c in content.checklists] + [MY_AUDITS, CHECKLIST_INDEX]:
        html = (shipped_site / page_url(path)).read_text(encoding="utf-8")
        target = relative_url(path, ANSWERS_KEPT)
        assert f'href="{target}">Where audit answers are kept</a>' in html, path


def test_where_audit_answers_are_kept_says_what_an_auditor_needs(shipped_site):
    html = (shipped_site / page_url(ANSWERS_KEPT)).read_text(encoding="utf-8")
    article = html.split("<article", 1)[1].split("</article>", 1)[0]  # the page's own words, not the footer's
    text = re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", article))
    for words in ("saved as you go, in the browser you are using, on this device", "They are never sent anywhere",
                  "Records and their details", "case reference", "supervisor's sign-off",
                  "For counting", "Full, to move to another computer", "This file holds case details",
                  "Each record has an address of its own", "Two tabs at once", "each sees the other's changes",
                  "Recovering a set-aside copy", ":corrupt:", "Clearing your records", "delete the site data"):
        assert words in text, f"{words!r} is not on the page"
    assert "Leicestershire" not in text and "HMICFRS" not in text  # no force's words (test_other_inspection checks more)


def test_each_record_says_whether_it_is_signed_off_and_whether_it_changed_since(page, server, content):
    # A supervisor looks for the audits that wait for them, without opening each.
    states = sample_states(content)
    states[RATED]["records"][0]["details"] = {"supervisor-date": "2026-11-30"}  # the day it was last changed
    states[RATED]["records"][1]["details"] = {"supervisor-date": "2026-11-29"}  # changed on a later day
    page.goto(server.url + page_url(CHECKLIST_INDEX))
    keep(page, states)
    open_my_audits(page, server.url)
    signed = {row.get_attribute("data-record-id"): row.locator("td").nth(4).inner_text()
              for row in page.locator("[data-my-audits-table] tbody tr").all()}
    assert signed == {"r-a": "30 Nov 2026", "r/b c": "29 Nov 2026 (⚠ changed since)", "r-c": "Not yet"}, signed
