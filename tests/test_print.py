"""Printing in real headless Chromium: blank checklists as paper forms, a filled record as evidence,
print packs, and an ordinary page without the site's navigation.

Pages are printed as a person's browser prints them (print media, A4, no browser header or
footer) and read back from the PDF's text; page 1 of each is kept as a PNG in test-artifacts/.
One site is built for the module, from the shipped content with an outside link added to a
guidance document (the shipped guidance has none).
"""
from __future__ import annotations

import re
import shutil

import pytest
from playwright.sync_api import expect

from conftest import SHIPPED_CONTENT, assert_accessible, build
from generator.content import load_content
from generator.render.printing import print_pack_path, print_packs
from generator.render.site import page_url
from printed import (SCREEN_ONLY_TEXT, Printed, assert_a4_portrait, assert_blank_form, assert_result_box, item_text,
                     page_bounds, plain_text, read_pdf, squeeze)

pytestmark = pytest.mark.browser

OUTSIDE = "https://www.example.org/voice-of-the-child?page=1"
GUIDANCE = "childs-voice"
HOSTILE_TITLE = 'Domestic abuse "downgrades" \\ a: b; } </style> @page { x'


@pytest.fixture(scope="module")
def content_dir(tmp_path_factory):
    folder = tmp_path_factory.mktemp("print") / "checklists"
    shutil.copytree(SHIPPED_CONTENT, folder)
    guidance = folder / "guidance" / f"{GUIDANCE}.yml"
    text = guidance.read_text(encoding="utf-8")
    assert "\nbased_on: >-\n" in text
    link = f"\nbased_on: >-\n  See [a charity's advice]({OUTSIDE}).\n"
    guidance.write_text(text.replace("\nbased_on: >-\n", link, 1), encoding="utf-8")
    # A title that would end a CSS string, or a style element, if the page footer did not escape it.
    checklist = folder / "self-audit" / "domestic-abuse-downgrade.yml"
    text = checklist.read_text(encoding="utf-8")
    assert "\ntitle: High-risk domestic abuse cases and downgrading\n" in text
    checklist.write_text(text.replace("\ntitle: High-risk domestic abuse cases and downgrading\n",
                                      f"\ntitle: '{HOSTILE_TITLE}'\n"), encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def content(content_dir):
    return load_content(content_dir)


@pytest.fixture(scope="module")
def site(content_dir, tmp_path_factory):
    return build(tmp_path_factory.mktemp("print-site"), content_dir)


@pytest.fixture
def server(serve, site):
    return serve(site)


def checklist_of(content, checklist_id: str):
    return next(c for c in content.checklists if c.id == checklist_id)


def open_checklist(page, server, checklist_id: str):
    page.goto(server.url + f"self-audit/{checklist_id}.html")
    expect(page.locator("[data-gs=audit]")).to_be_visible()  # checklist.js has run


def print_page(page, name: str):
    page.emulate_media(media="print")
    printed = read_pdf(page.pdf(format="A4", display_header_footer=False), name)
    page.emulate_media(media="screen")
    return printed


def box_colours(page, item_id: str) -> dict[str, str]:
    """The tick box of each option of an item as printed: its fill colour."""
    return page.evaluate("""id => Object.fromEntries([...document.querySelectorAll(`#item-${id} input[type=radio]`)]
        .map(r => [r.value, getComputedStyle(r).backgroundColor]))""", item_id)


# --- a blank checklist -------------------------------------------------------------------------------


@pytest.mark.parametrize("checklist_id", ["detention-of-children", "case-file-quality"])  # two answer scales
def test_a_blank_checklist_prints_as_a_form_with_tick_boxes_write_in_lines_and_sign_off(page, server, content,
                                                                                        checklist_id):
    checklist = checklist_of(content, checklist_id)
    open_checklist(page, server, checklist_id)
    page.emulate_media(media="print")
    boxes = page.evaluate("""() => [...document.querySelectorAll('.gs-item input[type=radio]')].map(r => {
        const s = getComputedStyle(r), b = r.getBoundingClientRect();
        return [s.appearance, s.borderTopStyle, parseFloat(s.borderTopWidth), b.width, b.height,
                s.backgroundColor]; })""")
    assert len(boxes) == sum(len(content.scale_of(item).options) for item in checklist.items())
    for appearance, border, width, box_width, box_height, fill in boxes:  # drawn boxes, empty
        assert appearance == "none" and border == "solid" and width >= 1 and box_width >= 10 and box_height >= 10
        assert fill == "rgb(255, 255, 255)"
    # Room to write a sentence or two: each note and reason box at least three lines of its text high.
    rooms = page.evaluate("""() => [...document.querySelectorAll('.gs-item__note, .gs-item__reason')].map(box => {
        const s = getComputedStyle(box, '::after');
        return [s.display, parseFloat(s.height), parseFloat(getComputedStyle(box).fontSize)]; })""")
    assert rooms and all(display == "block" and height >= 3 * 1.4 * size for display, height, size in rooms), rooms
    ticks = page.evaluate("""() => [...document.querySelectorAll('.gs-paper-result .gs-tick-box')].map(box => {
        const s = getComputedStyle(box, '::before');
        return [box.textContent, s.borderTopStyle, parseFloat(s.width)]; })""")
    ratings = [] if checklist.rating is None else [checklist.rating.otherwise, *(r.rating for r in checklist.rating.rules)]
    assert sorted(label for label, _, _ in ticks) == sorted(
        {o.label for o in content.scales[checklist.rating.scale].options if o.id in ratings} if ratings else [])
    assert all(border == "solid" and width >= 10 for _, border, width in ticks)
    printed = print_page(page, f"print-blank-{checklist_id}")
    assert_blank_form(printed, content, checklist)
    assert checklist.title in printed.pages[0] and "Case reference" in printed.pages[0]
    assert "Supervisor sign-off" in printed.pages[-1]


def test_printing_a_checklist_changes_nothing_on_screen(page, server):
    open_checklist(page, server, "detention-of-children")
    for selector in (".gs-print-header", ".gs-sign-off", "[data-gs=print-answer]", "[data-gs=print-note]"):
        expect(page.locator(selector).first).to_be_hidden()
    expect(page.get_by_role("button", name="Print this record", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Print a blank form", exact=True)).to_be_visible()
    assert_accessible(page, "a checklist page with its print buttons and print-only parts")


# --- a filled record --------------------------------------------------------------------------------


NOTE = ("Appropriate adult called at 11:40, at the interview, not when detention was authorised at 08:15.\n"
        "The custody record gives no reason for the delay.\n"
        "Line three of a long note, which must print in full and not stop where the box on screen ends.\n"
        "Line four.\nLine five.\nLast line of the note.")
REASON = "Arrested at 14:00: the call was not deferred."


def fill_record(page, checklist):
    """As a person does: a label, an answer to every item (a critical one "No", one not applicable with a reason),
    a long note."""
    page.get_by_label("Label of this record", exact=False).fill("Case 17")
    critical = next(item.id for item in checklist.items() if item.critical)
    not_applicable = next(item.id for item in checklist.items() if item.reason_if_not_applicable)
    answers = {}
    for item in checklist.items():
        answers[item.id] = "No" if item.id == critical else "Not applicable" if item.id == not_applicable else "Yes"
        page.locator(f"#item-{item.id}").get_by_label(answers[item.id], exact=True).check()
    page.locator(f"#item-{critical}").get_by_label("Note").fill(NOTE)
    page.locator(f"#item-{not_applicable}").get_by_label("Reason, if not applicable", exact=False).fill(REASON)
    expect(page.locator("[data-gs=status]")).to_have_text(
        f"{len(answers) - 1} of {len(answers) - 1} applicable items answered (1 not applicable). Rating: Inadequate.")
    return answers, critical, not_applicable


def test_a_filled_record_prints_its_answers_notes_label_times_progress_and_rating(page, server, content):
    checklist = checklist_of(content, "detention-of-children")
    open_checklist(page, server, checklist.id)
    answers, critical, not_applicable = fill_record(page, checklist)
    times = page.locator("[data-gs=record-times]").inner_text()
    page.emulate_media(media="print")
    colours = box_colours(page, critical)
    assert colours["no"] == "rgb(0, 0, 0)" and colours["yes"] == colours["n-a"] == "rgb(255, 255, 255)"  # ticked
    printed = print_page(page, "print-record-detention-of-children")
    text = printed.text

    assert "Record: Case 17" in text
    assert squeeze(times) in text and "last changed" in text
    items = len(answers)
    assert f"Progress: {items - 1} of {items - 1} applicable items answered (1 not applicable)." in text
    assert "Rating: Inadequate. A step marked critical was not taken or not recorded." in text
    position = 0
    for item in checklist.items():  # each answer in words, after its own question, in order
        question = item_text(content, item)
        position = text.index(question, position) + len(question)
        assert text.index("Answer: ", position) == text.find(f"Answer: {answers[item.id]}", position), item.id
    assert squeeze(NOTE) in text  # every line of it, beyond what the box on screen shows
    assert squeeze(REASON) in text
    assert "Answer: Not applicable" in text and "Supervisor sign-off" in text
    assert "Rating (tick one)" not in text and "Result Items answered" not in text  # its own result, not the blank box
    assert "Yes: 8" in text and "No: 1" in text  # the record's result
    for words in SCREEN_ONLY_TEXT:
        assert words not in text, f"{words!r} is printed"


LONG_TEAM = "Child Abuse Investigation Unit, North Leicestershire, working with the joint referral team"
LONG_COMMENT = ("Agreed with the officer in charge that the return interview is chased with the local authority "
                "by Friday, and that the risk assessment is reviewed after it. ") * 3


def test_a_blank_form_leaves_room_for_several_handwritten_lines_of_comments(page, server, content):
    open_checklist(page, server, "detention-of-children")
    page.emulate_media(media="print")
    box = page.locator(".gs-sign-off .gs-write-in--box").first
    expect(box).to_contain_text("Comments and actions agreed")
    height = box.evaluate("e => parseFloat(getComputedStyle(e, '::after').height)")
    assert height >= 120, f"the comment box is {height:.0f} px high (3.2 cm or more wanted)"  # 96 px an inch


def test_a_record_prints_long_details_in_full_on_their_lines_and_in_the_comment_box(page, server, content):
    checklist = checklist_of(content, "missing-child")
    open_checklist(page, server, checklist.id)
    page.locator(".gs-item input[type=radio]").first.check()
    page.get_by_label("Team or unit", exact=True).fill(LONG_TEAM)
    page.get_by_label("Comments and actions agreed", exact=False).fill(LONG_COMMENT)
    page.emulate_media(media="print")
    form = page.locator("form.gs-checklist").bounding_box()
    for detail in ("team", "supervisor-comment"):
        value = page.locator(f"[data-gs-print-detail={detail}]")
        box = value.bounding_box()
        assert box["x"] >= form["x"] and box["x"] + box["width"] <= form["x"] + form["width"] + 1, detail  # nothing cut off
        assert value.evaluate("e => e.scrollWidth <= e.clientWidth + 1"), detail
        # Written in place of the empty line or box, not beside one.
        assert value.evaluate("e => getComputedStyle(e.parentElement, '::after').display") == "none", detail
    text = print_page(page, "print-record-long-details").text
    assert squeeze(LONG_TEAM) in text and squeeze(LONG_COMMENT) in text


def test_the_print_buttons_print_this_record_or_a_blank_form(page, server, content):
    checklist = checklist_of(content, "detention-of-children")
    open_checklist(page, server, checklist.id)
    fill_record(page, checklist)
    # The browser's print dialog cannot be driven headless: note how the form was set when it was asked for.
    page.evaluate("""() => { window.printedAs = [];
        window.print = () => window.printedAs.push(document.querySelector('form.gs-checklist').dataset.gsPrint); }""")
    page.get_by_role("button", name="Print a blank form", exact=True).click()
    assert page.evaluate("window.printedAs") == ["blank"]
    page.emulate_media(media="print")
    assert box_colours(page, "aa-called-on-arrival")["no"] == "rgb(255, 255, 255)"  # no box ticked

    printed = print_page(page, "print-blank-over-a-record")  # the page as it stands until printing is over
    assert "Answer:" not in printed.text and "Case 17" not in printed.text
    assert squeeze(NOTE)[:40] not in printed.text and squeeze(REASON) not in printed.text
    form = page.locator("form.gs-checklist")
    expect(form).to_have_attribute("data-gs-print", "record")  # once printed, the record again
    page.get_by_role("button", name="Print this record", exact=True).click()
    assert page.evaluate("window.printedAs") == ["blank", "record"]


def test_a_record_without_answers_prints_blank_and_new_answers_show_at_once(page, server, content):
    checklist = checklist_of(content, "detention-of-children")
    open_checklist(page, server, checklist.id)
    form = page.locator("form.gs-checklist")
    expect(form).to_have_attribute("data-gs-print", "blank")
    page.locator("#item-aa-present").get_by_label("No", exact=True).check()
    expect(form).to_have_attribute("data-gs-print", "record")
    expect(page.locator("#item-aa-present [data-gs=print-answer]")).to_have_text("Answer: No", use_inner_text=False)
    page.locator("#item-aa-present").get_by_label("Note").fill("First words")
    expect(page.locator("#item-aa-present [data-gs=print-note]")).to_have_text("First words", use_inner_text=False)


def test_a_record_printed_part_way_can_be_finished_by_hand_and_each_page_names_it(page, server, content):
    # Printed part-way, a record had no room to write in for what was still to answer, and its later pages
    # did not say which case they belonged to.
    checklist = checklist_of(content, "detention-of-children")
    open_checklist(page, server, checklist.id)
    page.get_by_label("Label of this record", exact=False).fill("Custody 14 March")
    page.locator("#item-aa-called-on-arrival").get_by_label("Yes", exact=True).check()
    page.locator("#item-aa-early-hours").get_by_label("Not applicable", exact=True).check()  # no reason given
    page.emulate_media(media="print")
    shown = page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.gs-item')].map(item => [
        item.dataset.itemId, [...item.querySelectorAll('.gs-item__note, .gs-item__reason')]
            .filter(box => getComputedStyle(box).display !== 'none' && box.getBoundingClientRect().height > 40)
            .map(box => box.className.includes('reason') ? 'reason' : 'note')]))""")
    assert shown["aa-called-on-arrival"] == [], "answered, without a note: no empty box"
    assert shown["aa-early-hours"] == ["reason"], "the reason still to give has room to be written"
    assert all(shown[item.id] == ["note"] for item in checklist.items()
               if item.id not in ("aa-called-on-arrival", "aa-early-hours")), shown
    page.evaluate("window.dispatchEvent(new Event('beforeprint'))")  # as the browser's own printing does
    printed = print_page(page, "print-record-part-way")
    assert "Answer: not yet given" in printed.text
    assert len(printed.pages) > 1
    # ... by its label and when it was created, as page 1 gives it: labels such as "Record 2" repeat
    created = re.search(r"Created (\d{1,2} \w{3} \d{4}, \d{2}:\d{2})", printed.text).group(1)
    for number, text in enumerate(printed.pages, start=1):
        assert f"{checklist.title} · version {checklist.version} · Record “Custody 14 March”, created {created}" in \
            " ".join(text.split()), f"page {number}"


# --- print packs ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("area_id", [None, "assessment-and-help"])  # every checklist, and an area's
def test_a_print_pack_prints_each_of_its_checklists_as_a_blank_form_from_a_new_page(page, server, content, area_id):
    pack = next(p for p in print_packs(content) if p.path == print_pack_path(area_id))
    expected = content.checklists if area_id is None else content.checklists_for_area(area_id)
    assert list(pack.checklists) == list(expected)
    page.goto(server.url + page_url(pack.path))
    for checklist in pack.checklists:  # on screen: what the pack holds
        expect(page.get_by_role("link", name=checklist.title, exact=True).first).to_be_visible()
    expect(page.get_by_role("button", name="Print this pack")).to_be_visible()
    printed = print_page(page, f"print-pack-{area_id or 'all'}")

    assert pack.title not in printed.text  # the forms only
    for checklist in pack.checklists:
        first = printed.page_of(f"{checklist.title} · version {checklist.version}")
        assert first and printed.pages[first - 1].startswith(checklist.title), \
            f"{checklist.title} does not start a page of its own"
        pages = [page_text for page_text in printed.pages if f"{checklist.title} · version" in page_text]
        form = Printed(printed.path, pages)  # its pages, named at their foot (page numbers run through the pack)
        for item in checklist.items():
            assert form.page_of(item_text(content, item)), f"{checklist.id}/{item.id} is not whole in its form"
        assert "Supervisor sign-off" in pages[-1] and "Case reference" in pages[0]
        assert_result_box(form, content, checklist)
    low = sum(page_bounds(len(list(c.items())))[0] for c in pack.checklists)
    high = sum(page_bounds(len(list(c.items())))[1] for c in pack.checklists)
    assert low <= len(printed.pages) <= high
    for words in SCREEN_ONLY_TEXT + ["Answer:", "Print this pack", "Answer it on screen"]:
        assert words not in printed.text, f"{words!r} is printed"


def test_the_print_packs_are_listed_and_a_pack_page_is_accessible(page, server, content):
    page.goto(server.url + "self-audit/print-packs/index.html")
    for pack in print_packs(content):
        expect(page.get_by_role("link", name=pack.nav_title, exact=True).first).to_be_visible()
    page.get_by_role("link", name="Every checklist", exact=True).first.click()
    expect(page.locator(".gs-paper-form")).to_have_count(len(content.checklists))
    assert page.locator(".gs-paper-form input:not([disabled]), .gs-paper-form textarea:not([disabled])").count() == 0
    page.evaluate("() => { window.printed = 0; window.print = () => { window.printed += 1; }; }")
    page.get_by_role("button", name="Print this pack").click()
    assert page.evaluate("window.printed") == 1
    assert_accessible(page, "the print pack of every checklist")


# --- an ordinary page ----------------------------------------------------------------------------------


def test_a_guidance_page_prints_without_navigation_and_with_the_address_of_outside_links(page, server, content):
    document = next(d for d in content.guidance if d.id == GUIDANCE)
    page.goto(server.url + f"guidance/{GUIDANCE}.html")
    # As Material's instant navigation leaves links within the site: absolute. One added now, before printing.
    page.evaluate("""() => { const link = document.createElement('a');
        link.href = location.origin + '/glossary.html'; link.textContent = 'The glossary, linked in full';
        document.querySelector('.gs-lead').append(link); }""")
    printed = print_page(page, f"print-guidance-{GUIDANCE}")
    text = printed.text
    assert text.startswith(document.title)
    assert f"a charity's advice ({OUTSIDE})" in text
    assert "The glossary, linked in full" in text and "glossary.html" not in text  # within the site: no address
    for words in SCREEN_ONLY_TEXT[:8]:  # the navigation, header and search
        assert words not in text, f"{words!r} is printed"
    assert content.site.title not in text  # the header's site name
    for section in document.sections:
        heading = printed.page_of(section.title)
        assert heading, f"{section.title!r} is missing"
        for point in section.points:  # no point split; a heading on the page of its first point
            assert printed.page_of(plain_text(content, point.text)), f"point {point.id} is split"
        first = plain_text(content, section.points[0].text)
        assert first in printed.pages[heading - 1], f"{section.title!r} is left at the foot of page {heading}"
    assert_a4_portrait(printed.path)


# --- after instant navigation --------------------------------------------------------------------------


def footer_rules(page) -> str:
    return page.evaluate("(document.getElementById('gs-page-footers') || {}).textContent || ''")


def test_after_instant_navigation_each_page_prints_its_own_footer(page, instant_server, content):
    page.goto(instant_server.url + "self-audit/detention-of-children.html")
    assert "A child in police detention" in footer_rules(page)
    page.evaluate("window.stillTheSameDocument = true")
    page.get_by_role("link", name="Police detention").first.click()  # an area page: nothing to name
    expect(page.locator("h1")).to_have_text("Police detention")
    assert footer_rules(page) == ""
    page.get_by_role("link", name=checklist_of(content, "detention-of-children").title).first.click()
    expect(page.locator("[data-gs=audit]")).to_be_visible()
    page.get_by_role("link", name="Print packs").first.click()
    page.locator(".md-content").get_by_role("link", name="Police detention", exact=True).click()
    expect(page.locator(".gs-paper-form")).to_have_count(len(content.checklists_for_area("police-detention")))
    assert page.evaluate("window.stillTheSameDocument === true"), "the navigation was not instant"
    printed = print_page(page, "print-pack-after-instant-navigation")
    for checklist in content.checklists_for_area("police-detention"):
        assert f"{checklist.title} · version {checklist.version}" in printed.text
    assert "Page 1 of" in printed.text and "Print pack" not in printed.text
