"""Abbreviations explain themselves in one tooltip of ours (explain.js), in real Chromium.

Pointed at with a mouse, reached with the keyboard, or tapped on a phone, an abbreviation shows
its meaning once (no inline copy besides a tooltip), inside the window; Escape, a second tap or
a tap elsewhere closes it. Pages stay clean for axe-core with the explanation open.
"""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import VIEWPORTS, artifact_path, assert_accessible
from generator.render.site import guidance_path, page_url
from test_browser_site import a_term_in_guidance, an_abbreviation

pytestmark = pytest.mark.browser


def open_guidance(watched_context, server, content, viewport):
    document, term = a_term_in_guidance(content)
    context, _ = watched_context(color_scheme="light", **VIEWPORTS[viewport])
    page = context.new_page()
    page.goto(server.url + page_url(guidance_path(document.id)))
    page.wait_for_function("() => document.documentElement.hasAttribute('data-gs-explain')")
    return page, term


def explanation(page):
    return page.locator("#gs-explanation")


def assert_one_explanation_inside_the_window(page, meaning: str, width: int):
    tooltip = page.get_by_role("tooltip")
    expect(tooltip).to_have_count(1)
    expect(tooltip).to_be_visible()
    expect(tooltip).to_have_text(meaning)
    assert page.get_by_text(meaning, exact=True).count() == 1, "the meaning is shown once, not twice"
    assert page.locator(".gs-abbr-expansion").count() == 0
    assert tooltip.evaluate("el => el.children.length") == 0, "the meaning is text"
    box = tooltip.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"the explanation leaves the window: {box}"


def test_a_tap_on_a_phone_explains_once_and_a_second_tap_or_a_tap_elsewhere_closes(server, watched_context, content):
    page, term = open_guidance(watched_context, server, content, "phone")
    abbreviation = an_abbreviation(page, term)
    abbreviation.scroll_into_view_if_needed()
    abbreviation.tap()
    assert_one_explanation_inside_the_window(page, term.meaning, 390)
    expect(abbreviation).to_have_attribute("aria-describedby", "gs-explanation")
    page.screenshot(path=artifact_path("explain-phone-tapped.png"))
    assert_accessible(page, "a guidance page with an explanation open, on a phone")
    abbreviation.tap()
    expect(explanation(page)).to_be_hidden()
    expect(abbreviation).to_have_attribute("title", term.meaning)  # given back, for the next time
    abbreviation.tap()
    expect(explanation(page)).to_be_visible()
    page.locator("article h1").tap()
    expect(explanation(page)).to_be_hidden()


def test_pointing_explains_moving_away_closes_and_a_click_keeps_it_open(server, watched_context, content):
    page, term = open_guidance(watched_context, server, content, "desktop")
    abbreviation = an_abbreviation(page, term)
    abbreviation.hover()
    assert_one_explanation_inside_the_window(page, term.meaning, 1280)
    assert abbreviation.get_attribute("title") is None, "no browser tooltip besides ours"
    page.screenshot(path=artifact_path("explain-desktop-hover.png"))
    page.locator("article h1").hover()
    expect(explanation(page)).to_be_hidden()
    abbreviation.click()
    page.locator("article h1").hover()
    expect(explanation(page)).to_be_visible()  # clicked: it stays while the pointer moves on
    page.keyboard.press("Escape")
    expect(explanation(page)).to_be_hidden()


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_keyboard_reaches_every_explanation_and_escape_closes_it(server, watched_context, content, viewport):
    page, term = open_guidance(watched_context, server, content, viewport)
    abbreviation = an_abbreviation(page, term)
    expect(abbreviation).to_have_attribute("tabindex", "0")
    assert page.locator(".md-content abbr:not([tabindex])").count() == 0, "every abbreviation can be focused"
    # Tab from the focusable element before it, as a keyboard user arrives.
    abbreviation.evaluate("""abbr => {
        const focusable = [...document.querySelectorAll('a[href], button, input, [tabindex="0"]')]
            .filter(el => el.getClientRects().length);
        focusable[focusable.indexOf(abbr) - 1].focus(); }""")
    page.keyboard.press("Tab")
    expect(abbreviation).to_be_focused()
    assert_one_explanation_inside_the_window(page, term.meaning, 1280 if viewport == "desktop" else 390)
    page.screenshot(path=artifact_path(f"explain-{viewport}-focused.png"))
    assert_accessible(page, f"a guidance page with an explanation open by keyboard, {viewport}")
    page.keyboard.press("Escape")
    expect(explanation(page)).to_be_hidden()
    expect(abbreviation).to_be_focused()
    page.keyboard.press("Tab")
    expect(abbreviation).not_to_be_focused()
    expect(abbreviation).not_to_have_attribute("aria-describedby", "gs-explanation")
    # Open only for the element now focused, if that is an abbreviation too.
    assert page.evaluate("""() => document.getElementById('gs-explanation').hidden
        || document.activeElement.getAttribute('aria-describedby') === 'gs-explanation'""")


def test_a_tap_on_a_term_inside_a_link_follows_the_link_and_explains_nothing(server, watched_context, content):
    # The duties' box links each duty to its point; a term in it is explained where the point says it.
    page, term = open_guidance(watched_context, server, content, "phone")
    in_link = page.locator(".gs-duties a abbr").first
    point = in_link.locator("xpath=ancestor::a[1]").get_attribute("href")
    in_link.tap()
    page.wait_for_url(f"**{point}")
    expect(explanation(page)).to_be_hidden()
    assert_accessible(page, "a guidance page after a tap on a term in a duty's link, on a phone")
