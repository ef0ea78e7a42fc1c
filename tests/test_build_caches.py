"""What an earlier build made is reused, and the pages are the same byte for byte (issue 15).

A build converts the content's Markdown to HTML; the next build with the same glossary and code reads
those conversions back instead of converting again (generator/render/converted_texts.py). A build whose
every input is as last time reads the last build's pages back (generator/build/plan_cache.py).
"""
from __future__ import annotations

import json
import shutil
from contextlib import contextmanager
from datetime import date

import pytest

from conftest import FIXTURES, SHIPPED_CONTENT
from generator.build import plan_cache
from generator.build.plan_cache import plan_folders
from generator.content import load_content
from generator.content_cache import ContentCache
from generator.render import markdown as content_markdown
from generator.render.converted_texts import ConvertedTexts
from generator.render.markdown import glossary_abbreviations
from generator.render.site import plan_site

BUILD_DATE = date(2026, 12, 1)
CONTENT = {"shipped": SHIPPED_CONTENT, "other inspection": FIXTURES / "other-inspection"}


def site_of(plan) -> dict[str, object]:
    return {**{page.path: (page.title, page.markdown, page.search_rank) for page in plan.pages},
            **dict(plan.assets), "menu": repr(plan.nav)}


def kept_file(folder, content) -> ConvertedTexts:
    return ConvertedTexts(folder, glossary_abbreviations(content.glossary))


@pytest.mark.parametrize("name", CONTENT)
def test_a_build_with_every_cache_warm_plans_the_same_site_byte_for_byte_as_one_without(name, tmp_path):
    fresh = plan_site(load_content(CONTENT[name]), BUILD_DATE)
    cache = tmp_path / "cache"
    for _ in range(2):  # the first fills the caches, the second reads them
        warm = plan_site(load_content(CONTENT[name], ContentCache(cache)), BUILD_DATE, cache_folder=cache)
        assert site_of(warm) == site_of(fresh)
    content = load_content(CONTENT[name])
    assert kept_file(cache, content).read(), "the build kept what it converted"


def test_the_next_build_converts_only_text_that_is_new(tmp_path, monkeypatch):
    content_dir = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, content_dir)
    cache = tmp_path / "cache"
    plan_site(load_content(content_dir), BUILD_DATE, cache_folder=cache)

    guidance = content_dir / "guidance" / "child-sexual-exploitation.yml"
    text = guidance.read_text(encoding="utf-8")
    assert "Respond to every concern" in text
    guidance.write_text(text.replace("Respond to every concern", "Respond **new** to every concern", 1), encoding="utf-8")
    converted = []
    convert = content_markdown.ContentMarkdown._convert
    monkeypatch.setattr(content_markdown.ContentMarkdown, "_convert",
                        lambda self, source: converted.append(source) or convert(self, source))
    plan = plan_site(load_content(content_dir), BUILD_DATE, cache_folder=cache)

    # The edited point, and the shortened forms of it that some pages show: nothing else.
    assert converted and all("Respond new" in text or "Respond **new**" in text for text in converted), converted
    assert any("<strong>new</strong>" in page.markdown for page in plan.pages)
    kept = kept_file(cache, load_content(content_dir)).read()
    assert set(converted) <= set(kept)
    assert not any("Respond to every concern" in text for text in kept), \
        "the file holds this build's text only, not the text the edit replaced"


def test_a_changed_glossary_converts_everything_again_and_leaves_one_file(tmp_path):
    content_dir = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, content_dir)
    cache = tmp_path / "cache"
    plan_site(load_content(content_dir), BUILD_DATE, cache_folder=cache)
    before = kept_file(cache, load_content(content_dir)).file

    glossary = content_dir / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("meaning: ", "meaning: In short, ", 1),
                        encoding="utf-8")
    content = load_content(content_dir)
    plan = plan_site(content, BUILD_DATE, cache_folder=cache)

    assert site_of(plan) == site_of(plan_site(content, BUILD_DATE))
    assert not before.exists() and [path.name for path in cache.iterdir()] == [kept_file(cache, content).file.name]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"text": 1}', b"[]", b"\xff\xfe"])
def test_a_damaged_file_of_conversions_is_ignored_and_replaced(tmp_path, damage):
    content = load_content(SHIPPED_CONTENT)
    cache = tmp_path / "cache"
    kept = kept_file(cache, content)
    cache.mkdir()
    kept.file.write_bytes(damage)

    plan = plan_site(content, BUILD_DATE, cache_folder=cache)

    assert site_of(plan) == site_of(plan_site(content, BUILD_DATE))
    assert isinstance(json.loads(kept.file.read_text(encoding="utf-8")), dict)


def test_a_cache_folder_that_cannot_be_written_costs_only_speed(tmp_path):
    content = load_content(SHIPPED_CONTENT)
    not_a_folder = tmp_path / "cache"
    not_a_folder.write_text("a file where the folder would be", encoding="utf-8")
    plan = plan_site(content, BUILD_DATE, cache_folder=not_a_folder)
    assert site_of(plan) == site_of(plan_site(content, BUILD_DATE))


# --- the last build's pages ------------------------------------------------------------------------------


def planned(content_dir, audits_dir, cache, today=BUILD_DATE, audits_name="audits"):
    with patched_date(today):
        return plan_folders(content_dir, audits_dir, audits_name, cache_folder=cache).plan


@contextmanager
def patched_date(today):
    real = plan_cache.build_date
    plan_cache.build_date = lambda: today
    try:
        yield
    finally:
        plan_cache.build_date = real


@pytest.fixture
def project(tmp_path):
    shutil.copytree(SHIPPED_CONTENT, tmp_path / "content")
    shutil.copytree(FIXTURES / "audits" / "good", tmp_path / "audits")
    return tmp_path


