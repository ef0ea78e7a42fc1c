"""Under a development server the pages of the last build are reused while what each read is unchanged
(generator/render/page_memo.py): after every kind of edit the pages are those a fresh render gives, byte
for byte, and a save renders again only the pages that read what changed."""
from __future__ import annotations

import copy
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, SHIPPED_CONTENT
from generator.content import load_content
from generator.render import site as site_module
from generator.render.page_memo import ContentIndex, NotComparable, PageMemo
from generator.render.site import MATRIX, checklist_path, plan_site

TODAY = date(2026, 12, 1)


def _edit(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")


def _pages(plan) -> list:
    return [(page.path, page.title, page.markdown, page.search_rank) for page in plan.pages]


class Served:
    """The content folder and one memo, as a development server keeps them from one save to the next."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.memo = PageMemo()
        self.rendered: list[str] = []
        keep = self.memo.keep

        def noted_keep(index, name, *rest):
            if name[0] == "page":
                self.rendered.append(name[1])
            return keep(index, name, *rest)
        self.memo.keep = noted_keep

    def plan(self):
        """The pages with the memo, checked against a fresh render of the same content."""
        self.rendered = []
        content = load_content(self.folder)
        served = plan_site(content, TODAY, memo=self.memo)
        fresh = plan_site(load_content(self.folder), TODAY)
        assert _pages(served) == _pages(fresh)
        assert served.nav == fresh.nav and served.assets == fresh.assets
        return served

    def file(self, folder: str) -> Path:
        return sorted((self.folder / folder).glob("*.yml"))[0]


@pytest.fixture(params=["shipped", "other-inspection"])
def served(request, tmp_path) -> Served:
    source = SHIPPED_CONTENT if request.param == "shipped" else FIXTURES / "other-inspection"
    shutil.copytree(source, tmp_path / "content")
    served = Served(tmp_path / "content")
    served.plan()
    return served


def _first_item(checklist: dict) -> dict:
    return checklist["sections"][0]["items"][0]


def _first_point(document: dict) -> dict:
    return document["sections"][0]["points"][0]


def test_after_every_kind_of_edit_the_pages_are_those_a_fresh_render_gives(served):
    area_file, checklist_file, guidance_file = served.file("areas"), served.file("self-audit"), served.file("guidance")
    recommendation_id = yaml.safe_load(area_file.read_text(encoding="utf-8"))["recommendations"][0]["id"]

    def new_recommendation(area: dict) -> None:
        recommendation = copy.deepcopy(area["recommendations"][0])
        recommendation.update(id=recommendation["id"][:2] + "9", text="Check that reused pages stay right.")
        recommendation.pop("points", None)
        for finding in recommendation.get("findings", {}).values():
            finding.pop("points", None)
        area["recommendations"].append(recommendation)

    edits = [
        (checklist_file, lambda c: _first_item(c).update(text=_first_item(c)["text"] + " Recently?")),
        (checklist_file, lambda c: c["sections"][0]["items"].append(  # the recommendation's page now lists it
            {"id": "memo-added", "text": "Was the added question answered?", "recommendations": [recommendation_id]})),
        (checklist_file, lambda c: c.update(title=c["title"] + " (renamed)")),
        (area_file, new_recommendation),
        (area_file, lambda a: a["recommendations"][-1].update(text="Keep every page right.")),
        (area_file, lambda a: a.update(title=a["title"] + " and more")),
        (guidance_file, lambda d: _first_point(d).update(text=_first_point(d)["text"] + " Always.")),
        (guidance_file, lambda d: _first_point(d).update(recommendations=[])),
        (served.folder / "glossary.yml", lambda g: g["terms"][0].update(meaning="a meaning changed while serving")),
        (served.folder / "site.yml", lambda s: s["site"].update(title=s["site"]["title"] + " (draft)")),
        (checklist_file, lambda c: c["sections"][0]["items"].pop()),
        (area_file, lambda a: a["recommendations"].pop()),
    ]
    for path, change in edits:
        _edit(path, change)
        served.plan()
    served.plan()  # nothing changed


def test_a_save_renders_again_only_the_pages_that_read_what_it_changed(tmp_path):
    shutil.copytree(SHIPPED_CONTENT, tmp_path / "content")
    served = Served(tmp_path / "content")
    pages = len(served.plan().pages)
    assert len(served.rendered) == pages

    served.plan()
    assert served.rendered == [MATRIX, "progress/case-audits.md", "progress/audit-results.md"], \
        "with nothing changed, only the pages whose values cannot be compared are rendered"

    checklist = served.folder / "self-audit" / "case-file-quality.yml"
    _edit(checklist, lambda c: _first_item(c).update(text=_first_item(c)["text"] + " Recently?"))
    plan = served.plan()
    assert checklist_path("case-file-quality") in served.rendered
    assert "guidance/think-victim.md" not in served.rendered  # it does not show the item
    assert len(served.rendered) < pages / 3
    assert "Recently?" in next(page.markdown for page in plan.pages if page.path == checklist_path("case-file-quality"))


def test_an_answer_that_changes_renders_the_page_that_asked_again(tmp_path):
    """A recommendation's page asks which items check it: an item that starts to check it, in a checklist the
    page did not read before, gets the page rendered again."""
    shutil.copytree(SHIPPED_CONTENT, tmp_path / "content")
    served = Served(tmp_path / "content")
    served.plan()
    checklist = served.folder / "self-audit" / "case-file-quality.yml"
    _edit(checklist, lambda c: c["sections"][0]["items"].append(
        {"id": "checks-pd1", "text": "Was the detention reviewed in time?", "recommendations": ["PD1"]}))
    plan = served.plan()
    assert "areas/police-detention/pd1.md" in served.rendered
    assert "Was the detention reviewed in time?" in next(
        page.markdown for page in plan.pages if page.path == "areas/police-detention/pd1.md")


def test_an_edited_template_or_another_day_renders_every_page(tmp_path, monkeypatch):
    shutil.copytree(SHIPPED_CONTENT, tmp_path / "content")
    served = Served(tmp_path / "content")
    pages = len(served.plan().pages)
    monkeypatch.setattr(site_module, "_template_sources", lambda: "an edited template")
    served.plan()
    assert len(served.rendered) == pages
    content = load_content(served.folder)
    plan_site(content, date(2026, 12, 2), memo=served.memo)
    assert served.memo.reused == 0


def test_values_that_cannot_be_compared_are_said_so():
    index = ContentIndex(load_content(SHIPPED_CONTENT))
    checklist = index.content.checklists[0]
    assert index.fingerprint({"checklist": checklist}) == ("map", (("checklist", ("object", (("checklist", checklist.id), ()))),))
    assert index.value_of(("object", (("checklist", checklist.id), ()))) is checklist
    with pytest.raises(NotComparable):
        index.fingerprint({"share": lambda count: count})
