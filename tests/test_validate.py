"""Golden tests: a corpus of broken content, each case with the messages it must produce.

Every folder in tests/invalid/ (except _base) is one mistake a training lead might make. Its
files are laid over a copy of the small valid content set in tests/invalid/_base/, and its
expect.yml lists every problem the validator must report: file, line, column, field path,
words the message must contain, and the "did you mean" suggestion. A case passes only when
exactly those problems come out of one run, so cascades of noise fail the test too.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import generator.load
from generator.content import check_content, load_content
from generator.problems import Problem

from conftest import ROOT

CORPUS = Path(__file__).resolve().parent / "invalid"
BASE = CORPUS / "_base"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir() and not path.name.startswith("_"))
# file:line:column: field.path: message (expected ...) - did you mean '...'?
# Problems with a whole file (line 0) leave out the line and column.
MESSAGE_FORM = re.compile(r"^(?P<file>[^:]+)(?::(?P<line>\d+):(?P<column>\d+))?: (?:(?P<field>[^ :]+): )?(?P<message>.+?)"
                          r"(?: \(expected (?P<expected>.+)\))?(?: - did you mean '(?P<suggestion>.+)'\?)?$")


def expectation(case: str) -> dict:
    # The generator's own loader keeps dates such as 2020-06-01 as text, as written.
    loaded, problems = generator.load.load_file(CORPUS / case / "expect.yml", "expect.yml")
    assert not problems, problems
    return loaded.data


def broken_content(case: str, target: Path) -> Path:
    """The base content with the case's files laid over it."""
    shutil.copytree(BASE, target)
    for source in (CORPUS / case).rglob("*"):
        relative = source.relative_to(CORPUS / case)
        if source.is_file() and relative != Path("expect.yml"):
            (target / relative).parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target / relative)
    for relative in expectation(case).get("remove", []):
        (target / relative).unlink()
    return target


def matches(problem: Problem, expected: dict) -> bool:
    text = str(problem).lower()
    return (
        problem.file.endswith("/" + expected["file"]) or problem.file == expected["file"]
    ) and problem.line == expected["line"] and (
        "column" not in expected or problem.column == expected["column"]
    ) and problem.field == expected["field"] and all(
        word.lower() in text for word in expected["words"]
    ) and problem.suggestion == str(expected.get("suggestion", ""))


def assert_problems_as_expected(problems: list[Problem], case: str) -> None:
    expected = expectation(case)["problems"]
    shown = "\n".join(map(str, problems))
    unmatched = list(problems)
    for wanted in expected:
        found = next((problem for problem in unmatched if matches(problem, wanted)), None)
        assert found is not None, f"{case}: no problem matches {wanted}; the validator said:\n{shown}"
        unmatched.remove(found)
    assert not unmatched, f"{case}: problems not in expect.yml:\n" + "\n".join(map(str, unmatched))


def test_the_corpus_is_broad():
    assert len(CASES) >= 20
    for case in CASES:
        assert (CORPUS / case / "expect.yml").is_file(), f"{case} has no expect.yml"


def test_the_base_content_is_valid():
    _, problems = check_content(BASE)
    assert problems == []
    assert load_content(BASE).site.force == "Example Constabulary"


@pytest.mark.parametrize("case", CASES)
def test_broken_content_is_reported_where_it_is(case, tmp_path):
    _, problems = check_content(broken_content(case, tmp_path / "content"))
    assert_problems_as_expected(problems, case)
    for problem in problems:
        form = MESSAGE_FORM.match(str(problem))
        assert form, f"not in the form file:line:column: field: message: {problem}"
        assert (form["field"] or "") == problem.field
        assert "Traceback" not in str(problem)


@pytest.mark.parametrize("case", CASES)
def test_libyaml_and_pure_python_loaders_say_the_same(case, tmp_path, monkeypatch):
    """The fast loader (libyaml) is used when present; people must get the same messages without it."""
    if not yaml.__with_libyaml__:
        pytest.skip("PyYAML is installed without libyaml: only the pure-Python loader is used")
    content = broken_content(case, tmp_path / "content")
    assert generator.load._Loader is yaml.CSafeLoader
    _, with_libyaml = check_content(content)
    monkeypatch.setattr(generator.load, "_Loader", yaml.SafeLoader)
    _, pure_python = check_content(content)
    assert list(map(str, pure_python)) == list(map(str, with_libyaml))


