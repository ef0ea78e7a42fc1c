"""The progress pages in real headless Chromium: filtering and sorting the matrix, "My audits",
printing the matrix in landscape (every page dated, the summary on page 1), and axe-core on every
progress page.

One site is built for the module: the content of test_matrix (a fixed "as of" date, a later
review, a dated closure of IC1) and the 32 fixture exports in its audits folder. It is served
at its site_url, so Material's instant navigation is on, as in the shipped configuration.
"""
from __future__ import annotations

import functools
import io
import shutil
import threading

import pytest
import yaml
from playwright.sync_api import expect
from pypdf import PdfReader

from conftest import FIXTURES, ROOT, LocalServer, _QuietHandler, _Server, artifact_path, assert_accessible, build
from generator.build.date import build_date
from generator.content import load_content
from generator.model import PartialDate
from generator.render.site import AUDIT_RESULTS, CASE_AUDITS, MATRIX, MY_AUDITS, checklist_path, page_url
from printed import read_pdf
from test_matrix import AS_OF, fixed_content

pytestmark = pytest.mark.browser

RATED = "detention-of-children"  # a checklist with a rating rule
UNRATED = "case-file-quality"


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    folder = tmp_path_factory.mktemp("progress-browser")
    content_dir = fixed_content(folder)
    audits = folder / "audits"
    shutil.copytree(FIXTURES / "audits" / "good", audits)
    server = _Server(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = LocalServer(folder / "site", f"http://127.0.0.1:{server.server_address[1]}/", server)
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert "navigation.instant" in config["theme"]["features"]
    config.update(docs_dir=str(ROOT / "checklists" / "pages"), site_url=local.url)
    config["plugins"] = ["search", {"guidance": {"content_dir": str(content_dir), "audits_dir": str(audits)}}]
    (folder / "mkdocs.yml").write_text(yaml.safe_dump(config), encoding="utf-8")
    build(folder, content_dir, folder / "mkdocs.yml")
    yield local, load_content(content_dir)
    server.shutdown()
    server.server_close()


@pytest.fixture
def server(built):
    return built[0]


@pytest.fixture
def content(built):
    return built[1]


def open_matrix(page, server):
    page.goto(server.url + page_url(MATRIX))
    expect(page.locator("[data-matrix-controls]")).to_be_visible()


def visible_rows(page) -> list[str]:
    return page.locator("#matrix tr[data-recommendation]:visible").evaluate_all(
        "rows => rows.map(row => row.dataset.recommendation)")


# --- the matrix --------------------------------------------------------------------------------------


def test_filter_by_area_and_by_status_shows_only_the_matching_recommendations(page, server, content):
    open_matrix(page, server)
    everything = [r.id for r in content.recommendations()]
    count = page.locator("[data-matrix-count]")
    expect(count).to_have_text(f"Showing {len(everything)} of {len(everything)} recommendations.")
    assert visible_rows(page) == everything

    area = next(a for a in content.areas if len(a.recommendations) > 1)
    page.get_by_label("Area", exact=True).select_option(label=area.title)
    assert visible_rows(page) == [r.id for r in area.recommendations]
    expect(count).to_have_text(f"Showing {len(area.recommendations)} of {len(everything)} recommendations (Area: {area.title}).")
    expect(page.locator(f'tbody[data-area-group="{area.id}"]')).to_be_visible()
    for other in content.areas:
        if other.id != area.id:
            expect(page.locator(f'tbody[data-area-group="{other.id}"]')).to_be_hidden()

    page.get_by_label("Area", exact=True).select_option(label="All areas")
    page.get_by_label("Status now", exact=True).select_option(label="Overdue")
    as_of = PartialDate.parse(AS_OF)
    overdue = [r.id for r in content.recommendations() if r.is_overdue(as_of)]
    assert overdue and visible_rows(page) == overdue
    for row_id in overdue:
        expect(page.locator(f"#matrix-{row_id}")).to_contain_text("Overdue")

    page.get_by_label("Status now", exact=True).select_option(label="Achieved")
    achieved = [r.id for r in content.recommendations() if r.current_status == "achieved"]
    assert "IC1" in achieved and visible_rows(page) == achieved

    unachieved = next(a for a in content.areas if all(r.current_status != "achieved" for r in a.recommendations))
    page.get_by_label("Area", exact=True).select_option(label=unachieved.title)
    assert visible_rows(page) == []
    expect(page.locator("[data-matrix-empty]")).to_have_text("No recommendation matches these choices.")
    expect(count).to_have_text(f"Showing 0 of {len(everything)} recommendations (Area: {unachieved.title}; Status now: Achieved).")


def test_sorting_reorders_across_areas_and_back(page, server, content):
    open_matrix(page, server)
    published = [r.id for r in content.recommendations()]
    by_due = [r.id for r in sorted(content.recommendations(), key=lambda r: r.due.first_day())]  # stable: ties keep order
    assert by_due != published, "the content should have due dates out of area order"

    caption = page.locator("#matrix-caption")
    expect(caption).to_have_text("Recommendations by area: status at each review and now")
    page.get_by_label("Order", exact=True).select_option(label="By due date, earliest first")
    assert visible_rows(page) == by_due
    expect(caption).to_have_text("Recommendations by due date, earliest first: status at each review and now")
    expect(page.locator('#matrix th[data-column="due"]')).to_have_attribute("aria-sort", "ascending")
    first = page.locator(f"#matrix-{by_due[0]}")
    expect(first.locator(".gs-matrix__area-name")).to_be_visible()  # each row names its area when areas mix
    for area in content.areas:
        expect(page.locator(f'tbody[data-area-group="{area.id}"]')).to_be_hidden()

    page.get_by_label("Order", exact=True).select_option(label="Overdue first")
    rows = visible_rows(page)
    flags = [content.recommendation_of(r).is_overdue(PartialDate.parse(AS_OF)) for r in rows]
    assert flags == sorted(flags, reverse=True) and any(flags) and not all(flags)

    page.get_by_label("Order", exact=True).select_option(label="By area, as published")
    assert visible_rows(page) == published
    expect(caption).to_have_text("Recommendations by area: status at each review and now")
    expect(page.locator('#matrix th[data-column="due"]')).not_to_have_attribute("aria-sort", "ascending")
    for area in content.areas:
        expect(page.locator(f'tbody[data-area-group="{area.id}"]')).to_be_visible()


def test_the_matrix_works_after_instant_navigation_and_history_opens_with_a_click(page, server):
    page.goto(server.url)
    page.evaluate("window.stillTheSameDocument = true")
    page.get_by_role("link", name="Progress matrix").first.click()
    expect(page.locator("h1")).to_have_text("Progress matrix")
    assert page.evaluate("window.stillTheSameDocument === true"), "the navigation was not instant"
    expect(page.locator("[data-matrix-controls]")).to_be_visible()
    page.get_by_label("Status now", exact=True).select_option(label="Achieved")
    assert "IC1" in visible_rows(page)

    history = page.locator("#matrix-IC1 .gs-history")
    expect(history.locator("ol")).to_be_hidden()
    history.locator("summary").click()
    expect(history.locator("ol li").first).to_contain_text("authorised by")


def test_the_matrix_prints_on_landscape_pages(page, server, content):
    open_matrix(page, server)
    page.emulate_media(media="print")
    pdf = page.pdf(prefer_css_page_size=True, print_background=True)
    artifact_path("progress-matrix.pdf").write_bytes(pdf)
    pages = PdfReader(io.BytesIO(pdf)).pages
    for number, printed in enumerate(pages, start=1):  # no blank portrait page before the landscape ones either
        assert float(printed.mediabox.width) > float(printed.mediabox.height), f"page {number} is not landscape"
    assert len(pages) <= 2 * len(list(content.recommendations())), "far more pages than the matrix needs"
    text = "".join(p.extract_text() or "" for p in pages)
    assert "Status now" in text
    for recommendation in content.recommendations():
        assert recommendation.id in text
    # Of the controls, only what they show: a filtered matrix says so on paper, and paper offers no filtering.
    count = len(list(content.recommendations()))
    assert f"Showing {count} of {count} recommendations." in text
    assert "you can filter and reorder it" not in text
    # Nor what paper cannot do: a download, or a page's behaviour without JavaScript.
    assert "Download the matrix as a CSV file" not in text and "without JavaScript" not in text
    # Every disclosure prints open (matrix.js): its summary is a heading there, not a triangle and a link to press.
    summary = page.locator("#matrix-IC1 .gs-history summary")
    assert summary.evaluate("s => [getComputedStyle(s).display, getComputedStyle(s).textDecorationLine]") == ["block", "none"]
    page.goto(server.url + page_url(MATRIX) + "?status=overdue")
    overdue = [r for r in content.recommendations() if r.is_overdue(PartialDate.parse(AS_OF))]
    expect(page.locator("[data-matrix-count]")).to_contain_text(f"Showing {len(overdue)} of")
    pages = PdfReader(io.BytesIO(page.pdf(prefer_css_page_size=True))).pages
    text = " ".join("".join(p.extract_text() or "" for p in pages).split())
    assert f"Showing {len(overdue)} of {count} recommendations (Status now: Overdue)." in text
    # ... and its summary, on page 1, says it is of every recommendation, before the filtered list
    first = " ".join((pages[0].extract_text() or "").split())
    assert (f"This summary counts every recommendation. The list of recommendations after it is filtered: showing "
            f"{len(overdue)} of {count} recommendations (Status now: Overdue).") in first
    assert first.index("This summary counts") < first.index("Recommendations by current status, per area")
    page.emulate_media(media="screen")
    assert "This summary counts" not in page.locator("main").inner_text(), "on paper only"


def matrix_footer() -> str:
    """What the foot of every printed page of the matrix says: what it is, as of when."""
    built = build_date()
    return f"Progress matrix · as of {built.day} {built:%B %Y} (site built) · overdue judged at {PartialDate.parse(AS_OF)}"


@pytest.mark.parametrize("query", ["", "?status=overdue&order=due"])
def test_every_printed_page_of_the_matrix_says_as_of_when_and_what_it_shows_and_page_1_holds_the_summary(
        page, server, content, query):
    page.goto(server.url + page_url(MATRIX) + query)
    count = page.locator("[data-matrix-count]")
    expect(count).to_contain_text("Showing")
    chart = page.locator("#chart-area-status figcaption").inner_text()
    caption, first = page.locator("#matrix-caption").inner_text(), visible_rows(page)[0]
    page.emulate_media(media="print")
    printed = read_pdf(page.pdf(prefer_css_page_size=True), "progress-matrix-dated" + ("-filtered" if query else ""))
    footer = matrix_footer()
    if query:  # a loose sheet of a filtered, reordered matrix says so
        footer += " · " + count.inner_text()
        assert footer.endswith("(Status now: Overdue; order: By due date, earliest first).")
    assert len(printed.pages) > 1
    for number, text in enumerate(printed.pages, start=1):
        assert footer in text, f"page {number} does not say what it is, as of when: {text[-300:]!r}"
        assert f"Page {number} of {len(printed.pages)}" in text
        if not query:
            assert footer + " · Showing" not in text, "the whole matrix is not said to be filtered"
    # The summary and its chart both on page 1: the chart is not pushed on, leaving half of page 1 empty.
    assert printed.page_of("Recommendations by current status, per area") == 1
    assert printed.page_of(chart) == 1, "the chart is not on page 1"
    # The matrix's caption and column headings begin a page with its first row, not end one without it.
    assert printed.page_of(caption) == printed.page_of(first), f"the matrix's headings are not with {first}"
    page.emulate_media(media="screen")


# --- My audits ------------------------------------------------------------------------------------------


def answer_all(page, checklist, label: str):
    for item in checklist.items():
        page.locator(f"#item-{item.id}").get_by_label(label, exact=True).check()


def test_my_audits_lists_the_records_made_on_checklist_pages_and_opens_each(page, server, content):
    rated = next(c for c in content.checklists if c.id == RATED)
    unrated = next(c for c in content.checklists if c.id == UNRATED)
    page.goto(server.url + page_url(checklist_path(RATED)))
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    page.get_by_label("Label of this record", exact=False).fill("Case A")
    answer_all(page, rated, "Yes")
    page.get_by_role("button", name="New record", exact=True).click()
    page.get_by_label("Label of this record", exact=False).fill("Case B")
    first = next(rated.items())
    page.locator(f"#item-{first.id}").get_by_label("No", exact=True).check()

    page.goto(server.url + page_url(checklist_path(UNRATED)))
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    page.get_by_label("Label of this record", exact=False).fill("Case C")
    answer_all(page, unrated, "Good")

    page.evaluate("window.stillTheSameDocument = true")
    page.get_by_role("link", name="My audits").first.click()
    expect(page.locator("h1")).to_have_text("My audits")
    assert page.evaluate("window.stillTheSameDocument === true"), "the navigation was not instant"
    table = page.locator("[data-my-audits-table]")
    expect(table).to_be_visible()
    expect(page.locator("[data-my-audits-status]")).to_have_text(
        "3 records for 2 checklists kept in this browser, most recently changed first.")
    rows = table.locator("tbody tr")
    expect(rows).to_have_count(3)
    cells = rows.evaluate_all("rows => rows.map(r => Array.from(r.cells).map(c => c.textContent))")
    by_label = {row[0]: row[1:] for row in cells}
    total_rated, total_unrated = len(list(rated.items())), len(list(unrated.items()))
    assert by_label["Case A"][0] == rated.title
    assert by_label["Case A"][2:4] == [f"{total_rated} of {total_rated} applicable items (complete)", "Good"]
    assert by_label["Case B"][2:4] == [f"1 of {total_rated} applicable items", "Not yet rated"]
    assert by_label["Case C"][0] == unrated.title
    assert by_label["Case C"][2:4] == [f"{total_unrated} of {total_unrated} applicable items (complete)",
                                     "No rating for this checklist"]
    assert [row[0] for row in cells][0] == "Case C"  # the most recently changed first
    page.mouse.move(0, 0)  # not hovering the menu link just clicked: Material's hover colour is not ours to test
    assert_accessible(page, "My audits with records")

    before = page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())")
    table.get_by_role("link", name="Case A").click()  # back to its checklist, where it can be chosen
    expect(page.locator("h1")).to_have_text(rated.title)
    expect(page.get_by_label("Record", exact=True).locator("option")).to_have_text(["Case A", "Case B"])
    assert page.evaluate("() => JSON.stringify(Object.entries(localStorage).sort())") == before, \
        "My audits changed what the checklist pages keep"


