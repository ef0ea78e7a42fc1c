"""Two audiences, two places: the site is for officers and leaders; docs/ is for editors and developers.

docs/ is read in the repository (README links it) and is never built into the site: no page of it
is in the site, its menu or its search. The site's hand-written pages, if a force wants any, are
the Markdown files in its content folder's pages/ (mkdocs.yml's docs_dir).
"""
from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

from conftest import ROOT, SHIPPED_CONTENT, SHIPPED_PAGES

DOCS = ROOT / "docs"
# The pages of docs/ for editors and developers (docs/audit-records.md becomes a generated page of the site).
EDITOR_PAGES = sorted(path for path in DOCS.glob("*.md") if path.name != "audit-records.md")


def _title(path: Path) -> str:
    return path.read_text(encoding="utf-8").splitlines()[0].lstrip("# ").strip()


def test_the_site_is_built_from_the_content_folders_pages_not_from_docs():
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    assert (ROOT / config["docs_dir"]).resolve() == SHIPPED_PAGES.resolve()
    assert SHIPPED_PAGES.is_dir() and SHIPPED_PAGES.parent == SHIPPED_CONTENT
    assert {path.stem for path in EDITOR_PAGES} >= {"editing-content", "audit-export-format", "security", "benchmarks"}


def test_no_editor_or_developer_page_is_in_the_site_its_menu_or_its_search(shipped_site):
    built = {path.relative_to(shipped_site).as_posix() for path in shipped_site.rglob("*.html")}
    home = (shipped_site / "index.html").read_text(encoding="utf-8")
    menu = re.search(r'<nav class="md-nav md-nav--primary".*?</nav>\s*</div>\s*</div>\s*</div>', home, re.S)
    assert menu and "glossary.html" in menu[0], "the home page has its menu"
    index = json.loads((shipped_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    located = {entry["location"].split("#")[0] for entry in index["docs"]}
    titles = {entry["title"] for entry in index["docs"]}
    for page in EDITOR_PAGES:
        name = page.with_suffix(".html").name
        title = _title(page)
        assert not any(path.endswith(name) for path in built), f"{name} is built into the site"
        assert name not in menu[0] and title not in menu[0], f"the menu links {title!r}"
        assert not any(location.endswith(name) for location in located), f"search finds {name}"
        assert title not in titles, f"search has a section titled {title!r}"
    assert "About this site" not in menu[0]  # the shipped content has no hand-written page


def test_readme_links_every_page_of_docs():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for page in EDITOR_PAGES:
        assert f"](docs/{page.name})" in readme, f"README does not link docs/{page.name}"
