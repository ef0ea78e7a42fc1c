"""The menu keeps a fixed size however much content there is.

A section with more members than MENU_SECTION_LIMIT lists only its index page in the menu, and
that page lists every member; every page is still built. The shipped content is under the limit
everywhere, so its menu lists every page. Content over the limit is made by benchmarks/synthetic.py.
"""
from __future__ import annotations

import logging
import sys

import pytest
from playwright.sync_api import expect

from conftest import ROOT, SHIPPED_CONTENT, assert_accessible, build
from generator.build.date import build_date
from generator.content import load_content
from generator.render.printing import EVERY_CHECKLIST_PACK_LIMIT, PRINT_PACKS, print_packs
from generator.render.site import (
    ANSWERS_KEPT, AREAS_INDEX, CHECKLIST_INDEX, GUIDANCE_INDEX, HOME, MENU_SECTION_LIMIT, MY_AUDITS, ROLES_INDEX, NavEntry, SitePlan,
    area_path, checklist_path, guidance_path, page_url, plan_site, recommendation_path, role_path,
)
from linkcheck import BuiltPage, BuiltSite, is_internal, resolve
from test_browser_site import VIEWPORTS

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import Scale, make_content  # noqa: E402

OVER = MENU_SECTION_LIMIT + 1


def many_of_everything(name: str, times: int = 1) -> Scale:
    """More areas, guidance documents, checklists and print packs than the limit; `times` as many again."""
    return Scale(name, recommendations=2 * OVER * times, checklists=3 * OVER // 2 * times, items=3 * OVER * times,
                 recommendations_per_area=1)


def outline(entries: list[NavEntry]) -> list[tuple]:
    return [(entry.title, entry.path, outline(entry.children)) for entry in entries]


def section(plan: SitePlan, title: str) -> NavEntry:
    return next(entry for entry in plan.nav if entry.title == title)


def planned(folder) -> SitePlan:
    return plan_site(load_content(folder), build_date())


@pytest.fixture(scope="module")
def wide_content(tmp_path_factory):
    folder = make_content(many_of_everything("wide"), tmp_path_factory.mktemp("wide") / "content")
    content = load_content(folder)
    # Every section this test is about is over the limit (else it would prove nothing).
    assert min(len(content.areas), len(content.guidance), len(content.checklists), len(print_packs(content))) > MENU_SECTION_LIMIT
    return folder


@pytest.fixture(scope="module")
def wide_plan(wide_content) -> SitePlan:
    return planned(wide_content)


