"""Check each file against the JSON Schema of its kind, in words a training lead can act on.

The schemas in ``generator/schemas/`` are the single description of the format: they drive
this check and, pointed to from an editor, check files as they are typed.
"""
from __future__ import annotations

import calendar
import datetime
import json
import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from ..load import LoadedFile
from ..problems import Problem, did_you_mean, field_path
from .compiled import Unsupported, compile_schema

if TYPE_CHECKING:
    from jsonschema import Draft202012Validator, ValidationError

# jsonschema is imported where a file is checked, not with this module: a build that finds every
# file in the cache of checked files never needs it, and importing it is a third of the generator's.

KINDS = ("site", "area", "guidance", "checklist", "glossary", "legal")
_TYPE_WORDS = {
    "object": "a mapping of 'key: value' lines",
    "array": "a list of '- ' items",
    "string": "text",
    "integer": "a whole number",
    "number": "a number",
    "boolean": "true or false",
}


def schema_path(kind: str) -> Path:
    return Path(str(resources.files("generator") / "schemas" / f"{kind}.schema.json"))


@cache
def _validator(kind: str) -> Draft202012Validator:
    from jsonschema import Draft202012Validator
    from referencing import Registry, Resource

    # Schemas have no $id: their references are file names, resolved next to the schema file,
    # so an editor finds common.schema.json on disk and never tries the network.
    registry = Registry().with_resources(
        (f"{name}.schema.json", Resource.from_contents(json.loads(schema_path(name).read_text(encoding="utf-8"))))
        for name in ("common", *KINDS)
    )
    schema = json.loads(schema_path(kind).read_text(encoding="utf-8"))
    return Draft202012Validator(schema, registry=registry)


@cache
def _quick_validator(kind: str) -> _QuickCheck | Draft202012Validator | None:
    """The same schema with every $ref written out in place, compiled to plain functions (see
    compiled.py): it says only valid or not, many times faster than the full check, so content
    without problems is checked quickly. jsonschema on the written-out schema if it cannot be
    compiled; None if the schema refers to itself (it could not be written out)."""
    documents = {f"{name}.schema.json": json.loads(schema_path(name).read_text(encoding="utf-8"))
                 for name in ("common", *KINDS)}
    try:
        written_out = _inlined(documents[f"{kind}.schema.json"], f"{kind}.schema.json", documents, ())
    except ValueError:
        return None
    try:
        return _QuickCheck(compile_schema(written_out))
    except Unsupported:
        from jsonschema import Draft202012Validator
        return Draft202012Validator(written_out)


class _QuickCheck:
    def __init__(self, check):
        self.is_valid = check


def _inlined(node, document: str, documents: dict, following: tuple):
    if isinstance(node, list):
        return [_inlined(item, document, documents, following) for item in node]
    if not isinstance(node, dict):
        return node
    result = {key: _inlined(value, document, documents, following) for key, value in node.items()
              if key not in ("$ref", "$defs")}
    if "$ref" not in node:
        return result
    target_document, _, pointer = node["$ref"].partition("#")
    target_document = target_document or document
    if (target_document, pointer) in following:
        raise ValueError(f"recursive $ref {node['$ref']}: cannot be written out")
    target = documents[target_document]
    for part in filter(None, pointer.split("/")):
        target = target[part.replace("~1", "/").replace("~0", "~")]
    target = _inlined(target, target_document, documents, following + ((target_document, pointer),))
    if set(result) <= _ANNOTATIONS:
        return target
    # "$ref" beside other keywords means both apply, as allOf does.
    result["allOf"] = [target, *result.get("allOf", [])]
    return result


_ANNOTATIONS = {"title", "description", "$comment", "examples", "default", "patternErrorMessage"}  # no effect on validity


def check_schema(loaded: LoadedFile, kind: str) -> list[Problem]:
    quick = _quick_validator(kind)
    if quick is not None and quick.is_valid(loaded.data):
        return []
    problems: list[Problem] = []
    for error in _validator(kind).iter_errors(loaded.data):
        problems.extend(_explain(loaded, error))
    return problems


