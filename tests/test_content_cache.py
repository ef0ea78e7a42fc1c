"""The cache of checked content files: a warm load is the same as a cold one, only changed files
are checked again, every message is as without it, and nothing it finds on disk can break a build."""
from __future__ import annotations

import json
import os
import pathlib
import shutil
import time
from pathlib import Path

import pytest
import yaml

import generator.content
import generator.load
from generator import content_cache
from generator.cli import main
from generator.content import check_content, load_content
from generator.content_cache import ContentCache
from generator.load import load_text

from conftest import ROOT, SHIPPED_CONTENT
from test_validate import BASE, CASES, broken_content

OTHER_INSPECTION = ROOT / "tests" / "fixtures" / "other-inspection"


@pytest.fixture
def parsed(monkeypatch) -> list[str]:
    """The names of the files parsed from YAML (not taken from the cache), as the load goes."""
    names: list[str] = []
    load_bytes = generator.content.load_bytes

    def counting(raw: bytes, name: str):
        names.append(name)
        return load_bytes(raw, name)

    monkeypatch.setattr(generator.content, "load_bytes", counting)
    return names


def entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("checked-*/*.entry"))


def messages(content: Path, cache: ContentCache | None = None) -> list[str]:
    return [str(problem) for problem in check_content(content, cache)[1]]


@pytest.mark.parametrize("content", [SHIPPED_CONTENT, OTHER_INSPECTION], ids=["shipped", "other-inspection"])
def test_a_warm_load_gives_the_same_content_and_locations_as_a_cold_one(content, tmp_path, parsed):
    files = sorted(content.rglob("*.yml"))
    cold_files, _ = check_content(content)
    cold = load_content(content)
    parsed.clear()

    assert load_content(content, ContentCache(tmp_path)) == cold
    assert len(parsed) == len(files) and len(entries(tmp_path)) == len(files)
    parsed.clear()
    warm_files, problems = check_content(content, ContentCache(tmp_path))
    assert problems == [] and parsed == []
    assert load_content(content, ContentCache(tmp_path)) == cold
    for kind, loaded in cold_files.items():
        for cold_file, warm_file in zip(loaded, warm_files[kind], strict=True):
            assert (warm_file.name, warm_file.data) == (cold_file.name, cold_file.data)
            assert dict(warm_file.value_locations) == cold_file.value_locations
            assert dict(warm_file.key_locations) == cold_file.key_locations


def test_locations_of_anchors_flow_style_block_text_and_unicode_come_back_exactly(tmp_path):
    text = ("id: a\u00e9\r\nlist: &items\r\n  - {x: 1, y: [2, 3.5, null, true]}\r\n  - |\r\n    block\r\n"
            "again: *items\r\n\"quoted key\": '\U0001F9D2 zero\u200bwidth'\r\nempty: {}\r\nnone: []\r\n")
    loaded, problems = load_text(text, "odd.yml")
    assert problems == []
    entry = content_cache._pack(loaded, "area-x", "f")
    back = content_cache._unpack(entry, "area-x", "f", "odd.yml", text)
    assert back.data == loaded.data
    assert dict(back.value_locations) == loaded.value_locations
    assert dict(back.key_locations) == loaded.key_locations
    assert back.location(("again", 0, "y", 1)) == loaded.location(("again", 0, "y", 1))
    assert back.problem(("quoted key",), "m", at_key=True) == loaded.problem(("quoted key",), "m", at_key=True)


def test_changing_one_byte_checks_that_file_again_and_shows_its_error(content_copy, tmp_path, parsed):
    cache = tmp_path / "cache"
    load_content(content_copy, ContentCache(cache))
    area = content_copy / "areas" / "initial-contact.yml"
    text = area.read_text(encoding="utf-8")
    title = yaml.safe_load(text)["title"]
    parsed.clear()

    area.write_text(text.replace(f"title: {title}", f"title: {title}!"), encoding="utf-8")
    content = load_content(content_copy, ContentCache(cache))
    assert [a.title for a in content.areas if a.id == "initial-contact"] == [f"{title}!"]
    assert [Path(name).name for name in parsed] == ["initial-contact.yml"]

    parsed.clear()
    area.write_text(text.replace("status: partially-achieved", "status: partialy-achieved", 1), encoding="utf-8")
    warm = messages(content_copy, ContentCache(cache))
    assert [Path(name).name for name in parsed] == ["initial-contact.yml"]
    assert warm == messages(content_copy) and len(warm) == 1
    assert "'partialy-achieved' is not an allowed status" in warm[0] and "initial-contact.yml:" in warm[0]


