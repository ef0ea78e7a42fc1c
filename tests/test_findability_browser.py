"""Officers find the right guidance first, on a phone and at a desk (issue 12), in real headless Chromium.

- Search lands on the guidance: a table of queries officers type, each with the page it must return
  first, run through the site's own search box, phone and desktop, over HTTP and opened from a folder.
- Duties first: a guidance page opens with what its reader must do; on a phone the first duty is on
  the first screen. The home page links every guidance topic and every role without the menu.
- No ids for readers: checklist items and guidance points are numbered; no id is shown.
- At 390 px no page scrolls sideways, nor has anything sticking out of the screen, except inside a
  table the reader scrolls; every kind of page passes axe-core, phone and desktop.
"""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from conftest import artifact_path, assert_accessible, DESKTOP, PHONE, VIEWPORTS
from generator.render.printing import PRINT_PACKS, print_packs
from generator.render.site import (
    AREAS_INDEX, AUDIT_RESULTS, CASE_AUDITS, CASE_EXAMPLES, CHECKLIST_INDEX, GLOSSARY, GUIDANCE_INDEX, HOME, MATRIX,
    MY_AUDITS, REVIEW, ROLES_INDEX, area_path, checklist_path, guidance_path, page_url, recommendation_path, role_path,
)

pytestmark = pytest.mark.browser


# What an officer types, and the page that must come first: the one that tells them what to do.
SEARCH_TABLE = [
    ("appropriate adult", guidance_path("children-in-detention")),
    ("children in custody", guidance_path("children-in-detention")),
    ("s38(6)", guidance_path("children-in-detention")),
    ("detention certificate", guidance_path("children-in-detention")),
    ("missing three times", guidance_path("missing-children")),
    ("THRIVE", guidance_path("risk-assessment")),
    ("Think Victim", guidance_path("think-victim")),
    ("strategy discussion", guidance_path("recording-decisions")),
    ("MARAC", guidance_path("risk-assessment")),
    ("downgrade", guidance_path("risk-assessment")),
    ("child's voice", guidance_path("childs-voice")),
    ("child\u2019s voice", guidance_path("childs-voice")),  # a phone's keyboard types a curly apostrophe
    ("apropriate adult", guidance_path("children-in-detention")),  # misspelt
    ("secure accommodation", guidance_path("children-in-detention")),
    ("missing from home", guidance_path("missing-children")),
    ("sexual exploitation", guidance_path("child-sexual-exploitation")),
    ("CSE", guidance_path("child-sexual-exploitation")),  # what officers call it
    ("PACE", guidance_path("children-in-detention")),  # matches nine references and most detention points
    ("overnight detention", guidance_path("children-in-detention")),
    ("AA", guidance_path("children-in-detention")),  # the guidance says "appropriate adult": the glossary links the two
]


def open_page(watched_context, viewport: str):
    context, _ = watched_context(color_scheme="light", **VIEWPORTS[viewport])
    page = context.new_page()
    page.set_default_timeout(30_000)  # eight people's tests share two cores: a page may take a while to load
    return page


def open_search(page):
    """The header's search field, or on a phone the magnifier that opens it."""
    field = page.locator("input.md-search__input")
    magnifier = page.locator("label.md-header__button[for=__search]")
    if magnifier.is_visible():
        magnifier.click()
    else:
        field.click()
    expect(field).to_be_focused()
    return field


def first_result_for(page, field, query: str) -> tuple[str, list[str]]:
    """(page the first result leads to, its highlighted words) for one query.

    Material searches on a key's release: the whole query is put in, then one key is released,
    so the results shown are this query's, not those of a part of it typed so far."""
    items = page.locator(".md-search-result__item")
    field.fill("")
    field.press("End")
    expect(items).to_have_count(0, timeout=15_000)
    field.fill(query)
    field.press("End")
    first = page.locator(".md-search-result__item").first.locator("a.md-search-result__link").first
    expect(first).to_be_visible(timeout=30_000)  # the index loads in the background on the first query
    href = first.get_attribute("href")
    marks = [text.lower() for text in page.locator(".md-search-result__item").first.locator("mark").all_inner_texts()]
    return re.split(r"[?#]", href)[0], marks


def where(href: str, base: str) -> str:
    """A result's page as a path inside the site, e.g. "guidance/x.html" (Material gives whole addresses)."""
    return href[len(base):] if href.startswith(base) else href