class _Logged(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.records: list[tuple[int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append((record.levelno, record.getMessage()))


@pytest.fixture(scope="module")
def wide_build(wide_content, tmp_path_factory):
    """The wide content built once, with what MkDocs logged (`mkdocs build --strict` fails on any warning)."""
    logged = _Logged()
    logger = logging.getLogger("mkdocs")
    level = logger.level
    logger.addHandler(logged)
    logger.setLevel(logging.INFO)
    try:
        site = build(tmp_path_factory.mktemp("wide-site"), wide_content)
    finally:
        logger.removeHandler(logged)
        logger.setLevel(level)
    return BuiltSite(site), logged.records


def menu_links(page: BuiltPage) -> set[str]:
    """Site paths the page's menu (Material's primary navigation, before the table of contents) links to."""
    start = page.html.index('class="md-nav md-nav--primary"')
    menu = BuiltPage(page.site, page.path, page.html[start:page.html.index("md-sidebar--secondary", start)])
    return {resolve(page.path, reference.url)[0] for reference in menu.references
            if reference.tag == "a" and is_internal(reference.url)}


def content_links(page: BuiltPage) -> set[str]:
    """Site paths the page's own content (not the menu) links to."""
    article = BuiltPage(page.site, page.path, page.html[page.html.index("<article"):page.html.index("</article>")])
    return {resolve(page.path, reference.url)[0] for reference in article.references
            if reference.tag == "a" and is_internal(reference.url)}


# --- the plan ----------------------------------------------------------------------------------


def test_the_shipped_content_keeps_its_full_menu():
    content = load_content(SHIPPED_CONTENT)
    plan = planned(SHIPPED_CONTENT)
    assert plan.menu_paths() == {page.path for page in plan.pages}
    assert [entry.title for entry in plan.nav] == ["Home", "About the review", "Areas and recommendations", "Progress",
                                                   "Guidance", "Self-audit checklists", "Your role", "Case examples",
                                                   "Legal and statutory references", "Glossary"]
    assert outline([section(plan, "Areas and recommendations")]) == [("Areas and recommendations", AREAS_INDEX, [
        (area.title, area_path(area.id), [(f"Recommendation {r.id}", recommendation_path(r), []) for r in area.recommendations])
        for area in content.areas])]
    assert outline(section(plan, "Guidance").children) == [(d.title, guidance_path(d.id), []) for d in content.guidance]
    assert outline(section(plan, "Self-audit checklists").children) == [
        ("My audits", MY_AUDITS, []), ("Where audit answers are kept", ANSWERS_KEPT, []),
        *[(c.title, checklist_path(c.id), []) for c in content.checklists],
        ("Print packs", PRINT_PACKS, [(pack.nav_title, pack.path, []) for pack in print_packs(content)])]
    assert outline(section(plan, "Your role").children) == [(a.title, role_path(a.id), []) for a in content.audiences]


def test_a_section_over_the_limit_lists_only_its_index_page(wide_plan):
    assert outline([section(wide_plan, "Areas and recommendations")]) == [("Areas and recommendations", AREAS_INDEX, [])]
    assert outline([section(wide_plan, "Guidance")]) == [("Guidance", GUIDANCE_INDEX, [])]
    # My audits, where answers are kept and the print packs are no checklists: they stay, the packs cut down
    # to their own index page.
    assert outline([section(wide_plan, "Self-audit checklists")]) == [("Self-audit checklists", CHECKLIST_INDEX, [
        ("My audits", MY_AUDITS, []), ("Where audit answers are kept", ANSWERS_KEPT, []), ("Print packs", PRINT_PACKS, [])])]
    assert len(section(wide_plan, "Your role").children) == 6  # few roles: each still listed


def test_the_menu_does_not_grow_with_the_content(wide_plan, tmp_path):
    wider_plan = planned(make_content(many_of_everything("wider", times=2), tmp_path / "content"))
    assert len(wider_plan.pages) > 1.5 * len(wide_plan.pages)
    assert outline(wider_plan.nav) == outline(wide_plan.nav)


def test_an_area_with_many_recommendations_lists_only_its_own_page(tmp_path):
    folder = make_content(Scale("long areas", recommendations=2 * OVER, checklists=2, items=4, recommendations_per_area=OVER),
                          tmp_path / "content")
    content = load_content(folder)
    plan = planned(folder)
    assert outline(section(plan, "Areas and recommendations").children) == [
        (area.title, area_path(area.id), []) for area in content.areas]
    pages = {page.path: page for page in plan.pages}
    for area in content.areas:
        for recommendation in area.recommendations:
            assert f'href="{recommendation.id.lower()}.html"' in pages[area_path(area.id)].markdown


# --- the built site ----------------------------------------------------------------------------


def test_every_page_is_built_and_linked_from_a_page_in_the_menu(wide_plan, wide_build):
    site, _ = wide_build
    in_menu = wide_plan.menu_paths()
    assert {AREAS_INDEX, GUIDANCE_INDEX, CHECKLIST_INDEX, PRINT_PACKS, ROLES_INDEX} <= in_menu
    linked_from_the_menu = set().union(*(content_links(site.page(page_url(path))) for path in in_menu))
    left_out = [page for page in wide_plan.pages if page.path not in in_menu]
    assert len(left_out) > 4 * OVER
    for page in left_out:
        built = site.page(page_url(page.path))  # fails if it was not built
        assert built.title.startswith(page.title), f"{built.path} is titled {built.title!r}"
        assert built.path in linked_from_the_menu, f"no page in the menu links to {built.path}"


def test_every_page_carries_the_menu_of_the_plan_and_nothing_more(wide_content, wide_plan, wide_build):
    site, _ = wide_build
    content = load_content(wide_content)
    generated = {page_url(page.path) for page in wide_plan.pages}
    hand_written = {path for path in site.html_paths() if path not in generated and path != "404.html"}
    menu = {page_url(path) for path in wide_plan.menu_paths()} | hand_written
    for path in (checklist_path(content.checklists[0].id), guidance_path(content.guidance[0].id),
                 recommendation_path(next(content.recommendations())), AREAS_INDEX, HOME):
        assert menu_links(site.page(page_url(path))) == menu, path


def test_mkdocs_does_not_warn_about_pages_left_out_of_the_menu(wide_build):
    _, logged = wide_build
    assert [message for level, message in logged if level >= logging.WARNING] == []
    # Nor lists them at every build: the plugin tells MkDocs they are left out on purpose.
    assert not [message for _, message in logged if "not included in the" in message]


def test_with_many_checklists_there_is_a_pack_for_each_area_but_none_of_every_checklist(wide_content, wide_plan):
    # Not the menu's limit but the same reason: one page must not grow with the whole content.
    content = load_content(wide_content)
    assert len(content.checklists) > EVERY_CHECKLIST_PACK_LIMIT
    packs = print_packs(content)
    assert [pack.area for pack in packs] == [area for area in content.areas if content.checklists_for_area(area.id)]
    listing = next(page for page in wide_plan.pages if page.path == PRINT_PACKS).markdown
    assert f"There are {len(content.checklists)} checklists, too many to print in one go" in listing


def test_the_guide_for_training_leads_gives_the_limit():
    guide = (ROOT / "docs" / "editing-content.md").read_text(encoding="utf-8")
    assert f"**more than {MENU_SECTION_LIMIT}** entries" in guide


@pytest.mark.browser
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_from_a_page_outside_the_menu_the_menu_leads_to_its_index_page_and_back(wide_content, wide_build, serve,
                                                                              watched_context, viewport):
    site, _ = wide_build
    checklist = load_content(wide_content).checklists[0]
    server = serve(site.folder)
    context, _ = watched_context(**VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(server.url + page_url(AREAS_INDEX))
    assert_accessible(page, f"the areas' index page on {viewport}")
    page.goto(server.url + page_url(checklist_path(checklist.id)))
    expect(page.locator("article h1")).to_have_text(checklist.title)
    if viewport == "phone":  # the menu is behind the header's menu button
        page.locator("label.md-header__button[for=__drawer]").click()
    page.locator("nav.md-nav--primary").get_by_role("link", name="Self-audit checklists", exact=True).click()
    expect(page.locator("article h1")).to_have_text("Self-audit checklists")
    page.locator("article").get_by_role("link", name=checklist.title, exact=True).click()
    expect(page.locator("article h1")).to_have_text(checklist.title)
