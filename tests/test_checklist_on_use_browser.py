"""Export and import come with their script on first use (issue 15: what a checklist page weighs).

In headless Chromium against the built shipped site: a checklist page loads no export or import code
until an auditor goes to export or import; then a press made before the script has arrived is not
lost, by pointer or by keyboard, and the file chosen is imported.
"""
from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from playwright.sync_api import expect

from test_checklist_browser import answer, open_checklist, transfer_messages
from test_keyboard import open_file_dialog_by_keyboard

pytestmark = pytest.mark.browser

TRANSFER_SCRIPT = "/assets/guidance/checklist-transfer.js"
EXPORT_IN_FULL = "Export this record in full (JSON)"


def slow_transfer_page(watched_context, delay_s: float = 1.0):
    """A page whose export script arrives `delay_s` late, as on a slow network; the list of its requests, and what
    the page did that it should not (see conftest's Watch)."""
    context, watch = watched_context(accept_downloads=True)

    def late(route):
        time.sleep(delay_s)
        route.continue_()

    context.route(f"**{TRANSFER_SCRIPT}", late)  # added last, so asked first
    page = context.new_page()
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    return page, requested, watch


def transfer_requests(requested: list[str]) -> int:
    return sum(url.endswith(TRANSFER_SCRIPT) for url in requested)


# When the export script was asked for, after the page's load (ms from the start of the page; null if not asked).
EXPORT_SCRIPT_ASKED = """() => {
  const entry = performance.getEntriesByType("resource").find(e => e.name.endsWith("/checklist-transfer.js"));
  return entry ? entry.startTime - performance.getEntriesByType("navigation")[0].loadEventEnd : null;
}"""


def test_the_export_script_is_not_part_of_the_page_s_load_but_comes_once_the_browser_is_idle(watched_context, server):
    """So the page is light to open, and an auditor whose phone loses the network after it opened can export."""
    page, requested, watch = slow_transfer_page(watched_context, delay_s=0)
    open_checklist(page, server)
    assert page.evaluate("!!document.querySelector('[data-gs-script-on-use=checklist-transfer]')")
    page.wait_for_function("() => window.guidanceAudit && document.readyState === 'complete'")
    for _ in range(100):  # the resource entry appears once the browser is idle
        asked = page.evaluate(EXPORT_SCRIPT_ASKED)
        if asked is not None:
            break
        page.wait_for_timeout(100)
    assert asked is not None, "the export script was never fetched"
    assert asked >= 0, "the export script was fetched as part of the page's load"
    assert transfer_requests(requested) == 1

    page.context.set_offline(True)
    answer(page, "aa-called-on-arrival", "Yes")
    with page.expect_download() as download:  # no network now: the export works all the same
        page.get_by_role("button", name=EXPORT_IN_FULL, exact=True).click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["checklists"][0]["records"][0]["answers"]["aa-called-on-arrival"]["answer"] == "yes"
    # The browser asks for the site's icon again with the download; offline, that is its only failure.
    assert all("ERR_INTERNET_DISCONNECTED" in error for error in watch.console_errors)
    watch.console_errors.clear()


def test_an_export_pressed_before_its_script_has_arrived_is_not_lost(watched_context, server):
    page, requested, watch = slow_transfer_page(watched_context, delay_s=3.0)
    open_checklist(page, server)
    answer(page, "aa-called-on-arrival", "Yes")

    with page.expect_download() as download:  # pressed before the script has arrived
        page.get_by_role("button", name=EXPORT_IN_FULL, exact=True).click()
    exported = json.loads(Path(download.value.path()).read_text(encoding="utf-8"))
    assert exported["checklists"][0]["records"][0]["answers"]["aa-called-on-arrival"]["answer"] == "yes"
    expect(transfer_messages(page)).to_contain_text("Exported 1 record in full")
    assert transfer_requests(requested) == 1

    with page.expect_download():  # loaded now: at once, and not fetched again
        page.get_by_role("button", name="Export all records for counting (JSON)", exact=True).click()
    assert transfer_requests(requested) == 1


def test_by_keyboard_an_export_and_an_import_wait_for_the_script_and_then_run(watched_context, server):
    page, requested, watch = slow_transfer_page(watched_context)
    open_checklist(page, server)
    answer(page, "aa-called-on-arrival", "Yes")
    page.get_by_role("button", name=EXPORT_IN_FULL, exact=True).focus()  # focus starts loading the script...
    with page.expect_download() as download:
        page.keyboard.press("Enter")  # ...and Enter, pressed before it is in, exports once it is
    exported = Path(download.value.path()).read_bytes()
    expect(transfer_messages(page)).to_contain_text("Exported 1 record in full")

    answer(page, "aa-present", "No")  # changed since the export: the file's copy differs from the record here
    page.get_by_label("Import records from a full JSON export", exact=False).focus()
    open_file_dialog_by_keyboard(page).set_files({"name": "export.json", "mimeType": "application/json", "buffer": exported})
    page.get_by_role("button", name="Keep both", exact=True).click()
    expect(transfer_messages(page)).to_contain_text("Imported 1 record")
    assert transfer_requests(requested) == 1


def test_a_file_chosen_before_the_script_has_arrived_is_imported(watched_context, server):
    page, requested, watch = slow_transfer_page(watched_context)
    open_checklist(page, server)
    page.get_by_label("Import records from a full JSON export", exact=False).set_input_files(
        {"name": "notes.json", "mimeType": "application/json", "buffer": b"{not json"})
    expect(transfer_messages(page)).to_contain_text("Nothing was imported.")
    assert transfer_requests(requested) == 1
