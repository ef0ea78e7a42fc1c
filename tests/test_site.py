"""The built guidance site, read as files: every page there, saying what the YAML says, linked both ways.

Expected values come from the loaded content model, never typed in here, so the tests follow
the content when training leads change it. No browser: see test_browser_site.py for that.
"""
from __future__ import annotations

import html
import json
import re
import shutil

import pytest
import yaml

from conftest import ROOT, build
from generator.content import load_content
from generator.model import REFERENCE_KINDS, STATUSES, STRENGTHS
from generator.render.markdown import ContentMarkdown
from generator.render.printing import PRINT_PACKS, print_packs
from generator.render.site import (
    AUDIT_RESULTS, CASE_AUDITS, CASE_EXAMPLES, CHECKLIST_INDEX, GLOSSARY, GUIDANCE_INDEX, HOME, MATRIX, MY_AUDITS,
    ROLES_INDEX, area_path,
    checklist_path, first_sentence, guidance_path, page_url, recommendation_path, role_path,
)
from linkcheck import BuiltSite, plain_text

# The 404 page is served by a web server for any missing address, so MkDocs gives it
# root-relative links on purpose; opened from a folder it is never shown.
SERVED_ONLY = {"404.html"}


@pytest.fixture(scope="module")
def site(shipped_site) -> BuiltSite:
    return BuiltSite(shipped_site)


@pytest.fixture(scope="module")
def rendered(content):
    """Content Markdown as plain words, the way pages show it."""
    markdown = ContentMarkdown(content.glossary)
    return lambda text: plain_text(markdown.block(text))


# --- every page is there, with its title and key facts -------------------------------------


def test_every_area_has_its_page_with_its_recommendations(site, content):
    home = site.page(page_url(HOME))
    for area in content.areas:
        page = site.page(page_url(area_path(area.id)))
        assert page.h1 == area.title
        assert page.title.startswith(area.title)
        assert home.links_to(page.path), f"the home page does not link to {area.title}"
        for recommendation in area.recommendations:
            assert page.links_to(page_url(recommendation_path(recommendation))), f"{page.path} misses {recommendation.id}"
            card = page.text_of(f"rec-{recommendation.id}")
            assert card.startswith(f"Recommendation {recommendation.id}")
            assert f"Timescale: {recommendation.timescale.text}" in card and recommendation.due.human() in card
            if recommendation.latest_finding:
                status = STATUSES[recommendation.latest_finding.status]
                assert f"{status.symbol} {status.label}" in card


def test_every_recommendation_page_states_timescale_due_date_points_and_findings(site, content, rendered):
    published = content.report(content.recommendations_report).published
    for recommendation in content.recommendations():
        page = site.page(page_url(recommendation_path(recommendation)))
        assert page.h1 == f"Recommendation {recommendation.id}"
        assert page.links_to(page_url(area_path(recommendation.area)))
        text = page.text
        assert rendered(recommendation.text) in text
        # The due date is worked out from the timescale and the report's publication, and shown.
        assert recommendation.due == recommendation.timescale.due(published)
        assert f"Timescale: {recommendation.timescale.text}" in text
        assert f"Due: {recommendation.due.human()}" in text
        assert f'datetime="{recommendation.due.iso()}"' in page.html
        for point in recommendation.points:
            assert page.text_of(f"point-{point.id}").startswith(point.id)
            assert rendered(point.text) in page.text_of(f"point-{point.id}")
        if not recommendation.findings:
            assert "No review has reported on this recommendation yet" in text
        for finding in recommendation.findings:
            review = content.review(finding.review)
            status = STATUSES[finding.status]
            section = page.text_of(f"finding-{finding.review}")
            assert review.title in section and review.date.human() in section
            assert f"Status: {status.symbol} {status.label}" in section
            assert ("site's reading of the findings" in section) is (not finding.graded_by_inspectorate)
            assert rendered(finding.summary) in section
            for evidence in finding.evidence:
                assert rendered(evidence) in section
            for point_id, status_id in finding.point_statuses:
                point_status = STATUSES[status_id]
                assert f"{point_id} {point_status.symbol} {point_status.label}" in section
                assert page.links_to(page.path, f"point-{point_id}")