def test_my_audits_says_so_when_this_browser_keeps_no_records(page, server):
    page.goto(server.url + page_url(MY_AUDITS))
    expect(page.locator("[data-my-audits-status]")).to_have_text(
        "No audit records of this site are kept in this browser yet. Records you start on its checklist pages appear here.")
    expect(page.locator("[data-my-audits-table]")).to_be_hidden()


# --- accessibility -------------------------------------------------------------------------------------


@pytest.mark.parametrize("path", [MATRIX, CASE_AUDITS, AUDIT_RESULTS])
def test_no_serious_accessibility_problem_on_the_progress_pages(page, server, path):
    page.goto(server.url + page_url(path))
    for details in page.locator("details").all()[:6]:
        details.locator("summary").click()  # the open state counts too
    assert_accessible(page, path)


def test_no_serious_accessibility_problem_on_the_matrix_on_a_phone(watched_context, server):
    context, watch = watched_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    open_matrix(page, server)
    page.get_by_label("Order", exact=True).select_option(label="By due date, earliest first")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    assert_accessible(page, "the matrix on a phone")


@pytest.mark.parametrize("path", [MATRIX, CASE_AUDITS, AUDIT_RESULTS])
def test_on_a_phone_every_chart_is_drawn_at_its_own_size_whole_and_legible(watched_context, server, path):
    # Labels beside the bars made a chart 500 units wide: on a phone it was scaled to 8 px text, its last figure cut off.
    context, _ = watched_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto(server.url + page_url(path))
    charts = page.locator(".gs-chart svg").evaluate_all("""svgs => svgs.map(svg => {
        const box = svg.getBoundingClientRect(), label = svg.querySelector("text");
        return {id: svg.closest("figure").id, drawn: box.width, own: svg.viewBox.baseVal.width, right: box.right,
                text: label.getBoundingClientRect().height, lastText: Math.max(...[...svg.querySelectorAll("text")]
                    .map(text => text.getBoundingClientRect().right))};
    })""")
    assert charts, f"no chart on {path}"
    width = page.evaluate("window.innerWidth")
    for chart in charts:
        assert chart["drawn"] >= chart["own"] - 0.5, f"{chart['id']} is scaled down to {chart['drawn']:.0f} of {chart['own']:.0f}"
        assert chart["lastText"] <= width, f"{chart['id']}: a figure is cut off at the screen's edge"
        assert chart["text"] >= 12, f"{chart['id']}: its labels are {chart['text']:.1f} px tall"
    page.locator(".gs-chart").first.screenshot(path=artifact_path(f"chart-on-a-phone-{path.replace('/', '-')}.png"))


