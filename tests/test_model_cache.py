"""The model kept whole (generator/model_cache.py): the same model as building it, used only when
every file is as it was, and never anything but the model's own dataclasses read back."""
from __future__ import annotations

import pickle
import shutil

import pytest

import generator.content
from conftest import SHIPPED_CONTENT
from generator import model_cache
from generator.content import load_content
from generator.content_cache import ContentCache
from generator.problems import ContentError


@pytest.fixture
def content_copy(tmp_path):
    copy = tmp_path / "content"
    shutil.copytree(SHIPPED_CONTENT, copy)
    return copy


@pytest.fixture
def builds(monkeypatch) -> list[int]:
    """One entry per model built (not read back whole)."""
    built: list[int] = []
    build_model = generator.content.build_model

    def counting(files_by_kind):
        built.append(1)
        return build_model(files_by_kind)

    monkeypatch.setattr(generator.content, "build_model", counting)
    return built


def _snapshot(cache_folder):
    return next(cache_folder.glob("checked-*/model.pickled"))


def test_a_warm_load_reads_back_the_same_model(content_copy, tmp_path, builds):
    cold = load_content(content_copy)
    assert load_content(content_copy, ContentCache(tmp_path / "cache")) == cold
    assert load_content(content_copy, ContentCache(tmp_path / "cache")) == cold
    assert len(builds) == 2  # without the cache, then filling it; the third was read back


def test_a_changed_added_or_removed_file_builds_the_model_again(content_copy, tmp_path, builds):
    cache = tmp_path / "cache"
    load_content(content_copy, ContentCache(cache))
    glossary = content_copy / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    glossary.write_text(text.replace("terms:", "terms:\n  - term: Zebra crossing\n    meaning: A crossing.", 1), encoding="utf-8")
    changed = load_content(content_copy, ContentCache(cache))
    assert "Zebra crossing" in [term.term for term in changed.glossary]
    assert load_content(content_copy, ContentCache(cache)) == changed == load_content(content_copy)
    extra = content_copy / "areas" / "zz-copy.yml"
    shutil.copy(next((content_copy / "areas").glob("*.yml")), extra)
    with pytest.raises(ContentError):  # a repeated id: the problem is found, never hidden by the kept model
        load_content(content_copy, ContentCache(cache))
    extra.unlink()
    assert load_content(content_copy, ContentCache(cache)) == changed
    assert len(builds) == 3  # first, after the change, and after removing the copy; the rest were read back


def test_a_damaged_model_is_a_miss(content_copy, tmp_path, builds):
    cache = tmp_path / "cache"
    cold = load_content(content_copy, ContentCache(cache))
    snapshot = _snapshot(cache)
    entry = snapshot.read_bytes()
    snapshot.write_bytes(entry[:-30] + bytes([entry[-30] ^ 1]) + entry[-29:])
    assert load_content(content_copy, ContentCache(cache)) == cold
    assert len(builds) == 2


def test_nothing_but_the_model_is_unpickled(tmp_path):
    folder = tmp_path / "cache"
    model_cache.write(folder, "k", load_content(SHIPPED_CONTENT))
    assert model_cache.read(folder, "k") == load_content(SHIPPED_CONTENT)
    assert model_cache.read(folder, "other key") is None
    model_cache.write(folder, "k", ContentCache)  # pickled by name: any class but the model's is refused
    assert model_cache.read(folder, "k") is None
    body = pickle.dumps(print)
    (folder / "model.pickled").write_bytes(
        b'{"format": %d, "key": "k", "length": %d, "crc32": %d}\n' % (model_cache.FORMAT, len(body), __import__("zlib").crc32(body)) + body)
    assert model_cache.read(folder, "k") is None
