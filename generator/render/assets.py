"""Static assets the generator ships with every site, and the file:// search index.

Everything is served from the site itself: no CDN, no web fonts. Scripts and stylesheets are
minified as they are written into the site; the readable files stay in ``generator/assets``.
"""
from __future__ import annotations

import html
import re
from importlib import resources
from pathlib import Path
from typing import Iterator

import rcssmin
import rjsmin
from markupsafe import Markup, escape

from ..model import Content

PREFIX = "assets/guidance"
# Every page loads these stylesheets (cached after the first page), in this order.
STYLESHEETS = [f"{PREFIX}/guidance.css", f"{PREFIX}/checklist.css"]
# ... which pages link as one file, in that order: stylesheets hold up the first paint, and on a slow phone each
# request costs a round trip; with the theme's two and the file:// shim, four of ours would make seven, one more
# than a browser fetches at once from a server (docs/benchmarks.md, "First render on a slow phone").
# The matrix's and the charts' styles are linked only by the pages that show them (_progress.md.j2's stylesheet()),
# in the page's content, so after site.css: Chromium lets the last @page rule setting a size win, and the matrix
# names landscape pages after print.css sets A4 portrait for all others.
SITE_STYLESHEET = f"{PREFIX}/site.css"
# The colours of statuses, grades and ratings, made from the content's scales with the site (render/tones.py). Print
# overrides them with !important, so coming after print.css changes nothing there.
TONES_STYLESHEET = f"{PREFIX}/tones.css"
LINKED_STYLESHEETS = [SITE_STYLESHEET, TONES_STYLESHEET]  # what every page links
# Paper, linked by every page for print only (media="print"), after site.css, whose styles it prints differently:
# a browser fetches it without holding up the page on screen. Each engine's adapter links it (an engine's list of
# stylesheets cannot say "print"; see with_print_stylesheet).
PRINT_STYLESHEET = f"{PREFIX}/print.css"
# Every page prints, so every page runs print.js; every page has the theme's menu and header, which
# keyboard.js makes usable by keyboard (after guidance.js, whose onEveryPage it uses). They are joined into
# one file, in that order: one request instead of three, and smaller gzipped. The other scripts are loaded
# by guidance.js only on pages whose content names them in a data-gs-script attribute (or, for a part of
# the page, data-gs-script-on-use, when it is first used: export and import also once the page is loaded and
# the browser idle, see checklist.js).
EVERY_PAGE_SCRIPTS = [f"{PREFIX}/guidance.js", f"{PREFIX}/keyboard.js", f"{PREFIX}/print.js"]
SITE_SCRIPT = f"{PREFIX}/site.js"
SCRIPTS = [SITE_SCRIPT]
FILE_URL_WORKER_SHIM = f"{PREFIX}/file-worker/shim.js"
# Run inside Material's search worker, put at the top of its file (see read_queries_as_meant); not a page script.
SEARCH_QUERY_SCRIPT = "search-query.js"
SEARCH_WORKERS = "assets/javascripts/workers/search.*.min.js"
_QUERY_MARK = "/* guidance: search-query.js */"


def _asset_folder() -> Path:
    return Path(str(resources.files("generator") / "assets"))


_MINIFIERS = {".js": rjsmin.jsmin, ".css": rcssmin.cssmin}


def files() -> Iterator[tuple[str, bytes]]:
    """(path in the site, content) for every asset, scripts and stylesheets minified."""
    folder = _asset_folder()
    joined = {}  # the parts of site.css and site.js, written only as those
    for source in sorted(folder.rglob("*")):
        if source.is_file() and source.name != SEARCH_QUERY_SCRIPT:
            minify = _MINIFIERS.get(source.suffix)
            content = minify(source.read_text(encoding="utf-8")).encode() if minify else source.read_bytes()
            path = f"{PREFIX}/{source.relative_to(folder).as_posix()}"
            if path in EVERY_PAGE_SCRIPTS or path in STYLESHEETS:
                joined[path] = content
            else:
                yield path, content
    yield SITE_STYLESHEET, b"\n".join(joined[path] for path in STYLESHEETS)
    yield SITE_SCRIPT, b";\n".join(joined[path] for path in EVERY_PAGE_SCRIPTS)  # each a whole statement


_SITE_STYLESHEET_LINK = re.compile(r'<link rel="stylesheet" href="([^"]*)' + re.escape(SITE_STYLESHEET) + r'">')


def with_print_stylesheet(page: str) -> str:
    """A finished page with print.css linked for print only, right after its link to site.css (at the same
    relative address); a page without that link is returned as it was."""
    def linked(match: re.Match) -> str:
        return match.group(0) + str(Markup('<link rel="stylesheet" href="{}" media="print">').format(
            html.unescape(match.group(1)) + PRINT_STYLESHEET))  # as written in the page, escaped once
    return _SITE_STYLESHEET_LINK.sub(linked, page, count=1)


def citation(content: Content) -> str:
    """The footer line citing the source report, as HTML (the theme inserts it unescaped)."""
    report = content.report(content.source_report)
    wording = f"{content.site.wording} " if content.site.wording else ""  # the content's own words on its wording
    return str(escape(f"Content drawn from {report.title}, {report.inspectorate}, {report.published}. "
                      f"{wording}See 'About the review'."))


def write_search_index_script(site_dir: Path) -> None:
    """Material loads search/search_index.js instead of the JSON file when opened from file://."""
    index = site_dir / "search" / "search_index.json"
    if index.is_file():
        (site_dir / "search" / "search_index.js").write_text(
            "var __index = " + index.read_text(encoding="utf-8"), encoding="utf-8")


def read_queries_as_meant(site_dir: Path) -> None:
    """Put search-query.js at the top of Material's search worker, so it sees each query before Material.

    Material's code is wrapped in a function so that its "use strict" stays the first statement of
    its code. Its source map no longer matches, so the comment naming it goes."""
    ours = rjsmin.jsmin((_asset_folder() / SEARCH_QUERY_SCRIPT).read_text(encoding="utf-8"))
    for worker in site_dir.glob(SEARCH_WORKERS):
        code = worker.read_text(encoding="utf-8")
        if code.startswith(_QUERY_MARK):
            continue  # already done (a rebuild under `mkdocs serve` that kept the file)
        code = re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", code)
        worker.write_text(f"{_QUERY_MARK}\n{ours}\n(function () {{\n{code}\n}})();\n", encoding="utf-8")
