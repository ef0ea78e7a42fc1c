"""Legal references as content (issues 12.3, 17, 18): what each guidance point rests on, explained
once where it is cited, listed on one page; must where the law says must; our own words."""
from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest
import yaml

from conftest import SHIPPED_CONTENT, artifact_path, assert_accessible
from generator.model import BINDING_KINDS, REFERENCE_KINDS
from generator.render.site import LEGAL, guidance_path, page_url
from linkcheck import BuiltSite
from own_words import report_runs, shared_runs, strings, words, RUN_LENGTH


@pytest.fixture(scope="module")
def site(shipped_site):
    return BuiltSite(shipped_site)


# --- the content ---------------------------------------------------------------------------------


def test_every_shipped_point_says_what_it_rests_on(content):
    for document in content.guidance:
        for _, point in document.points():
            assert point.cites, f"{document.id}/{point.id} cites nothing"
            assert not point.legal, f"{document.id}/{point.id} uses free-text 'legal'; cite a reference by id"
            kinds = {content.legal_reference(reference).kind for reference in point.cites}
            if point.strength == "must":
                assert kinds & BINDING_KINDS, f"{document.id}/{point.id} is must without law"


def test_the_call_on_arrival_point_is_a_must_under_code_c_3_15(content):
    point = next(p for _, p in content.guidance_document("children-in-detention").points() if p.id == "call-on-arrival")
    assert point.strength == "must"
    assert "PACE Code C 3.15" in [content.legal_reference(reference).citation for reference in point.cites]


def test_each_legal_citation_names_its_section_or_paragraph_and_codes_their_edition(content):
    for reference in content.legal_references:
        if reference.kind in BINDING_KINDS:
            assert re.search(r"\d", reference.citation) or "chapter" in reference.citation, reference.citation
            if "Code" in reference.citation or "Working Together" in reference.citation:
                assert reference.version, f"{reference.id} does not say which edition it follows"
            assert reference.url and reference.url.startswith(("https://www.legislation.gov.uk/", "https://www.gov.uk/")), reference.id
        assert content.points_citing(reference.id), f"{reference.id} is cited by no guidance point"


def test_no_shipped_string_copies_twelve_words_of_the_report():
    """Our own words: no YAML string shares a run of RUN_LENGTH words with the report, unless it is a
    marked quotation (a 'quotation' mapping, shown as a quotation with its source)."""
    report = report_runs()
    assert len(report) > 4000, "tests/report-runs.txt looks empty: make it again from the report"
    copied = []
    for path in sorted(SHIPPED_CONTENT.rglob("*.yml")):
        for where, text in strings(yaml.safe_load(path.read_text(encoding="utf-8"))):
            copied += [f"{path.relative_to(SHIPPED_CONTENT)}: {'/'.join(map(str, where))}: \"{run}\""
                       for run in shared_runs(text, report)]
    assert copied == [], "words copied from the report (write them in our own words, or mark a quotation):\n" + "\n".join(copied)


def test_the_copy_check_finds_a_copied_run_and_ignores_a_marked_quotation():
    report = report_runs()
    copied = "In our post-inspection review, we found that the force continues to demonstrate a strong commitment."
    assert shared_runs(copied, report), "a sentence of the report should be found"
    assert shared_runs(copied.upper().replace(",", " ;"), report), "case and punctuation do not hide a copy"
    assert not shared_runs(" ".join(words(copied)[:RUN_LENGTH - 1]), report), "eleven words are not a copy"
    assert list(strings({"quotation": {"text": copied, "source": "the report"}, "text": "ours"})) == [(("text",), "ours")]


# --- the built site --------------------------------------------------------------------------------


def test_the_references_page_lists_every_reference_with_the_points_relying_on_it(site, content):
    page = site.page(page_url(LEGAL))
    assert page.h1 == "Legal and statutory references"
    for reference in content.legal_references:
        words_of = page.text_of(f"ref-{reference.id}")
        assert reference.citation in words_of and REFERENCE_KINDS[reference.kind] in page.text
        for document, point in content.points_citing(reference.id):
            assert page.links_to(page_url(guidance_path(document.id)), f"point-{point.id}", within=f"ref-{reference.id}")
    assert site.page("index.html").links_to(page_url(LEGAL)), "the menu leads to the references page"


