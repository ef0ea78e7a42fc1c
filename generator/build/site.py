"""Build the site with MkDocs into a fresh folder, then swap it in.

A build that fails, or is killed, leaves the previous site as it was: MkDocs writes into
``<site>.building-*``, and only a complete build is renamed into place.
"""
from __future__ import annotations

import shutil
from pathlib import Path

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import MkDocsException

from .atomic import BuildFailed, staging_folder, swap_in

__all__ = ["BuildFailed", "build_site"]


def build_site(config_file: Path, site_dir: Path | None = None, content_dir: Path | None = None,
               pdf: bool = False, cache: bool = True) -> Path:
    """Build into site_dir (default: the configuration's); pdf=True also prints the blank checklists to PDF;
    cache=False neither reads nor writes the cache of checked content files."""
    try:
        config = load_config(str(config_file))
    except (MkDocsException, OSError) as error:
        raise BuildFailed(f"{config_file}: {error}") from None
    target = Path(site_dir or config.site_dir).resolve()
    if content_dir is not None:
        plugin_config = config.plugins["guidance"].config
        plugin_config.content_dir = str(Path(content_dir).resolve())
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
        raise BuildFailed(f"Build failed: {error}\nThe previous site in {target} is untouched.") from None
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    swap_in(staging, target)
    return target

