"""Loading YAML: plain data only, every key and value located, hostile input refused with a message."""
from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
import yaml

import generator.load
from generator.load import MAX_DEPTH, MAX_FILE_BYTES, Location, load_bytes, load_file, load_text

from conftest import ROOT

NESTED = textwrap.dedent("""\
    id: first-area
    recommendations:
      - id: R1
        text: >-
          Folded text
          over two lines.
        findings:
          first-review:
            status: achieved
            points: {R1.a: achieved, R1.b: not-achieved}
    """)


@pytest.fixture(params=["libyaml", "pure-python"])
def loader(request, monkeypatch):
    """Run a test with both parsers: libyaml when installed, and PyYAML's own."""
    if request.param == "pure-python":
        monkeypatch.setattr(generator.load, "_Loader", yaml.SafeLoader)
    elif not yaml.__with_libyaml__:
        pytest.skip("PyYAML is installed without libyaml")
    else:
        assert generator.load._Loader is yaml.CSafeLoader
    return request.param


def loaded_ok(text: str, name: str = "f.yml"):
    loaded, problems = load_text(text, name)
    assert problems == [], problems
    return loaded


def only_problem(text: str | bytes):
    loaded, problems = load_bytes(text, "f.yml") if isinstance(text, bytes) else load_text(text, "f.yml")
    assert loaded is None
    assert len(problems) == 1, problems
    return problems[0]


# --- locations -------------------------------------------------------------------------------


def test_values_and_keys_keep_their_line_and_column(loader):
    loaded = loaded_ok(NESTED)
    assert loaded.data["recommendations"][0]["text"] == "Folded text over two lines."
    assert loaded.value_locations[("id",)] == Location(1, 5)
    assert loaded.key_locations[("recommendations",)] == Location(2, 1)
    assert loaded.value_locations[("recommendations", 0)] == Location(3, 5)
    assert loaded.value_locations[("recommendations", 0, "text")] == Location(4, 11)
    assert loaded.key_locations[("recommendations", 0, "findings", "first-review")] == Location(8, 7)
    assert loaded.value_locations[("recommendations", 0, "findings", "first-review", "status")] == Location(9, 17)
    assert loaded.key_locations[("recommendations", 0, "findings", "first-review", "points", "R1.b")] == Location(10, 34)
    assert loaded.value_locations[("recommendations", 0, "findings", "first-review", "points", "R1.b")] == Location(10, 40)


def test_a_missing_value_is_located_at_the_nearest_enclosing_value():
    loaded = loaded_ok(NESTED)
    assert loaded.location(("recommendations", 0, "timescale")) == Location(3, 5)
    assert loaded.location(("recommendations", 0, "findings", "first-review"), at_key=True) == Location(8, 7)
    problem = loaded.problem(("recommendations", 0, "timescale"), "missing", "a timescale")
    assert str(problem) == "f.yml:3:5: recommendations[1].timescale: missing (expected a timescale)"


def test_a_byte_order_mark_and_windows_line_ends_change_nothing(loader):
    plain = loaded_ok(NESTED)
    windows, problems = load_bytes(b"\xef\xbb\xbf" + NESTED.replace("\n", "\r\n").encode("utf-8"), "f.yml")
    assert problems == []
    assert windows.data == plain.data
    assert windows.value_locations == plain.value_locations
    assert windows.key_locations == plain.key_locations


def test_syntax_errors_in_windows_files_are_located_by_line(loader):
    problem = only_problem(b"\xef\xbb\xbfid: a\r\ntitle: x\r\n\tsummary: y\r\n")
    assert (problem.line, problem.column) == (3, 1)
    assert "tab" in problem.message


# --- values keep their YAML 1.2 meaning ----------------------------------------------------


