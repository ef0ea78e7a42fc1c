"""Parse plain YAML content to data in one pass of libyaml's events, without locations.

The locating loader (load.py) checks the nesting, composes nodes and converts them: three
passes, with a location kept for every value, five of the eight seconds of a cold load at L.
Locations are needed only to place a problem. So content is first parsed here, and only when
a message needs a line does load.py run the locating loader over the same text.

Anything unusual (an anchor or alias, a tag, a repeated or non-text key, more than one document,
deep nesting, a syntax error) gives ``UNUSUAL``: the locating loader then loads the file and says
what is wrong, exactly as before. Values are typed by the same rules as load.py (``plain_value``).
"""
from __future__ import annotations

from typing import Any

import yaml
from yaml.cyaml import CParser
from yaml.resolver import Resolver

UNUSUAL = object()  # "let the locating loader do this one"

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
        return _build(parser, plain_value, max_depth, max_values)
    except yaml.YAMLError:
        return UNUSUAL
    finally:
        parser.dispose()


def _build(parser: CParser, plain_value, max_depth: int, max_values: int) -> Any:
    values_left = max_values
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
                continue
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
