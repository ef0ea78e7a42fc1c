"""Content text converted to HTML by earlier builds, so that a build converts only the text that is new.

Converting the content's Markdown is most of the time spent rendering pages (0.45 s of 0.5 s for the
shipped content, docs/benchmarks.md). A conversion depends only on the text, the glossary (terms become
<abbr>) and the converting code, so one file per glossary and code version keeps the HTML of the last
build, text by text. It is plain JSON, never code (see kept_file.py for how it is written); a file that is
unreadable or made by other code is ignored.
"""
from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path

from ..code_digest import code_digest
from ..kept_file import keep

_CONVERTING_CODE = ("markdown.py", "converted_texts.py")
_PREFIX = "converted-"


def _fingerprint(glossary: Mapping[str, str]) -> str:
    here = Path(__file__).parent
    return code_digest([here / name for name in _CONVERTING_CODE], ("Markdown",),
                       salt=json.dumps(sorted(glossary.items())))[:24]


class ConvertedTexts:
    """The conversions of the last build with this glossary and code, kept in `folder`."""

    def __init__(self, folder: Path, glossary: Mapping[str, str]):
        self.folder = Path(folder)
        self.file = self.folder / f"{_PREFIX}{_fingerprint(glossary)}.json"

    def read(self) -> dict[str, str]:
        try:
            kept = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return {}
        if not isinstance(kept, dict) or not all(isinstance(v, str) for v in kept.values()):
            return {}
        return kept

    def write(self, converted: Mapping[str, str]) -> None:
        """Keep exactly what this build converted (so the file never grows past one build's text), and drop the
        files of other glossaries or code, which no build will read again."""
        keep(self.file, json.dumps(dict(converted), ensure_ascii=False, separators=(",", ":")), f"{_PREFIX}*.json")
