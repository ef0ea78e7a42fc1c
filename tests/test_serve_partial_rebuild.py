"""`mkdocs serve --dirty` (as `make serve` runs it) rebuilds only what a save changed, and the site it serves
is the site a full build makes of the same content, file for file, after every kind of edit."""
from __future__ import annotations

import contextlib
import copy
import gzip
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import SimpleNamespace

import jinja2
import yaml

from conftest import ROOT
from generator.build.partial import RebuildMemory, BuiltSite, merge_search_entries
from generator.mkdocs_plugin import _ThemeListing

# One day for both builds, so the pages' build date cannot differ.
ENVIRONMENT = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1767225600"}
CHECKLIST = "self-audit/case-file-quality.yml"
AREA = "areas/decision-making.yml"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _config(content_dir: Path, folder: Path, site_url: str) -> Path:
    """The shipped configuration over content_dir. The policy is off, as under `mkdocs serve` (whose live
    reload is an inline script), and the site URL is the server's, which `mkdocs serve` sets."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(content_dir / "pages")
    config["site_url"] = site_url
    for index, plugin in enumerate(config["plugins"]):
        if isinstance(plugin, dict) and "guidance" in plugin:
            config["plugins"][index] = {"guidance": {"content_dir": str(content_dir), "content_security_policy": False}}
    path = folder / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


class DirtyServer:
    """`mkdocs serve --dirty` in a subprocess, whose temporary site folder is found in its own TMPDIR."""

    def __init__(self, config: Path, port: int, folder: Path):
        self.log = folder / "serve.log"
        self.temp = folder / "serve-tmp"
        self.temp.mkdir()
        with open(self.log, "w") as log:
            self.process = subprocess.Popen(
                # The configuration named as a user in its folder types it: MkDocs gives its full path only from
                # the first rebuild on, which must not count as a change of every page.
                [sys.executable, "-m", "mkdocs", "serve", "--dirty", "-f", config.name, "--dev-addr", f"127.0.0.1:{port}"],
                cwd=config.parent, stdout=log, stderr=subprocess.STDOUT, env={**ENVIRONMENT, "TMPDIR": str(self.temp)})
        self.builds_seen = 0

    def wait_for_build(self, seconds: float = 90) -> str:
        """The log of the next build, once it is done and the watcher has settled (no other build started)."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            assert self.process.poll() is None, self.log.read_text()
            text = self.log.read_text()
            # A build ends with the browsers reloaded; the first one with the server started. (Not counted by
            # "Documentation built in": MkDocs logs a message once only, so a build as long as an earlier one
            # is silent.)
            builds = text.count("Reloading browsers") + ("Serving on" in text)
            last_line = text.rstrip().rsplit("\n", 1)[-1]
            if builds > self.builds_seen and ("Reloading browsers" in last_line or "Serving on" in last_line):
                time.sleep(1.0)
                if self.log.read_text() == text:
                    build_log = text.split("Building documentation...")[-1]
                    self.builds_seen = builds
                    return build_log
                continue
            time.sleep(0.2)
        raise AssertionError(f"no build done within {seconds} s:\n{self.log.read_text()}")

    @property
    def site(self) -> Path:
        (folder,) = self.temp.glob("mkdocs_*")
        return folder

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=30)


def _full_build(config: Path, site: Path) -> Path:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "-q", "-f", str(config), "--site-dir", str(site)],
                   check=True, env=ENVIRONMENT, capture_output=True)
    return site


def _site_files(site: Path) -> dict[str, object]:
    """Every file of a site by path; the search index as data (its JSON is the same data however written)."""
    files = {}
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        name = path.relative_to(site).as_posix()
        data = path.read_bytes()
        if name == "search/search_index.json":
            files[name] = json.loads(data)
        elif name == "search/search_index.js":
            files[name] = json.loads(data.decode().removeprefix("var __index = "))
        elif name.endswith(".gz"):
            files[name] = gzip.decompress(data)  # the gzip header holds a time
        else:
            files[name] = data
    return files


def _assert_same_site(served: Path, built: Path) -> None:
    served_files, built_files = _site_files(served), _site_files(built)
    assert sorted(served_files) == sorted(built_files), "the served site has other files than a full build"
    different = [name for name in built_files if served_files[name] != built_files[name]]
    assert not different, f"served by the partial rebuild, different from a full build: {different}"


def _save(path: Path, text: str) -> None:
    """Saved in one step, as editors do."""
    temporary = path.with_suffix(".saving")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(path)


