"""A build writes into a fresh folder beside the site, and only a complete one is swapped in.

Shared by every engine: a build that fails, or is killed, leaves the previous site as it was.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path


class BuildFailed(Exception):
    pass


def staging_folder(target: Path) -> Path:
    """A new empty folder beside target (same file system, so the swap is two renames)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    return Path(tempfile.mkdtemp(prefix=f"{target.name}.building-", dir=target.parent))


def swap_in(staging: Path, target: Path) -> None:
    """Replace target with staging; between the two renames the old site still exists on disk."""
    retired = target.with_name(target.name + ".previous")
    shutil.rmtree(retired, ignore_errors=True)
    if target.exists():
        target.rename(retired)
    staging.rename(target)
    shutil.rmtree(retired, ignore_errors=True)