@pytest.mark.parametrize("transport", ["http", "file"])
@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_search_lands_on_the_page_an_officer_needs(serve, shipped_site, watched_context, viewport, transport):
    base = serve(shipped_site).url if transport == "http" else shipped_site.as_uri() + "/"
    page = open_page(watched_context, viewport)
    page.goto(base + page_url(HOME))
    field = open_search(page)
    wrong, table = [], []
    for query, expected in SEARCH_TABLE:
        found, marks = first_result_for(page, field, query)
        table.append(f"{query!r:26} -> {where(found, base)}")
        if where(found, base) != page_url(expected):
            wrong.append(f"{query!r}: first result is {where(found, base)}, not {page_url(expected)}")
        if query == "apropriate adult":
            # Found as meant, not only by its second word: the right word is highlighted in the result.
            assert "appropriate" in marks, f"'apropriate' was not read as 'appropriate': highlighted {marks}"
            page.screenshot(path=artifact_path(f"search-{viewport}-{transport}-misspelt.png"))
            if transport == "http":  # axe-core reads the stylesheets, which a page opened from a folder may not
                assert_accessible(page, f"search results on {viewport}")
        if query == "overnight detention":
            # The page's own line does not say "Missing: overnight" of a page whose section covers it.
            page_line = page.locator(".md-search-result__item").first.locator(".md-search-result__link").first
            assert not page_line.locator(".md-search-result__terms").is_visible()
        if query == "PACE" and viewport == "phone":
            # Each point shows its words, not the list of what it rests on: the next result is on the first screen
            # (the first was 780 px tall, then the legal references' 3,000 px).
            tops = page.locator(".md-search-result__item").evaluate_all(
                "items => items.slice(0, 3).map(item => item.getBoundingClientRect().top)")
            assert tops[1] < PHONE["viewport"]["height"], f"the second result for PACE starts {tops[1]:.0f} px down"
            assert tops[2] - tops[1] < PHONE["viewport"]["height"], "the second result for PACE is taller than the screen"
    print("\n".join(table))
    assert wrong == [], "\n".join(wrong)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_page_a_result_opens_highlights_the_telling_words_not_every_child(serve, shipped_site, watched_context,
                                                                                viewport):
    # "child" is in more than half the site's sections: highlighted, it marked 171 words of one page.
    base = serve(shipped_site).url
    page = open_page(watched_context, viewport)
    page.goto(base + page_url(HOME))
    field = open_search(page)
    found, marks = first_result_for(page, field, "missing child")
    assert where(found, base) == page_url(guidance_path("missing-children"))
    assert "child" in marks and "missing" in marks  # the results mark both words
    page.locator(".md-search-result__item").first.locator("a.md-search-result__link").first.click()
    page.wait_for_url(re.compile(re.escape(found)))
    marked = page.locator("article mark")
    expect(marked.first).to_be_visible()
    words = {word.lower() for word in marked.all_inner_texts() if word.strip()}  # a hidden one has no text
    assert words == {"missing"}, f"the page opened highlights {sorted(words)}"
    page.screenshot(path=artifact_path(f"search-{viewport}-opened-highlights.png"))


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_guidance_page_opens_with_what_you_must_do(serve, shipped_site, watched_context, content, viewport):
    # Or, where no point says must, with what you should do: never with an empty box.
    server = serve(shipped_site)
    page = open_page(watched_context, viewport)
    for document in content.guidance:
        points = [point for _, point in document.points()]
        duties = [point for point in points if point.strength == "must"]
        page.goto(server.url + page_url(guidance_path(document.id)))
        heading = page.locator("article h2").first
        expect(heading).to_have_text("What you must do" if duties else "What you should do")  # the first thing after the title
        links = page.locator(".gs-duties a")
        listed = duties + [point for point in points if point.strength == "should"] if duties else points
        expect(links).to_have_count(len(listed))
        # Read as lines of words: an explained term (or a word search highlights) split a duty into columns of
        # a letter or a word each, the words being boxes of a flexible row. Here with a word highlighted too.
        page.goto(server.url + page_url(guidance_path(document.id)) + "?h=the")
        expect(page.locator(".gs-duties mark").first).to_be_attached()
        columns = page.evaluate("""() => [...document.querySelectorAll('.gs-duties a')].map(a => [
            a.textContent.trim().slice(0, 40),
            [...a.childNodes].filter(n => n.nodeType !== 3 || n.textContent.trim()).map(n => n.className || n.nodeName)
        ]).filter(([, boxes]) => boxes.join() !== "gs-number,gs-duties__text")""")
        assert columns == [], f"{document.title}: duties laid out in columns: {columns}"
        for link, point in zip(links.all(), listed):
            assert link.get_attribute("href") == f"#point-{point.id}"
            expect(link).to_contain_text(f"{point.number} ")
            expect(page.locator(f"#point-{point.id}")).to_contain_text(f"{point.number} {point.strength.title()}")  # in words
        if viewport == "phone":
            small = page.evaluate("""() => [...document.querySelectorAll('.gs-point__refs a')]
                .map(a => [a.textContent.trim().slice(0, 30), a.getBoundingClientRect().height]).filter(([, h]) => h < 44)""")
            assert small == [], f"{document.title}: links under the points below 44 px high: {small}"
            box = links.first.bounding_box()
            assert box["y"] + box["height"] <= PHONE["viewport"]["height"], (
                f"{document.title}: the first duty ends {box['y'] + box['height']:.0f} px down, below the first screen")
            page.screenshot(path=artifact_path(f"duties-{viewport}-{document.id}.png"))
    # A duty's link leads to its point.
    document = next(d for d in content.guidance if any(p.strength == "must" for _, p in d.points()))
    point = next(p for _, p in document.points() if p.strength == "must")
    page.goto(server.url + page_url(guidance_path(document.id)))
    page.locator(".gs-duties a").first.click()
    assert page.url.endswith(f"#point-{point.id}")
    expect(page.locator(f"#point-{point.id}")).to_be_in_viewport()
    assert_accessible(page, f"a guidance page on {viewport}")


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_the_home_page_leads_to_every_guidance_topic_and_role_without_the_menu(
        serve, shipped_site, watched_context, content, viewport):
    server = serve(shipped_site)
    page = open_page(watched_context, viewport)
    page.goto(server.url + page_url(HOME))
    article = page.locator("article")
    for document in content.guidance:
        link = article.get_by_role("link", name=document.title, exact=True)
        expect(link).to_be_visible()  # on the page itself, not in the menu
        expect(link).to_have_attribute("href", page_url(guidance_path(document.id)))
    for audience in content.audiences:
        link = article.get_by_role("link", name=audience.title, exact=True).first
        expect(link).to_be_visible()
        expect(link).to_have_attribute("href", page_url(role_path(audience.id)))
    page.screenshot(path=artifact_path(f"home-{viewport}.png"), full_page=True)
    assert_accessible(page, f"the home page on {viewport}")
    document = content.guidance[0]
    article.get_by_role("link", name=document.title, exact=True).click()
    expect(page.locator("article h1")).to_have_text(document.title)