def test_a_citation_is_one_explanation_not_an_abbreviation(site, content):
    page = site.page(page_url(guidance_path("children-in-detention")))
    html = page.html
    citations = re.findall(r'<cite class="gs-legal__citation">(.*?)</cite>', html)
    assert "PACE 1984 s38(6)" in citations and "PACE Code C 3.15" in citations
    assert not any("<abbr" in citation for citation in citations), "a citation must not also expand as an abbreviation"
    assert page.links_to(page_url(LEGAL), "ref-pace-s38-6", within="point-s38-6-transfer")


def test_what_a_point_rests_on_takes_one_line_however_many_references_it_cites(site, content):
    # Point 1.1 of the detention guidance rests on six references: one disclosure each put the next duty two
    # phone screens down. Several references are named in one line that opens to them; one opens where it is.
    for document in content.guidance:
        html = site.page(page_url(guidance_path(document.id))).html
        for _, point in document.points():
            block = re.search(rf'<li class="gs-point gs-point--\w+" id="point-{re.escape(point.id)}">(.*?)</li>\n', html, re.S)
            assert block, f"{document.id}/{point.id} is not on its page"
            names = re.search(r'<summary><span class="gs-point__sources-label" data-search-exclude>Rests on (\d+) references:</span> '
                              r'<span class="gs-point__sources-names" data-search-exclude>(.*?)</span></summary>', block.group(1))
            citations = [content.legal_reference(reference).citation for reference in point.cites]
            if len(citations) == 1:
                assert names is None and '<div class="gs-point__sources">' in block.group(1)
            else:
                assert names, f"{document.id}/{point.id} cites {len(citations)} references but does not name them in one line"
                assert int(names.group(1)) == len(citations)
                assert [unescape(name) for name in re.findall(r'<cite class="gs-legal__citation">([^<]*)</cite>',
                                                                           names.group(2))] == citations
            assert block.group(1).count('<details class="gs-legal') == len(citations), "each reference still opens to its explanation"


def test_a_quotation_is_marked_with_its_source_on_screen_and_on_paper(site, content):
    section = next(s for s in content.guidance_document("children-in-detention").sections if s.quotation)
    html = site.page(page_url(guidance_path("children-in-detention"))).html
    block = re.search(r'<figure class="gs-quote"><blockquote><p>(.*?)</p></blockquote><figcaption data-search-exclude>(.*?)</figcaption></figure>', html)
    assert block and block.group(1) == section.quotation.text.replace("'", "&#39;")
    assert block.group(2).startswith("Quoted from") and "Police detention" in block.group(2)


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_tapping_s38_6_explains_it_once(page, shipped_site, serve, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(serve(shipped_site).url + "guidance/children-in-detention.html")
    point = page.locator("#point-s38-6-transfer")
    # The point rests on four references: one line names them all, so the next duty follows close on a phone.
    several = point.locator("details.gs-point__sources--several")
    names = several.locator("> summary")
    assert names.inner_text().startswith("Rests on 4 references:") and "PACE 1984 s38(6);" in names.inner_text()
    assert names.bounding_box()["height"] >= 44, "the line of references is a touch target of at least 44 px"
    reference = point.locator("details.gs-legal", has_text="PACE 1984 s38(6)")
    summary = reference.locator("summary")
    assert not summary.is_visible()
    names.click()
    assert summary.is_visible() and not reference.locator(".gs-legal__body").is_visible()
    box = summary.bounding_box()
    assert box["height"] >= 44, "the citation is a touch target of at least 44 px"
    summary.click()
    body = reference.locator(".gs-legal__body")
    assert body.is_visible()
    assert "custody" in body.inner_text() and "impracticable" in body.inner_text()
    assert summary.locator("abbr").count() == 0
    assert page.locator(".gs-abbr-expansion").count() == 0, "no second, inline expansion"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "no sideways scrolling"
    point.screenshot(path=str(artifact_path(f"legal-s38-6-{width}.png")))
    assert_accessible(page, f"the detention guidance with a reference open, {width} px")
    summary.press("Enter")
    assert not body.is_visible(), "Enter closes it again, from the keyboard"
    page.emulate_media(media="print")
    quotation = page.locator("figure.gs-quote")
    assert quotation.locator("blockquote").is_visible() and quotation.locator("figcaption").is_visible(), \
        "a quotation prints as a quotation with its source"


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_references_page_reads_on_a_phone_and_a_desktop(page, shipped_site, serve, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(serve(shipped_site).url + "legal-references.html")
    assert page.locator("h1").inner_text() == "Legal and statutory references"
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(artifact_path(f"legal-references-{width}.png")), full_page=False)
    assert_accessible(page, f"the references page, {width} px")
