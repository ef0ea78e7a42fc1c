"""One file of a cache that stands for the last build: written whole or not at all, older versions dropped.

Builds running at the same time never read a half-written file (it is renamed into place), and failing to
write costs only speed, never the build.
"""
from __future__ import annotations

import os
import tempfile
from pathlib import Path


def keep(file: Path, content: str | bytes, replaces: str | None = None) -> None:
    """Write content to file, then delete the files of its folder that match the glob `replaces` (but file)."""
    try:
        file.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=file.parent, prefix=".writing-")
        try:
            with os.fdopen(handle, "wb") as out:
                out.write(content.encode("utf-8") if isinstance(content, str) else content)
            os.replace(temporary, file)
        finally:  # stopped midway (a full disk, Ctrl-C): no half-written file is left behind
            Path(temporary).unlink(missing_ok=True)
        for other in file.parent.glob(replaces) if replaces else ():
            if other != file:
                other.unlink(missing_ok=True)
    except OSError:
        return
