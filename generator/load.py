"""Read YAML content safely, keeping where every key and value stands in its file.

Only plain data is accepted (mappings, lists, text, numbers, true/false, null): no tags,
no Python objects. Values keep YAML 1.2 meaning where YAML 1.1 surprises people:
``no``, ``yes``, ``on`` and ``off`` stay text, and ``2017-06-28`` stays text for the
validator to check as a date.

Content is first parsed without locations (quick_parse.py); the locating loader here runs over
a file only for what the quick pass finds unusual, or when a message needs a line and column.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import yaml

from .problems import Problem, field_path
from .quick_parse import UNUSUAL, key_like_line, parse_plain, text_lines
from .syntax_errors import explain_syntax_error

# libyaml is about seven times faster than the pure-Python loader and gives the same marks.
_C_LOADER = getattr(yaml, "CSafeLoader", None)
_Loader = _C_LOADER or yaml.SafeLoader

MAX_FILE_BYTES = 2 * 1024 * 1024  # a content file is a few KB; 2 MB is generous
MAX_DEPTH = 64  # real content nests fewer than ten levels
MAX_NODES = 200_000  # after aliases are expanded: stops "billion laughs"

_PLAIN_INT = re.compile(r"[-+]?[0-9]+")
_PLAIN_FLOAT = re.compile(r"[-+]?([0-9]+\.[0-9]*|\.[0-9]+)([eE][-+]?[0-9]+)?")
_YAML_TAG = "tag:yaml.org,2002:"
# The tags YAML gives plain values by itself; any other (!!python/object, !!binary, !local) is refused.
_PLAIN_TAGS = {_YAML_TAG + name for name in (
    "str", "int", "float", "bool", "null", "timestamp", "merge", "value", "map", "seq")}

Path_ = tuple  # a path into the data: keys and 0-based list positions


@dataclass(frozen=True)
class Location:
    line: int  # 1-based
    column: int  # 1-based


@dataclass
class LoadedFile:
    """One YAML file as plain data, with the location of every value and key."""

    name: str  # as shown to people, e.g. "checklists/areas/initial-contact.yml"
    data: Any
    value_locations: Mapping[Path_, Location] = field(default_factory=dict)
    key_locations: Mapping[Path_, Location] = field(default_factory=dict)

    def location(self, path: Sequence[str | int], at_key: bool = False) -> Location:
        """Where a value (or its key) stands; the nearest enclosing value if it is missing."""
        path = tuple(path)
        if at_key and path in self.key_locations:
            return self.key_locations[path]
        while path:
            if path in self.value_locations:
                return self.value_locations[path]
            path = path[:-1]
        return self.value_locations.get((), Location(1, 1))

    def problem(
        self,
        path: Sequence[str | int],
        message: str,
        expected: str = "",
        suggestion: str = "",
        at_key: bool = False,
    ) -> Problem:
        where = self.location(path, at_key)
        return Problem(self.name, where.line, where.column, field_path(path), message, expected, suggestion)

    def get(self, path: Sequence[str | int], default: Any = None) -> Any:
        value = self.data
        for part in path:
            try:
                value = value[part]
            except (KeyError, IndexError, TypeError):
                return default
        return value


def load_file(path: Path, name: str) -> tuple[LoadedFile | None, list[Problem]]:
    """Load one file. Returns the file, or None and the problems that stopped it."""
    raw, problems = read_file(path, name)
    return (None, problems) if raw is None else load_bytes(raw, name)


def read_file(path: Path, name: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of one file, or None and why it cannot be read (too big files are refused unread)."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            return None, [Problem(name, 0, 0, "", f"the file is {size:,} bytes, more than the {MAX_FILE_BYTES:,} allowed",
                                  "a content file of a few kilobytes; split large content into several files")]
        return path.read_bytes(), []
    except OSError as error:
        return None, [Problem(name, 0, 0, "", f"cannot read the file: {error.strerror or error}")]


def text_of(raw: bytes) -> str:
    """The text of a file's bytes; raises UnicodeDecodeError if it is not UTF-8."""
    return raw.removeprefix(b"\xef\xbb\xbf").decode("utf-8")  # a byte order mark, as some Windows editors save


def load_bytes(raw: bytes, name: str) -> tuple[LoadedFile | None, list[Problem]]:
    try:
        text = text_of(raw)
    except UnicodeDecodeError as error:
        raw = raw.removeprefix(b"\xef\xbb\xbf")  # the error's position is in the text after the mark
        line = raw.count(b"\n", 0, error.start) + 1
        line_start = raw.rfind(b"\n", 0, error.start) + 1
        column = len(raw[line_start:error.start].decode("utf-8", errors="replace")) + 1  # in characters, not bytes
        return None, [Problem(name, line, column, "", "the file is not UTF-8 text",
                              "UTF-8; in your editor choose 'Save with encoding: UTF-8'")]
    return load_text(text, name)