# --- the matrix in the page address, and on a phone -----------------------------------------------------


# These tests open the matrix page many times over, on a machine others share: a navigation may take
# longer than the usual 5 s there (nothing is timed; every other wait keeps its 5 s).
SLOW_LOAD_MS = 30_000


def choices(page) -> dict[str, str]:
    return {name: page.get_by_label(name, exact=True).input_value() for name in ("Area", "Status now", "Order")}


def test_filters_and_order_are_kept_in_the_address_survive_reload_and_can_be_sent(page, server, content, browser):
    page.set_default_navigation_timeout(SLOW_LOAD_MS)
    open_matrix(page, server)
    area = next(a for a in content.areas if len(a.recommendations) > 1)
    page.get_by_label("Area", exact=True).select_option(label=area.title)
    page.get_by_label("Status now", exact=True).select_option(label="Overdue")
    page.get_by_label("Order", exact=True).select_option(label="By due date, earliest first")
    chosen, rows = choices(page), visible_rows(page)
    assert chosen == {"Area": area.id, "Status now": "overdue", "Order": "due"}
    overdue_here = [r.id for r in sorted(area.recommendations, key=lambda r: r.due.first_day())
                    if r.is_overdue(PartialDate.parse(AS_OF))]
    assert rows == overdue_here and rows
    address = page.url
    assert f"area={area.id}" in address and "status=overdue" in address and "order=due" in address

    page.reload()
    expect(page.locator("[data-matrix-controls]")).to_be_visible()
    assert choices(page) == chosen and visible_rows(page) == rows
    expect(page.locator("[data-matrix-count]")).to_have_text(
        f"Showing {len(rows)} of {len(list(content.recommendations()))} recommendations (Area: {area.title}; "
        "Status now: Overdue; order: By due date, earliest first).")

    # Sent to someone else: another browser profile, with nothing kept from this one.
    other = browser.new_context()
    try:
        elsewhere = other.new_page()
        elsewhere.set_default_navigation_timeout(SLOW_LOAD_MS)
        elsewhere.goto(address)
        expect(elsewhere.locator("[data-matrix-controls]")).to_be_visible()
        assert choices(elsewhere) == chosen and visible_rows(elsewhere) == rows
    finally:
        other.close()

    # Back to the defaults: the address is the plain page again.
    page.get_by_label("Area", exact=True).select_option(label="All areas")
    page.get_by_label("Status now", exact=True).select_option(label="Any status")
    page.get_by_label("Order", exact=True).select_option(label="By area, as published")
    assert "?" not in page.url and visible_rows(page) == [r.id for r in content.recommendations()]


