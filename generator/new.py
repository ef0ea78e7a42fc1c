"""`guidance new`: a new site's starting point, a project folder with minimal valid content.

The files come from ``generator/starter/`` as they are: each teaches the format in its comments,
in words that name no force or inspection. Nothing is ever written over: the folder must be new or empty.
"""
from __future__ import annotations

import re
import secrets
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


_RECORDS_NAME_LINE = re.compile(r"^  # records_name: .*(?:\n  +# .*)*$", re.M)


def _name_the_records(site_file: Path, folder: Path) -> None:
    """Give the new site a records name of its own, made now: one made from the force's name would change when a
    typo in it is fixed, and the records kept before would no longer be shown."""
    stem = "-".join(re.findall(r"[a-z0-9]+", folder.resolve().name.lower()))[:40] or "site"
    line = (f"  records_name: {stem}-{secrets.token_hex(3)}   # what this site's audit records are kept under in a "
            "browser, apart from\n                          # other guidance sites'. Made by 'guidance new': never change it.")
    text = site_file.read_text(encoding="utf-8")
    site_file.write_text(_RECORDS_NAME_LINE.sub(lambda _: line, text, count=1), encoding="utf-8")


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
    _name_the_records(folder / CONTENT / "site.yml", folder)
    # No pages to begin with. Git keeps no empty folder, and MkDocs needs this one: a dotfile holds it
    # (MkDocs leaves dotfiles out of the site).
    keep = folder / PAGES / ".gitkeep"
    keep.parent.mkdir(parents=True, exist_ok=True)
    keep.write_text("Keeps this folder in git. Markdown files here become the site's own pages, "
                    "under 'About this site' in the menu.\n", encoding="utf-8")
    return [*written, keep]
