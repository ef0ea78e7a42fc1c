"""`guidance new`: a folder for another inspection of another force, which validates, builds, links and
passes axe-core, and whose site carries no word of the shipped content."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from conftest import SHIPPED_CONTENT, artifact_path, assert_accessible
from generator.build.site import build_site
from generator.cli import main
from generator.content import load_content
from generator.new import starter_files
from linkcheck import BuiltSite
from test_site import SERVED_ONLY


@pytest.fixture(scope="module")
def new_site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("new") / "another-force"
    assert main(["new", str(folder)]) == 0
    return folder


@pytest.fixture(scope="module")
def built(new_site) -> Path:
    return build_site(new_site / "mkdocs.yml")  # its own configuration, as `guidance build` in the folder


def shipped_words() -> tuple[set[str], re.Pattern]:
    """Names from the shipped content: force, site, reports, inspectorates, reviews, areas, documents,
    checklists, case audits (as phrases), and its abbreviations and systems (as whole words)."""
    shipped = load_content(SHIPPED_CONTENT)
    # ("custody" is left to the test of the templates' own words: the print packs page still says it.)
    phrases = {shipped.site.title, shipped.site.force, "Leicestershire", "child protection", "children"}
    phrases |= {area.title for area in shipped.areas} | {report.title for report in shipped.reports}
    phrases |= {review.title for review in shipped.reviews} | {audit.title for audit in shipped.case_audits}
    phrases |= {document.title for document in shipped.guidance} | {checklist.title for checklist in shipped.checklists}
    terms = {term.term for term in shipped.glossary} | {report.inspectorate for report in shipped.reports}
    return {phrase.lower() for phrase in phrases}, re.compile(r"\b(" + "|".join(map(re.escape, sorted(terms))) + r")\b")


def visible_text(markup: str) -> str:
    markup = re.sub(r"<(script|style)\b.*?</\1>", " ", markup, flags=re.S)
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", markup)))


def test_it_makes_a_project_with_every_kind_of_content_file_and_an_empty_pages_folder(new_site):
    assert (new_site / "mkdocs.yml").is_file()
    content = new_site / "checklists"
    for name in ("site.yml", "glossary.yml", "areas/first-area.yml", "guidance/first-guidance.yml",
                 "self-audit/first-checklist.yml"):
        text = (content / name).read_text(encoding="utf-8")
        assert text.startswith("#"), f"{name} does not open with a comment explaining it"
    # No page yet; a dotfile keeps the folder in git, and MkDocs leaves it out of the site.
    assert [path.name for path in (content / "pages").iterdir()] == [".gitkeep"]
    assert "docs_dir: checklists/pages" in (new_site / "mkdocs.yml").read_text(encoding="utf-8")
    loaded = load_content(content)
    assert [len(area.recommendations) for area in loaded.areas] == [1]
    assert len(loaded.guidance) == len(loaded.checklists) == 1 and loaded.glossary


def test_its_content_validates(new_site, capsys):
    assert main(["validate", "--content", str(new_site / "checklists"), "--no-cache"]) == 0
    assert "no problems found" in capsys.readouterr().out


def test_it_never_writes_into_a_folder_that_is_not_empty(tmp_path, capsys):
    folder = tmp_path / "taken"
    folder.mkdir()
    (folder / "notes.txt").write_text("mine", encoding="utf-8")
    assert main(["new", str(folder)]) == 1
    assert "not empty; nothing was written" in capsys.readouterr().err
    assert [path.name for path in folder.iterdir()] == ["notes.txt"]

    made = tmp_path / "made"
    assert main(["new", str(made)]) == 0
    (made / "checklists" / "site.yml").write_text("edited", encoding="utf-8")
    assert main(["new", str(made)]) == 1  # run twice: the first one's files, since edited, stay as they are
    assert (made / "checklists" / "site.yml").read_text(encoding="utf-8") == "edited"


def test_an_empty_folder_is_used(tmp_path):
    (tmp_path / "empty").mkdir()
    assert main(["new", str(tmp_path / "empty")]) == 0
    assert (tmp_path / "empty" / "checklists" / "site.yml").is_file()


def test_the_starter_files_name_nothing_of_the_shipped_content():
    phrases, terms = shipped_words()
    root = Path(__file__).resolve().parent.parent / "generator" / "starter"
    assert starter_files()
    for relative in starter_files():
        text = (root / relative).read_text(encoding="utf-8")
        for phrase in phrases:
            assert phrase not in text.lower(), f"{relative} says {phrase!r}"
        assert not terms.search(text), f"{relative} says {terms.search(text)[0]!r}"


def test_it_builds_with_every_link_resolving_and_nothing_from_outside(built):
    site = BuiltSite(built)
    assert len(site.html_paths()) > 10
    broken = [problem for problem in site.broken_links() if problem.split(":")[0] not in SERVED_ONLY]
    assert broken == [], "\n".join(broken)
    assert site.outside_resources() == []
    home = visible_text((built / "index.html").read_text(encoding="utf-8"))
    assert "Example Inspectorate inspected Example Police" in home
    assert re.search(r"made 1 recommendations? in 1 areas?", home), home


def test_its_site_carries_no_word_of_the_shipped_content(built):
    phrases, terms = shipped_words()
    pages = {path.relative_to(built).as_posix(): visible_text(path.read_text(encoding="utf-8"))
             for path in built.rglob("*.html")}
    assert "about-this-site" not in " ".join(pages) and not any(p.startswith(("editing", "security")) for p in pages)
    assert not list(built.rglob(".gitkeep"))
    for path, text in pages.items():
        for phrase in phrases:
            assert phrase not in text.lower(), f"{path} says {phrase!r}"
        assert not terms.search(text), f"{path} says {terms.search(text)[0]!r}"
    index = json.loads((built / "search" / "search_index.json").read_text(encoding="utf-8"))
    for entry in index["docs"]:
        words = entry["title"] + " " + entry["text"]
        assert not any(phrase in words.lower() for phrase in phrases) and not terms.search(words), entry["location"]
    # Nor does it claim, in our words, how its content is worded: that is the content's to say (site.wording).
    for path, text in pages.items():
        assert "our own words" not in text, f"{path} says how the content is worded"


def test_a_site_without_case_examples_has_no_page_or_menu_entry_for_them(built):
    assert not (built / "case-examples.html").exists()
    for path in built.rglob("*.html"):
        markup = path.read_text(encoding="utf-8")
        assert "case-examples.html" not in markup and ">Case examples<" not in markup, path


def test_the_matrix_of_a_site_with_one_area_is_not_called_a_part_of_itself(built):
    # "One area of the progress matrix, which has the summary of every area", linking to itself, on every new site.
    matrix = visible_text((built / "progress" / "matrix.html").read_text(encoding="utf-8"))
    assert "Recommendations" in matrix and "One area of the" not in matrix


KINDS = ["index.html", "areas/first-area/index.html", "areas/first-area/fa1.html", "guidance/first-guidance.html",
         "self-audit/first-checklist.html", "progress/matrix.html", "glossary.html"]


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_every_kind_of_page_passes_axe_core(watched_context, serve, built, width):
    context, watch = watched_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.set_default_navigation_timeout(30_000)  # seven pages, on a machine others share; nothing here is timed
    server = serve(built)
    for path in KINDS:
        page.goto(server.url + path)
        page.locator("article h1").wait_for()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), f"{path} scrolls sideways"
        assert_accessible(page, f"{path} of a new site at {width} px")
    page.goto(server.url)
    page.screenshot(path=artifact_path(f"new-site-home-{width}.png"), full_page=True)
    page.goto(server.url + "self-audit/first-checklist.html")
    page.screenshot(path=artifact_path(f"new-site-checklist-{width}.png"), full_page=True)


def test_a_page_written_into_its_pages_folder_is_built_into_its_site(tmp_path):
    folder = tmp_path / "with-a-page"
    assert main(["new", str(folder)]) == 0
    (folder / "checklists" / "pages" / "contacts.md").write_text(
        "# Who to ask\n\nThe team that keeps this site.\n", encoding="utf-8")
    site = build_site(folder / "mkdocs.yml")
    page = visible_text((site / "contacts.html").read_text(encoding="utf-8"))
    assert "Who to ask" in page and "The team that keeps this site." in page
    assert "About this site" in visible_text((site / "index.html").read_text(encoding="utf-8"))
    assert main(["validate", "--content", str(folder / "checklists"), "--no-cache"]) == 0  # pages are not content


def test_a_new_site_looks_and_searches_as_the_shipped_one():
    """The starter's mkdocs.yml keeps up with the project's: theme, search and Markdown settings alike."""
    import yaml

    from conftest import ROOT

    starter = yaml.safe_load((ROOT / "generator" / "starter" / "mkdocs.yml").read_text(encoding="utf-8"))
    shipped = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    for key in ("theme", "markdown_extensions", "docs_dir", "use_directory_urls"):
        assert starter[key] == shipped[key], key
    assert starter["plugins"][0] == shipped["plugins"][0]