def run_cli(*arguments: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", *arguments], cwd=cwd, capture_output=True, text=True,
                          env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin", "NO_MKDOCS_2_WARNING": "1"}, timeout=120)


@pytest.mark.parametrize("case", ["tab-indentation", "many-problems", "missing-site-yml", "non-utf8", "python-tag"])
def test_validate_command_prints_every_problem_and_exits_1(case, tmp_path):
    broken_content(case, tmp_path / "content")
    result = run_cli("validate", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert "Traceback" not in result.stdout + result.stderr
    lines = result.stderr.strip().splitlines()
    expected = expectation(case)["problems"]
    assert lines[-1] == f"{len(expected)} problem{'s' if len(expected) > 1 else ''} found."
    for line, wanted in zip(lines[:-1], sorted(expected, key=lambda p: (p["file"], p["line"]))):
        where = f":{wanted['line']}:" if wanted["line"] else ":"
        assert line.startswith(f"content/{wanted['file']}{where}"), line
        assert MESSAGE_FORM.match(line), line
        if wanted.get("suggestion"):
            assert line.endswith(f" - did you mean '{wanted['suggestion']}'?")


def test_the_editor_checks_each_content_file_against_the_schema_the_validator_uses():
    """.vscode/settings.json maps every content file, shipped and test, to the schema of its kind, and only that one."""
    import json
    from fnmatch import fnmatch

    from generator.content import find_files
    from generator.validate import schema_path

    settings = json.loads((ROOT / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    globs = {ROOT / schema: patterns for schema, patterns in settings["yaml.schemas"].items()}
    for content_dir in (ROOT / "checklists", BASE, ROOT / "tests" / "fixtures" / "other-inspection"):
        found, problems = find_files(content_dir)
        assert problems == [] and found
        for path, kind in found:
            relative = path.relative_to(ROOT).as_posix()
            schemas = [schema for schema, patterns in globs.items() if any(fnmatch(relative, p) for p in patterns)]
            assert [schema.resolve() for schema in schemas] == [schema_path(kind).resolve()], relative


def shipped_with(tmp_path: Path, file: str, words: str, instead: str) -> Path:
    """A copy of the shipped content in tmp_path/content, with the first `words` of one file changed."""
    content = tmp_path / "content"
    shutil.copytree(ROOT / "checklists", content)
    text = (content / file).read_text(encoding="utf-8")
    assert words in text
    (content / file).write_text(text.replace(words, instead, 1), encoding="utf-8")
    return content


def test_a_misspelt_sections_is_said_once_without_follow_on_problems(tmp_path):
    # A training lead's typo: the rating's answers and items have nothing to be checked against, so they are not.
    content = shipped_with(tmp_path, "self-audit/detention-of-children.yml", "\nsections:", "\nsectons:")
    _, problems = check_content(content)
    messages = [f"{p.field}: {p.message} ({p.expected})" for p in problems]
    assert messages == [
        ": the required field 'sections' is missing (a line 'sections: ...' at the top of the file, not indented)",
        "sectons: unknown field 'sectons' (one of: areas, audiences, description, id, rating, record_details, scale, "
        "score, sections, title, version)",
    ], messages


def test_a_value_naming_nothing_there_is_one_problem_with_the_ids_there_are(tmp_path):
    # 'yes-no-n/a' was told twice: in the wrong form ("did you mean 'yes-no-n-a'?", which is no scale) and as no
    # scale's id ("did you mean 'yes-no-na'?"). The second says it all.
    content = shipped_with(tmp_path, "self-audit/detention-of-children.yml", "\nscale: yes-no-na\n", "\nscale: yes-no-n/a\n")
    _, problems = check_content(content)
    assert [(p.field, p.message, p.suggestion) for p in problems] == [
        ("scale", "no answer scale has the id 'yes-no-n/a'", "yes-no-na")], problems


def test_an_unknown_reference_lists_a_few_ids_not_all(tmp_path):
    content = shipped_with(tmp_path, "guidance/childs-voice.yml", "recommendations: [TA1", "recommendations: [TA9")
    _, problems = check_content(content)
    [problem] = problems
    assert problem.message == "no recommendation has the id 'TA9'"
    assert problem.expected.startswith("one of the recommendation ids: AH1, AH2, ") and problem.expected.endswith(" more")
    assert problem.expected.count(",") == 11


def test_a_renamed_document_is_told_in_full_once_and_counted_as_one_mistake(tmp_path):
    # Fifteen lines, each listing every document id and the suggestion, hid that it was one rename.
    shipped_with(tmp_path, "guidance/think-victim.yml", "id: think-victim\n", "id: think-victim-supervision\n")
    result = run_cli("validate", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    *lines, summary = result.stderr.strip().splitlines()
    assert len(lines) == 15 and all("no guidance document has the id 'think-victim'" in line for line in lines)
    assert lines[0].endswith("- did you mean 'think-victim-supervision'?") and "(expected one of: " in lines[0]
    assert all(line.endswith("'think-victim' (as above)") and MESSAGE_FORM.match(line) for line in lines[1:])
    assert summary == "15 problems found, 15 of them the same: no guidance document has the id 'think-victim'."
