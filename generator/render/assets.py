"""Static assets the generator ships with every site, and the file:// search index.

Everything is served from the site itself: no CDN, no web fonts. Scripts and stylesheets are
minified as they are written into the site; the readable files stay in ``generator/assets``.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Iterator

import rcssmin
import rjsmin
from markupsafe import escape

from ..model import Content

PREFIX = "assets/guidance"
# Every page loads every stylesheet (together 5 KB gzipped, then cached), so their order is fixed:
# print.css after the styles it prints differently, but before matrix.css: Chromium lets the last @page rule
# setting a size win, and the matrix names landscape pages after print.css sets A4 portrait for all others.
STYLESHEETS = [f"{PREFIX}/guidance.css", f"{PREFIX}/checklist.css", f"{PREFIX}/print.css", f"{PREFIX}/matrix.css"]
# Every page prints, so every page loads print.js; every page has the theme's menu and header, which
# keyboard.js makes usable by keyboard (after guidance.js, whose onEveryPage it uses). The other scripts (checklist, matrix, my-audits) are
# loaded by guidance.js only on pages whose content names them in a data-gs-script attribute.
SCRIPTS = [f"{PREFIX}/guidance.js", f"{PREFIX}/keyboard.js", f"{PREFIX}/print.js"]
FILE_URL_WORKER_SHIM = f"{PREFIX}/file-worker/shim.js"


def _asset_folder() -> Path:
    return Path(str(resources.files("generator") / "assets"))


_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def files() -> Iterator[tuple[str, bytes]]:
    """(path in the site, content) for every asset, scripts and stylesheets minified."""
    folder = _asset_folder()
    for source in sorted(folder.rglob("*")):
        if source.is_file():
            minify = _MINIFIERS.get(source.suffix)
            content = minify(source.read_text(encoding="utf-8")).encode() if minify else source.read_bytes()
            yield f"{PREFIX}/{source.relative_to(folder).as_posix()}", content


def citation(content: Content) -> str:
    """The footer line citing the source report, as HTML (the theme inserts it unescaped)."""
    report = content.report(content.source_report)
    return str(escape(f"Content drawn from {report.title}, {report.inspectorate}, {report.published}. "
                      "Written in our own words; see 'About the review'."))


def write_search_index_script(site_dir: Path) -> None:
    """Material loads search/search_index.js instead of the JSON file when opened from file://."""
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        (site_dir / "search" / "search_index.js").write_text(
            "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")
