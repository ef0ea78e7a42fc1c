"""The quick schema check (references written out in place) accepts exactly what the full check accepts.

Valid content skips the full check for speed (see docs/benchmarks.md); content with a problem
still gets the full check and its explained messages. So the quick check must never call
valid what the full check would fault: tried here on every content file we have, and on
thousands of small mutations of them.
"""
from __future__ import annotations

import copy
import random
import sys
from pathlib import Path

import pytest

from conftest import ROOT, SHIPPED_CONTENT
from generator.content import find_files
from generator.load import load_file
from generator.validate import schema

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import SCALES, make_content  # noqa: E402

ODD_VALUES = [None, True, 0, 7, -1, 2.5, "", " ", "x", "Not an id", "2017-13-45", "AH2.a", [], ["x"], [None], {}, {"x": 1}]


def _files(tmp_path: Path) -> list[tuple[str, object]]:
    folders = [SHIPPED_CONTENT, make_content(SCALES["S"], tmp_path / "synthetic")]
    folders += [path for path in (ROOT / "tests" / "invalid").iterdir() if path.is_dir()]
    files = []
    for folder in folders:
        found, _ = find_files(folder)
        for path, kind in found:
            loaded, _ = load_file(path, path.name)
            if loaded is not None:
                files.append((kind, loaded.data))
    return files


def _agree(kind: str, data) -> bool:
    full_says_valid = not any(True for _ in schema._validator(kind).iter_errors(data))
    return schema._quick_validator(kind).is_valid(data) == full_says_valid


def _places(data, path=()):
    """Every path to a value inside data."""
    yield path
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _places(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _places(value, path + (index,))


def _mutated(data, rng: random.Random):
    data = copy.deepcopy(data)
    path = rng.choice(list(_places(data)))
    if not path:
        return rng.choice(ODD_VALUES)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    action = rng.random()
    if action < 0.25 and isinstance(parent, dict):
        del parent[path[-1]]
    elif action < 0.35 and isinstance(parent, dict):
        parent[rng.choice(["extra", "note", "id", "title", "points"])] = rng.choice(ODD_VALUES)
    elif action < 0.45 and isinstance(parent, list):
        parent.append(copy.deepcopy(rng.choice(parent)) if parent and rng.random() < 0.5 else rng.choice(ODD_VALUES))
    else:
        parent[path[-1]] = copy.deepcopy(rng.choice(ODD_VALUES))
    return data


def test_both_checks_agree_on_every_content_file(tmp_path):
    files = _files(tmp_path)
    assert {kind for kind, _ in files} == set(schema.KINDS)
    disagreements = [(kind, data) for kind, data in files if not _agree(kind, data)]
    assert disagreements == []
    assert any(not schema._quick_validator(kind).is_valid(data) for kind, data in files)  # invalid ones were tried too


def _smallest_of_each_kind(files):
    """The valid file of each kind with the fewest values: every single change to it is tried."""
    smallest = {}
    for kind, data in files:
        if schema._quick_validator(kind).is_valid(data):
            if kind not in smallest or len(list(_places(data))) < len(list(_places(smallest[kind]))):
                smallest[kind] = data
    return smallest


def _set(data, path, value):
    data = copy.deepcopy(data)
    parent = data
    for part in path[:-1]:
        parent = parent[part]
    if value is _DELETE:
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    return data


_DELETE = object()


def test_both_checks_agree_on_every_single_change_to_a_valid_file_of_each_kind(tmp_path):
    smallest = _smallest_of_each_kind(_files(tmp_path))
    assert set(smallest) == set(schema.KINDS)
    for kind, data in smallest.items():
        for path in list(_places(data))[1:]:
            changes = [[], "", None, {}, "x", 7] + ([_DELETE] if isinstance(path[-1], str) else [])
            for value in changes:
                changed = _set(data, path, value)
                assert _agree(kind, changed), f"the quick and full checks disagree on this {kind} file: {changed!r:.2000}"


def test_both_checks_agree_on_random_mutations(tmp_path):
    rng = random.Random(1)
    files = _files(tmp_path)
    faulted = 0
    for _ in range(400):
        kind, data = rng.choice(files)
        mutated = _mutated(data, rng)
        assert _agree(kind, mutated), f"the quick and full checks disagree on this {kind} file: {mutated!r:.2000}"
        faulted += not schema._quick_validator(kind).is_valid(mutated)
    assert faulted > 100  # the mutations do break things


def test_a_file_with_a_problem_still_gets_the_full_explanation(tmp_path):
    found, _ = find_files(SHIPPED_CONTENT)
    path, kind = next((path, kind) for path, kind in found if kind == "checklist")
    loaded, _ = load_file(path, path.name)
    del loaded.data["title"]
    problems = schema.check_schema(loaded, kind)
    assert [problem.message for problem in problems] == ["the required field 'title' is missing"]


def test_every_schema_is_compiled_not_left_to_jsonschema():
    # A keyword the compiler does not know silently brings back the slow check: say so here instead.
    assert {kind: type(schema._quick_validator(kind)).__name__ for kind in schema.KINDS} == {
        kind: "_QuickCheck" for kind in schema.KINDS}


@pytest.mark.parametrize("sub_schema, value", [
    ({"type": "integer"}, 1.0), ({"type": "integer"}, True), ({"type": "number"}, False), ({"type": ["string", "null"]}, None),
    ({"uniqueItems": True}, [1, True]), ({"uniqueItems": True}, [1, 1.0]), ({"uniqueItems": True}, [["a"], ["a"]]),
    ({"minimum": 1}, True), ({"minimum": 1}, 0.5), ({"pattern": "^a"}, "ba"), ({"pattern": "b"}, "ab"),
    ({"minLength": 2}, "é"), ({"propertyNames": {"pattern": "^x"}}, {"y": 1}), ({"enum": ["a"]}, "a"),
    ({"additionalProperties": False, "properties": {"a": {}}}, {"a": 1, "b": 2}),
    ({"additionalProperties": {"type": "string"}}, {"b": "x"}), ({"required": ["a"]}, {"b": 1}),
])
def test_the_compiled_keywords_mean_what_jsonschema_says(sub_schema, value):
    from jsonschema import Draft202012Validator
    from generator.validate.compiled import compile_schema
    full = Draft202012Validator(sub_schema).is_valid(value)
    # Stricter than jsonschema is allowed only where the full check then decides (lists inside unique lists).
    assert compile_schema(sub_schema)(value) == full or (value == [["a"], ["a"]] and not full)
