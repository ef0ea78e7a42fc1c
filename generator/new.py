"""`guidance new`: a new site's starting point, a project folder with minimal valid content.

The files come from ``generator/starter/`` as they are: each teaches the format in its comments,
in words that name no force or inspection. Nothing is ever written over: the folder must be new or empty.
"""
from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

CONTENT = "checklists"  # the content folder's name inside the project (mkdocs.yml says so)
PAGES = f"{CONTENT}/pages"  # the force's own hand-written pages, none to begin with


class FolderNotEmpty(Exception):
    pass


def starter_files() -> list[Path]:
    root = Path(str(resources.files("generator") / "starter"))
    return sorted(path.relative_to(root) for path in root.rglob("*") if path.is_file())


def make_new_site(folder: Path) -> list[Path]:
    """Copy the starter files into folder (created if missing); returns the files written."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise FolderNotEmpty(f"{folder}: {'this folder is not empty' if folder.is_dir() else 'this is a file'}; "
                             "nothing was written. Name a new folder, or an empty one.")
    root = Path(str(resources.files("generator") / "starter"))
    written = []
    for relative in starter_files():
        target = folder / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(root / relative, target)
        written.append(target)
    (folder / PAGES).mkdir(parents=True, exist_ok=True)
    return written
