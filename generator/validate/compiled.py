"""A schema turned into nested Python functions that say only valid or not, for content without problems.

The jsonschema package, even on a schema with its references written out, spends most of its
time choosing and calling keyword functions: at L that was four of the eight seconds of a cold
load. Our schemas use fourteen keywords; each is compiled here once into a closure, with the
meaning Draft 2020-12 gives it. A keyword not known here makes the whole schema ``Unsupported``,
and the caller falls back to jsonschema. Saying "invalid" too readily would only cost time (the
full check decides); saying "valid" wrongly would lose a message, so tests compare the two.

Not fastjsonschema: it knows Drafts 4, 6 and 7, not the 2020-12 of our schemas (and editors'),
and this small compiler, fitted to the keywords we use, is as fast as generated code needs to be.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

Check = Callable[[Any], bool]

_ANNOTATIONS = {"$schema", "$id", "$comment", "title", "description", "examples", "default", "patternErrorMessage"}
_TYPES: dict[str, Check] = {
    "object": lambda value: isinstance(value, dict),
    "array": lambda value: isinstance(value, list),
    "string": lambda value: isinstance(value, str),
    "boolean": lambda value: isinstance(value, bool),
    "null": lambda value: value is None,
    "number": lambda value: isinstance(value, (int, float)) and not isinstance(value, bool),
    # JSON Schema counts 1.0 as an integer, as jsonschema does.
    "integer": lambda value: (isinstance(value, int) and not isinstance(value, bool))
    or (isinstance(value, float) and value.is_integer()),
}


class Unsupported(ValueError):
    """The schema uses something this compiler does not know."""


def compile_schema(schema: Any) -> Check:
    """A function telling whether a value is valid against schema (with no $ref left in it)."""
    if schema is True:
        return lambda value: True
    if schema is False:
        return lambda value: False
    if not isinstance(schema, dict):
        raise Unsupported(f"a schema must be a mapping or true/false, not {schema!r}")
    unknown = set(schema) - _ANNOTATIONS - set().union(*_GROUPS.values())
    if unknown:
        raise Unsupported("keywords not compiled: " + ", ".join(sorted(unknown)))
    checks = [compile_group(schema) for compile_group, keywords in _GROUPS.items() if not keywords.isdisjoint(schema)]
    return _every(checks)


def _every(checks: list[Check]) -> Check:
    """All of checks, chained by `and`: a generator inside all() costs more than most checks do."""
    if not checks:
        return lambda value: True
    combined = checks[-1]
    for check in reversed(checks[:-1]):
        combined = (lambda first, rest: lambda value: first(value) and rest(value))(check, combined)
    return combined


def _type(schema: dict) -> Check:
    names = schema["type"] if isinstance(schema["type"], list) else [schema["type"]]
    try:
        tests = [_TYPES[name] for name in names]
    except KeyError as error:
        raise Unsupported(f"unknown type {error}") from None
    return tests[0] if len(tests) == 1 else (lambda value: any(test(value) for test in tests))


def _object(schema: dict) -> Check:
    """properties, additionalProperties, required and propertyNames together: one pass over the keys."""
    properties = {key: compile_schema(sub) for key, sub in schema.get("properties", {}).items()}
    additional = schema.get("additionalProperties", True)
    extra = None if additional is True else compile_schema(additional)
    required = tuple(schema.get("required", ()))
    names = compile_schema(schema["propertyNames"]) if "propertyNames" in schema else None

    def check(value: Any) -> bool:
        if not isinstance(value, dict):
            return True
        for key in required:
            if key not in value:
                return False
        for key, item in value.items():
            if names is not None and not names(key):
                return False
            test = properties.get(key, extra)
            if test is not None and not test(item):
                return False
        return True
    return check


def _array(schema: dict) -> Check:
    item_check = compile_schema(schema["items"]) if "items" in schema else None
    least = schema.get("minItems", 0)
    unique = schema.get("uniqueItems", False)

    def check(value: Any) -> bool:
        if not isinstance(value, list):
            return True
        if len(value) < least:
            return False
        if item_check is not None:
            for item in value:
                if not item_check(item):
                    return False
        return not unique or _all_different(value)
    return check


def _all_different(items: list) -> bool:
    """As jsonschema compares: true is not 1, 1 is 1.0. Lists and mappings as items are called
    repeated (the full check decides): every list of ours that must be unique holds text."""
    seen = set()
    for item in items:
        if isinstance(item, (list, dict)):
            return False
        key = (type(item) is bool, item)
        if key in seen:
            return False
        seen.add(key)
    return True


def _string(schema: dict) -> Check:
    search = re.compile(schema["pattern"]).search if "pattern" in schema else None
    shortest = schema.get("minLength", 0)
    longest = schema.get("maxLength", float("inf"))

    def check(value: Any) -> bool:
        if not isinstance(value, str):
            return True
        return shortest <= len(value) <= longest and (search is None or search(value) is not None)
    return check


def _minimum(schema: dict) -> Check:
    least = schema["minimum"]
    return lambda value: not isinstance(value, (int, float)) or isinstance(value, bool) or value >= least


def _enum(schema: dict) -> Check:
    choices = schema["enum"]
    if not all(isinstance(choice, str) for choice in choices):
        raise Unsupported("enum of other than text")  # jsonschema's equality of true, 1 and 1.0 is not worth copying
    allowed = frozenset(choices)
    return lambda value: isinstance(value, str) and value in allowed


def _all_of(schema: dict) -> Check:
    return _every([compile_schema(sub) for sub in schema["allOf"]])


# Each function compiles the keywords of its group together (one pass over a mapping's keys, say).
_GROUPS: dict[Callable[[dict], Check], frozenset[str]] = {
    _type: frozenset({"type"}),
    _enum: frozenset({"enum"}),
    _object: frozenset({"properties", "additionalProperties", "required", "propertyNames"}),
    _array: frozenset({"items", "minItems", "uniqueItems"}),
    _string: frozenset({"pattern", "minLength", "maxLength"}),
    _minimum: frozenset({"minimum"}),
    _all_of: frozenset({"allOf"}),
}