def counting_renders(monkeypatch) -> list:
    renders = []
    real = plan_cache.plan_site
    monkeypatch.setattr(plan_cache, "plan_site", lambda *args, **kwargs: renders.append(1) or real(*args, **kwargs))
    return renders


@pytest.mark.parametrize("name", CONTENT)
def test_unchanged_inputs_give_the_last_build_s_pages_byte_for_byte(name, tmp_path, monkeypatch):
    content_dir, audits_dir, cache = CONTENT[name], tmp_path / "no-audits", tmp_path / "cache"
    fresh = planned(content_dir, audits_dir, None)
    renders = counting_renders(monkeypatch)
    first, second = planned(content_dir, audits_dir, cache), planned(content_dir, audits_dir, cache)
    assert len(renders) == 1, "the second build read the first one's pages"
    assert site_of(first) == site_of(second) == site_of(fresh)
    assert second.menu_paths() == fresh.menu_paths()


EDITS = {
    "a content file": lambda root: (root / "content" / "glossary.yml").write_text(
        (root / "content" / "glossary.yml").read_text(encoding="utf-8").replace("meaning: ", "meaning: Edited. ", 1),
        encoding="utf-8"),
    "a content file renamed": lambda root: (lambda area: area.rename(area.with_name("zz-" + area.name)))(
        next((root / "content" / "areas").glob("*.yml"))),
    "an audit export removed": lambda root: next((root / "audits").glob("*.json")).unlink(),
    "an audit export renamed": lambda root: (lambda first: first.rename(first.with_name("renamed.json")))(
        next((root / "audits").glob("*.json"))),
}


@pytest.mark.parametrize("edit", EDITS)
def test_any_change_to_an_input_renders_the_pages_again(edit, project, monkeypatch):
    cache = project / "cache"
    planned(project / "content", project / "audits", cache)
    EDITS[edit](project)
    renders = counting_renders(monkeypatch)
    again = planned(project / "content", project / "audits", cache)
    assert renders == [1]
    assert site_of(again) == site_of(planned(project / "content", project / "audits", None))
    assert len(list(cache.glob("plan-*.json"))) == 1, "only the last build's pages are kept"


def test_another_build_date_or_generator_renders_the_pages_again(project, monkeypatch):
    cache = project / "cache"
    planned(project / "content", project / "audits", cache)
    renders = counting_renders(monkeypatch)
    planned(project / "content", project / "audits", cache, today=date(2026, 12, 2))
    monkeypatch.setattr(plan_cache, "_code_fingerprint", lambda: "a newer generator")
    planned(project / "content", project / "audits", cache, today=date(2026, 12, 2))
    assert renders == [1, 1]


@pytest.mark.parametrize("damage", [b"", b"{not json", b'{"format": 1, "key": "another"}', b'{"format": 1}', b"\xff"])
def test_a_damaged_file_of_pages_is_a_miss(damage, project, monkeypatch):
    cache = project / "cache"
    planned(project / "content", project / "audits", cache)
    [kept] = cache.glob("plan-*.json")
    kept.write_bytes(damage)
    renders = counting_renders(monkeypatch)
    again = planned(project / "content", project / "audits", cache)
    assert renders == [1]
    assert site_of(again) == site_of(planned(project / "content", project / "audits", None))


def test_a_content_file_saved_while_the_pages_are_made_never_gives_the_old_pages_to_the_new_bytes(project, monkeypatch):
    """The pages are kept under the hash of the content as it was loaded, not as it is once they are made."""
    cache, glossary = project / "cache", project / "content" / "glossary.yml"
    real = plan_cache.plan_site

    def save_while_rendering(*args, **kwargs):
        pages = real(*args, **kwargs)
        glossary.write_text(glossary.read_text(encoding="utf-8").replace("meaning: ", "meaning: Saved meanwhile. ", 1),
                            encoding="utf-8")
        return pages

    monkeypatch.setattr(plan_cache, "plan_site", save_while_rendering)
    planned(project / "content", project / "audits", cache)
    monkeypatch.setattr(plan_cache, "plan_site", real)
    again = planned(project / "content", project / "audits", cache)
    assert any("Saved meanwhile." in page.markdown for page in again.pages)
    assert site_of(again) == site_of(planned(project / "content", project / "audits", None))


def test_an_export_added_while_the_pages_are_made_leaves_them_unkept(project, monkeypatch):
    cache = project / "cache"
    real = plan_cache.plan_site

    def export_while_rendering(*args, **kwargs):
        pages = real(*args, **kwargs)
        shutil.copy(next((project / "audits").glob("*.json")), project / "audits" / "added-meanwhile.json")
        return pages

    monkeypatch.setattr(plan_cache, "plan_site", export_while_rendering)
    planned(project / "content", project / "audits", cache)
    assert not list(cache.glob("plan-*.json"))


def test_the_audits_folder_s_name_is_an_input_even_with_no_exports(tmp_path):
    cache, no_exports = tmp_path / "cache", tmp_path / "nothing-here"
    first = planned(SHIPPED_CONTENT, no_exports, cache, audits_name="audits")
    renamed = planned(SHIPPED_CONTENT, no_exports, cache, audits_name="exports")
    assert site_of(first) != site_of(renamed)
    assert site_of(renamed) == site_of(planned(SHIPPED_CONTENT, no_exports, None, audits_name="exports"))


def test_files_the_content_is_not_read_from_do_not_make_the_pages_again(project, monkeypatch):
    cache = project / "cache"
    planned(project / "content", project / "audits", cache)
    (project / "content" / "self-audit" / "notes.txt").write_text("an editor's own notes", encoding="utf-8")
    renders = counting_renders(monkeypatch)
    planned(project / "content", project / "audits", cache)
    assert renders == []
