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
from hypothesis import given, settings
from hypothesis import strategies as st

import generator.load
from conftest import FIXTURES, ROOT, SHIPPED_CONTENT
from generator.content import check_content, load_content
from generator.content_cache import ContentCache
from generator.load import load_text, load_text_located
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


# YAML's own punctuation and the words YAML 1.1 types (yes, ~, 0o7, 1_000, .inf), in any order.
_YAMLISH = st.lists(st.sampled_from([
    "a", "b", ": ", ":", "- ", "-", "\n", "  ", "[", "]", "{", "}", ", ", "'", '"', "#", "&x ", "*x", "!!str ", "!t ",
    "|\n  ", ">\n  ", "? ", "---\n", "...\n", "yes", "No", "on", "~", "null", "true", "False", "0", "012", "09", "0x1F",
    "1_000", "1:20", "-3", "+4", "2.5", ".5", "1e3", "1.0e+3", ".inf", ".NaN", "2017-06-28", "=", "<<", "é", "\t"]),
    max_size=30).map("".join)


@settings(max_examples=400, deadline=None)
@given(st.one_of(_YAMLISH, st.text(max_size=80)))
def test_any_text_gives_the_same_data_and_problems_as_the_locating_loader(text):
    quick, quick_problems = load_text(text, "f.yml")
    located, located_problems = load_text_located(text, "f.yml")
    assert quick_problems == located_problems
    assert (quick is None) == (located is None)
    if quick is not None:
        assert repr(quick.data) == repr(located.data)  # repr: tells 1 from True and 1.0, and NaN from NaN
        assert dict(quick.value_locations) == located.value_locations
        assert dict(quick.key_locations) == located.key_locations


def test_a_file_past_the_locating_loader_s_limit_of_values_gets_its_message_not_data():
    from generator.load import MAX_NODES, load_text

    loaded, problems = load_text("items:\n" + "- a\n" * (MAX_NODES + 1), "big.yml")
    assert loaded is None
    assert [problem.message for problem in problems] == [
        f"the content expands to more than {MAX_NODES:,} values (are aliases, *name, repeating it?)"]