def _edit_yaml(path: Path, change) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    change(data)
    _save(path, yaml.safe_dump(data, sort_keys=False, allow_unicode=True))


def _new_recommendation(area: dict) -> None:
    recommendation = copy.deepcopy(area["recommendations"][0])
    recommendation["id"] = "DM9"
    recommendation["text"] = "Check that partial rebuilds keep every page right."
    recommendation.pop("points", None)
    for finding in recommendation.get("findings", {}).values():
        finding.pop("points", None)
    area["recommendations"].append(recommendation)


def _first_item(checklist: dict) -> dict:
    return checklist["sections"][0]["items"][0]


@contextlib.contextmanager
def _serving(content: Path, folder: Path):
    port = _free_port()
    config = _config(content, folder, f"http://127.0.0.1:{port}/")
    server = DirtyServer(config, port, folder)
    try:
        server.wait_for_build()
        yield server, config
    finally:
        server.stop()


def test_partial_rebuilds_under_serve_give_the_site_a_full_build_gives(content_copy, tmp_path):
    glossary = content_copy / "glossary.yml"
    # A hand-written page: in the menu by its heading, marked up with the glossary, linking to generated pages.
    about = content_copy / "pages" / "about.md"
    about.parent.mkdir(exist_ok=True)
    about.write_text("# About\n\nHow HMICFRS graded [the case files](self-audit/case-file-quality.md).\n", encoding="utf-8")
    with _serving(content_copy, tmp_path) as (server, config):
        checkpoint = 0

        def compare() -> None:
            nonlocal checkpoint
            checkpoint += 1
            _assert_same_site(server.site, _full_build(config, tmp_path / f"full-{checkpoint}"))

        # A word changed in a checklist item: only the pages that show it are rebuilt.
        _edit_yaml(content_copy / CHECKLIST, lambda c: _first_item(c).update(text=_first_item(c)["text"] + " Recently?"))
        log = server.wait_for_build()
        assert "Partial rebuild:" in log and "dirty" not in log, log
        compare()

        # An item added, a recommendation added, then changed.
        _edit_yaml(content_copy / CHECKLIST, lambda c: c["sections"][0]["items"].append(
            {"id": "serve-added", "text": "Was the added question answered?", "recommendations": ["DM1"]}))
        server.wait_for_build()
        _edit_yaml(content_copy / AREA, _new_recommendation)
        server.wait_for_build()
        compare()
        _edit_yaml(content_copy / AREA, lambda a: a["recommendations"][-1].update(text="Keep every page right."))
        assert "Partial rebuild:" in server.wait_for_build()
        compare()

        # The hand-written page's heading, which every page's menu shows.
        _save(about, about.read_text(encoding="utf-8").replace("# About", "# About this guidance"))
        server.wait_for_build()

        # A glossary term added (marked up on every page, hand-written ones too), then changed.
        _edit_yaml(glossary, lambda g: g["terms"].append(
            {"term": "QZX", "meaning": "a term added while serving", "description": "Added to test rebuilds."}))
        server.wait_for_build()
        _edit_yaml(glossary, lambda g: g["terms"][-1].update(meaning="a term changed while serving"))
        server.wait_for_build()
        compare()

        # A page title changed, so the menu of every page changes.
        _edit_yaml(content_copy / CHECKLIST, lambda c: c.update(title=c["title"] + " (renamed)"))
        server.wait_for_build()
        compare()

        # Bad content shows the problems in place of the site; the fix brings back the whole site.
        good = (content_copy / AREA).read_text(encoding="utf-8")
        _save(content_copy / AREA, good.replace("id: DM9", "id: [DM9", 1))
        assert "problem" in server.wait_for_build()
        _save(content_copy / AREA, good)
        server.wait_for_build()
        compare()

        # The item, the recommendation and the term removed: their pages and search entries go.
        _edit_yaml(content_copy / CHECKLIST, lambda c: c["sections"][0]["items"].pop())
        server.wait_for_build()
        _edit_yaml(content_copy / AREA, lambda a: a["recommendations"].pop())
        server.wait_for_build()
        _edit_yaml(glossary, lambda g: g["terms"].pop())
        server.wait_for_build()
        compare()
        assert not (server.site / "areas" / "decision-making" / "dm9.html").exists()


def _built(signature="settings", sources=None, outputs=("a.html", "b.html"), pages=("a.md", "b.md")) -> BuiltSite:
    return BuiltSite(signature=signature, sources=sources or {"a.md": "1", "b.md": "2"}, outputs=frozenset(outputs),
                     page_paths=frozenset(pages))