def load_text(text: str, name: str) -> tuple[LoadedFile | None, list[Problem]]:
    """One file's data; its locations are worked out only when first asked for (see quick_parse.py)."""
    if _Loader is not _C_LOADER:  # the pure-Python parser: no quick pass, its events are as slow as the rest
        return load_text_located(text, name)
    data = parse_plain(text, plain_value, MAX_DEPTH, MAX_NODES)
    if data is UNUSUAL:
        return load_text_located(text, name)
    return located_later(name, data, text), []


def located_later(name: str, data: Any, text: str) -> LoadedFile:
    """A file whose data is known, with the locations of the locating loader run over text when first used."""
    kept: list[LoadedFile] = []  # the located file, once worked out (cheaper than functools.cache per file)

    def located() -> LoadedFile:
        if not kept:
            loaded, _ = load_text_located(text, name)
            kept.append(loaded or LoadedFile(name, data))  # never None: the quick pass found the text plain
        return kept[0]
    return LoadedFile(name, data, LazyLocations(lambda: located().value_locations),
                      LazyLocations(lambda: located().key_locations))


class LazyLocations(Mapping):
    """Locations worked out on first use: only a file with a problem ever needs them."""

    def __init__(self, work_out: Callable[[], dict]):
        self._locations = work_out

    def __getitem__(self, path):
        return self._locations()[path]

    def __contains__(self, path) -> bool:
        return path in self._locations()

    def __iter__(self):
        return iter(self._locations())

    def __len__(self) -> int:
        return len(self._locations())


def load_text_located(text: str, name: str) -> tuple[LoadedFile | None, list[Problem]]:
    """The locating loader: every value's and key's line and column, and every problem placed."""
    try:
        _check_shape(text, name)
        documents = list(yaml.compose_all(text, Loader=_Loader))
    except yaml.MarkedYAMLError as error:
        return None, [explain_syntax_error(error, text, name, MAX_DEPTH)]
    except _TooBig as error:
        return None, [error.problem]
    except yaml.YAMLError as error:  # unmarked errors are rare (e.g. encoding), still say where
        return None, [Problem(name, 0, 0, "", f"this is not valid YAML: {error}")]
    if len(documents) > 1:
        second = documents[1].start_mark
        return None, [Problem(name, second.line + 1, second.column + 1, "",
                              "the file holds more than one YAML document (a line with ---)",
                              "one document per file")]
    loaded = LoadedFile(name, None)
    if not documents or documents[0] is None:
        loaded.value_locations[()] = Location(1, 1)
        return loaded, []
    converter = _Converter(loaded, text)
    try:
        loaded.data = converter.convert(documents[0], ())
    except _TooBig as error:
        return None, [error.problem]
    converter.fields_in_text()
    if converter.problems:
        return None, converter.problems
    return loaded, []


@dataclass
class _MergedItem:
    """The keys of a list item merged into the one above, for want of its '- ': each key and its line."""

    key_node: yaml.Node  # the item's first key, which repeats the first key of the item above
    keys: dict[str, int]
    repeated: list[str]  # its keys, after the first, that the item above has too


class _TooBig(Exception):
    def __init__(self, problem: Problem):
        self.problem = problem


def _check_shape(text: str, name: str) -> None:
    """Refuse deep nesting before composing, which recurses once per level."""
    depth = 0
    for event in yaml.parse(text, Loader=_Loader):
        if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            depth += 1
            if depth > MAX_DEPTH:
                mark = event.start_mark
                raise _TooBig(Problem(name, mark.line + 1, mark.column + 1, "",
                                      f"the content is nested more than {MAX_DEPTH} levels deep",
                                      "a few levels of lists and mappings"))
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            depth -= 1


def _reads_as_items(node: yaml.MappingNode) -> bool:
    """Whether a mapping reads as list items written without their '- ': its first key comes again, each time with
    another key the first stretch has too (one key given twice by mistake is told as such)."""
    keys = [key.value for key, _ in node.value if isinstance(key, yaml.ScalarNode)]
    starts = [index for index, key in enumerate(keys) if key == keys[0]] if keys else []
    if len(starts) < 2:
        return False
    first = set(keys[:starts[1]])
    stretches = [keys[start + 1:end] for start, end in zip(starts[1:], starts[2:] + [len(keys)])]
    return all(first.intersection(stretch) for stretch in stretches)