@pytest.mark.parametrize("written, value", [
    ("no", "no"), ("yes", "yes"), ("on", "on"), ("off", "off"), ("No", "No"), ("y", "y"),
    ("true", True), ("false", False), ("True", True),
    ("2017-06-28", "2017-06-28"), ("2017-06", "2017-06"), ("2017-06-28 10:00:00", "2017-06-28 10:00:00"),
    ("12", 12), ("-3", -3), ("1.5", 1.5), ("0x1F", "0x1F"), ("1_000", "1_000"), ("012", 12), (".inf", ".inf"),
    ("~", None), ("null", None), ("", None), ("'12'", "12"), ('"true"', "true"), ("'no'", "no"),
    ("R1.a", "R1.a"), ("3:30", "3:30"),
])
def test_values_keep_their_yaml_1_2_meaning(written, value, loader):
    loaded = loaded_ok(f"value: {written}\n")
    assert loaded.data["value"] == value
    assert type(loaded.data["value"]) is type(value)


def test_keys_are_always_text(loader):
    assert loaded_ok("no: 1\n12: 2\nnull: 3\n").data == {"no": 1, "12": 2, "null": 3}


# --- refused input -------------------------------------------------------------------------


def test_a_duplicate_key_is_an_error_at_the_second_key(loader):
    problem = only_problem("id: a\ntitle: First\nsummary: s\ntitle: Second\n")
    assert (problem.line, problem.column, problem.field) == (4, 1, "title")
    assert "given twice" in problem.message and "first on line 2" in problem.message


def test_duplicate_keys_are_all_reported(loader):
    loaded, problems = load_text("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n", "f.yml")
    assert loaded is None
    assert [(p.line, p.field) for p in problems] == [(2, "a"), (5, "b.c")]


@pytest.mark.parametrize("tagged", [
    "!!python/object/apply:os.system ['echo hacked']", "!!python/name:os.system", "!!binary aGVsbG8=",
    "!!set {a, b}", "!local x",
])
def test_tags_other_than_plain_data_are_refused(tagged, loader):
    problem = only_problem(f"value: {tagged}\n")
    assert (problem.line, problem.column, problem.field) == (1, 8, "value")
    assert "tag" in problem.message and "not allowed" in problem.message


def test_more_than_one_document_is_refused(loader):
    problem = only_problem("a: 1\n---\na: 2\n")
    assert problem.line == 3 and "more than one YAML document" in problem.message
    assert loaded_ok("---\na: 1\n").data == {"a": 1}  # a single document may still start with ---


def test_a_file_that_is_not_utf8_is_located_in_characters(loader):
    problem = only_problem("id: a\ntitle: Café ".encode("utf-8") + b"\xe9t\xe9\n")
    assert (problem.line, problem.column) == (2, 13)
    assert "not UTF-8" in problem.message


def test_an_oversized_file_is_refused_before_reading(tmp_path):
    big = tmp_path / "big.yml"
    big.write_bytes(b"a: " + b"x" * MAX_FILE_BYTES + b"\n")
    loaded, problems = load_file(big, "big.yml")
    assert loaded is None and "more than the" in problems[0].message


def test_an_empty_file_is_empty_data(loader):
    loaded = loaded_ok("# only a comment\n")
    assert loaded.data is None
    assert loaded.location(()) == Location(1, 1)


# --- hostile input: refused with a clear message, in bounded time --------------------------
# Each runs in a child process with a time limit, so a regression hangs nothing.

BILLION_LAUGHS = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8))
HOSTILE = {
    "billion-laughs": (BILLION_LAUGHS, "expands to more than"),
    "deep-flow": ("[" * 5000 + "]" * 5000, f"nested more than {MAX_DEPTH} levels"),
    "deep-block": ("".join(" " * depth + f"k{depth}:\n" for depth in range(1500)), f"nested more than {MAX_DEPTH} levels"),
    "deep-list": ("".join(" " * depth + "-\n" for depth in range(1500)), f"nested more than {MAX_DEPTH} levels"),
    "deep-through-aliases": ("a0: &a0 " + "[" * 40 + "x" + "]" * 40 + "\n" + "".join(
        f"a{i}: &a{i} " + "[" * 40 + f"*a{i - 1}" + "]" * 40 + "\n" for i in range(1, 40)),
        f"nested more than {MAX_DEPTH} levels deep (through aliases"),
    "alias-loop": ("a: &loop\n  - *loop\n", "refers to the list or mapping that contains it"),
}


