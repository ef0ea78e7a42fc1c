"""Build the site with MkDocs into a fresh folder, then swap it in.

A build that fails, or is killed, leaves the previous site as it was: MkDocs writes into
``<site>.building-*``, and only a complete build is renamed into place.
"""
from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort, MkDocsException

from ..content import PAGES
from .atomic import BuildFailed, staging_folder, swap_in

__all__ = ["BuildFailed", "build_site"]


def build_site(config_file: Path, site_dir: Path | None = None, content_dir: Path | None = None,
               pdf: bool = False, cache: bool = True) -> Path:
    """Build into site_dir (default: the configuration's); pdf=True also prints the blank checklists to PDF;
    cache=False neither reads nor writes the cache of checked content files.

    With content_dir, the site's hand-written pages are that folder's ``pages/`` (the configuration's
    docs_dir names the default content's): a force's site carries no page written for another. A
    content folder without ``pages/`` gives a site of generated pages only."""
    try:
        config = load_config(str(config_file))
    except (MkDocsException, OSError) as error:
        raise BuildFailed(f"{config_file}: {error}") from None
    target = Path(site_dir or config.site_dir).resolve()
    no_pages = None
    if content_dir is not None:
        plugin_config = config.plugins["guidance"].config
        plugin_config.content_dir = str(Path(content_dir).resolve())
        pages = Path(content_dir).resolve() / PAGES
        if not pages.is_dir():
            no_pages = tempfile.TemporaryDirectory(prefix="guidance-no-pages-")
            pages = Path(no_pages.name)
        config.docs_dir = str(pages)
    if pdf:
        config.plugins["guidance"].config.pdf = True
    if not cache:
        config.plugins["guidance"].config.cache = False
    staging = staging_folder(target)
    config.site_dir = str(staging)
    try:
        build(config)
    except (MkDocsException, OSError) as error:
        shutil.rmtree(staging, ignore_errors=True)
        # MkDocs' own "Aborted with a BuildError!" says nothing the messages above have not said better.
        reason = "the problems above stopped it" if isinstance(error, Abort) else str(error).rstrip(".")
        raise BuildFailed(f"Build failed: {reason}.\nThe previous site in {target} is untouched.") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    finally:
        if no_pages is not None:
            no_pages.cleanup()
    swap_in(staging, target)
    return target