def test_an_address_with_an_unknown_choice_keeps_the_default_for_it(page, server, content):
    page.set_default_navigation_timeout(SLOW_LOAD_MS)
    page.goto(server.url + page_url(MATRIX) + "?area=no-such-area&status=achieved&order=sideways")
    expect(page.locator("[data-matrix-controls]")).to_be_visible()
    assert choices(page) == {"Area": "", "Status now": "achieved", "Order": "area"}
    assert visible_rows(page) == [r.id for r in content.recommendations() if r.current_status == "achieved"]


def test_the_address_keeps_the_choices_when_the_site_is_opened_from_a_folder(page, shipped_site):
    page.set_default_navigation_timeout(SLOW_LOAD_MS)
    matrix = (shipped_site / page_url(MATRIX)).as_uri()
    page.goto(matrix + "?status=overdue")
    expect(page.locator("[data-matrix-controls]")).to_be_visible()
    assert page.get_by_label("Status now", exact=True).input_value() == "overdue"
    assert all(page.locator(f"#matrix-{row} .gs-overdue").is_visible() for row in visible_rows(page))
    page.get_by_label("Order", exact=True).select_option(label="By due date, earliest first")
    assert page.url == matrix + "?status=overdue&order=due"
    page.reload()
    expect(page.locator("[data-matrix-controls]")).to_be_visible()
    assert page.get_by_label("Order", exact=True).input_value() == "due"