def test_every_guidance_document_has_its_page_with_every_point(site, content, rendered):
    index = site.page(page_url(GUIDANCE_INDEX))
    for document in content.guidance:
        page = site.page(page_url(guidance_path(document.id)))
        assert page.h1 == document.title
        assert index.links_to(page.path)
        assert f"Last updated {document.last_updated.human()}" in page.text
        for audience_id in document.audiences:
            assert page.links_to(page_url(role_path(audience_id)))
        for section, point in document.points():
            assert section.title in page.text
            words = page.text_of(f"point-{point.id}")
            assert words.startswith(f"{point.number} {point.strength.capitalize()}")  # numbered for people, must/should in words
            assert rendered(point.text) in words
            for legal in point.legal:
                assert legal in words
            for reference_id in point.cites:  # each cited reference shows its exact citation and its kind
                reference = content.legal_reference(reference_id)
                assert f"{REFERENCE_KINDS[reference.kind]}: {reference.citation}" in words
        for strength in {point.strength for _, point in document.points()}:
            assert f'title="{html.escape(STRENGTHS[strength])}"' in page.html, "the strength word explains itself"


def test_every_checklist_has_its_page_with_every_item(site, content, rendered):
    index = site.page(page_url(CHECKLIST_INDEX))
    for checklist in content.checklists:
        page = site.page(page_url(checklist_path(checklist.id)))
        assert page.h1 == checklist.title
        assert index.links_to(page.path)
        for item in checklist.items():
            assert rendered(item.text) in page.text_of(f"item-{item.id}")
            assert page.text_of(f"item-{item.id}").startswith(f"{item.number} ")  # numbered for people, not by id


def test_every_role_has_its_page_listing_what_is_written_for_it(site, content):
    index = site.page(page_url(ROLES_INDEX))
    for audience in content.audiences:
        page = site.page(page_url(role_path(audience.id)))
        assert page.h1 == audience.title
        assert index.links_to(page.path)
        documents, checklists = content.for_audience(audience.id)
        for document in documents:
            assert page.links_to(page_url(guidance_path(document.id)))
        for checklist in checklists:
            assert page.links_to(page_url(checklist_path(checklist.id)))


def test_a_role_that_follows_progress_is_led_first_to_what_is_met_and_what_audits_found(site, content):
    # A senior leader who went in by their role found custody duties, and no way to the matrix.
    assert [a.id for a in content.audiences if a.follows_progress] == ["senior-leader"]
    for audience in content.audiences:
        page = site.page(page_url(role_path(audience.id)))
        if not audience.follows_progress:
            assert "Where things stand" not in page.text
            continue
        assert page.text.index("Where things stand") < page.text.index("Guidance for you")
        for path in (MATRIX, CASE_AUDITS, AUDIT_RESULTS):
            assert page.links_to(page_url(path)), path


def test_glossary_and_case_examples_pages(site, content, rendered):
    glossary = site.page(page_url(GLOSSARY))
    for term in content.glossary:
        assert f"{term.term} {term.meaning}" in glossary.text
    examples = site.page(page_url(CASE_EXAMPLES))
    for area in content.areas:
        for example in area.case_examples:
            words = examples.text_of(f"case-{example.id}")
            assert words.startswith(example.title)
            assert rendered(example.what_happened) in words


# --- links go both ways ------------------------------------------------------------------------


def test_recommendations_link_to_the_guidance_that_answers_them_and_back(site, content):
    checked = 0
    for recommendation in content.recommendations():
        page = site.page(page_url(recommendation_path(recommendation)))
        back = [(page.path, None)] + [(page.path, f"point-{sub.id}") for sub in recommendation.points]
        for document, point in content.guidance_for(recommendation.id):
            guidance = site.page(page_url(guidance_path(document.id)))
            anchor = f"point-{point.id}" if point else None
            assert page.links_to(guidance.path, anchor), f"{recommendation.id} does not link to {document.id}#{anchor}"
            # A point links back from itself; a whole document from anywhere on its page.
            within = f"point-{point.id}" if point else None
            assert any(guidance.links_to(path, target, within) for path, target in back), (
                f"{document.id}#{anchor} does not link back to {recommendation.id}")
            checked += 1
    assert checked, "the shipped content has guidance citing recommendations"