def test_a_rebuild_keeps_only_files_whose_content_is_unchanged_while_the_site_wide_settings_are():
    memory = RebuildMemory()
    assert memory.plan("settings", {"a.md": "1"}, ["a.html"], ["a.md"]).full  # nothing built yet
    memory.remember(_built())
    same = memory.plan("settings", {"a.md": "1", "b.md": "changed"}, ["a.html", "b.html"], ["a.md", "b.md"])
    assert not same.full and same.unchanged == {"a.md"} and not same.stale_outputs and not same.pages_added_or_removed
    removed = memory.plan("settings", {"a.md": "1"}, ["a.html"], ["a.md"])
    assert removed.stale_outputs == {"b.html"} and removed.pages_added_or_removed
    assert memory.plan("menu changed", {"a.md": "1", "b.md": "2"}, ["a.html", "b.html"], ["a.md", "b.md"]).full
    memory.forget()  # after a failed build, or one showing the content's problems
    assert memory.plan("settings", {"a.md": "1", "b.md": "2"}, ["a.html", "b.html"], ["a.md", "b.md"]).full


def test_search_entries_of_rebuilt_pages_replace_theirs_and_removed_pages_leave_the_index():
    previous = {"a.html": [{"location": "a.html", "text": "old a"}], "b.html": [{"location": "b.html", "text": "b"}],
                "gone.html": [{"location": "gone.html", "text": "gone"}]}
    entries = [{"location": "a.html", "text": "new a"}, {"location": "a.html#part", "text": "new part"}]
    merged = merge_search_entries(["b.html", "a.html", "new.html"], ["a.html", "new.html"], entries, previous)
    assert merged == {"b.html": [{"location": "b.html", "text": "b"}],
                      "a.html": [{"location": "a.html", "text": "new a"}, {"location": "a.html#part", "text": "new part"}],
                      "new.html": []}


def test_an_edit_to_an_overridden_theme_template_counts_as_site_wide(content_copy, tmp_path):
    """Every page is rendered with the overrides folder's templates, so their edit rebuilds every page."""
    from mkdocs.config import load_config

    overrides = tmp_path / "overrides"
    overrides.mkdir()
    template = overrides / "main.html"
    template.write_text('{% extends "base.html" %}', encoding="utf-8")
    settings = yaml.safe_load(_config(content_copy, tmp_path, "http://127.0.0.1:8000/").read_text(encoding="utf-8"))
    settings["theme"]["custom_dir"] = str(overrides)
    config_file = tmp_path / "with-overrides.yml"
    config_file.write_text(yaml.safe_dump(settings), encoding="utf-8")
    config = load_config(str(config_file))
    plugin = config.plugins["guidance"]

    before = plugin._signature(config, [])
    assert plugin._signature(config, []) == before
    os.utime(template, ns=(time.time_ns(), time.time_ns() + 10**9))
    assert plugin._signature(config, []) != before


def test_under_serve_the_installed_theme_is_listed_once_and_its_overrides_at_every_build(tmp_path):
    installed, overrides = tmp_path / "theme", tmp_path / "overrides"
    (installed / "assets").mkdir(parents=True)
    overrides.mkdir()
    (installed / "assets" / "a.js").write_text("a", encoding="utf-8")
    (installed / "main.html").write_text("<html>", encoding="utf-8")
    theme = SimpleNamespace(
        dirs=[str(overrides), str(installed)], custom_dir=str(overrides), static_templates={"sitemap.xml"},
        get_env=lambda: jinja2.Environment(loader=jinja2.FileSystemLoader([str(overrides), str(installed)])))
    listing = _ThemeListing()

    def files_to_copy() -> list[str]:
        return listing.get_env(theme)().list_templates(filter_func=lambda name: not name.endswith(".html"))

    assert files_to_copy() == ["assets/a.js"]
    (overrides / "assets").mkdir()
    (overrides / "assets" / "b.js").write_text("b", encoding="utf-8")  # an override added while serving
    (installed / "assets" / "c.js").write_text("c", encoding="utf-8")  # the installed theme is not re-read
    assert files_to_copy() == ["assets/a.js", "assets/b.js"]
    # Any other listing is the environment's own.
    assert listing.get_env(theme)().list_templates() == ["assets/a.js", "assets/b.js", "assets/c.js", "main.html"]
