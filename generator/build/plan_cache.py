"""The pages of the last build, kept for a build whose every input is the same.

Rendering the pages is the generator's own cost on top of the site engine's (docs/benchmarks.md). When
nothing it reads has changed (the content folder, the audit exports, the build date, whether PDFs are
linked, and the generator's own code and the libraries it renders with), the pages are those of last
time, byte for byte, so they are read back instead. The content is hashed as the load read it (a file saved
during the build cannot give old pages a new key), the audit exports as files; any change is a miss.

The pages are kept as plain JSON, never code (see kept_file.py for how). A file that is unreadable or made
for other inputs is a miss.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from ..audits.aggregate import AuditResults, read_audits
from ..content import load_content
from ..content_cache import ContentCache
from ..code_digest import PACKAGE, code_digest
from ..kept_file import keep
from ..model import Content
from ..render.page_memo import PageMemo
from ..render.site import NavEntry, Page, SitePlan, plan_site
from .date import build_date

FORMAT = 1
_PREFIX = "plan-"
_RENDERING_PACKAGES = ("Markdown", "Jinja2", "MarkupSafe", "PyYAML", "jsonschema")


def _code_fingerprint() -> str:
    """The generator's code, templates and schemas, and the libraries that render with them. Not kept from one
    build to the next: under `mkdocs serve` a template may be edited between two builds of the same content."""
    return code_digest([path for path in sorted(PACKAGE.rglob("*")) if path.is_file() and path.suffix != ".pyc"
                        and "assets" not in path.relative_to(PACKAGE).parts], _RENDERING_PACKAGES, salt=f"format {FORMAT}")


def folder_key(folder: Path) -> str | None:
    """A hash of every file in folder, names and bytes; None if one cannot be read (then nothing is kept)."""
    folder = Path(folder)
    digest = hashlib.sha256()
    try:
        if not folder.is_dir():
            return digest.hexdigest()
        for path in sorted(folder.rglob("*")):
            if path.is_file():
                digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
                digest.update(hashlib.sha256(path.read_bytes()).digest())
    except OSError:
        return None
    return digest.hexdigest()


def inputs_key(content_key: str, audits_key: str, audits_name: str, build_date: date, pdfs: bool) -> str:
    """What the pages are made from, as one hash: the content as it was read (ContentCache.content_key), the
    audit exports, the name the pages give their folder, the date, the PDFs, and the generator's code."""
    return hashlib.sha256("\0".join([_code_fingerprint(), content_key, audits_key, audits_name, build_date.isoformat(),
                                     f"pdfs={pdfs}"]).encode()).hexdigest()


def _nav_data(entries: list[NavEntry]) -> list:
    return [[entry.title, entry.path, _nav_data(entry.children)] for entry in entries]


def _nav_entries(data: list) -> list[NavEntry]:
    return [NavEntry(title, path, _nav_entries(children)) for title, path, children in data]


def _pack(plan: SitePlan, key: str) -> str:
    return json.dumps({
        "format": FORMAT, "key": key,
        "pages": [[page.path, page.title, page.markdown, page.search_rank] for page in plan.pages],
        "nav": _nav_data(plan.nav),
        "assets": [[path, base64.b64encode(content).decode("ascii")] for path, content in plan.assets],
    }, ensure_ascii=False, separators=(",", ":"))


def _unpack(text: str, key: str) -> SitePlan | None:
    try:
        data = json.loads(text)
        if data["format"] != FORMAT or data["key"] != key:
            return None
        return SitePlan([Page(path, title, markdown, float(rank)) for path, title, markdown, rank in data["pages"]],
                        _nav_entries(data["nav"]),
                        [(path, base64.b64decode(content, validate=True)) for path, content in data["assets"]])
    except (ValueError, KeyError, TypeError):
        return None


class PlanCache:
    """One file in `folder`: the pages of the last build and the hash of what they were made from."""

    def __init__(self, folder: Path):
        self.folder = Path(folder)

    def plan(self, key: str, make: Callable[[], SitePlan], still_valid: Callable[[], bool] = lambda: True) -> SitePlan:
        """The pages made from the inputs hashed as key: those kept, if kept for that key, else make()'s, which are
        kept if still_valid() says the inputs did not change while they were made."""
        file = self.folder / f"{_PREFIX}{key[:24]}.json"
        try:
            kept = _unpack(file.read_text(encoding="utf-8"), key)
        except (OSError, UnicodeDecodeError):
            kept = None
        if kept is not None:
            return kept
        plan = make()
        if still_valid():
            keep(file, _pack(plan, key), f"{_PREFIX}*.json")  # only the last build's: older inputs seldom come back
        return plan


def planned_site(content, audits, *, content_key: str | None, audits_key: str | None, audits_dir: Path,
                 audits_name: str, pdfs: bool = False, cache_folder: Path | None = None,
                 today: date | None = None, memo: PageMemo | None = None) -> SitePlan:
    """The site's pages, from the cache in cache_folder when every input is as last time. content_key is the hash
    of the content as loaded; audits_key that of the audits folder, taken before the exports were read (no cache
    when either is None). An export changed while the pages were made leaves them unkept. memo: see plan_site."""
    today = today or build_date()

    def make() -> SitePlan:
        return plan_site(content, today, audits, pdfs=pdfs, cache_folder=cache_folder, memo=memo)

    if cache_folder is None or content_key is None or audits_key is None:
        return make()
    # Pages made with the memo of a development server are not kept for another process: only fresh renders are.
    return PlanCache(cache_folder).plan(inputs_key(content_key, audits_key, audits_name, today, pdfs), make,
                                        still_valid=lambda: memo is None and folder_key(audits_dir) == audits_key)


@dataclass(frozen=True)
class Planned:
    content: Content
    audits: AuditResults
    plan: SitePlan


def plan_folders(content_dir: Path, audits_dir: Path, audits_name: str, *, cache_folder: Path | None = None,
                 pdfs: bool = False, memo: PageMemo | None = None) -> Planned:
    """Load the content, read the audit exports (audits_name: their folder as the pages name it) and plan the
    pages, each step from the cache in cache_folder where it can be; under a development server, pages whose
    reads are unchanged from the memo of the last build. Raises ContentError for bad content."""
    content_cache = ContentCache(cache_folder) if cache_folder is not None else None
    content = load_content(content_dir, content_cache)
    audits_key = folder_key(audits_dir) if content_cache is not None else None  # before the exports are read
    audits = read_audits(audits_dir, content, audits_name)
    plan = planned_site(content, audits, content_key=content_cache.content_key() if content_cache else None,
                        audits_key=audits_key, audits_dir=audits_dir, audits_name=audits_name, pdfs=pdfs,
                        cache_folder=cache_folder, memo=memo)
    return Planned(content, audits, plan)