def _hyphenated_ids(content) -> set[str]:
    """Ids of checklist items and guidance points that could never be ordinary words in a sentence."""
    ids = {item.id for checklist in content.checklists for item in checklist.items()}
    ids |= {point.id for document in content.guidance for _, point in document.points()}
    return {identifier for identifier in ids if "-" in identifier}


def test_no_item_or_point_id_is_shown_to_readers(serve, shipped_site, watched_context, content):
    server = serve(shipped_site)
    page = open_page(watched_context, "phone")
    ids = _hyphenated_ids(content)
    pattern = re.compile(r"(?<![\w-])(" + "|".join(map(re.escape, sorted(ids, key=len, reverse=True))) + r")(?![\w-])")
    pages = [guidance_path(d.id) for d in content.guidance] + [checklist_path(c.id) for c in content.checklists]
    shown = []
    for path in pages:
        page.goto(server.url + page_url(path))
        words = page.locator("article").inner_text()  # what is rendered, hidden parts left out
        shown += [f"{path}: {match}" for match in sorted(set(pattern.findall(words)))]
    assert shown == [], "ids shown to readers:\n" + "\n".join(shown)
    # A checklist question is named by its number and words: its radio group's name starts with them.
    checklist = content.checklists[0]
    item = next(checklist.items())
    page.goto(server.url + page_url(checklist_path(checklist.id)))
    group = page.get_by_role("group", name=re.compile(rf"^{re.escape(item.number)} "))
    expect(group.first).to_have_attribute("id", f"item-{item.id}")  # the id stays in the anchor
    expect(page.locator(f"#item-{item.id}")).to_have_attribute("data-item-id", item.id)  # ... and for exports


def every_kind_of_page(content) -> list[str]:
    recommendation = next(r for r in content.recommendations() if r.findings and r.points)
    packs = print_packs(content)
    paths = [HOME, REVIEW, GLOSSARY, CASE_EXAMPLES, AREAS_INDEX, area_path(content.areas[0].id),
             recommendation_path(recommendation), MATRIX, AUDIT_RESULTS, GUIDANCE_INDEX,
             guidance_path(content.guidance[0].id), CHECKLIST_INDEX, checklist_path(content.checklists[0].id),
             MY_AUDITS, ROLES_INDEX, role_path(content.audiences[0].id)]
    if content.case_audits:
        paths.append(CASE_AUDITS)
    if packs:
        paths += [PRINT_PACKS, packs[0].path]
    return [page_url(path) for path in paths] + ["404.html"]