def test_recommendations_link_to_the_checklist_items_that_check_them_and_back(site, content):
    checked = 0
    for recommendation in content.recommendations():
        page = site.page(page_url(recommendation_path(recommendation)))
        for checklist, item in content.items_checking(recommendation.id):
            checklist_page = site.page(page_url(checklist_path(checklist.id)))
            assert page.links_to(checklist_page.path, f"item-{item.id}")
            targets = {f"point-{reference}" for reference in item.recommendations} | {None}
            assert any(checklist_page.links_to(page.path, anchor, f"item-{item.id}") for anchor in targets), (
                f"{checklist.id}#{item.id} does not link back to {recommendation.id}")
            checked += 1
    assert checked


def test_checklist_items_link_to_their_guidance_and_guidance_points_to_their_items(site, content):
    checked = 0
    for checklist in content.checklists:
        checklist_page = site.page(page_url(checklist_path(checklist.id)))
        for item in checklist.items():
            for reference in item.guidance:
                document_id, _, point_id = reference.partition("/")
                guidance = site.page(page_url(guidance_path(document_id)))
                assert checklist_page.links_to(guidance.path, f"point-{point_id}" if point_id else None)
                assert guidance.links_to(checklist_page.path, f"item-{item.id}", f"point-{point_id}" if point_id else None), (
                    f"{reference} does not link back to {checklist.id}#{item.id}")
                checked += 1
    assert checked


def test_case_examples_are_linked_from_the_recommendations_they_illustrate(site, content):
    for recommendation in content.recommendations():
        page = site.page(page_url(recommendation_path(recommendation)))
        for example in content.case_examples_for(recommendation.id):
            assert page.text_of(f"case-{example.id}").startswith(example.title)


# --- the link checker --------------------------------------------------------------------------


def test_every_internal_link_and_anchor_resolves(site):
    pages = site.html_paths()
    assert len(pages) > 40
    broken = [problem for problem in site.broken_links() if problem.split(":")[0] not in SERVED_ONLY]
    assert broken == [], "broken links:\n" + "\n".join(broken[:40])


def test_the_link_checker_finds_what_is_broken(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "folder").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">Home</h1><a href="#top">ok</a><a href="sub/page.html#there">ok</a>'
        '<a href="#nowhere">x</a><a href="missing.html">x</a><a href="sub/page.html#gone">x</a>'
        '<a href="/sub/page.html">x</a><a href="sub/folder/">x</a><a href="https://example.org/">fine</a>'
        '<script src="https://cdn.example.org/x.js"></script><link rel="stylesheet" href="//fonts.example.org/f.css">'
        '<img src="http://example.org/i.png"><iframe src="https://example.org/"></iframe>'
        '<div style="background: page_url(https://example.org/b.png)"></div>', encoding="utf-8")
    (tmp_path / "sub" / "page.html").write_text('<p id="there">There</p><a href="../index.html#top">back</a>')
    (tmp_path / "style.css").write_text(
        '@import "https://fonts.example.org/a.css"; /* page_url(https://example.org/comment.png) */\n'
        'a { background: page_url("data:image/svg+xml;utf8,<svg xmlns=\'http://www.w3.org/2000/svg\'/>"); }\n'
        '@font-face { src: page_url(https://example.org/font.woff2); } b { background: page_url(img/ok.png) }')
    checker = BuiltSite(tmp_path)
    broken = "\n".join(checker.broken_links())
    for bad in ("#nowhere", "missing.html", "#gone", "/sub/page.html", "sub/folder/"):
        assert bad in broken
    assert "#there" not in broken and "'#top'" not in broken and "example.org" not in broken
    outside = "\n".join(checker.outside_resources())
    for loaded in ("cdn.example.org/x.js", "fonts.example.org/f.css", "i.png", "example.org/'", "b.png",
                   "fonts.example.org/a.css", "font.woff2"):
        assert loaded in outside, loaded
    assert "comment.png" not in outside and "w3.org" not in outside and "img/ok.png" not in outside


def test_nothing_is_loaded_from_outside_the_site(site):
    # The scan covers Material's own stylesheets and scripts, not only ours.
    assert any(re.search(r"assets/stylesheets/main\.[0-9a-f]+\.min\.css$", path) for path in site.css_paths())
    loaded = [ref for path in site.html_paths() for ref in site.page(path).references if ref.loads_by_itself]
    assert any(ref.tag == "script" for ref in loaded) and any(ref.tag == "link" for ref in loaded)
    assert site.outside_resources() == []
    # Outside links people click are fine, and there are some (the source report).
    assert any(ref.tag == "a" and ref.url.startswith("https://")
               for path in site.html_paths() for ref in site.page(path).references)