# Words split over two lines show as two boxes: every word of these elements must be one.
SPLIT_WORDS = """selector => {
  const split = [];
  for (const element of document.querySelectorAll(selector)) {
    if (!element.getClientRects().length) continue;  // hidden
    const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const match of node.textContent.matchAll(/[^\\s\\-‐–—\\/]+/g)) {  // a line may break after a hyphen or slash
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set(Array.from(range.getClientRects()).filter(r => r.width > 0).map(r => Math.round(r.top)));
        if (lines.size > 1) split.push(match[0] + " in " + (element.id || element.className || element.tagName));
      }
    }
  }
  return split;
}"""
WORDS_TO_KEEP_WHOLE = ("#area-summary th, #area-summary td, #matrix .gs-status, #matrix .gs-overdue, "
                       "#matrix .gs-matrix__id, #matrix .gs-matrix__area-name, #matrix td[data-label], "
                       ".gs-matrix-controls label")


def test_on_a_phone_each_recommendation_is_a_card_with_its_status_now_and_due_date_on_screen(
        watched_context, server, content):
    context, watch = watched_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.set_default_navigation_timeout(SLOW_LOAD_MS)
    open_matrix(page, server)
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
    for box in ("#area-summary", "#matrix"):
        assert page.evaluate(f"(t => t.parentElement.scrollWidth <= t.parentElement.clientWidth)(document.querySelector('{box}'))"), \
            f"{box} does not fit the screen: its Overdue column is cut off"
    assert page.locator("#matrix thead").evaluate("h => h.getBoundingClientRect().height") <= 1  # headings for screen readers only
    as_of = PartialDate.parse(AS_OF)
    for recommendation in content.recommendations():
        card = page.locator(f"#matrix-{recommendation.id}")
        assert card.evaluate("row => getComputedStyle(row).display") == "flex", "not a card"
        for part in (card.locator(".gs-matrix__now .gs-status").first, card.locator(".gs-matrix__due time"),
                     card.locator(".gs-matrix__id"), card.locator(".gs-matrix__area-name")):
            expect(part).to_be_visible()
            box = part.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= width, f"{recommendation.id}: {part} is off the screen"
        expect(card.locator(".gs-matrix__due")).to_contain_text(str(recommendation.due))
        expect(card.locator(".gs-matrix__area-name")).to_contain_text(content.area(recommendation.area).title)
        labels = card.locator("td[data-label]").evaluate_all(
            "cells => cells.map(cell => getComputedStyle(cell, '::before').content)")
        for review in content.reviews:
            assert f'"{review.title}, {review.date}"' in labels, f"{recommendation.id}: no label for {review.title}"
        assert '"Status now"' in labels and '"Due"' in labels
        # Status now comes before the reviews and the due date in the card.
        now_top = card.locator(".gs-matrix__now").bounding_box()["y"]
        assert all(now_top < cell.bounding_box()["y"] for cell in card.locator("td[data-review]").all())
        if recommendation.is_overdue(as_of):
            expect(card.locator(".gs-overdue")).to_be_visible()
            expect(card.locator(".gs-overdue")).to_have_text("⚠ Overdue", ignore_case=True)
    assert page.evaluate(SPLIT_WORDS, WORDS_TO_KEEP_WHOLE) == []

    history = page.locator("#matrix-IC1 .gs-history")
    expect(history.locator("ol")).to_be_hidden()
    summary = history.locator("summary")
    assert summary.bounding_box()["height"] >= 44, "the history disclosure is too small to tap"
    summary.click()
    expect(history.locator("ol li").first).to_be_visible()
    page.screenshot(path=artifact_path("matrix-cards-390.png"), full_page=True)
    page.locator("#area-summary").screenshot(path=artifact_path("matrix-summary-390.png"))

    # Filtered and reordered, only the matching cards show, they still fit, and each names its area.
    page.get_by_label("Order", exact=True).select_option(label="By due date, earliest first")
    page.get_by_label("Status now", exact=True).select_option(label="Overdue")
    overdue = [r.id for r in sorted(content.recommendations(), key=lambda r: r.due.first_day()) if r.is_overdue(as_of)]
    assert visible_rows(page) == overdue and len(overdue) < len(list(content.recommendations()))
    page.get_by_label("Area", exact=True).select_option(label=content.areas[0].title)
    assert visible_rows(page) == [r for r in overdue if content.recommendation_of(r).area == content.areas[0].id]
    page.get_by_label("Status now", exact=True).select_option(label="Any status")
    page.get_by_label("Area", exact=True).select_option(label="All areas")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    assert page.evaluate(SPLIT_WORDS, WORDS_TO_KEEP_WHOLE) == []
    assert_accessible(page, "the matrix cards, reordered, on a phone")


def test_on_a_desktop_the_matrix_stays_a_table_without_split_words(page, server):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.set_default_navigation_timeout(SLOW_LOAD_MS)
    open_matrix(page, server)
    assert page.locator("#matrix-IC1").evaluate("row => getComputedStyle(row).display") == "table-row"
    expect(page.locator("#matrix thead th").first).to_be_visible()
    assert page.evaluate("(t => t.parentElement.scrollWidth <= t.parentElement.clientWidth)(document.querySelector('#matrix'))")
    assert page.evaluate(SPLIT_WORDS, WORDS_TO_KEEP_WHOLE) == []
    page.screenshot(path=artifact_path("matrix-table-1280.png"), full_page=True)