def _explain(loaded: LoadedFile, error: ValidationError) -> list[Problem]:
    path = list(error.absolute_path)
    schema = error.schema if isinstance(error.schema, dict) else {}
    keyword = error.validator
    if keyword == "additionalProperties":
        allowed = sorted(schema.get("properties", {}))
        extra = [key for key in error.instance if key not in allowed]
        return [
            loaded.problem(path + [key], f"unknown field '{key}'", "one of: " + ", ".join(allowed),
                           did_you_mean(key, allowed), at_key=True)
            for key in extra
        ]
    if keyword == "required":
        # Reported at the mapping that lacks it: the line of its key, or its first line.
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        meaning = _describe(schema.get("properties", {}).get(missing, {}))
        return [loaded.problem(path, f"the required field '{missing}' is missing",
                               f"a line '{missing}: ...' " + ("at the top of the file, not indented" if not path else
                                                              f"among the fields of {field_path(path)}")
                               + (f": {meaning.rstrip('.')}" if meaning else ""),
                               at_key=True)]
    if keyword == "type":
        if not path and error.instance is None:
            return [loaded.problem(path, "the file is empty", _type_words(error.validator_value))]
        # A list or mapping given where text belongs is reported at its key, not at its first entry.
        return [loaded.problem(path, f"this is {_describe_value(error.instance)}", _type_words(error.validator_value),
                               _text_meant(error.instance, error.validator_value),
                               at_key=isinstance(error.instance, (dict, list)))]
    if keyword == "enum":
        choices = [str(choice) for choice in error.validator_value]
        return [loaded.problem(path, f"'{error.instance}' is not an allowed value", "one of: " + ", ".join(choices),
                               did_you_mean(error.instance, choices))]
    if keyword == "pattern":
        return [loaded.problem(path, f"'{error.instance}' is not in the right form",
                               schema.get("patternErrorMessage", f"text matching {error.validator_value}"),
                               _right_form(error.instance, error.validator_value))]
    if keyword == "propertyNames":
        # The failing key is reported as the instance; point at the key itself.
        return [loaded.problem(path + [error.instance], f"'{error.instance}' is not allowed as a key here",
                               _describe(error.validator_value) or "a valid id", at_key=True)]
    if keyword in ("minItems", "minLength"):
        return [loaded.problem(path, "this is empty", "at least one entry" if keyword == "minItems" else "some text")]
    if keyword == "uniqueItems":
        return [loaded.problem(path, "the list repeats an entry", "each entry once")]
    if keyword == "minimum":
        return [loaded.problem(path, f"{error.instance} is too small", f"at least {error.validator_value}")]
    return [loaded.problem(path, error.message)]


def _text_meant(value, expected) -> str:
    """What was probably meant: 'Note: be quick' unquoted in a list reads as a mapping; yes/no for true/false."""
    if expected == "boolean" and isinstance(value, str) and value.lower() in _YES_NO:
        return _YES_NO[value.lower()]
    # version: 1.1 reads as a number, and only whole numbers are allowed: in quotes it is text, as meant.
    if isinstance(value, float) and isinstance(expected, list) and "string" in expected:
        return f'"{value}"'
    if expected == "string" and isinstance(value, dict) and len(value) == 1:
        key, inner = next(iter(value.items()))
        if isinstance(inner, str):
            return f'"{key}: {inner}"'
    return ""


_YES_NO = {"yes": "true", "y": "true", "on": "true", "no": "false", "n": "false", "off": "false"}


def _right_form(value: str, pattern: str) -> str:
    """A corrected value when an obvious repair fits the pattern: ids, timescales, day/month/year dates."""
    trimmed = value.strip()
    candidates = [trimmed, trimmed.lower(), re.sub(r"[^a-z0-9]+", "-", trimmed.lower()).strip("-"),
                  "within " + re.sub(r"^(in|within)\s+", "", trimmed.lower())]
    candidates.extend(_dates_meant(trimmed))
    return next((candidate for candidate in candidates if candidate != value and re.search(pattern, candidate)), "")


_MONTHS = {name[:3].lower(): number for number, name in enumerate(calendar.month_name) if name}
_MONTH_NAMES = {name.lower() for name in calendar.month_name if name} | set(_MONTHS) | {"sept"}


def _dates_meant(text: str) -> list[str]:
    """The date text written as day/month/year or with the month's name means (31/12/2018, 31 Dec 2018, December
    2018), in the form dates take; none when it is no real date (31/13/2018 is not "2018-13-31")."""
    numbers = re.fullmatch(r"(\d{1,2})[/.](\d{1,2})[/.](\d{4})", text)
    named = re.fullmatch(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]{3,9})\.?,?\s+(\d{4})", text)
    if numbers:
        day, month, year = (int(part) for part in numbers.groups())
    elif named and named.group(2).lower() in _MONTH_NAMES:
        day, month, year = int(named.group(1) or 0), _MONTHS[named.group(2)[:3].lower()], int(named.group(3))
        if not day:
            return [f"{year}-{month:02d}"]
    else:
        return []
    try:
        return [datetime.date(year, month, day).isoformat()]
    except ValueError:
        return []


def _describe(schema: dict) -> str:
    if "$ref" in schema and "description" not in schema:
        return ""
    return schema.get("patternErrorMessage") or schema.get("description", "")


def _type_words(expected) -> str:
    if isinstance(expected, list):
        return " or ".join(_TYPE_WORDS.get(name, name) for name in expected)
    return _TYPE_WORDS.get(expected, expected)


def _describe_value(value) -> str:
    if value is None:
        return "empty"
    if isinstance(value, bool):
        return f"'{str(value).lower()}' (true or false)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, (int, float)):
        return f"the number {value}"
    return f"the text '{value}'"