OURS = "assets/guidance/"
EVERY_PAGE = {"site.js"}  # guidance.js, keyboard.js and print.js, joined


def our_scripts(site, path: str) -> set[str]:
    """Our scripts a page runs: those its HTML loads, and those guidance.js adds for what its content names
    (explain.js where the text has abbreviations)."""
    page = site.page(path)
    loaded = {ref.url.rsplit("/", 1)[1] for ref in page.references  # not the file:// shim in its subfolder
              if ref.tag == "script" and re.search(rf"{OURS}[^/]+$", ref.url)}
    named = {f"{name}.js" for names in re.findall(r'data-gs-script="([^"]*)"', page.html) for name in names.split()}
    explained = {"explain.js"} if any(a.title for a in page.abbreviations) else set()
    return loaded | named | explained


def test_each_page_loads_only_the_scripts_its_content_uses(site, content):
    # explain.js goes wherever the text has abbreviations (tests/test_explain_browser.py): not counted below.
    def scripts(path):
        return our_scripts(site, path) - {"explain.js"}

    assert "explain.js" in our_scripts(site, page_url(guidance_path(content.guidance[0].id))), \
        "a guidance page uses abbreviations, so explain.js explains them"
    for path in (HOME, GLOSSARY, area_path(content.areas[0].id), guidance_path(content.guidance[0].id)):
        assert scripts(page_url(path)) == EVERY_PAGE, path
    for checklist in content.checklists:
        # checklist-transfer.js: export and import, on the checklist pages only, loaded when first used.
        page = site.page(page_url(checklist_path(checklist.id)))
        assert scripts(page_url(checklist_path(checklist.id))) == EVERY_PAGE | {"checklist.js"}
        # checklist-recovery.js: a copy of saved answers set aside, offered back, loaded only when there is one.
        assert re.findall(r'data-gs-script-on-use="([^"]*)"', page.html) == ["checklist-recovery", "checklist-transfer"]
    assert scripts(page_url(CHECKLIST_INDEX)) == EVERY_PAGE | {"checklist.js"}  # counts saved records
    assert scripts(page_url(MATRIX)) == EVERY_PAGE | {"matrix.js"}
    assert scripts(page_url(MY_AUDITS)) == EVERY_PAGE | {"checklist.js", "my-audits.js"}
    for path in site.html_paths():
        on_use = {f"{name}.js" for name in re.findall(r'data-gs-script-on-use="([^"]*)"', site.page(path).html)}
        for script in our_scripts(site, path) | on_use:
            assert (site.folder / OURS / script).is_file(), f"{path} needs {script}, which is not in the site"


def test_the_matrix_stylesheet_comes_only_with_the_pages_that_show_the_matrix_or_charts(site):
    """matrix.css is linked by those pages only, after site.css: its landscape @page must follow print.css's."""
    linking = []
    for path in site.html_paths():
        page = site.page(path)
        stylesheets = [ref.url for ref in page.references if ref.tag == "link" and re.search(rf"{OURS}[^/]+\.css$", ref.url)]
        shows = re.search(r'class="gs-table gs-matrix"|class="gs-chart"', page.html) is not None
        assert any(url.endswith("matrix.css") for url in stylesheets) == shows, path
        if shows:
            linking.append(path)
            assert [url.rsplit("/", 1)[1] for url in stylesheets] == ["site.css", "print.css", "tones.css", "matrix.css"], path
    assert page_url(MATRIX) in linking and not any(path.startswith("self-audit/") for path in linking)


def test_every_page_links_the_print_stylesheet_for_print_only_after_site_css(site):
    """print.css never holds up a page on screen; on paper it comes after the styles it prints differently."""
    for path in [*site.html_paths(), "404.html"]:
        links = re.findall(r'<link rel="stylesheet" href="([^"]+)"( media="print")?>', site.page(path).html)
        ours = [(url.rsplit("/", 1)[1], bool(media)) for url, media in links if OURS in url]
        assert ours[:3] == [("site.css", False), ("print.css", True), ("tones.css", False)], path
        assert [media for _, media in ours].count(True) == 1, path