def test_a_file_with_problems_is_never_kept(content_copy, tmp_path, parsed):
    cache = tmp_path / "cache"
    glossary = content_copy / "glossary.yml"  # a YAML error
    glossary.write_text(glossary.read_text(encoding="utf-8") + "\tbroken: [\n", encoding="utf-8")
    site = content_copy / "site.yml"  # a schema error
    site.write_text(site.read_text(encoding="utf-8") + "unknown_field: 1\n", encoding="utf-8")
    files = sorted(content_copy.rglob("*.yml"))

    without = messages(content_copy)
    assert messages(content_copy, ContentCache(cache)) == without
    assert len(entries(cache)) == len(files) - 2
    kept = {path.name.split("-", 1)[0] for path in entries(cache)}
    assert "glossary" not in kept and "site" not in kept
    parsed.clear()
    assert messages(content_copy, ContentCache(cache)) == without
    assert sorted(Path(name).name for name in parsed) == ["glossary.yml", "site.yml"]


def test_a_file_valid_alone_but_wrong_across_files_is_kept_and_its_error_still_shown(content_copy, tmp_path):
    """Cross-references are checked on every load: only the single-file checks are skipped."""
    cache = tmp_path / "cache"
    checklist = content_copy / "self-audit" / "case-file-quality.yml"
    checklist.write_text(checklist.read_text(encoding="utf-8").replace("areas: [initial-contact,", "areas: [initial-contactt,"),
                         encoding="utf-8")
    cold = messages(content_copy)
    assert len(cold) == 1 and "no area has the id 'initial-contactt'" in cold[0]
    assert messages(content_copy, ContentCache(cache)) == cold
    assert len(entries(cache)) == len(list(content_copy.rglob("*.yml")))
    assert messages(content_copy, ContentCache(cache)) == cold


@pytest.mark.parametrize("damage", ["garbage", "truncated", "flipped byte", "empty", "other key", "no header",
                                    "wrong length", "a folder"])
def test_a_damaged_or_foreign_entry_is_a_miss_and_is_replaced(damage, tmp_path, parsed):
    cache = tmp_path / "cache"
    cold = load_content(BASE)
    load_content(BASE, ContentCache(cache))
    victim, other = entries(cache)[:2]
    entry = victim.read_bytes()
    header, _, body = entry.partition(b"\n")
    if damage == "garbage":
        victim.write_bytes(b"\x00\xffnot an entry" * 50)
    elif damage == "truncated":
        victim.write_bytes(entry[: len(entry) - 7])
    elif damage == "flipped byte":
        victim.write_bytes(entry[:-20] + bytes([entry[-20] ^ 1]) + entry[-19:])
    elif damage == "empty":
        victim.write_bytes(b"")
    elif damage == "other key":  # a whole, valid entry, but of another file
        victim.write_bytes(other.read_bytes())
    elif damage == "no header":
        victim.write_bytes(body)
    elif damage == "wrong length":
        fields = json.loads(header)
        fields["data"] -= 1
        victim.write_bytes(json.dumps(fields).encode() + b"\n" + body)
    else:
        victim.unlink()
        victim.mkdir()
    parsed.clear()
    (victim.parent / "model.pickled").unlink()  # else the whole model is read back, and no entry at all

    assert load_content(BASE, ContentCache(cache)) == cold
    assert len(parsed) == 1
    if damage != "a folder":
        assert victim.read_bytes() == entry  # written again, whole


def test_an_unwritable_cache_folder_does_not_stop_the_load(tmp_path):
    blocked = tmp_path / "cache"
    blocked.write_text("a file where the cache folder should be", encoding="utf-8")
    assert load_content(BASE, ContentCache(blocked)) == load_content(BASE)


def test_another_version_of_the_checking_code_misses_and_its_entries_go(tmp_path, monkeypatch, parsed):
    cache = tmp_path / "cache"
    load_content(BASE, ContentCache(cache))
    old_folders = sorted(cache.glob("checked-*"))
    monkeypatch.setattr(content_cache, "_code_fingerprint", lambda: "a newer generator")
    parsed.clear()

    load_content(BASE, ContentCache(cache))
    assert len(parsed) == len(list(BASE.rglob("*.yml")))
    assert [folder.exists() for folder in old_folders] == [False]
    assert len(entries(cache)) == len(parsed)