# Everything that sticks out of the screen on the right, outside any box the reader scrolls sideways.
STICKING_OUT = """() => {
  const width = document.documentElement.clientWidth;
  const scrolled = el => { for (let e = el.parentElement; e; e = e.parentElement) {
    const x = getComputedStyle(e).overflowX; if ((x === "auto" || x === "scroll") && e !== document.documentElement
      && e !== document.body) return true; } return false; };
  const out = [];
  for (const el of document.querySelectorAll(".md-main *")) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.height === 0 || getComputedStyle(el).visibility === "hidden") continue;
    if (box.right > width + 1 && !scrolled(el)) out.push(el.tagName.toLowerCase() + (el.className ? "." +
      String(el.className).trim().split(/\\s+/).join(".") : "") + " right=" + Math.round(box.right));
  }
  return {scroll: document.documentElement.scrollWidth - width, out: out.slice(0, 8)};
}"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_no_page_scrolls_sideways_on_a_phone_and_every_kind_passes_axe(serve, shipped_site, watched_context,
                                                                       content, viewport):
    server = serve(shipped_site)
    page = open_page(watched_context, viewport)
    problems = []
    for path in every_kind_of_page(content):
        page.goto(server.url + path)
        if viewport == "phone":
            found = page.evaluate(STICKING_OUT)
            if found["scroll"] > 0 or found["out"]:
                problems.append(f"{path}: scrolls sideways by {found['scroll']} px; sticking out: {found['out']}")
            page.screenshot(path=artifact_path(f"reflow-{viewport}-{path.replace('/', '_')}.png"), full_page=True)
        assert_accessible(page, f"{path} on {viewport}")
    assert problems == [], "\n".join(problems)


# Every control a finger can press, below 44 px either way, on a phone: links in running text excepted
# (WCAG 2.5.8's inline exception), as is what cannot be seen (a closed disclosure's contents, the skip link
# until it is focused). A radio button or tick box is pressed by its label, which the checklist tests measure.
SMALL_TARGETS = """() => {
  const running = el => {
    const block = el.closest("p, li, dd, figcaption, blockquote, .gs-meta");
    return getComputedStyle(el).display === "inline" && block && !el.closest("td, th, nav, .md-header") &&
      block.textContent.replace(/\\s+/g, " ").trim().length > el.textContent.replace(/\\s+/g, " ").trim().length + 2;
  };
  const out = [];
  for (const el of document.querySelectorAll(
      "a[href], button, select, textarea, input:not([type=hidden]):not([type=radio]):not([type=checkbox]), summary, label[role=button], [tabindex='0']")) {
    const box = el.getBoundingClientRect(), style = getComputedStyle(el);
    if (box.width === 0 || box.height === 0 || style.visibility === "hidden" || el.closest("[inert]")) continue;
    if (style.pointerEvents === "none" || style.opacity === "0") continue;  // the search's clear button, until typed in
    if (el.matches("abbr") && style.display === "inline") continue;  // a word explained: text, in a sentence or a title
    if (el.matches(".md-skip") || running(el) || el.closest(".md-search__output") && !document.getElementById("__search").checked) continue;
    if (el.closest("svg")) continue;  // a chart's own links are repeated in the table beside it
    const shown = (el.getAttribute("aria-label") || el.textContent || el.value || "").replace(/\\s+/g, " ").trim().slice(0, 30);
    if (box.height < 43.5 || box.width < 43.5) out.push(`${el.tagName.toLowerCase()} “${shown}” ${Math.round(box.width)}×${Math.round(box.height)}`);
  }
  return [...new Set(out)];
}"""


def test_on_a_phone_every_control_is_a_44_px_target(serve, shipped_site, watched_context, content):
    server = serve(shipped_site)
    page = open_page(watched_context, "phone")
    problems = []
    for path in every_kind_of_page(content) + [page_url("legal-references.md")]:
        page.goto(server.url + path)
        page.wait_for_load_state("load")
        small = page.evaluate(SMALL_TARGETS)
        if small:
            problems.append(f"{path}: {'; '.join(small[:12])}" + (f" and {len(small) - 12} more" if len(small) > 12 else ""))
    page.goto(server.url + page_url(HOME))
    field = open_search(page)
    field.fill("appropriate adult")
    field.press("End")
    expect(page.locator(".md-search-result__item").first).to_be_visible(timeout=30_000)
    # The clear button grows in (a transition of the theme's): measured half-grown, it is 43 px.
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    small = page.evaluate(SMALL_TARGETS)
    if small:
        problems.append(f"the search: {'; '.join(small[:12])}")
    assert problems == [], "\n".join(problems)
