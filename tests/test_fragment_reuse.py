"""A checklist's paper form is rendered once per folder of print packs and reused: each pack page
must be exactly what rendering that page on its own gives."""
from __future__ import annotations

from datetime import date

from conftest import SHIPPED_CONTENT
from generator.content import load_content
from generator.render.printing import print_packs
from generator.render.site import SiteRenderer

BUILD_DATE = date(2026, 11, 27)


def test_each_print_pack_is_what_rendering_it_alone_gives():
    content = load_content(SHIPPED_CONTENT)
    renderer = SiteRenderer(content, BUILD_DATE)
    planned = {page.path: page.markdown for page in renderer.plan().pages}
    packs = print_packs(content)
    forms = sum(len(pack.checklists) for pack in packs)
    assert len(renderer.fragments) < forms, "no form was reused, so this test shows nothing"
    for pack in packs:
        alone = SiteRenderer(content, BUILD_DATE).render("print-pack.md.j2", pack.path, pack.title, pack=pack)
        assert planned[pack.path] == alone.markdown, pack.path
