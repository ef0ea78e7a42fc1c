"""Text converted by an earlier build is reused, and the pages are the same byte for byte (issue 15).

A build converts the content's Markdown to HTML; the next build with the same glossary and code reads
those conversions back instead of converting again (generator/render/converted_texts.py).
"""
from __future__ import annotations

import json
import shutil
from datetime import date

import pytest

from conftest import FIXTURES, SHIPPED_CONTENT
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