def test_our_scripts_and_stylesheets_are_minified_in_the_site(site):
    source = ROOT / "generator" / "assets"
    # site.js and site.css join what every page loads: the scripts, and the stylesheets, in their order.
    parts = {"site.js": ["guidance.js", "keyboard.js", "print.js"], "site.css": ["guidance.css", "checklist.css"]}
    for name in ("checklist.js", "checklist-transfer.js", "site.js", "site.css", "matrix.css", "print.css"):
        built = (site.folder / OURS / name).read_text(encoding="utf-8")
        readable = "".join((source / part).read_text(encoding="utf-8") for part in parts.get(name, [name]))
        assert len(built) < 0.9 * len(readable), name
        assert "\n  " not in built and "/* " not in built, f"{name} keeps its indentation or comments"


# --- glossary, search, footer --------------------------------------------------------------------


def _term_pattern(term: str) -> re.Pattern:
    return re.compile(rf"(?<![\w-]){re.escape(term)}(?![\w-])")


def test_glossary_terms_in_guidance_points_are_explained(site, content):
    meanings = {term.term: term.meaning for term in content.glossary}
    checked = 0
    for document in content.guidance:
        page = site.page(page_url(guidance_path(document.id)))
        for _, point in document.points():
            used = {term for term in meanings if _term_pattern(term).search(point.text)}
            explained = {(abbr.text, abbr.title) for abbr in page.abbreviations_in(f"point-{point.id}")}
            for term in used:
                assert (term, meanings[term]) in explained, f"{document.id}#{point.id}: {term} is not explained"
                checked += 1
    assert checked > 5


# Pages from the checklist and progress templates, which have tests of their own.
PAGES_CHECKED_ELSEWHERE = ("self-audit/", "progress/", "my-audits.html")


def test_no_glossary_term_is_left_unexplained_on_reading_pages(site, content):
    """In the prose of every page officers read, each glossary term is an <abbr> (the glossary's own list aside)."""
    patterns = {term.term: _term_pattern(term.term) for term in content.glossary}
    unexplained = []
    for path in site.html_paths():
        if path in SERVED_ONLY or path == page_url(GLOSSARY) or path.startswith(PAGES_CHECKED_ELSEWHERE):
            continue
        words = site.page(path).unexplained_prose
        unexplained += [f"{path}: {term}" for term, pattern in patterns.items() if pattern.search(words)]
    assert unexplained == [], "\n".join(unexplained)


def test_glossary_terms_are_explained_on_hand_written_pages(tmp_path, content, content_copy):
    """A force's own pages are Markdown files in its content folder's pages/ (mkdocs.yml's docs_dir)."""
    term = content.glossary[0]
    (content_copy / "pages" / "a-note.md").write_text(f"# A note\n\nWhat {term.term} found matters.\n", encoding="utf-8")
    (content_copy / "pages" / "example.yml").write_text("not: content\n", encoding="utf-8")  # the loader leaves pages/ alone
    site = BuiltSite(build(tmp_path, content_copy))
    page = site.page("a-note.html")
    assert [(a.text, a.title) for a in page.abbreviations] == [(term.term, term.meaning)]
    assert site.page(page_url(HOME)).links_to("a-note.html"), "the hand-written page is in the menu"


def test_search_index_covers_every_page_and_works_from_a_folder(site, content):
    index_file = site.folder / "search" / "search_index.json"
    script = site.folder / "search" / "search_index.js"
    assert index_file.is_file() and script.is_file()
    index = json.loads(index_file.read_text(encoding="utf-8"))
    prefix = "var __index = "
    script_text = script.read_text(encoding="utf-8")
    assert script_text.startswith(prefix)
    assert json.loads(script_text[len(prefix):].rstrip().rstrip(";")) == index
    locations = {doc["location"].split("#")[0] for doc in index["docs"]}
    expected = {page_url(area_path(area.id)) for area in content.areas}
    expected |= {page_url(recommendation_path(r)) for r in content.recommendations()}
    expected |= {page_url(guidance_path(d.id)) for d in content.guidance}
    expected |= {page_url(checklist_path(c.id)) for c in content.checklists}
    expected |= {page_url(role_path(a.id)) for a in content.audiences}
    assert expected - locations == set()
    point = next(point for document in content.guidance for _, point in document.points())
    words = " ".join(plain_text(ContentMarkdown().inline(point.text)).split()[:4])
    assert any(words in plain_text(doc["text"]) for doc in index["docs"]), f"'{words}' is not searchable"
    # Print packs repeat every checklist's questions: search finds each question on its checklist only.
    packs = {page_url(pack.path) for pack in print_packs(content)}
    assert packs and not packs & locations
    assert page_url(PRINT_PACKS) in locations  # the list of packs is found


