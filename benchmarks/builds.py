"""Full builds of one content folder, side by side: the generator, and plain tools on the same pages.

* the generator: ``mkdocs build`` with the project's mkdocs.yml, the ``guidance`` plugin
  reading the content folder;
* plain MkDocs: the same mkdocs.yml minus the plugin, over the pages the generator plans,
  written out as Markdown files (``write_pages``) with the generator's assets copied in
  and the settings the plugin would make (navigation, glossary, scripts) written into it;
* Zensical, over the same written-out pages and configuration, from its own virtualenv.

Both MkDocs builds then produce the same pages; ``compare_sites`` reports any difference.
"""
from __future__ import annotations

import shutil
import time
from dataclasses import dataclass
from pathlib import Path

import yaml

from timing import ROOT, VENV_BIN, Measured, run_measured

PROJECT_CONFIG = ROOT / "mkdocs.yml"
PLUGIN = "guidance"
PRUNE = "navigation.prune"
# What the plugin's on_config may set, copied into the plain configuration.
SETTINGS_THE_PLUGIN_MAKES = ("nav", "extra_css", "extra_javascript", "extra", "copyright", "use_directory_urls")


@dataclass(frozen=True)
class Inputs:
    generator_config: Path
    plain_config: Path
    plain_docs: Path
    write_pages_s: float


def _project_settings(prune: bool, docs_dir: Path | None = None) -> dict:
    settings = yaml.safe_load(PROJECT_CONFIG.read_text(encoding="utf-8"))
    features = [feature for feature in settings.get("theme", {}).get("features", []) if feature != PRUNE]
    if prune:
        features.append(PRUNE)
    settings["theme"]["features"] = features
    settings["docs_dir"] = str(docs_dir or ROOT / settings.get("docs_dir", "docs"))
    return settings


def _plugin_entry(settings: dict) -> dict:
    for entry in settings["plugins"]:
        if isinstance(entry, dict) and PLUGIN in entry:
            return entry
    raise RuntimeError(f"{PROJECT_CONFIG} does not use the '{PLUGIN}' plugin")


def _plain_data(value):
    """MkDocs' config objects as the lists and dicts YAML can write."""
    if hasattr(value, "items"):
        return {str(key): _plain_data(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain_data(item) for item in value]
    return value if value is None or isinstance(value, (str, int, float, bool)) else str(value)


def _dump(settings: dict, path: Path) -> Path:
    path.write_text(yaml.safe_dump(_plain_data(settings), sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def generator_config(work: Path, content_dir: Path, prune: bool = True, docs_dir: Path | None = None) -> Path:
    """The project's mkdocs.yml, reading content_dir (and hand-written pages from docs_dir), written into work."""
    work.mkdir(parents=True, exist_ok=True)
    settings = _project_settings(prune, docs_dir)
    entry = _plugin_entry(settings)
    # Audit exports belong to the content they answer: the project's for the shipped content, none for synthetic.
    audits = ROOT / "audits" if content_dir.resolve() == (ROOT / "checklists").resolve() else content_dir.parent / "audits"
    entry[PLUGIN] = {**(entry[PLUGIN] or {}), "content_dir": str(content_dir.resolve()), "audits_dir": str(audits.resolve())}
    return _dump(settings, work / f"generator{'' if prune else '-no-prune'}.yml")


def prepare(work: Path, content_dir: Path, prune: bool = True) -> Inputs:
    """Write the generator's configuration, and the plain configuration with its written-out pages."""
    from mkdocs.config import load_config

    from generator.build.date import build_date
    from generator.content import load_content
    from generator.render import assets
    from generator.render.site import plan_site, write_pages

    suffix = "" if prune else "-no-prune"
    # Both builds read the same copy of the site's hand-written pages (checklists/pages/), even if someone
    # edits them meanwhile. (docs/ is the editors' and developers' documentation: not part of the site.)
    hand_written = work / "docs-hand-written"
    shutil.rmtree(hand_written, ignore_errors=True)
    shutil.copytree(ROOT / "checklists" / "pages", hand_written)
    config_file = generator_config(work, content_dir, prune, hand_written)
    # The settings the plugin makes, read from a configuration it has seen.
    config = load_config(str(config_file))
    config.plugins.on_startup(command="build", dirty=False)
    config = config.plugins.on_config(config)

    plain_docs = work / f"docs-plain{suffix}"
    shutil.rmtree(plain_docs, ignore_errors=True)
    start = time.perf_counter()
    write_pages(plan_site(load_content(content_dir), build_date()), plain_docs)
    write_pages_s = time.perf_counter() - start
    shutil.copytree(hand_written, plain_docs, dirs_exist_ok=True)  # hand-written pages win, as in the plugin
    for destination, content in assets.files():
        target = plain_docs / destination
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)

    plain = _project_settings(prune, hand_written)
    plain["plugins"] = [entry for entry in plain["plugins"] if not (isinstance(entry, dict) and PLUGIN in entry)]
    plain["docs_dir"] = plain_docs.name  # relative: Zensical wants docs and site inside the config's folder
    plain["site_dir"] = f"site-zensical{suffix}"
    for key in SETTINGS_THE_PLUGIN_MAKES:
        plain[key] = config[key]
    plain["theme"]["features"] = list(config.theme["features"])  # the plugin may turn some off
    # The plugin's own extension (generator/build/html_blocks.py, an object, not a name) is ours, not the floor's.
    plain["markdown_extensions"] = [
        {name: config.mdx_configs[name]} if name in config.mdx_configs else name
        for name in config.markdown_extensions if isinstance(name, str)
    ]
    plain_config = _dump(plain, work / f"plain{suffix}.yml")
    return Inputs(config_file, plain_config, plain_docs, write_pages_s)


def mkdocs_build(config: Path, site_dir: Path) -> Measured:
    shutil.rmtree(site_dir, ignore_errors=True)
    return run_measured([str(VENV_BIN / "mkdocs"), "build", "--quiet", "-f", str(config), "-d", str(site_dir)],
                        cwd=config.parent, log=site_dir.with_suffix(".log")).check(f"mkdocs build -f {config.name}")


def zensical_build(zensical: Path, config: Path, clean: bool) -> Measured:
    """Zensical builds into site_dir of the configuration; clean empties its cache first (a cold build)."""
    command = [str(zensical), "build", "-f", str(config)] + (["--clean"] if clean else [])
    if clean:
        shutil.rmtree(config.parent / yaml.safe_load(config.read_text(encoding="utf-8"))["site_dir"], ignore_errors=True)
    log = config.parent / f"zensical-{'cold' if clean else 'warm'}.log"
    return run_measured(command, cwd=config.parent, log=log).check("zensical build")


def exclude_from_search(page: Path) -> None:
    """Mark a Markdown page 'search: exclude' in its front matter (Material's and Zensical's way)."""
    text = page.read_text(encoding="utf-8")
    body = text[len("---\n"):] if text.startswith("---\n") else "---\n" + text
    page.write_text("---\nsearch:\n  exclude: true\n" + body, encoding="utf-8")


def html_pages(site: Path) -> set[str]:
    return {path.relative_to(site).as_posix() for path in site.rglob("*.html")}


def compare_sites(generated: Path, plain: Path) -> str:
    """'' when both sites have the same pages, else what differs."""
    ours, theirs = html_pages(generated), html_pages(plain)
    if ours == theirs:
        return ""
    only_ours, only_theirs = sorted(ours - theirs), sorted(theirs - ours)
    return f"only in the generator's site: {only_ours[:5]} ({len(only_ours)}); only in the plain site: {only_theirs[:5]} ({len(only_theirs)})"
