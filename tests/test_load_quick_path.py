"""The quick path (one pass of libyaml's events, locations worked out on first use, the compiled
schema check) gives the same data, locations, messages and model as the locating loader.

The locating loader is what the quick path falls back to for anything unusual, and what every
message's line and column come from; here it is forced for every file and the results compared.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
import yaml

import generator.load
from conftest import FIXTURES, ROOT, SHIPPED_CONTENT
from generator.content import check_content, load_content
from generator.content_cache import ContentCache
from generator.quick_parse import UNUSUAL

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import SCALES, make_content  # noqa: E402

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="the quick path needs libyaml")

INVALID = sorted(path for path in (ROOT / "tests" / "invalid").iterdir() if path.is_dir() and not path.name.startswith("_"))


@pytest.fixture
def located_only(monkeypatch):
    """Every file through the locating loader, as if the quick pass found each one unusual."""
    def force():
        monkeypatch.setattr(generator.load, "parse_plain", lambda *arguments: UNUSUAL)
    return force


def _folders(tmp_path: Path) -> list[Path]:
    return [SHIPPED_CONTENT, FIXTURES / "other-inspection", make_content(SCALES["S"], tmp_path / "synthetic")]


def _files(folder: Path, cache: ContentCache | None = None):
    files_by_kind, problems = check_content(folder, cache)
    files = {kind: [(f.name, f.data, dict(f.value_locations), dict(f.key_locations)) for f in loaded]
             for kind, loaded in files_by_kind.items()}
    return files, list(map(str, problems))


def test_the_same_files_and_locations_as_the_locating_loader(tmp_path, located_only):
    quick = [_files(folder) for folder in _folders(tmp_path)]
    cached = [_files(folder, ContentCache(tmp_path / "cache")) for folder in _folders(tmp_path)]
    warm = [_files(folder, ContentCache(tmp_path / "cache")) for folder in _folders(tmp_path)]
    located_only()
    assert quick == cached == warm == [_files(folder) for folder in _folders(tmp_path)]


def test_the_same_model_as_the_locating_loader(tmp_path, located_only):
    folders = [SHIPPED_CONTENT, make_content(SCALES["S"], tmp_path / "synthetic")]  # with a site.yml: a whole model
    quick = [load_content(folder) for folder in folders]
    located_only()
    assert quick == [load_content(folder) for folder in folders]


@pytest.mark.parametrize("folder", INVALID, ids=[path.name for path in INVALID])
def test_the_same_messages_for_bad_content(folder, tmp_path, located_only):
    quick = _files(folder)[1]
    cached = _files(folder, ContentCache(tmp_path / "cache"))[1]
    warm = _files(folder, ContentCache(tmp_path / "cache"))[1]
    located_only()
    assert quick and quick == cached == warm == _files(folder)[1]
