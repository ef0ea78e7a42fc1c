"""Partial rebuilds under a development server: rewrite only what a change affects, and get the same site.

Engine-neutral: the MkDocs adapter gives each rebuild a signature of everything every page shows (menu,
site title, glossary, footer, stylesheets, theme, ...) and the bytes each generated file is made from;
this module says which files to write again, and remembers the last complete build for the next one.
"""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field


def digest(data: str | bytes) -> str:
    return hashlib.sha256(data.encode("utf-8") if isinstance(data, str) else data).hexdigest()


def site_signature(settings: Mapping) -> str:
    """A digest of the settings every page is rendered with. Values JSON cannot hold are digested by
    their repr, so an object with no stable repr only costs a full rebuild, never a wrong page."""
    return digest(json.dumps(settings, sort_keys=True, default=repr))


@dataclass
class BuiltSite:
    """What a complete build wrote."""
    signature: str
    sources: dict[str, str]  # generated file (path in the docs) -> digest of its content
    outputs: frozenset[str]  # every file written, as a path in the site
    page_paths: frozenset[str]  # every page, generated or hand-written
    titles: dict[str, str] = field(default_factory=dict)  # page -> its title, as the menu of other pages shows it
    search_entries: dict[str, list] = field(default_factory=dict)  # page URL -> its search index entries


@dataclass(frozen=True)
class Rebuild:
    full: bool
    unchanged: frozenset[str]  # generated files whose content is the last build's: not written again
    stale_outputs: frozenset[str]  # files of the last build the site no longer has
    pages_added_or_removed: bool  # hand-written pages may link to a page that came or went: they are redone


class RebuildMemory:
    """The last complete build, kept across rebuilds by the long-lived plugin. Forgotten after a failed
    build or one that showed the content's problems, so the next build is a full one."""

    def __init__(self) -> None:
        self.last: BuiltSite | None = None

    def forget(self) -> None:
        self.last = None

    def remember(self, built: BuiltSite) -> None:
        self.last = built

    def plan(self, signature: str, sources: Mapping[str, str], outputs: Iterable[str], page_paths: Iterable[str]) -> Rebuild:
        last = self.last
        if last is None or last.signature != signature:
            return Rebuild(full=True, unchanged=frozenset(), stale_outputs=frozenset(), pages_added_or_removed=True)
        unchanged = frozenset(path for path, content in sources.items() if last.sources.get(path) == content)
        return Rebuild(full=False, unchanged=unchanged, stale_outputs=last.outputs - frozenset(outputs),
                       pages_added_or_removed=last.page_paths != frozenset(page_paths))


def merge_search_entries(page_urls: Iterable[str], rebuilt: Iterable[str], entries: Iterable[dict],
                         previous: Mapping[str, list]) -> dict[str, list]:
    """The search entries of every page, in the site's page order (as a full build lists them): a rebuilt
    page's from this build's entries, any other's from the last build's; pages gone leave the index."""
    this_build: dict[str, list] = {}
    for entry in entries:
        this_build.setdefault(entry["location"].split("#", 1)[0], []).append(entry)
    rebuilt = set(rebuilt)
    return {url: this_build.get(url, []) if url in rebuilt else list(previous.get(url, [])) for url in page_urls}