@pytest.mark.parametrize("loader_name", ["CSafeLoader", "SafeLoader"] if yaml.__with_libyaml__ else ["SafeLoader"])
@pytest.mark.parametrize("case", sorted(HOSTILE))
def test_hostile_yaml_is_refused_with_a_message(case, loader_name, tmp_path):
    text, words = HOSTILE[case]
    source = tmp_path / "hostile.yml"
    source.write_text(text, encoding="utf-8")
    program = textwrap.dedent(f"""
        import yaml, generator.load as load
        load._Loader = yaml.{loader_name}
        loaded, problems = load.load_file(load.Path({str(source)!r}), "hostile.yml")
        assert loaded is None
        print(len(problems)); print(problems[0])
    """)
    result = subprocess.run([sys.executable, "-c", program], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    count, message = result.stdout.splitlines()
    assert count == "1"
    assert message.startswith("hostile.yml:") and words in message
    assert len(message) < 400  # one readable line, not a path thousands of levels long


def test_aliases_that_stay_small_are_allowed(loader):
    loaded = loaded_ok("who: &who [officer, supervisor]\nalso: *who\n")
    assert loaded.data == {"who": ["officer", "supervisor"], "also": ["officer", "supervisor"]}


# --- syntax errors: said in words, located where the fix is needed, the same with both parsers


SYNTAX = [
    # (text, line, column, field, words, suggestion)
    ("id: a\nitems:\n\t- one\n", 3, 1, "items", "a tab is used for indentation", ""),
    ("id: a\n\ttitle: x\n", 2, 1, "", "a tab is used for indentation", ""),
    ("id: a\nitems:\n  -\tone\n", 3, 4, "items", "a tab is used for indentation", ""),
    ("r:\n  - id: a\n\ttext: b\n", 3, 1, "r[1]", "a tab is used for indentation", ""),
    # A key or '- ' indented unlike its neighbours says by how much, and is suggested where they are.
    ("a:\n  b: 1\n c: 2\n", 3, 2, "a.c", "'c' is indented 1 space; the other keys under 'a' are indented 2", "  c: 2"),
    ("a:\n  - b: 1\n   c: 2\n", 3, 4, "a[1].c", "'c' is indented 3 spaces; the other keys of this item are indented 4",
     "    c: 2"),
    ("a:\n  - b\n - c\n", 3, 2, "a[2]", "the '- ' of this item is indented 1 space; that of the item above is indented 2",
     "  - c"),
    ("a:\n- b: 1\n  c: 2\n- d: 3\n e: 4\n", 5, 2, "a[2].e", "'e' is indented 1 space; the other keys of this item are indented 2",
     "  e: 4"),
    ("a: x\n  b: y\n", 2, 3, "b", "'b' is indented 2 spaces; the keys at the top of the file are not indented, so it is read "
     "as more of the text of 'a'", "b: y"),
    ("a:\n  b: >-\n    text\n    more\n  c: 1\n    d: 2\n", 6, 5, "a.d",
     "'d' is indented 4 spaces; the other keys under 'a' are indented 2, so it is read as more of the text of 'c'", "  d: 2"),
    ("a:\n  b: 1\n    c: 2\n  d: 3\n", 3, 5, "a.c", "the other keys under 'a' are indented 2", "  c: 2"),
    ("title: x\nsome text\norder: 1\n", 3, 1, "", "indented differently", ""),
    ("text: Note: be quick\n", 1, 11, "text", "colon followed by a space", 'text: "Note: be quick"'),
    ('text: It is "so": yes\n', 1, 17, "text", "colon followed by a space", "text: 'It is \"so\": yes'"),
    ("id: a\ntitle: 'Second\norder: 2\n", 2, 8, "title", "this quote is never closed", ""),
    ('id: a\ntitle: "Second\norder: 2\nsummary: "x"\n', 2, 8, "title", "not closed on its line", ""),
    ('a: "x" y\n', 1, 8, "a", "more text follows the closing quote", ""),
    ('a: "C:\\Users"\n', 1, 4, "a", "backslash", ""),
    ("a: [b, c\nd: e\n", 1, 4, "a", "the [ opened here is not closed with ]", ""),
    ("x:\n  a: {b: c\n", 2, 6, "x.a", "the { opened here is not closed with }", ""),
    ("summary: *Always* check\n", 1, 10, "summary", "read as a YAML alias", 'summary: "*Always* check"'),
    ("summary: **Always** check\n", 1, 10, "summary", "read as a YAML alias", 'summary: "**Always** check"'),
    ("a: *nothing\n", 1, 4, "a", "read as a YAML alias", 'a: "*nothing"'),
    ("a: @home\n", 1, 4, "a", "cannot start with '@'", 'a: "@home"'),
    ("a: `code`\n", 1, 4, "a", "cannot start with '`'", 'a: "`code`"'),
    ("a: &x 1\nb: &x 2\n", 2, 4, "b", "anchor (&name) is defined twice", ""),
    # A key without its ':' (one the file uses elsewhere) is said on its own line, not as the next line's indentation.
    ("items:\n  - id: a\n    critical true\n    help: x\n  - id: b\n    critical: false\n", 3, 5, "items[1]",
     "this line has no ':' after 'critical'", "critical: true"),
    ("items:\n  - id: a\n    text: Was the adult called\n    when detention was authorised?\n    help: x\n", 5, 5, "items[1]",
     "indented differently", ""),  # prose: 'when' is no key of the file
]


@pytest.mark.parametrize("text, line, column, field, words, suggestion", SYNTAX)
def test_syntax_errors_are_explained_at_their_field(text, line, column, field, words, suggestion, loader):
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.field) == (line, column, field)
    assert problem.message.startswith("invalid YAML: ")
    assert words in problem.message
    assert problem.suggestion == suggestion
    assert "while scanning" not in str(problem) and "<block end>" not in str(problem)


