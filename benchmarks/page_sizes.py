"""What a checklist page weighs: its HTML, and the scripts and stylesheets it loads.

Sizes are raw and gzipped (level 9, as a web server would send them compressed). "Ours"
is what the generator adds (``assets/guidance/*``) and the page loads with it: issue 15's target
counts these. Scripts a part of the page loads after the page (the set-aside copy's when first used, export
and import's when first used or once the browser is idle) are counted apart, "on use"; so is the stylesheet
linked for print only (the browser fetches it without holding up the page), helpers in its subfolders (the
vendored file:// shim) and the theme's own files.
"""
from __future__ import annotations

import gzip
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path

OURS = "assets/guidance/"
_ASSET = re.compile(r'<(?:script[^>]*\ssrc|link[^>]*\shref)="([^"?#]+\.(?:js|css))[^"]*"')
# Scripts guidance.js loads for the page's content (see generator/assets/guidance.js), and those a part of the
# page loads after the page (see checklist.js), counted apart.
_PAGE_SCRIPTS = re.compile(r'data-gs-script="([^"]*)"')
_ON_USE_SCRIPTS = re.compile(r'data-gs-script-on-use="([^"]*)"')
_PRINT_ONLY = re.compile(r'<link[^>]*\shref="([^"?#]+\.css)"[^>]*\smedia="print"')


@dataclass(frozen=True)
class Size:
    raw: int
    gzipped: int

    def __add__(self, other: "Size") -> "Size":
        return Size(self.raw + other.raw, self.gzipped + other.gzipped)


def size_of(data: bytes) -> Size:
    return Size(len(data), len(gzip.compress(data, compresslevel=9)))


def checklist_pages(site: Path) -> list[Path]:
    return sorted(path for path in (site / "self-audit").glob("*.html") if path.name != "index.html")


def _in_site(page: Path, site: Path, addresses: list[str]) -> set[str]:
    """Site paths of addresses written in a page (relative to it); outside ones left out."""
    here = posixpath.dirname(page.relative_to(site).as_posix())
    return {posixpath.normpath(posixpath.join(here, address)) for address in addresses if "://" not in address}


def assets_of(page: Path, site: Path) -> list[str]:
    """Site paths of the scripts and stylesheets a page loads."""
    html = page.read_text(encoding="utf-8")
    named = {f"{OURS}{name}.js" for names in _PAGE_SCRIPTS.findall(html) for name in names.split()}
    return sorted(_in_site(page, site, _ASSET.findall(html)) | named)


def print_only(page: Path, site: Path) -> list[str]:
    """Site paths of the stylesheets a page links for print only."""
    return sorted(_in_site(page, site, _PRINT_ONLY.findall(page.read_text(encoding="utf-8"))))


def scripts_on_use(page: Path, site: Path) -> list[str]:
    """Site paths of the scripts a page loads only when a part of it is first used."""
    html = page.read_text(encoding="utf-8")
    return sorted({f"{OURS}{name}.js" for names in _ON_USE_SCRIPTS.findall(html) for name in names.split()})


def measure(site: Path) -> dict:
    pages = checklist_pages(site)
    if not pages:
        return {"pages": 0}
    sizes = [size_of(page.read_bytes()) for page in pages]
    for_print = {path: size_of((site / path).read_bytes()) for path in print_only(pages[0], site) if (site / path).is_file()}
    loaded = [path for path in assets_of(pages[0], site) if path not in for_print]
    sizes_of = {path: size_of((site / path).read_bytes()) for path in loaded if (site / path).is_file()}
    ours = {path: size for path, size in sizes_of.items() if _is_ours(path)}
    helpers = {path: size for path, size in sizes_of.items() if path.startswith(OURS) and path not in ours}
    theirs = {path: size for path, size in sizes_of.items() if not path.startswith(OURS)}
    on_use = {path: size_of((site / path).read_bytes()) for path in scripts_on_use(pages[0], site)
              if path not in ours and (site / path).is_file()}
    reading = [path for path in sorted((site / "guidance").glob("*.html")) if path.name != "index.html"][:1]
    ours_on_reading_page = sum((size_of((site / path).read_bytes()) for path in assets_of(reading[0], site)
                                if _is_ours(path) and path not in for_print), Size(0, 0)) if reading else None
    return {
        "pages": len(pages),
        "html_mean": Size(sum(s.raw for s in sizes) // len(sizes), sum(s.gzipped for s in sizes) // len(sizes)),
        "html_max": max(sizes, key=lambda s: s.raw),
        "ours": ours,
        "ours_total": sum(ours.values(), Size(0, 0)),  # what the target counts: loaded with the page
        "on_use": on_use,
        "on_use_total": sum(on_use.values(), Size(0, 0)),
        "for_print": for_print,
        "helpers": helpers,
        "theme_total": sum(theirs.values(), Size(0, 0)),
        "ours_on_reading_page": ours_on_reading_page,
    }


def _is_ours(path: str) -> bool:
    """The generator's own scripts and stylesheets; its subfolders hold vendored helpers."""
    return path.startswith(OURS) and "/" not in path[len(OURS):]