def test_without_site_url_instant_navigation_is_off_so_page_scripts_run_from_a_folder(site):
    # Material's instant loading ends its document$ stream when opened from a folder; the
    # browser tests show the scripts running there, this shows why they can.
    config = re.search(r'<script id="__config" type="application/json">(.*?)</script>',
                       site.page(page_url(HOME)).html, re.S)
    features = json.loads(config[1])["features"]
    assert "navigation.instant" not in features
    assert "navigation.instant" in yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["theme"]["features"]


def test_every_page_footer_cites_the_source_report(site, content):
    report = content.report(content.source_report)
    for path in site.html_paths():
        footer = site.page(path).html.split('<footer class="md-footer">', 1)
        assert len(footer) == 2, f"{path} has no footer"
        words = " ".join(html.unescape(re.sub(r"<[^>]+>", " ", footer[1])).split())
        for fact in (report.title, report.inspectorate, report.published.human()):
            assert fact in words, f"{path}: the footer does not say {fact!r}"
        assert f"{report.published.human()}. {content.site.wording} See 'About the review'." in words, \
            "how the content is worded, in the content's words (site.wording)"


# --- content is shown, never run ------------------------------------------------------------------

INJECTED = '<script>alert("injected")</script> <img src=x onerror=alert(2)>'
TITLE_INJECTED = 'Area <em>title</em> & "quotes" </title><script>alert(3)</script>'