def test_the_fingerprint_follows_the_schemas_the_loader_and_the_loading_code(monkeypatch):
    before = content_cache.fingerprint()
    real_read_bytes = pathlib.Path.read_bytes

    def edited(name: str):
        return lambda path: real_read_bytes(path) + (b" " if path.name == name else b"")

    for name in ("checklist.schema.json", "common.schema.json", "load.py", "schema.py"):
        monkeypatch.setattr(pathlib.Path, "read_bytes", edited(name))
        assert content_cache._code_fingerprint.__wrapped__() != content_cache._code_fingerprint(), name
    monkeypatch.setattr(pathlib.Path, "read_bytes", real_read_bytes)
    monkeypatch.setattr(generator.load, "_Loader", yaml.SafeLoader)
    assert content_cache.fingerprint() != before


def test_unused_entries_go_after_a_week_and_not_before(tmp_path):
    cache = tmp_path / "cache"
    content = tmp_path / "content"
    shutil.copytree(BASE, content)
    glossary = content / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    for edit in range(3):  # as `mkdocs serve` sees a file saved again and again
        glossary.write_text(text + f"# edit {edit}\n", encoding="utf-8")
        check_content(content, ContentCache(cache))
    check_content(OTHER_INSPECTION, ContentCache(cache))  # other content, loaded now and then
    files = len(list(content.rglob("*.yml")))
    assert len(entries(cache)) == files + 2 + len(list(OTHER_INSPECTION.rglob("*.yml")))

    eight_days_ago = time.time() - 8 * 24 * 3600
    for entry in entries(cache):
        os.utime(entry, (eight_days_ago, eight_days_ago))
    used = ContentCache(cache)
    check_content(content, used)
    assert {entry.name.removesuffix(".entry") for entry in entries(cache)} == used.used
    assert len(used.used) == files


@pytest.mark.parametrize("case", CASES)
def test_the_invalid_corpus_gives_the_same_messages_with_a_warm_cache(case, tmp_path):
    cache = tmp_path / "cache"
    load_content(BASE, ContentCache(cache))  # the files the case leaves alone are kept
    content = broken_content(case, tmp_path / "content")
    without = messages(content)
    assert messages(content, ContentCache(cache)) == without
    warm = ContentCache(cache)
    assert messages(content, warm) == without
    assert warm.used  # the load did take files from the cache


def test_the_commands_keep_the_cache_beside_the_content_unless_told_not_to(tmp_path, capsys):
    project = tmp_path / "project"
    shutil.copytree(BASE, project / "checklists")
    assert main(["validate", "--content", str(project / "checklists"), "--no-cache"]) == 0
    (project / "audits").mkdir()
    assert main(["aggregate", "--audits", str(project / "audits"), "--content", str(project / "checklists"),
                 "--no-cache"]) == 0
    assert not (project / ".cache").exists()
    assert main(["validate", "--content", str(project / "checklists")]) == 0
    assert len(entries(project / ".cache" / "guidance")) == len(list(BASE.rglob("*.yml")))
    assert "no problems found" in capsys.readouterr().out


def _project(folder: Path, plugin_options: str) -> Path:
    shutil.copytree(BASE, folder / "checklists")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("docs_dir: checklists/pages\n", f"docs_dir: {ROOT / 'checklists' / 'pages'}\n")
    assert "  - guidance:\n" in config
    config = config.replace("  - guidance:\n", f"  - guidance:\n{plugin_options}", 1)
    (folder / "mkdocs.yml").write_text(config, encoding="utf-8")
    return folder / "mkdocs.yml"


@pytest.mark.parametrize("option, kept", [("", True), ("      cache: false\n", False)], ids=["default", "cache-false"])
def test_the_plugin_keeps_the_cache_beside_mkdocs_yml_unless_turned_off(option, kept, tmp_path):
    from mkdocs.config import load_config

    config_file = _project(tmp_path, option)
    config = load_config(str(config_file))
    config.plugins["guidance"].config.content_dir = str(tmp_path / "checklists")
    config.plugins["guidance"].on_config(config)
    assert len(entries(tmp_path / ".cache" / "guidance")) == (len(list(BASE.rglob("*.yml"))) if kept else 0)
    assert (tmp_path / ".cache").exists() == kept


def test_guidance_build_no_cache_turns_the_plugin_cache_off(tmp_path, monkeypatch):
    import generator.build.site

    seen = []
    monkeypatch.setattr(generator.build.site, "build", lambda config: seen.append(config.plugins["guidance"].config.cache))
    config_file = _project(tmp_path, "")
    assert main(["build", "--config", str(config_file), "--site-dir", str(tmp_path / "site"), "--no-cache"]) == 0
    assert main(["build", "--config", str(config_file), "--site-dir", str(tmp_path / "site")]) == 0
    assert seen == [False, True]
