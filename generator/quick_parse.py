"""Parse plain YAML content to data in one pass of libyaml's events, without locations.

The locating loader (load.py) checks the nesting, composes nodes and converts them: three
passes, with a location kept for every value, five of the eight seconds of a cold load at L.
Locations are needed only to place a problem. So content is first parsed here, and only when
a message needs a line does load.py run the locating loader over the same text.

Anything unusual (an anchor or alias, a tag, a repeated or non-text key, more than one document,
deep nesting, a syntax error, block text with a line like "help: ...") gives ``UNUSUAL``: the
locating loader then loads the file and says what is wrong, exactly as before. Values are typed by
the same rules as load.py (``plain_value``).
"""
from __future__ import annotations

import re
from typing import Any

import yaml
from yaml.cyaml import CParser
from yaml.resolver import Resolver

UNUSUAL = object()  # "let the locating loader do this one"

# A line of block text (after "key: >-" or "key: |") that reads as a field of its own: "help: Compare the times".
# Indented as the text's lines are, YAML takes it for more words of the text (load.py says so, if the mapping
# lacks that field).
_KEY_LIKE_LINE = re.compile(r"( *)([a-z][a-z0-9_-]*):(?: |$)")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")  # the line breaks YAML counts


def key_like_line(lines: list[str], first: int, last: int) -> tuple[int, int, str] | None:
    """The first line of block text, which runs from line first to at most last (0-based) while indented as
    its first line is, that looks like 'key: value': (line, column, key); None if there is none."""
    indent = None
    for number in range(first, min(last, len(lines) - 1) + 1):
        line = lines[number]
        if not line.strip():
            continue
        spaces = len(line) - len(line.lstrip(" "))
        if indent is None:
            indent = spaces
        elif spaces < indent:
            return None  # the text has ended: this is the next key of the mapping
        match = _KEY_LIKE_LINE.match(line)
        if match:
            return number, len(match.group(1)), match.group(2)
    return None


def text_lines(text: str) -> list[str]:
    """The lines of a text as YAML counts them, so that a mark's line number finds its line."""
    return _LINE_BREAK.split(text)

_IMPLICIT = Resolver.yaml_implicit_resolvers  # what the composer consults for a plain scalar's tag
_ANY_START = _IMPLICIT.get(None, [])
_DEFAULT_TAG = Resolver.DEFAULT_SCALAR_TAG
# First characters a plain scalar can be typed by (t for true, 1 for a number...): most text starts
# otherwise and stays text with no pattern tried. None if some pattern applies whatever the start.
_TYPED_STARTS = None if _ANY_START else frozenset(_IMPLICIT)
_NO_KEY = object()


def implicit_tag(value: str) -> str:
    """The tag YAML gives a plain (unquoted) scalar, as the composer resolves it."""
    for tag, pattern in _IMPLICIT.get(value[0] if value else "", []) + _ANY_START:
        if pattern.match(value):
            return tag
    return _DEFAULT_TAG


def parse_plain(text: str, plain_value, max_depth: int, max_values: int) -> Any:
    """The data of a single plain YAML document; UNUSUAL if the locating loader should decide (among others, past
    max_values values and keys: the locating loader's own limit, which it then applies with its message)."""
    parser = CParser(text)
    try:
        return _build(parser, text, plain_value, max_depth, max_values)
    except yaml.YAMLError:
        return UNUSUAL
    finally:
        parser.dispose()


def _build(parser: CParser, text: str, plain_value, max_depth: int, max_values: int) -> Any:
    values_left = max_values
    lines = None  # the text's lines, split at the first block text
    keys_used: set = set()  # every key, and each block text's line like "help: ..." with its mapping (see load.py)
    key_like_lines: list = []
    stack: list = []  # the open lists and mappings, innermost last
    keys: list = []  # for each open one: the key awaiting its value (_NO_KEY if none, or a list)
    root: Any = UNUSUAL
    documents = 0
    get_event = parser.get_event
    typed_starts = _TYPED_STARTS
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    collection_end = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    while True:
        event = get_event()
        kind = type(event)
        if kind is scalar or kind is mapping_start or kind is sequence_start:
            values_left -= 1
            if values_left < 0:
                return UNUSUAL
        if kind is scalar:
            if event.anchor is not None or event.tag is not None:
                return UNUSUAL
            value = event.value
            if stack and keys[-1] is _NO_KEY:  # a key of the innermost mapping
                if value in stack[-1]:
                    return UNUSUAL
                keys[-1] = value
                keys_used.add(value)
                continue
            if event.style in ("|", ">") and stack and keys[-1] is not None:  # block text as a mapping's value
                lines = lines or text_lines(text)
                found = key_like_line(lines, event.start_mark.line + 1, event.end_mark.line)
                if found is not None:
                    key_like_lines.append((found[2], stack[-1]))
            if event.style or (typed_starts is not None and value and value[0] not in typed_starts):
                item = value  # quoted or block text, or text no pattern could type
            else:
                item = plain_value(value, implicit_tag(value))
        elif kind is mapping_start or kind is sequence_start:
            if event.anchor is not None or event.tag is not None or len(stack) >= max_depth - 1:
                return UNUSUAL
            item = {} if kind is mapping_start else []
        elif kind in collection_end:
            stack.pop()
            keys.pop()
            continue
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                return UNUSUAL
            continue
        elif kind is yaml.StreamEndEvent:
            if any(word in keys_used and word not in mapping for word, mapping in key_like_lines):
                return UNUSUAL  # perhaps a field indented into the text above it: load.py says so
            return root if documents == 1 else UNUSUAL
        elif kind is yaml.AliasEvent:
            return UNUSUAL
        else:  # stream start, document end
            continue
        if not stack:
            root = item
        elif keys[-1] is None:  # in a list
            stack[-1].append(item)
        elif keys[-1] is _NO_KEY:  # a list or mapping as a key
            return UNUSUAL
        else:
            stack[-1][keys[-1]] = item
            keys[-1] = _NO_KEY
        if kind is mapping_start:
            stack.append(item)
            keys.append(_NO_KEY)
        elif kind is sequence_start:
            stack.append(item)
            keys.append(None)