def test_html_in_content_is_shown_as_text_not_run(tmp_path, content_copy):
    area_file = sorted((content_copy / "areas").glob("*.yml"))[0]
    area = yaml.safe_load(area_file.read_text(encoding="utf-8"))
    area["title"] = TITLE_INJECTED
    area["recommendations"][0]["text"] = f"Watch for {INJECTED} in **bold** text."
    area_file.write_text(yaml.safe_dump(area, sort_keys=False, allow_unicode=True), encoding="utf-8")
    glossary_file = content_copy / "glossary.yml"
    glossary = yaml.safe_load(glossary_file.read_text(encoding="utf-8"))
    term, meaning = glossary["terms"][0]["term"], 'A "quoted" <b>meaning</b>'
    glossary["terms"][0]["meaning"] = meaning
    glossary_file.write_text(yaml.safe_dump(glossary, sort_keys=False, allow_unicode=True), encoding="utf-8")
    changed = load_content(content_copy)

    site = BuiltSite(build(tmp_path, content_copy))
    page = site.page(page_url(recommendation_path(changed.area(area["id"]).recommendations[0])))
    assert f"Watch for {INJECTED} in bold text." in page.text  # shown, word for word
    assert "<strong>bold</strong>" in page.html  # Markdown still works
    area_page = site.page(page_url(area_path(area["id"])))
    assert area_page.h1 == TITLE_INJECTED
    assert area_page.title.startswith(TITLE_INJECTED)  # the browser tab shows it as text too
    for path in site.html_paths():
        text = site.page(path).html
        head_title = re.search(r"<title>(.*?)</title>", text, re.S)[1]
        assert "<" not in head_title, f"{path}: the title element ends early: {head_title!r}"
        for raw in ("<script>alert", "<img src=x", "<em>title</em>"):
            assert raw not in text, f"{path} has {raw} as HTML"
    titles = {a.title for path in site.html_paths() for a in site.page(path).abbreviations if a.text == term}
    assert titles == {meaning}
    index = (site.folder / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "<script>alert" not in index and "<img src=x" not in index


@pytest.mark.parametrize("text, first", [
    ("Every child needs an appropriate adult. Do not interview the child without one.", "Every child needs an appropriate adult."),
    ("Certify it under s. 38(6) of the Act. Then tell the court.", "Certify it under s. 38(6) of the Act."),
    ("One sentence, with no full stop", "One sentence, with no full stop"),
    ("Ask: is the child safe? Then act.", "Ask: is the child safe?"),
    ("word " * 80, ("word " * 52).strip() + "…"),
])
def test_the_duties_box_shows_each_points_first_sentence_whole(text, first):
    assert first_sentence(text) == first


def test_a_guidance_page_without_a_must_opens_with_what_you_should_do(shipped_site):
    # In the shipped content "Investigating child sexual exploitation" says only should.
    page = (shipped_site / page_url(guidance_path("child-sexual-exploitation"))).read_text(encoding="utf-8")
    box = page[page.index('<section class="gs-duties'):page.index("</section>")]
    assert "What you should do" in box and "What you must do" not in box
    assert box.count('href="#point-') == 11
    assert "1.1</span> <span class=\"gs-duties__text\">Respond to every concern about child sexual exploitation promptly.</span></a>" in box
    detention = (shipped_site / page_url(guidance_path("children-in-detention"))).read_text(encoding="utf-8")
    box = detention[detention.index('<section class="gs-duties'):detention.index("</section>")]
    assert "What you must do" in box and box.count('href="#point-') == 11
    assert "the custody officer must arrange the child&#39;s move to local authority accommodation.</span></a>" in box
    # The musts first, then what the points that say should ask: telling the duty inspector is one, and an
    # officer who read only a box of musts missed it in the very case it is for (a child kept after charge).
    musts, shoulds = box.split("What you should also do", 1)
    assert musts.count('href="#point-') == 5 and shoulds.count('href="#point-') == 6
    assert 'href="#point-inform-duty-inspector"' in shoulds
    assert "call the appropriate adult at the earliest opportunity in the morning" in shoulds, "a duty, not a finding, comes first"


def test_the_glossary_leads_from_a_term_to_the_guidance_that_uses_it(shipped_site, content):
    # An officer who searches "CSE" may land on the glossary: it must lead on to the guidance.
    glossary = (shipped_site / page_url(GLOSSARY)).read_text(encoding="utf-8")
    entry = glossary[glossary.index('<dt id="term-cse">'):]
    entry = entry[:entry.index("</dd>")]
    links = re.findall(r'<a href="([^"]+)">([^<]+)</a>', entry)
    assert links[0] == (page_url(guidance_path("child-sexual-exploitation")), "Investigating child sexual exploitation"), \
        "the guidance whose title spells the term out comes first"
    assert (page_url(guidance_path("missing-children")), "Children who go missing from home") in links
    assert content.guidance_using("PACE", "Police and Criminal Evidence Act 1984")[0].id == "children-in-detention"
    assert content.guidance_using("ial", "no such words anywhere") == [], "a term is matched as a word (not in \"social\")"


def test_the_home_page_leads_leaders_to_the_progress_pages(site):
    # Leaders were pointed only at the areas below; the matrix and the results were reached by the menu alone.
    from generator.render.site import AUDIT_RESULTS, CASE_AUDITS, MATRIX

    home = site.page("index.html")
    for path in (MATRIX, CASE_AUDITS, AUDIT_RESULTS):
        assert home.links_to(page_url(path)), f"the home page does not link to {path}"
    assert "Leaders: the progress matrix shows every recommendation" in home.text


def test_the_home_page_lists_each_areas_recommendations_one_to_a_line(site, content):
    # Written "AH1, AH2", each id a 44 px target on a phone left a gap before its comma: a list, as the statuses beside.
    home = site.page("index.html").html
    for area in content.areas:
        if len(area.recommendations) > 1:
            cell = "".join(f'<li><a href="{page_url(recommendation_path(r))}">{r.id}</a></li>' for r in area.recommendations)
            assert f'<ul class="gs-list gs-stacked-links">{cell}</ul>' in home, area.id
    assert "</a>, <a" not in home


def test_no_reference_says_its_kind_twice(shipped_site):
    # Each reference is shown after its kind ("Force policy:"); a citation starting so read "Force policy: Force policy: …".
    for page in shipped_site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for kind, citation in re.findall(r'gs-legal__kind">([^<:]+):</span> <cite class="gs-legal__citation">([^<]+)<', text):
            first = citation.split(":")[0].split()[0].lower()
            assert first not in {word.lower() for word in kind.split()} - {"or", "the"}, (page.name, kind, citation)


@pytest.mark.parametrize("role", ["response-officer", "investigator"])
def test_the_officers_who_arrest_or_interview_a_child_find_the_detention_guidance_under_their_role(shipped_site, role):
    # "Do not interview the child without the appropriate adult" is theirs too, not the custody officer's alone.
    page = (shipped_site / "roles" / f"{role}.html").read_text(encoding="utf-8")
    assert f'href="../{page_url(guidance_path("children-in-detention"))}"' in page
