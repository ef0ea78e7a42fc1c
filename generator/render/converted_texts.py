"""Content text converted to HTML by earlier builds, so that a build converts only the text that is new.

Converting the content's Markdown is most of the time spent rendering pages (0.45 s of 0.5 s for the
shipped content, docs/benchmarks.md). A conversion depends only on the text, the glossary (terms become
<abbr>) and the converting code, so one file per glossary and code version keeps the HTML of the last
build, text by text. It is plain JSON, never code, written to a temporary file and renamed into place.
A file that is unreadable or made by other code is ignored, and failing to write one costs only speed.
"""
from __future__ import annotations

import hashlib
import json
import os
import tempfile
from collections.abc import Mapping
from importlib import metadata
from pathlib import Path

_CONVERTING_CODE = ("markdown.py", "converted_texts.py")
_PREFIX = "converted-"


def _fingerprint(glossary: Mapping[str, str]) -> str:
    here = Path(__file__).parent
    digest = hashlib.sha256(metadata.version("markdown").encode())
    for name in _CONVERTING_CODE:
        digest.update((here / name).read_bytes())
    digest.update(json.dumps(sorted(glossary.items())).encode())
    return digest.hexdigest()[:24]


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
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=self.folder, prefix=".writing-")
            with os.fdopen(handle, "w", encoding="utf-8") as out:
                json.dump(dict(converted), out, ensure_ascii=False, separators=(",", ":"))
            os.replace(temporary, self.file)
            for other in self.folder.glob(f"{_PREFIX}*.json"):
                if other != self.file:
                    other.unlink(missing_ok=True)
        except OSError:
            return
