"""One file of a cache that stands for the last build: written whole or not at all, older versions dropped.

Builds running at the same time never read a half-written file (it is renamed into place), and failing to
write costs only speed, never the build.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def keep(file: Path, text: str, replaces: str) -> None:
    """Write text to file, then delete the files of its folder that match the glob `replaces` (but file)."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".writing-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(text)
        os.replace(temporary, file)
        for other in file.parent.glob(replaces):
            if other != file:
                other.unlink(missing_ok=True)
    except OSError:
        return