class _Converter:
    """Turns composed YAML nodes into plain data, recording locations and problems."""

    def __init__(self, loaded: LoadedFile, text: str):
        self.loaded = loaded
        self.text = text
        self.lines: list[str] | None = None  # split at the first block text
        self.keys_used: set[str] = set()  # every key of the file
        self.key_like_lines: list[tuple] = []  # block text with a line that reads as 'key: value', to check at the end
        self.problems: list[Problem] = []
        self.nodes_seen = 0
        self.open_nodes: set[int] = set()  # lists and mappings being converted: an alias back to one is a loop

    def convert(self, node: yaml.Node, path: Path_) -> Any:
        self.nodes_seen += 1
        if self.nodes_seen > MAX_NODES:
            raise _TooBig(self._at(node, path[:1], f"the content expands to more than {MAX_NODES:,} values (are aliases, *name, repeating it?)",
                                   "plain content without repeated aliases"))
        if len(path) > MAX_DEPTH:  # aliases can nest content deeper than the text shows
            raise _TooBig(self._at(node, path[:1], f"the content is nested more than {MAX_DEPTH} levels deep (through aliases, *name)",
                                   "a few levels of lists and mappings"))
        self.loaded.value_locations[path] = Location(node.start_mark.line + 1, node.start_mark.column + 1)
        if node.tag not in _PLAIN_TAGS:
            self.problems.append(self._at(node, path, f"the tag {_short_tag(node.tag)} is not allowed",
                                          "plain text, numbers, lists and mappings; put text starting with ! in quotes"))
            return None
        if isinstance(node, yaml.ScalarNode):
            return _scalar(node)
        if id(node) in self.open_nodes:
            raise _TooBig(self._at(node, path, "an alias (*name) refers to the list or mapping that contains it",
                                   "an alias that repeats content defined elsewhere, or the content written out"))
        self.open_nodes.add(id(node))
        try:
            if isinstance(node, yaml.MappingNode):
                return self._mapping(node, path)
            return [self.convert(item, path + (index,)) for index, item in enumerate(node.value)]
        finally:
            self.open_nodes.discard(id(node))

    def _mapping(self, node: yaml.MappingNode, path: Path_) -> dict:
        result: dict[str, Any] = {}
        # A list item whose '- ' is missing merges into the item above: its first key repeats that item's first
        # key, and each of its keys repeats one there. That is one mistake, told once (see _missing_dash).
        in_list_item = bool(path) and isinstance(path[-1], int) and not node.flow_style
        # ... and a list whose items all lack it is a mapping whose first key repeats (told once too, below).
        may_be_list = bool(path) and not in_list_item and not node.flow_style and _reads_as_items(node)
        first_key: str | None = None
        merged: list[_MergedItem] = []
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                self._problem(key_node, path, "a key must be a plain word, not a list or mapping", "a name such as 'title'")
                continue
            key = key_node.value
            child = path + (key,)
            line = key_node.start_mark.line + 1
            if first_key is None:
                first_key = key
            if (in_list_item or may_be_list) and key == first_key and key in result:
                merged.append(_MergedItem(key_node, {key: line}, []))
                continue
            if merged and key in merged[-1].keys:  # twice in the merged item itself: a mistake of its own
                first_line = merged[-1].keys[key]
            elif key in result and merged:  # repeats a key of the item above, as the merged item's first key does
                merged[-1].keys[key] = line
                merged[-1].repeated.append(key)
                continue
            elif key in result:
                first_line = self.loaded.key_locations[child].line
            else:
                first_line = None
            if first_line is not None:
                self._problem(key_node, child, f"'{key}' is given twice in the same mapping (first on line {first_line})",
                              "each key once; remove or rename one of them")
                continue
            if merged:
                merged[-1].keys[key] = line
            self.loaded.key_locations[child] = Location(key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            self.keys_used.add(key)
            result[key] = self.convert(value_node, child)
            if isinstance(value_node, yaml.ScalarNode) and value_node.style in ("|", ">"):
                self.lines = self.lines or text_lines(self.text)
                found = key_like_line(self.lines, value_node.start_mark.line + 1, value_node.end_mark.line)
                if found is not None:
                    self.key_like_lines.append((found, key_node, child, result))
        if merged and not in_list_item:
            self.problems.append(self._list_without_dashes(merged, path, first_key))
            return [result]  # the first item, checked as such: the others are told of here
        for item in merged:
            self.problems.append(self._missing_dash(item, path, first_key))
        return result

    def _list_without_dashes(self, items: list[_MergedItem], path: Path_, first_key: str) -> Problem:
        """One problem for a list whose items were all written without their '- ': a mapping whose first key repeats."""
        self.lines = self.lines or text_lines(self.text)
        first = self.loaded.key_locations[path + (first_key,)]
        starts = [first.line] + [item.key_node.start_mark.line + 1 for item in items]
        shown = ", ".join(map(str, starts[:-1])) + f" and {starts[-1]}" if len(starts) <= 6 else \
            ", ".join(map(str, starts[:5])) + f" and {len(starts) - 5} more"
        repeated = [f"'{key}'" for key in dict.fromkeys(key for item in items for key in item.repeated)]
        listed = ", ".join(repeated[:-1]) + " and " + repeated[-1] if len(repeated) > 1 else repeated[0]
        also = f", and {listed} {'repeat' if len(repeated) > 1 else 'repeats'} too"
        line = self.lines[first.line - 1]
        indent = len(line) - len(line.lstrip(" "))
        # "- " in the two spaces before the key: the keys below it then stay where they are.
        suggestion = " " * (indent - 2) + "- " + line.lstrip(" ") if indent >= 2 else ""
        return Problem(self.loaded.name, first.line, first.column, field_path(path),
                       f"lines {shown} seem to start the items of a list, but none has its '- ', so YAML reads them "
                       f"as one mapping with '{first_key}' given {len(starts)} times{also}",
                       f"'- ' before each '{first_key}', as every list item has", suggestion)

    def _missing_dash(self, item: _MergedItem, path: Path_, first_key: str) -> Problem:
        """One problem for a list item written without its '- ', where its first key repeats the item above's."""
        self.lines = self.lines or text_lines(self.text)
        first = self.loaded.key_locations[path + (first_key,)]
        mark = item.key_node.start_mark
        repeated = [f"'{key}'" for key in item.repeated]
        also = ""
        if repeated:
            listed = ", ".join(repeated[:-1]) + " and " + repeated[-1] if len(repeated) > 1 else repeated[0]
            also = f", and so {'are' if len(repeated) > 1 else 'is'} {listed}"
        # The item above shows where its '- ' stands: the new item's line is suggested with one there.
        dash = re.fullmatch(r"(.*?)(- +)", self.lines[first.line - 1][:first.column - 1])
        suggestion = " " * len(dash[1]) + dash[2] + self.lines[mark.line].lstrip(" ") if dash else ""
        return Problem(self.loaded.name, mark.line + 1, mark.column + 1, field_path(path + (first_key,)),
                       f"line {mark.line + 1} seems to start a new list item, but has no '- ': '{first_key}' is given "
                       f"twice in this item (first on line {first.line}){also}",
                       f"'- ' before '{first_key}', as on line {first.line}", suggestion)

    def fields_in_text(self) -> None:
        """A field indented as far as the block text above it is part of that text: YAML reads it as more words,
        silently. Said where a line of block text reads 'key: ...' with a key the file uses elsewhere and this
        mapping lacks ("help:" in an item's text); prose may start a line with "word:" too, hence the care."""
        for (line, column, stray), key_node, path, mapping in self.key_like_lines:
            if stray not in self.keys_used or stray in mapping:
                continue
            indent = key_node.start_mark.column
            self.problems.append(Problem(
                self.loaded.name, line + 1, column + 1, field_path(path),
                f"this line, '{stray}: …', is indented as far as the text of '{key_node.value}' above it, so YAML "
                f"reads it as more words of that text, not as the field '{stray}'",
                f"'{stray}:' indented by {indent} space{'s' if indent != 1 else ''}, as '{key_node.value}:' is"))

    def _problem(self, node: yaml.Node, path: Path_, message: str, expected: str) -> None:
        self.problems.append(self._at(node, path, message, expected))

    def _at(self, node: yaml.Node, path: Path_, message: str, expected: str) -> Problem:
        mark = node.start_mark
        return Problem(self.loaded.name, mark.line + 1, mark.column + 1, field_path(path), message, expected)


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix(_YAML_TAG) if tag.startswith(_YAML_TAG) else tag


def _scalar(node: yaml.ScalarNode) -> Any:
    if node.style:  # quoted or block text is always text
        return node.value
    return plain_value(node.value, node.tag)


def plain_value(value: str, tag: str) -> Any:
    """An unquoted value, typed by the tag YAML resolved for it (the YAML 1.2 way, see above)."""
    tag = tag.removeprefix(_YAML_TAG)
    if tag == "null":
        return None
    if tag == "bool" and value.lower() in ("true", "false"):
        return value.lower() == "true"
    if tag == "int" and _PLAIN_INT.fullmatch(value):
        return int(value)
    if tag == "float" and _PLAIN_FLOAT.fullmatch(value):
        return float(value)
    return value
