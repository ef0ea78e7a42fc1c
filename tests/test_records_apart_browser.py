"""Two guidance sites in one browser keep their audit records apart, in real headless Chromium.

Every page opened from a folder shares one storage in Chromium, and sites at one address share that
address's: a second force's site, made with `guidance new`, listed the first force's records on its My
audits page and wrote their case references into its own export. Each site now keeps its records under
its records name (site.yml's records_name, or one made from the force and the recommendations report).
Records kept before that, under the one name all sites shared, are taken in by the first site to open them.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import expect

from conftest import build
from generator.content import load_content
from generator.new import make_new_site
from generator.render.site import MY_AUDITS, checklist_path, page_url, records_prefix

pytestmark = pytest.mark.browser

CHECKLIST = "detention-of-children"
REFERENCE = "CUST/2026/0142"
EARLIER = "guidance:v1:checklist:"  # where every site kept its records before


@pytest.fixture(scope="module")
def two_sites(tmp_path_factory, shipped_site):
    """The shipped site, and another force's copy of it (same checklists) named only by its force."""
    other = tmp_path_factory.mktemp("other-force")
    content = other / "checklists"
    shutil.copytree(Path(__file__).resolve().parent.parent / "checklists", content)
    settings = yaml.safe_load((content / "site.yml").read_text(encoding="utf-8"))
    settings["site"]["force"] = "Northshire Police"
    del settings["site"]["records_name"]
    (content / "site.yml").write_text(yaml.safe_dump(settings, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return shipped_site, build(other, content), load_content(content)


def answer_a_case(page, site: Path):
    page.goto(site.as_uri() + "/" + page_url(checklist_path(CHECKLIST)))
    page.get_by_label("Case reference").fill(REFERENCE)
    page.locator(".gs-item input[type=radio]").first.check()
    expect(page.locator("[data-gs=status]")).to_contain_text("1 of")


def test_a_second_site_opened_from_a_folder_neither_lists_nor_exports_the_first_ones_records(
        watched_context, two_sites, content):
    shipped, other, other_content = two_sites
    assert records_prefix(other_content) == "guidance:v1:site:northshire-police-inspection-2017:checklist:"
    assert records_prefix(content) != records_prefix(other_content)
    context, _ = watched_context()
    page = context.new_page()
    answer_a_case(page, shipped)
    kept = page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('guidance:'))")
    assert kept == [records_prefix(content) + CHECKLIST]

    # The other force's My audits: nothing of the first site's, and nothing to export.
    page.goto(other.as_uri() + "/" + page_url(MY_AUDITS))
    expect(page.locator("[data-my-audits-status]")).to_contain_text("No audit records")
    expect(page.locator("[data-my-audits-table]")).to_be_hidden()
    assert REFERENCE not in page.locator("body").inner_text()
    # Its checklist of the same id starts empty, and answering it leaves the first site's record as it was.
    page.goto(other.as_uri() + "/" + page_url(checklist_path(CHECKLIST)))
    expect(page.get_by_label("Case reference")).to_have_value("")
    page.get_by_label("Case reference").fill("NS/1")
    first = page.evaluate("key => JSON.parse(localStorage.getItem(key))", records_prefix(content) + CHECKLIST)
    assert [r["details"]["case-reference"] for r in first["records"]] == [REFERENCE]

    # And back on the first site, its own record, not the other's.
    page.goto(shipped.as_uri() + "/" + page_url(MY_AUDITS))
    expect(page.locator("[data-my-audits-table] tbody tr")).to_have_count(1)
    assert "NS/1" not in page.locator("body").inner_text()


def test_records_kept_before_sites_had_names_are_taken_in_by_the_first_site_to_open_them(watched_context, two_sites, content):
    shipped, other, _ = two_sites
    context, _ = watched_context()
    page = context.new_page()
    page.goto(shipped.as_uri() + "/" + page_url(checklist_path(CHECKLIST)))
    checklist = next(c for c in content.checklists if c.id == CHECKLIST)
    item = next(iter(checklist.items()))
    state = {"current": "r-old", "records": [{"id": "r-old", "label": "Kept before", "created": "2026-11-30T09:00:00.000Z",
                                               "updated": "2026-11-30T09:00:00.000Z", "details": {"case-reference": REFERENCE},
                                               "answers": {item.id: {"answer": "yes", "note": "", "reason": "",
                                                                     "item_hash": item.content_hash,
                                                                     "updated": "2026-11-30T09:00:00.000Z"}}}]}
    page.evaluate("""([key, state]) => { localStorage.clear(); localStorage.setItem(key, state);
        localStorage.setItem(key + ':corrupt:2026-11-29T08:00:00.000Z', '{"records": [');}""",
                  [EARLIER + CHECKLIST, json.dumps(state)])

    page.goto(shipped.as_uri() + "/" + page_url(MY_AUDITS))
    expect(page.get_by_role("link", name="Kept before", exact=True)).to_be_visible()
    keys = sorted(page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('guidance:'))"))
    here = records_prefix(content) + CHECKLIST
    assert keys == [here, here + ":corrupt:2026-11-29T08:00:00.000Z"], "moved, with the copy set aside, and none left behind"
    assert json.loads(page.evaluate("key => localStorage.getItem(key)", here)) == state, "moved unchanged"

    # Taken in once: the other site, opened next, has none of them.
    page.goto(other.as_uri() + "/" + page_url(checklist_path(CHECKLIST)))
    expect(page.get_by_label("Case reference")).to_have_value("")
    page.goto(other.as_uri() + "/" + page_url(MY_AUDITS))
    expect(page.locator("[data-my-audits-status]")).to_contain_text("No audit records")


def test_earlier_records_never_replace_records_kept_under_the_sites_name(watched_context, shipped_site, content):
    context, _ = watched_context()
    page = context.new_page()
    answer_a_case(page, shipped_site)
    here = records_prefix(content) + CHECKLIST
    before = page.evaluate("key => localStorage.getItem(key)", here)
    page.evaluate("key => localStorage.setItem(key, '{\"current\": null, \"records\": []}')", EARLIER + CHECKLIST)
    page.reload()
    expect(page.get_by_label("Case reference")).to_have_value(REFERENCE)
    assert page.evaluate("key => localStorage.getItem(key)", here) == before
    assert page.evaluate("key => localStorage.getItem(key)", EARLIER + CHECKLIST) is not None, "left where it was, not lost"


def test_a_new_site_has_a_records_name_of_its_own_that_fixing_its_force_leaves_alone(tmp_path):
    # Made from the force's name, it changed when a typo in the name was fixed, and the records kept before
    # were no longer shown (the walk of the fix).
    make_new_site(tmp_path / "northshire")
    make_new_site(tmp_path / "Northshire")
    first, second = (load_content(tmp_path / name / "checklists") for name in ("northshire", "Northshire"))
    assert re.fullmatch(r"guidance:v1:site:northshire-[0-9a-f]{6}:checklist:", records_prefix(first))
    assert records_prefix(first) != records_prefix(second), "two new sites never share their records"
    site = tmp_path / "northshire" / "checklists" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("force: Example Police", "force: Northshire Police"),
                    encoding="utf-8")
    assert records_prefix(load_content(site.parent)) == records_prefix(first)
