"""The pages of the last build, kept for a build whose every input is the same.

Rendering the pages is the generator's own cost on top of the site engine's (docs/benchmarks.md). When
nothing it reads has changed (the content folder, the audit exports, the build date, whether PDFs are
linked, and the generator's own code and the libraries it renders with), the pages are those of last
time, byte for byte, so they are read back instead. The inputs are hashed as files, not as the model, so
any change to any of them is a miss.

The pages are kept as plain JSON, never code (see kept_file.py for how). A file that is unreadable or made
for other inputs is a miss.
"""
from __future__ import annotations

import base64
import hashlib
import json
from collections.abc import Callable
from datetime import date
from functools import cache
from importlib import metadata
from pathlib import Path

from ..kept_file import keep
from ..render.site import NavEntry, Page, SitePlan, plan_site
from .date import build_date

FORMAT = 1
_PREFIX = "plan-"
_RENDERING_PACKAGES = ("Markdown", "Jinja2", "MarkupSafe", "PyYAML", "jsonschema")


@cache
def _code_fingerprint() -> str:
    """The generator's code, templates and schemas, and the libraries that render with them."""
    package = Path(__file__).resolve().parent.parent
    digest = hashlib.sha256(f"format {FORMAT}".encode())
    for name in _RENDERING_PACKAGES:
        digest.update(f"{name} {metadata.version(name)}".encode())
    for path in sorted(package.rglob("*")):
        if path.is_file() and path.suffix != ".pyc" and "assets" not in path.relative_to(package).parts:
            digest.update(path.relative_to(package).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _add_folder(digest, folder: Path) -> None:
    if not folder.is_dir():
        digest.update(b"no folder")
        return
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(hashlib.sha256(path.read_bytes()).digest())


def inputs_key(content_dir: Path, audits_dir: Path, build_date: date, pdfs: bool) -> str:
    """What the pages are made from, as one hash."""
    digest = hashlib.sha256(f"{_code_fingerprint()} {build_date.isoformat()} pdfs={pdfs}".encode())
    for folder in (content_dir, audits_dir):
        digest.update(b"\1folder\1")
        _add_folder(digest, Path(folder))
    return digest.hexdigest()


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

    def plan(self, key: str, make: Callable[[], SitePlan]) -> SitePlan:
        """The pages made from the inputs hashed as key: those kept, if kept for that key, else make()'s."""
        file = self.folder / f"{_PREFIX}{key[:24]}.json"
        try:
            kept = _unpack(file.read_text(encoding="utf-8"), key)
        except (OSError, UnicodeDecodeError):
            kept = None
        if kept is not None:
            return kept
        plan = make()
        keep(file, _pack(plan, key), f"{_PREFIX}*.json")  # only the last build's: older inputs seldom come back
        return plan


def planned_site(content, audits, *, content_dir: Path, audits_dir: Path, pdfs: bool = False,
                 cache_folder: Path | None = None, today: date | None = None) -> SitePlan:
    """The site's pages, from the cache in cache_folder when every input is as last time (no cache: None)."""
    today = today or build_date()

    def make() -> SitePlan:
        return plan_site(content, today, audits, pdfs=pdfs, cache_folder=cache_folder)

    if cache_folder is None:
        return make()
    return PlanCache(cache_folder).plan(inputs_key(content_dir, audits_dir, today, pdfs), make)
