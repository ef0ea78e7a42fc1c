"""Build the site with Zensical, the successor of Material for MkDocs, from the same plan as the plugin.

Zensical reads mkdocs.yml but runs no third-party plugin: ours would be skipped and the build would
succeed with our pages missing. So this adapter does the plugin's work around the build instead:
it plans the pages from the content, writes them, our assets and a configuration for Zensical into
a work folder beside mkdocs.yml (``.cache/zensical/``, which git ignores; never into the hand-written
pages), runs Zensical, then adds the Content-Security-Policy to every page (hashes computed from each
built page) and checks that every planned page was built.

Zensical is an optional dependency (``pip install '.[zensical]'``), pinned to the version tested here.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import yaml
from markupsafe import escape

from ..content import PAGES
from ..content_cache import default_folder
from ..model import GlossaryTerm
from ..problems import ContentError, format_problems
from ..render import assets as site_assets
from ..render.csp import add_content_security_policy
from ..render.markdown import glossary_abbreviations
from ..render.search_terms import SearchAbbreviations
from ..render.site import (
    SitePlan, hand_written_pages, menu_config, page_url, search_settings, with_front_matter,
)
from .atomic import BuildFailed, staging_folder, swap_in
from .plan_cache import plan_folders

TESTED_VERSION = "0.0.73"
PLUGIN = "guidance"
# The plugin's options and their defaults (the MkDocs plugin declares the same in GuidancePluginConfig).
OPTIONS = {"content_dir": "checklists", "audits_dir": "audits", "offline": True, "content_security_policy": True,
           "cache": True}
WORK_FOLDER = Path(".cache") / "zensical"
# Zensical's offline plugin adds a shim from a public CDN to every page unless a polyfill's path names
# "iframe-worker": ours, copied under that name, takes its place (search from file://, nothing fetched).
_OFFLINE_FOLDER = "assets/guidance/iframe-worker/"
OFFLINE_SHIM = _OFFLINE_FOLDER + "shim.js"
_WORKER_FOLDER = "assets/guidance/file-worker/"


@dataclass(frozen=True)
class Prepared:
    """A work folder ready for Zensical: its configuration, the pages written out, and what must come out."""

    config: Path
    docs: Path
    site: Path  # where Zensical writes the site, inside the work folder (it wants both beside its configuration)
    expected_pages: frozenset[str]  # the HTML files the plan promises, relative to the site
    content_security_policy: bool
    watched: Path  # the content folder, which serve watches
    glossary: tuple[GlossaryTerm, ...]  # its abbreviations go into the search index (render/search_terms.py)


def zensical_available() -> bool:
    try:
        import zensical  # noqa: F401
    except ImportError:
        return False
    return True


def build_with_zensical(config_file: Path, site_dir: Path | None = None, content_dir: Path | None = None,
                        cache: bool = True, work_dir: Path | None = None) -> Path:
    """Build into site_dir (default: the configuration's); the previous site stays until the new one is whole.
    work_dir: where Zensical's configuration, pages and cache go (default: .cache/zensical beside mkdocs.yml)."""
    settings = read_settings(config_file)
    target = (Path(site_dir) if site_dir else config_file.parent / settings.get("site_dir", "site")).resolve()
    try:
        prepared = prepare(config_file, settings, content_dir, cache, work_dir=work_dir)
    except ContentError as error:
        raise BuildFailed(f"{format_problems(error.problems)}\nThe content has {len(error.problems)} problem(s); "
                          f"nothing was built and the previous site in {target} is untouched.") from None
    shutil.rmtree(prepared.site, ignore_errors=True)
    _run_zensical("build", prepared.config, "--clean")
    finish(prepared)
    staging = staging_folder(target)
    staging.rmdir()
    shutil.move(str(prepared.site), staging)
    swap_in(staging, target)
    return target


def read_settings(config_file: Path) -> dict:
    """The MkDocs configuration as plain data (``!ENV`` read as MkDocs does)."""
    try:
        with open(config_file, encoding="utf-8") as stream:
            settings = yaml.load(stream, Loader=_ConfigLoader) or {}  # noqa: S506 (safe: a SafeLoader subclass)
    except OSError as error:
        raise BuildFailed(f"{config_file}: {error.strerror}") from None
    except yaml.YAMLError as error:
        raise BuildFailed(f"{config_file}: not a configuration Zensical can be given: {error}") from None
    if not isinstance(settings, dict):
        raise BuildFailed(f"{config_file}: a configuration is a mapping of settings")
    return settings


def plugin_options(settings: dict) -> dict:
    for entry in settings.get("plugins") or []:
        if entry == PLUGIN:
            return dict(OPTIONS)
        if isinstance(entry, dict) and PLUGIN in entry:
            return {**OPTIONS, **(entry[PLUGIN] or {})}
    raise BuildFailed(f"The configuration does not use the '{PLUGIN}' plugin, so it names no content to build.")


def prepare(config_file: Path, settings: dict, content_dir: Path | None = None, cache: bool = True,
            serving: bool = False, work_dir: Path | None = None) -> Prepared:
    """Plan the site and write everything Zensical reads into the work folder (changed files only)."""
    base = config_file.resolve().parent
    options = plugin_options(settings)
    explicit_content = content_dir is not None
    content_dir = Path(content_dir).resolve() if content_dir else (base / options["content_dir"]).resolve()
    planned = plan_folders(content_dir, (base / options["audits_dir"]).resolve(), options["audits_dir"],
                           cache_folder=default_folder(base) if cache and options["cache"] else None)
    content, plan = planned.content, planned.plan
    for problem in planned.audits.problems:
        print(f"WARNING - {options['audits_dir']}/{problem} (file skipped)", file=sys.stderr)
    hand_written_dir = _hand_written_folder(base, settings, content_dir if explicit_content else None)
    hand_written = hand_written_pages(plan, hand_written_dir)

    work = Path(work_dir).resolve() if work_dir else base / WORK_FOLDER
    docs = work / "docs"
    wanted: dict[str, bytes] = {}
    for page in plan.pages:
        # Zensical reads no title the plugin would set: each page names its own, escaped as the plugin escapes it
        # (the theme prints a meta title as it is).
        title = {} if page.path == "index.md" else {"title": str(escape(page.title))}
        wanted[page.path] = with_front_matter(page.markdown, {**title, **search_settings(page)}).encode("utf-8")
    for path in hand_written:
        wanted[path] = (hand_written_dir / path).read_bytes()
    for destination, data in [*site_assets.files(), *plan.assets]:
        wanted[destination] = data
        if destination.startswith(_WORKER_FOLDER):  # the shim and the worker page it loads beside it
            wanted[_OFFLINE_FOLDER + destination[len(_WORKER_FOLDER):]] = data
    _write_changed(docs, wanted)

    config = work / "zensical.yml"
    zensical_settings = _zensical_settings(settings, options, content, plan, hand_written, serving)
    _write_if_changed(config, yaml.safe_dump(zensical_settings, sort_keys=False, allow_unicode=True).encode())
    expected = frozenset(page_url(page.path) for page in plan.pages) | {page_url(path) for path in hand_written}
    return Prepared(config, docs, work / "site", expected, bool(options["content_security_policy"]) and not serving,
                    content_dir, content.glossary)


def _hand_written_folder(base: Path, settings: dict, content_dir: Path | None) -> Path:
    """As for MkDocs (build/site.py): content named on the command line brings its own pages/, or none."""
    if content_dir is not None:
        return content_dir / PAGES
    return (base / settings.get("docs_dir", "docs")).resolve()


def finish(prepared: Prepared) -> None:
    """After Zensical: every planned page is there (a build that drops pages fails), each carries its policy,
    and the search index can be read from a folder."""
    built = {path.relative_to(prepared.site).as_posix() for path in prepared.site.rglob("*.html")}
    missing = sorted(prepared.expected_pages - built)
    if missing:
        raise BuildFailed(f"Zensical built {len(prepared.expected_pages) - len(missing)} of the "
                          f"{len(prepared.expected_pages)} pages planned; missing: {', '.join(missing[:10])}"
                          + (" …" if len(missing) > 10 else "") + ". The previous site is untouched.")
    if prepared.content_security_policy:
        for path in prepared.site.rglob("*.html"):
            path.write_text(add_content_security_policy(path.read_text(encoding="utf-8")), encoding="utf-8")
    site_assets.write_search_index_script(prepared.site)
    _add_abbreviations_to_search(prepared.site, prepared.glossary)


def _add_abbreviations_to_search(site: Path, glossary) -> None:
    """As the MkDocs plugin does, in Zensical's index and in the copy of it its offline plugin writes for file://."""
    index_file = site / "search.json"
    if not index_file.is_file():
        return
    _write_abbreviated(site, json.loads(index_file.read_text(encoding="utf-8")), glossary)


def _write_abbreviated(site: Path, index: dict, glossary) -> None:
    SearchAbbreviations(glossary).add_to_entries(index.get("items", []))
    written = json.dumps(index, ensure_ascii=False, separators=(",", ":"))
    # Each file whole, renamed into place: under `serve`, Zensical's server may be sending it meanwhile.
    for name, text in (("search.json", written), ("search.js", f"var __index = {written};")):
        if name == "search.json" or (site / name).is_file():
            part = site / f".{name}.part"
            part.write_text(text, encoding="utf-8")
            os.replace(part, site / name)


class _IndexAbbreviations:
    """Under `serve`, Zensical writes its search index again at every build of its own: each new one is given the
    glossary's abbreviations, as finish() gives a built site's."""

    def __init__(self, site: Path, glossary):
        self.site, self.glossary, self.written = site, glossary, None

    def add_to_new_index(self) -> None:
        index_file = self.site / "search.json"
        try:
            seen = index_file.stat()
            if (seen.st_mtime_ns, seen.st_size) == self.written:
                return
            index = json.loads(index_file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return  # not there yet, or being written: the next look
        _write_abbreviated(self.site, index, self.glossary)
        done = index_file.stat()
        self.written = (done.st_mtime_ns, done.st_size)


def _zensical_settings(settings: dict, options: dict, content, plan: SitePlan, hand_written: list[str],
                       serving: bool) -> dict:
    """The project's settings as Zensical needs them, with what the MkDocs plugin would have set."""
    result = {key: value for key, value in settings.items() if key not in ("docs_dir", "site_dir", "plugins")}
    result["docs_dir"] = "docs"
    result["site_dir"] = "site"
    result["site_name"] = str(escape(content.site.title))
    if not result.get("nav"):
        result["nav"] = menu_config(plan, hand_written)
    # Zensical writes pages itself under `serve`, so nothing could add a link for print only: print.css is linked
    # as the others are, after site.css (its rules are for print all the same; it only holds up the page on screen).
    result["extra_css"] = [*site_assets.LINKED_STYLESHEETS, site_assets.PRINT_STYLESHEET, *(settings.get("extra_css") or [])]
    result["extra_javascript"] = [*site_assets.SCRIPTS, *(settings.get("extra_javascript") or [])]
    result.setdefault("copyright", site_assets.citation(content))
    extensions = _extensions(settings.get("markdown_extensions") or [])
    for name in ("abbr", "attr_list"):
        extensions.setdefault(name, {})
    extensions["abbr"] = {**extensions["abbr"], "glossary": {**glossary_abbreviations(content.glossary),
                                                             **(extensions["abbr"] or {}).get("glossary", {})}}
    result["markdown_extensions"] = [{name: config} if config else name for name, config in extensions.items()]
    theme = dict(result.get("theme") or {})
    # Zensical's "modern" look has a light footer where our citation reads at 1.1:1; "classic" is Material's.
    theme.setdefault("variant", "classic")
    # Zensical adds a hidden, focusable colour toggle even for one palette; its default colours are the same.
    theme.pop("palette", None)
    features = list(theme.get("features") or [])
    if options["offline"] and not result.get("site_url") and not serving:
        # As in the MkDocs plugin: without site_url, instant navigation stops every page script from a folder.
        features = [feature for feature in features if feature != "navigation.instant"]
    theme["features"] = features
    result["theme"] = theme
    extra = dict(result.get("extra") or {})
    # Zensical's search takes only a separator of Material's search options.
    search_options = next((entry["search"] for entry in settings.get("plugins") or []
                           if isinstance(entry, dict) and "search" in entry), None) or {}
    plugins: list = [{"search": {"separator": search_options["separator"]}} if "separator" in search_options else "search"]
    if options["offline"]:
        result["use_directory_urls"] = False
        extra["polyfills"] = [OFFLINE_SHIM]
        plugins.append("offline")
    result["extra"] = extra
    result["plugins"] = plugins
    return result


def _extensions(entries: list) -> dict:
    extensions: dict = {}
    for entry in entries:
        if isinstance(entry, str):
            extensions[entry] = {}
        elif isinstance(entry, dict):
            for name, config in entry.items():
                extensions[name] = dict(config or {})
    return extensions


def _write_changed(folder: Path, wanted: dict[str, bytes]) -> None:
    """Make folder hold exactly `wanted`, writing only what changed, so Zensical's cache and watcher see
    only real changes."""
    folder.mkdir(parents=True, exist_ok=True)
    for path in folder.rglob("*"):
        if path.is_file() and path.relative_to(folder).as_posix() not in wanted:
            path.unlink()
    for relative, data in wanted.items():
        _write_if_changed(folder / relative, data)


def _write_if_changed(path: Path, data: bytes) -> None:
    try:
        if path.read_bytes() == data:
            return
    except OSError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _run_zensical(command: str, config: Path, *arguments: str) -> None:
    if not zensical_available():
        raise BuildFailed("Zensical is not installed. Install it with: .venv/bin/pip install -e '.[zensical]' "
                          f"(version {TESTED_VERSION} is the one tested).")
    result = subprocess.run([sys.executable, "-m", "zensical", command, "-f", str(config), *arguments],
                            cwd=config.parent, capture_output=True, text=True)
    if result.returncode != 0:
        output = (result.stderr or result.stdout).strip()
        raise BuildFailed(f"Zensical's build failed:\n{output}\nThe previous site is untouched.")


class _ConfigLoader(yaml.SafeLoader):
    """MkDocs' own tags as MkDocs reads them; any other tag is refused with its name."""


def _environment_value(loader: yaml.SafeLoader, node: yaml.Node):
    names = loader.construct_sequence(node) if isinstance(node, yaml.SequenceNode) else [loader.construct_scalar(node)]
    *variables, default = names if len(names) > 1 else (*names, None)
    for variable in variables:
        if variable in os.environ:
            return yaml.safe_load(os.environ[variable])
    return default


_ConfigLoader.add_constructor("!ENV", _environment_value)


def serve_with_zensical(config_file: Path, content_dir: Path | None = None, address: str = "127.0.0.1:8000",
                        poll_seconds: float = 0.5) -> int:
    """Serve with Zensical, re-planning the pages whenever the content, the hand-written pages or the audit
    exports change: Zensical's own watcher sees only its docs folder, which this keeps up to date. Bad content
    is reported with the same located messages as `guidance validate`, and the site served stays as it was."""
    settings = read_settings(config_file)
    prepared = prepare_reporting(config_file, settings, content_dir)
    if prepared is None:
        return 1
    watched = _watched_folders(config_file, settings, prepared)
    # Stopped by a service manager (SIGTERM) as by Ctrl+C: either way Zensical's server is stopped too.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    server = subprocess.Popen([sys.executable, "-m", "zensical", "serve", "-f", str(prepared.config), "-a", address],
                              cwd=prepared.config.parent)
    print(f"Serving on http://{address}/ with Zensical; watching {', '.join(str(folder) for folder in watched)}",
          file=sys.stderr, flush=True)
    seen = _snapshot(watched)
    abbreviations = _IndexAbbreviations(prepared.site, prepared.glossary)
    try:
        while server.poll() is None:
            time.sleep(poll_seconds)
            abbreviations.add_to_new_index()
            now = _snapshot(watched)
            if now != seen:
                seen = now
                renewed = prepare_reporting(config_file, read_settings(config_file), content_dir)
                if renewed is not None:
                    abbreviations.glossary = renewed.glossary
                    print("Content changed: pages written again.", file=sys.stderr, flush=True)
    except (KeyboardInterrupt, SystemExit):
        pass
    finally:
        if server.poll() is None:
            server.terminate()
            server.wait(timeout=10)
    return 0


def prepare_reporting(config_file: Path, settings: dict, content_dir: Path | None) -> Prepared | None:
    """prepare() for serving: problems printed, as the validator prints them, and None."""
    try:
        return prepare(config_file, settings, content_dir, serving=True)
    except ContentError as error:
        print(format_problems(error.problems), file=sys.stderr)
        print(f"The content has {len(error.problems)} problem(s): the site served is unchanged until they are "
              "fixed.", file=sys.stderr, flush=True)
        return None


def _watched_folders(config_file: Path, settings: dict, prepared: Prepared) -> list[Path]:
    base = config_file.resolve().parent
    options = plugin_options(settings)
    folders = [prepared.watched, (base / settings.get("docs_dir", "docs")).resolve(), (base / options["audits_dir"]).resolve()]
    return [folder for folder in dict.fromkeys(folders) if folder.is_dir()]


def _snapshot(folders: list[Path]) -> dict[str, tuple[int, int]]:
    """Each file's modification time and size: polling, as it needs no extra package and the folders are small."""
    files = {}
    for folder in folders:
        for path in folder.rglob("*"):
            try:
                stat = path.stat()
            except OSError:
                continue
            if path.is_file():
                files[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return files
