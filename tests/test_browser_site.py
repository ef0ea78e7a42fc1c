"""The built guidance site in real headless Chromium, as officers use it.

Every page is watched (see conftest): a request to anywhere but the local test server (or
the site's own folder), a console error or an uncaught exception fails the test. Pages and
expected words come from the content model, not typed in here.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import artifact_path, assert_accessible, DESKTOP, PHONE, VIEWPORTS
from generator.model import STATUSES
from generator.render.site import (
    CASE_EXAMPLES, GLOSSARY, HOME, ROLES_INDEX, area_path, checklist_path, guidance_path, page_url,
    recommendation_path,
)

pytestmark = pytest.mark.browser


def open_page(watched_context, viewport: str = "desktop"):
    context, watch = watched_context(color_scheme="light", **VIEWPORTS[viewport])
    return context.new_page()


def reading_pages(content) -> list[str]:
    """One page of each kind an officer reads."""
    area = content.areas[0]
    recommendation = next(r for r in content.recommendations() if r.findings and r.points)
    return [page_url(path) for path in (
        HOME, area_path(area.id), recommendation_path(recommendation), guidance_path(content.guidance[0].id),
        GLOSSARY, ROLES_INDEX, CASE_EXAMPLES)]


def a_term_in_guidance(content):
    """(guidance document, glossary term) where a point of the document uses the term."""
    for document in content.guidance:
        for _, point in document.points():
            for term in content.glossary:
                if re.search(rf"(?<![\w-]){re.escape(term.term)}(?![\w-])", point.text):
                    return document, term
    raise AssertionError("no guidance point uses a glossary term")


def an_abbreviation(page, term):
    """The first mention of a glossary term in the page's words (not in a link, as in the duties' box), which
    explains it on pointing."""
    abbreviation = page.locator("article abbr:not(a abbr)").filter(has_text=re.compile(rf"^{re.escape(term.term)}$")).first
    expect(abbreviation).to_have_attribute("title", term.meaning)
    page.wait_for_function("() => document.documentElement.hasAttribute('data-gs-explain')")  # explain.js is bound
    return abbreviation


def search(page, query: str):
    """Open the search as a person would (the header field, or the magnifier on a phone) and type."""
    field = page.locator("input.md-search__input")
    magnifier = page.locator("label.md-header__button[for=__search]")  # shown on narrow screens only
    if magnifier.is_visible():
        magnifier.click()
    else:
        field.click()
    expect(field).to_be_focused()
    field.press_sequentially(query, timeout=30_000)  # Material searches on key presses; slow on a busy machine
    results = page.locator(".md-search-result__link")
    expect(results.first).to_be_visible()
    return results


def result_pages(results) -> set[str]:
    """The pages search results lead to, without query (?h=) or anchor."""
    return {re.split(r"[?#]", href)[0] for href in results.evaluate_all("links => links.map(a => a.href)")}


# --- accessibility ----------------------------------------------------------------------------------


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_reading_pages_have_no_serious_accessibility_problem(server, watched_context, content, viewport):
    page = open_page(watched_context, viewport)
    for path in reading_pages(content):
        page.goto(server.url + path)
        assert_accessible(page, f"{path} on {viewport}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_finds_the_right_page_and_its_dialog_is_accessible(server, watched_context, content, viewport):
    document = content.guidance[0]
    section = document.sections[0]
    page = open_page(watched_context, viewport)
    page.goto(server.url + page_url(HOME))
    results = search(page, section.title)
    target = server.url + page_url(guidance_path(document.id))
    assert target in result_pages(results), f"searching '{section.title}' does not find {document.title}"
    expect(page.locator(".md-search[role=dialog]")).to_have_attribute("aria-label", "Search")
    assert_accessible(page, f"the search dialog on {viewport}")
    page.locator(f'.md-search-result__link[href*="{page_url(guidance_path(document.id))}"]').first.click()
    expect(page.locator("article h1")).to_have_text(document.title)


# --- opened from a folder, and instant navigation -------------------------------------------------------


def test_the_site_works_opened_from_a_folder(watched_context, shipped_site, content):
    page = open_page(watched_context)
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    home = (shipped_site / page_url(HOME)).as_uri()
    page.goto(home)
    area = content.areas[0]
    page.locator("article").get_by_role("link", name=area.title, exact=True).click()
    expect(page.locator("article h1")).to_have_text(area.title)
    assert page.url == (shipped_site / page_url(area_path(area.id))).as_uri()
    # The menu's last entries are below its fold (it scrolls on its own): reach one from the keyboard.
    page.locator("nav.md-nav--primary").get_by_role("link", name="Glossary", exact=True).focus()
    page.keyboard.press("Enter")
    expect(page.locator("article h1")).to_have_text("Glossary")

    document, term = a_term_in_guidance(content)
    results = search(page, document.sections[0].title)
    assert (shipped_site / page_url(guidance_path(document.id))).as_uri() in result_pages(results)
    # From a folder Material reads the index from a script, as no web worker may fetch files.
    assert any(url.endswith("/search/search_index.js") for url in fetched)
    assert not any(url.endswith("/search/search_index.json") for url in fetched)
    page.locator(f'.md-search-result__link[href*="{page_url(guidance_path(document.id))}"]').first.click()
    expect(page.locator("article h1")).to_have_text(document.title)
    # Page scripts run from a folder too (Material's instant loading would stop them): ours name the
    # search dialog, and explain.js shows what an abbreviation means, pointed at and clicked, once.
    abbreviation = an_abbreviation(page, term)
    abbreviation.hover()
    expect(page.get_by_role("tooltip")).to_have_text(term.meaning)
    expect(page.locator(".md-search[role=dialog]")).to_have_attribute("aria-label", "Search")
    abbreviation.click()
    expect(page.get_by_role("tooltip")).to_have_text(term.meaning)
    assert page.get_by_text(term.meaning, exact=True).count() == 1, "one explanation, not two"


def test_a_checklist_works_opened_from_a_folder(watched_context, shipped_site, content):
    # Its script is added by guidance.js, under the page's Content-Security-Policy, from file:// too.
    page = open_page(watched_context)
    page.goto((shipped_site / page_url(checklist_path(content.checklists[0].id))).as_uri())
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    expect(page.locator(".gs-audit__privacy")).to_contain_text("never sent anywhere")


def test_ordinary_navigation_loads_pages_without_error(server, page, content):
    """The shipped build has no site_url, so Material leaves links alone: each click loads a page."""
    page.goto(server.url + page_url(HOME))
    page.evaluate("window.stillTheSameDocument = true")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Guidance", exact=True).first.click()
    expect(page.locator("article h1")).to_have_text("Guidance")
    assert page.evaluate("window.stillTheSameDocument === undefined")


def test_instant_navigation_loads_the_next_page_and_our_scripts_still_work(page, instant_server, content):
    document, term = a_term_in_guidance(content)
    page.goto(instant_server.url + page_url(HOME))
    page.evaluate("window.stillTheSameDocument = true")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Guidance", exact=True).first.click()
    expect(page.locator("article h1")).to_have_text("Guidance")
    page.locator("article").get_by_role("link", name=document.title, exact=True).click()
    expect(page.locator("article h1")).to_have_text(document.title)
    assert page.evaluate("window.stillTheSameDocument === true"), "the navigation was not instant"
    # guidance.js ran again on the new page: an abbreviation explains itself when clicked.
    abbreviation = an_abbreviation(page, term)
    abbreviation.click()
    expect(page.get_by_role("tooltip")).to_have_text(term.meaning)
    expect(page.get_by_role("tooltip")).to_have_count(1)
    expect(page.locator(".md-search[role=dialog]")).to_have_attribute("aria-label", "Search")


def test_checklist_code_loads_only_on_the_page_that_needs_it_also_after_instant_navigation(
        page, instant_server, content):
    checklist = content.checklists[0]
    fetched = []
    page.on("request", lambda request: fetched.append(request.url))
    page.goto(instant_server.url + page_url(HOME))
    expect(page.locator(".md-search[role=dialog]")).to_have_attribute("aria-label", "Search")  # guidance.js ran
    assert not any(url.endswith("/checklist.js") for url in fetched), "a reading page loaded the checklist code"
    page.evaluate("window.stillTheSameDocument = true")
    page.locator("nav.md-nav--primary").get_by_role("link", name="Self-audit checklists", exact=True).first.click()
    page.locator("article").get_by_role("link", name=checklist.title, exact=True).first.click()
    expect(page.locator("article h1")).to_have_text(checklist.title)
    assert page.evaluate("window.stillTheSameDocument === true"), "the navigation was not instant"
    # The new content named checklist.js; guidance.js added it and it set the form up.
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    assert page.url.endswith(page_url(checklist_path(checklist.id)))
    assert len([url for url in fetched if url.endswith("/checklist.js")]) == 1


# --- small things that matter on a phone ----------------------------------------------------------------


def test_tapping_an_abbreviation_shows_its_meaning(server, watched_context, content):
    document, term = a_term_in_guidance(content)
    page = open_page(watched_context, "phone")
    page.goto(server.url + page_url(guidance_path(document.id)))
    abbreviation = an_abbreviation(page, term)
    abbreviation.tap()
    explanation = page.get_by_role("tooltip")  # explain.js: one explanation, as text (tests/test_explain_browser.py)
    expect(explanation).to_have_count(1)
    expect(explanation).to_have_text(term.meaning)
    expect(explanation).to_be_visible()
    assert page.locator(".gs-abbr-expansion").count() == 0, "no inline copy beside it"
    abbreviation.tap()  # a second tap hides it again
    expect(explanation).to_be_hidden()


def test_status_is_shown_by_symbol_and_words_not_colour_alone(server, page, content):
    shown = {f"{status.symbol} {status.label}" for status in STATUSES.values()}
    recommendation = next(r for r in content.recommendations() if r.findings)
    for path in (page_url(HOME), page_url(recommendation_path(recommendation))):
        page.goto(server.url + path)
        badges = page.locator("article .gs-status")
        assert badges.count() > 0
        texts = [" ".join(text.split()) for text in badges.all_inner_texts()]  # what is rendered, CSS included
        assert set(texts) <= shown, f"{path}: badges without symbol and words: {set(texts) - shown}"
    expected = STATUSES[recommendation.findings[-1].status]
    expect(page.locator(f"#finding-{recommendation.findings[-1].review} .gs-status").first).to_have_text(
        f"{expected.symbol} {expected.label}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_screenshots_for_a_person_to_look_at(server, watched_context, content, viewport):
    """Not an assertion of looks: pictures in test-artifacts/ for review, and no sideways scrolling."""
    page = open_page(watched_context, viewport)
    for path in reading_pages(content)[:4]:
        page.goto(server.url + path)
        page.screenshot(path=artifact_path(f"site-{viewport}-{path.replace('/', '_')}.png"), full_page=True)
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0, f"{path} scrolls sideways on {viewport} by {overflow}px"
