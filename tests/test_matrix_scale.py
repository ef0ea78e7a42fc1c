"""The progress matrix at national scale: past MATRIX_PAGE_LIMIT recommendations it is split by area,
so no page holds every recommendation. The limit is lowered here so the shipped content splits."""
from __future__ import annotations

import re

import pytest

import generator.render.site as site_module
from conftest import ROOT, SHIPPED_CONTENT
from generator.build.site import build_site
from generator.content import load_content
from linkcheck import BuiltSite
from test_site import SERVED_ONLY


@pytest.fixture(scope="module")
def split_site(tmp_path_factory):
    limit = site_module.MATRIX_PAGE_LIMIT
    site_module.MATRIX_PAGE_LIMIT = 3
    try:
        # Without the caches beside mkdocs.yml: their plan of the site, keyed by the content and the code but not by
        # a limit changed in a test, would be found by the next build of the shipped content, split.
        return build_site(ROOT / "mkdocs.yml", tmp_path_factory.mktemp("split") / "site", SHIPPED_CONTENT, cache=False)
    finally:
        site_module.MATRIX_PAGE_LIMIT = limit


def rows(html: str) -> list[str]:
    return re.findall(r'<tr class="gs-matrix__row[^"]*" id="matrix-([^"]+)"', html)


def test_past_the_limit_the_matrix_page_keeps_the_summary_and_links_each_area(split_site):
    content = load_content(SHIPPED_CONTENT)
    matrix = (split_site / "progress" / "matrix.html").read_text(encoding="utf-8")
    assert rows(matrix) == []
    assert "Summary by area" in matrix
    for area in content.areas:
        assert f'href="matrix/{area.id}.html"' in matrix, area.id


def test_each_area_page_lists_its_own_recommendations_once_and_links_back(split_site):
    content = load_content(SHIPPED_CONTENT)
    seen = []
    for area in content.areas:
        html = (split_site / "progress" / "matrix" / f"{area.id}.html").read_text(encoding="utf-8")
        assert rows(html) == [r.id for r in area.recommendations]
        assert 'href="../matrix.html"' in html
        assert 'data-filter="area"' not in html  # one area: nothing to filter by
        assert 'data-filter="status"' in html
        seen += rows(html)
    assert sorted(seen) == sorted(r.id for r in content.recommendations())


def test_the_split_matrix_links_nowhere_broken(split_site):
    broken = [problem for problem in BuiltSite(split_site).broken_links() if problem.split(":")[0] not in SERVED_ONLY]
    assert broken == [], "\n".join(broken)


def test_below_the_limit_the_matrix_is_one_page(shipped_site):
    content = load_content(SHIPPED_CONTENT)
    matrix = (shipped_site / "progress" / "matrix.html").read_text(encoding="utf-8")
    assert sorted(rows(matrix)) == sorted(r.id for r in content.recommendations())
    assert not (shipped_site / "progress" / "matrix").exists()
