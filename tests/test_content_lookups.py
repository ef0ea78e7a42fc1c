"""Speed-ups change no answer: indexed link lookups and reused Markdown conversions.

The content's link lookups are indexed and content Markdown is converted once per text, for
speed at scale (see docs/benchmarks.md); these tests pin the answers, order included, to the
plain definitions, on the shipped content and on synthetic content.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED_CONTENT
from generator.build.date import build_date
from generator.content import load_content
from generator.render import markdown as content_markdown
from generator.render.site import plan_site

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import SCALES, make_content  # noqa: E402


@pytest.fixture(scope="module", params=["shipped", "synthetic"])
def content(request, tmp_path_factory):
    if request.param == "shipped":
        return load_content(SHIPPED_CONTENT)
    return load_content(make_content(SCALES["S"], tmp_path_factory.mktemp("synthetic") / "content"))


def _cites(content, references, recommendation_id) -> bool:
    return any(content.recommendation_of(reference).id == recommendation_id for reference in references)


def _items(content):
    return [(checklist, item) for checklist in content.checklists for item in checklist.items()]


def test_guidance_for_matches_a_full_scan(content):
    for recommendation in content.recommendations():
        expected = []
        for document in content.guidance:
            if _cites(content, document.recommendations, recommendation.id):
                expected.append((document, None))
            expected += [(document, point) for _, point in document.points()
                         if _cites(content, point.recommendations, recommendation.id)]
        assert content.guidance_for(recommendation.id) == expected
    assert any(content.guidance_for(r.id) for r in content.recommendations())


def test_items_checking_matches_a_full_scan(content):
    for recommendation in content.recommendations():
        expected = [(checklist, item) for checklist, item in _items(content)
                    if _cites(content, item.recommendations, recommendation.id)]
        assert content.items_checking(recommendation.id) == expected
    assert content.items_checking("NO-SUCH-RECOMMENDATION") == []


def test_items_citing_guidance_matches_a_full_scan(content):
    asked = 0
    for document in content.guidance:
        for point_id in [None] + [point.id for _, point in document.points()]:
            wanted = f"{document.id}/{point_id}" if point_id else document.id
            expected = [(checklist, item) for checklist, item in _items(content) if wanted in item.guidance]
            assert content.items_citing_guidance(document.id, point_id) == expected
            asked += bool(expected)
    assert asked > 0


def test_case_examples_for_matches_a_full_scan(content):
    for recommendation in content.recommendations():
        expected = [example for area in content.areas for example in area.case_examples
                    if _cites(content, example.recommendations, recommendation.id)]
        assert content.case_examples_for(recommendation.id) == expected


def test_answers_are_fresh_lists_callers_may_change(content):
    recommendation = next(iter(content.recommendations()))
    content.items_checking(recommendation.id).append("changed")
    assert "changed" not in content.items_checking(recommendation.id)


def test_reused_markdown_conversions_give_the_same_pages(content, monkeypatch):
    reused = plan_site(content, build_date())
    calls = []

    def convert_every_time(self, text):
        calls.append(text)
        if not text:
            return content_markdown.Markup("")
        return self._convert(text)

    monkeypatch.setattr(content_markdown.ContentMarkdown, "block", convert_every_time)
    fresh = plan_site(content, build_date())
    assert [(page.path, page.markdown) for page in reused.pages] == [(page.path, page.markdown) for page in fresh.pages]
    assert len(set(calls)) < len(calls)  # texts do repeat across pages, so reuse saves work


def test_literal_filter_makes_the_same_text_as_the_template_loop_it_replaced():
    from jinja2 import Environment

    from generator.render.site import literal_text

    loop = Environment(autoescape=True).from_string(
        '{% set plain = namespace(text=text|e) %}'
        '{% for mark in "\\\\`*_{}[]()#+-.!" %}{% set plain.text = plain.text|replace(mark, "\\\\" ~ mark) %}{% endfor %}'
        '{{ plain.text }}')
    for text in ["Did the DASH form *really* get [checked](x)?", "1. a list? - no #tag!", "<b>&amp; 'quoted' \"text\"</b>",
                 "back\\slash `code` {braces} under_score +plus.", ""]:
        assert str(literal_text(text)) == loop.render(text=text)


def test_grouped_keeps_first_seen_order_and_every_entry(content):
    from generator.render.site import grouped

    for recommendation in content.recommendations():
        pairs = content.items_checking(recommendation.id)
        groups = grouped(pairs)
        order = [checklist.id for checklist, _ in groups]
        assert order == list(dict.fromkeys(checklist.id for checklist, _ in pairs))
        assert [(checklist, item) for checklist, items in groups for item in items] == \
            sorted(pairs, key=lambda pair: order.index(pair[0].id))  # stable: items keep their order
    assert grouped([("a", 1), ("b", None), ("a", 2)]) == [("a", [1, 2]), ("b", [None])]


def test_relative_links_are_what_posixpath_relpath_gives():
    from hypothesis import given, settings, strategies as st

    from generator.render.site import _relative_path

    segment = st.sampled_from(["areas", "a-1", "self-audit", "guidance", "x.html", "index.html", "b"])
    folder = st.lists(segment, max_size=3).map("/".join)

    @settings(max_examples=500, deadline=None)
    @given(folder, folder)
    def same_as_relpath(target, start):
        import posixpath

        assert _relative_path(target, start) == posixpath.relpath(target or ".", start or ".")

    same_as_relpath()