# --- a field indented into the block text above it: valid YAML, silently wrong ------------------------------

ITEMS = "items:\n  - id: a\n    text: >-\n      Was the adult called\n      on arrival?\n{stray}    critical: true\n  - id: b\n    text: Fine.\n    help: Look at the times.\n"


@pytest.mark.parametrize("style", [">-", "|"])
def test_a_field_indented_as_far_as_the_text_above_it_is_said_not_read_as_words(loader, style):
    text = ITEMS.format(stray="      help: Compare the times.\n").replace(">-", style)
    problem = only_problem(text)
    assert (problem.line, problem.column, problem.field) == (6, 7, "items[1].text")
    assert problem.message == ("this line, 'help: …', is indented as far as the text of 'text' above it, so YAML "
                               "reads it as more words of that text, not as the field 'help'")
    assert problem.expected == "'help:' indented by 4 spaces, as 'text:' is"


@pytest.mark.parametrize("stray", [
    "      cover: this is prose, no key of the file\n",  # a word the file never uses as a key
    "      id: the item has an id already\n",  # a key the mapping already has
    "",
])
def test_prose_lines_starting_with_a_word_and_colon_stay_text(loader, stray):
    loaded = loaded_ok(ITEMS.format(stray=stray))
    assert loaded.data["items"][0]["text"].startswith("Was the adult called on arrival?")
    assert loaded.data["items"][0]["critical"] is True
