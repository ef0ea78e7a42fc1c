"""Property-based tests: whatever a training lead types, the result is a model or a list of
located problems, never a Python traceback."""
from __future__ import annotations

import shutil

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import SHIPPED_CONTENT
from generator.content import check_content, load_content
from generator.load import load_text
from generator.problems import ContentError
from generator.validate import KINDS, check_references, check_schema

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])

plain_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=12), children, max_size=4),
    max_leaves=25,
)


def _check_every_kind(text: str) -> None:
    loaded, problems = load_text(text, "fuzz.yml")
    for problem in problems:
        assert problem.file == "fuzz.yml" and problem.line >= 0 and problem.message
    if loaded is None:
        return
    for kind in KINDS:
        for problem in check_schema(loaded, kind):
            assert problem.line >= 1, problem
        check_references({kind: [loaded]})


@SETTINGS
@given(st.text(max_size=300))
def test_any_text_gives_data_or_located_problems(text):
    _check_every_kind(text)


@SETTINGS
@given(plain_values)
def test_any_structure_gives_located_problems(value):
    _check_every_kind(yaml.safe_dump(value, allow_unicode=True))


SHIPPED_FILES = sorted(path.relative_to(SHIPPED_CONTENT).as_posix() for path in SHIPPED_CONTENT.rglob("*.yml"))


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    relative=st.sampled_from(SHIPPED_FILES),
    position=st.floats(min_value=0, max_value=1),
    cut=st.integers(min_value=0, max_value=40),
    insert=st.text(alphabet=" \t\n:-[]{}'\"#&*!|>%@`,?0aZé\u200b", max_size=8),
)
def test_edited_shipped_content_gives_a_model_or_problems(tmp_path_factory, relative, position, cut, insert):
    """A typo anywhere in real content: delete some characters, type others."""
    content = tmp_path_factory.mktemp("edited") / "checklists"
    shutil.copytree(SHIPPED_CONTENT, content)
    path = content / relative
    text = path.read_text(encoding="utf-8")
    at = int(position * len(text))
    path.write_text(text[:at] + insert + text[at + cut:], encoding="utf-8")
    _, problems = check_content(content)
    if problems:
        for problem in problems:
            assert problem.message and str(problem).startswith(problem.file)
    else:
        try:
            load_content(content)
        except ContentError as error:  # a model that cannot be built must still say why, located
            assert error.problems
