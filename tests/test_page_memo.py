"""Under a development server the pages of the last build are reused while what each read is unchanged
(generator/render/page_memo.py): after every kind of edit the pages are those a fresh render gives, byte
for byte, and a save renders again only the pages that read what changed."""
from __future__ import annotations

import copy
import dataclasses
import re
import shutil
from datetime import date
from pathlib import Path

import pytest
import yaml

from conftest import FIXTURES, SHIPPED_CONTENT
from generator import model
from generator.build.plan_cache import plan_folders
from generator.content import load_content
from generator.render import site as site_module
from generator.render.page_memo import ContentIndex, NotComparable, PageMemo, Reads, RecordedContent, Recorder
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
        (guidance_file, lambda d: d.update(last_updated=date(2026, 11, 30))),  # a date printed whole, on the index
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
    assert served.rendered == ["progress/audit-results.md"], \
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


def test_a_page_that_hands_the_content_to_a_function_is_rendered_every_time():
    recorder = Recorder(ContentIndex(load_content(SHIPPED_CONTENT)))
    with recorder.recording(Reads()) as reads:
        recorder.note_handed_over([RecordedContent(recorder)])
    assert not reads.comparable


def test_values_that_cannot_be_compared_are_said_so():
    index = ContentIndex(load_content(SHIPPED_CONTENT))
    checklist = index.content.checklists[0]
    assert index.fingerprint({"checklist": checklist}) == ("map", (("checklist", ("object", (("checklist", checklist.id), ()))),))
    assert index.value_of(("object", (("checklist", checklist.id), ()))) is checklist
    content = index.content
    # A function is compared by its code and what it closes over, unless that is the content or part of it,
    # which it would read unnoted.
    assert index.fingerprint({"share": lambda count: count})[0] == "map"
    for value in (lambda reference: content.recommendation_of(reference), lambda: checklist.title,
                  content.items_checking):
        with pytest.raises(NotComparable):
            index.fingerprint({"value": value})


def test_a_sub_point_status_changed_shows_on_the_matrix(tmp_path):
    """The matrix is given functions among its values (compared by their code and what they close over) and
    asks the content for each sub-point's statuses."""
    shutil.copytree(SHIPPED_CONTENT, tmp_path / "content")
    served = Served(tmp_path / "content")
    served.plan()
    area = served.folder / "areas" / "assessment-and-help.yml"
    area.write_text(area.read_text(encoding="utf-8").replace("AH2.b: achieved", "AH2.b: not-achieved"), encoding="utf-8")
    served.plan()
    assert MATRIX in served.rendered


def test_a_renamed_recommendation_changes_every_link_to_it_and_its_points(tmp_path):
    """Links to a recommendation are made in Python from its id and area: those reads are noted too."""
    shutil.copytree(SHIPPED_CONTENT, tmp_path / "content")
    served = Served(tmp_path / "content")
    served.plan()
    for path in served.folder.rglob("*.yml"):
        if path.name != "legal.yml":
            text = path.read_text(encoding="utf-8")
            path.write_text(re.sub(r"\bAH2\b(?!\.)", "AH7", text), encoding="utf-8")  # its points keep their ids
    plan = served.plan()
    assert "ah7.html#point-AH2.c" in next(page.markdown for page in plan.pages if page.path == "self-audit/missing-child.md")


def test_grades_that_come_back_show_again(tmp_path):
    """An area's grades are tested whole (`{% if area.grades %}`): they are compared by value."""
    shutil.copytree(FIXTURES / "other-inspection", tmp_path / "content")
    area = tmp_path / "content" / "areas" / "release-planning.yml"
    with_grades = area.read_text(encoding="utf-8")
    _edit(area, lambda a: a.pop("grades"))
    served = Served(tmp_path / "content")
    served.plan()
    area.write_text(with_grades, encoding="utf-8")
    served.plan()
    assert "areas/release-planning/index.md" in served.rendered


def test_model_objects_with_an_id_are_seen_by_templates_only_through_their_attributes():
    """They are named by their key in what a page read: none may print, count or test itself, which a template
    would observe without reading an attribute (values without an id are compared whole)."""
    things = [kind for kind in vars(model).values() if isinstance(kind, type) and dataclasses.is_dataclass(kind)
              and any(f.name == "id" for f in dataclasses.fields(kind))]
    assert len(things) > 10
    for kind in things:
        for method in ("__str__", "__html__", "__format__", "__bool__", "__len__", "__iter__", "__contains__"):
            assert method not in vars(kind), f"{kind.__name__}.{method}"


def test_pages_made_with_the_memo_are_not_kept_for_another_process(tmp_path):
    shutil.copytree(SHIPPED_CONTENT, tmp_path / "content")
    cache, audits, memo = tmp_path / "cache", tmp_path / "audits", PageMemo()
    plan_folders(tmp_path / "content", audits, "audits", cache_folder=cache, memo=memo)
    assert not list(cache.glob("plan-*.json"))
    plan_folders(tmp_path / "content", audits, "audits", cache_folder=cache)
    assert list(cache.glob("plan-*.json"))
