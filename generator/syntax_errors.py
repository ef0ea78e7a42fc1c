"""YAML syntax errors explained in words a training lead can act on.

libyaml and the pure-Python parser word their errors differently, so the explanation is chosen
from what the text shows where the error was found, and points where the fix is needed (an
unclosed quote, not the end of the file). The parser's own words are kept only when nothing
better is known.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from .problems import Problem, field_path
from .quick_parse import text_lines

_KEY_ONLY = re.compile(r"\s*(?:-\s+)?[\w.-]+")  # what a line holds before the ':' of 'key: value'
_KEY_VALUE = re.compile(r"(\s*(?:-\s+)?[\w.-]+:\s+)(\S.*?)\s*")
_OPENS_QUOTE = re.compile(r"\s*(?:-\s+)?(?:[\w.-]+:\s+)?([\"'])")
_INDENTATION = ("expected <block end>", "did not find expected key", "did not find expected '-' indicator",
                "could not find expected ':'")
_SAME_INDENT = "the keys of one mapping, and the '- ' of one list, indented by the same number of spaces"
_QUOTE_IT = "the text in quotes"


def explain_syntax_error(error: yaml.MarkedYAMLError, text: str, name: str, max_depth: int) -> Problem:
    """The problem a YAML syntax error stands for, located where the fix is needed."""
    lines = text_lines(text)
    where, context = error.problem_mark or error.context_mark, error.context_mark
    problem, during = error.problem or "", error.context or ""
    if where is None:
        return Problem(name, 0, 0, "", f"invalid YAML: {problem or during or error}")

    def at(mark, field: str, message: str, expected: str = "", suggestion: str = "") -> Problem:
        """A problem at mark; field says which path to name: the key on that line ("own"), the
        block the line continues or sits in ("indent"), or the block of the line above ("tab")."""
        line = min(mark.line, len(lines) - 1)
        path = {"own": _own_path, "indent": _indented_path, "tab": _tab_path}[field](lines, line)
        return Problem(name, mark.line + 1, mark.column + 1, field_path(path), f"invalid YAML: {message}", expected, suggestion)

    line_text = lines[where.line] if where.line < len(lines) else ""
    before = line_text[:where.column]
    character = line_text[where.column:where.column + 1]
    if character == "\t" or "tab" in problem:
        return at(where, "tab", "a tab is used for indentation", "spaces only; YAML does not allow tabs for indenting")
    if "quoted scalar" in during and context:
        if "escape" in problem or "hex" in problem:
            return at(context, "own", "a backslash (\\) in text in double quotes starts an unknown escape",
                      "single quotes around text with backslashes, or \\\\ for each backslash")
        return at(context, "own", "this quote is never closed", "a closing quote at the end of the text")
    if "flow sequence" in during or "flow mapping" in during:
        brackets = "[ ]" if "sequence" in during else "{ }"
        return at(context, "own", f"the {brackets[0]} opened here is not closed with {brackets[-1]}",
                  f"a list or mapping in brackets closed on the same line, e.g. {brackets[0]}a, b{brackets[-1]}")
    if "undefined alias" in problem or "scanning an alias" in during or "scanning an anchor" in during:
        # Markdown such as *Always* at the start of a value reads as a YAML alias (*name) or anchor (&name).
        start = (where if "undefined alias" in problem else context) or where
        sign = "&" if "anchor" in during else "*"
        return at(start, "own", f"text starting with '{sign}' is read as a YAML {'anchor' if sign == '&' else 'alias'} ({sign}name), not as text",
                  _QUOTE_IT, _quoted(lines[start.line] if start.line < len(lines) else ""))
    if "cannot start any token" in problem and character in ("@", "`", "%"):
        return at(where, "own", f"text cannot start with '{character}'", _QUOTE_IT, _quoted(line_text))
    if "mapping values are not allowed" in problem:
        moved = _moved_left(lines, where.line)
        if moved is not None:
            return _misindented_key_problem(name, lines, *moved)
        deeper = _moved_right(lines, where.line) if _KEY_ONLY.fullmatch(before) else None
        if deeper is not None:
            path, key, indent, keys_indent, above = deeper
            return _misindented_key_problem(name, lines, where.line, path, key, indent, keys_indent,
                                            f", so it is read as more of the text of '{above}' above it")
        if _KEY_ONLY.fullmatch(before):
            return at(where, "indent", "this line looks like 'key: value' but is indented differently from the keys above it, "
                      "so it is read as part of the text before", _SAME_INDENT + "; or, if it is text, quotes around it")
        return at(where, "own", "a colon followed by a space appears inside text", _QUOTE_IT, _quoted(line_text))
    if any(needle in problem for needle in _INDENTATION):
        unclosed = _unclosed_quote(lines, where.line)
        if unclosed:
            return at(yaml.Mark(name, 0, unclosed[0], unclosed[1], None, None), "own",
                      "this quote is not closed on its line, so the text runs on to the next quote",
                      "a closing quote at the end of the text")
        apostrophe = _apostrophe_in_single_quotes(line_text)
        if apostrophe:
            word, suggestion = apostrophe
            return at(where, "own", f"the apostrophe in '{word}' ends the text, which begins with a single quote",
                      "double quotes around text with an apostrophe, or the apostrophe written twice ('')", suggestion)
        if before.rstrip().endswith(('"', "'")):
            return at(where, "own", "more text follows the closing quote", "quotes around the whole text")
        missing = _colon_missing(lines, where.line)
        if missing:
            number, column, key, value = missing
            return at(yaml.Mark(name, 0, number, column, None, None), "indent",
                      f"this line has no ':' after '{key}', so YAML reads it as text and the lines after it no longer fit",
                      "a ':' right after the key", f"{key}: {value}")
        moved = _moved_left(lines, where.line)
        if moved is not None:
            return _misindented_key_problem(name, lines, *moved)
        first = _first_item_without_dash(lines, where.line)
        if first is not None:
            number, path, key, indent = first
            return Problem(name, number + 1, _indent_of(lines[number]) + 1, field_path(path),
                           f"invalid YAML: line {number + 1} seems to start the first item of the list under '{key}', "
                           f"but has no '- ': the next item, on line {where.line + 1}, has one",
                           f"'- ' before the item's first key, as on line {where.line + 1}",
                           " " * indent + "- " + lines[number].lstrip(" "))
        item = _misplaced_dash(lines, where.line)
        if item is not None:
            path, indent, items_indent = item
            moved = _indent_of(_next_line(lines, where.line)) == indent + 2  # its keys moved with it: the whole item
            shift = abs(items_indent - indent)
            return Problem(name, where.line + 1, indent + 1, field_path(path),
                           f"invalid YAML: the '- ' of this item is {_indented(indent)}; that of the item above "
                           f"is {_indented(items_indent, with_unit=False)}" + (", as if the whole item had moved" if moved else ""),
                           _SAME_INDENT + (f": {shift} {'more' if items_indent > indent else 'fewer'} space{'s' if shift > 1 else ''} "
                                           "before each line of this item" if moved else ""),
                           " " * items_indent + line_text.lstrip(" "))
        return at(where, "indent", "this line is indented differently from the lines above it", _SAME_INDENT)
    if "duplicate anchor" in during:
        return at(where, "own", "the same anchor (&name) is defined twice", "each &name once")
    if "maximum nesting depth" in problem:
        return at(where, "indent", f"the content is nested more than {max_depth} levels deep", "a few levels of lists and mappings")
    return at(where, "indent", " ".join(part for part in (during, problem) if part) or "the file cannot be read as YAML")


# --- which field a broken line belongs to, read from indentation alone -----------------------
# The parser stops at the error, so the path is worked out from the text: the keys and list
# positions whose indentation encloses the line, as a training lead would read it.

_KEY = re.compile(r"([\w.-]+|\"[^\"]*\"|'[^']*'):(?=\s|$)")


@dataclass
class _Step:
    column: int
    part: str | int  # a key, or a 0-based list position
    has_text: bool  # a key or list entry with its value on the same line: deeper lines continue that text


def _outline(lines: list[str], last: int) -> list[_Step]:
    """The keys and list positions enclosing line `last` (0-based), after reading lines up to it."""
    steps: list[_Step] = []
    for line in lines[:last + 1]:
        rest = line.lstrip(" ")
        column = len(line) - len(rest)
        if not rest.strip() or rest.startswith("#"):
            continue
        if column == 0 and rest.startswith(("---", "...")):
            steps = []
            continue
        if steps and steps[-1].has_text and column > steps[-1].column:
            continue  # more of the text above
        while rest == "-" or rest.startswith("- "):
            previous = _leave(steps, column, for_item=True)
            steps.append(_Step(column, previous.part + 1 if previous and isinstance(previous.part, int) else 0, False))
            after = rest[1:]
            rest = after.lstrip(" ")
            column += 1 + len(after) - len(rest)
        key = _KEY.match(rest)
        if key:
            _leave(steps, column)
            value = rest[key.end():].strip()
            steps.append(_Step(column, key[1].strip("\"'"), bool(value) and not value.startswith("#")))
        elif rest.strip() and steps and isinstance(steps[-1].part, int):
            steps[-1].has_text = True
    return steps


def _leave(steps: list[_Step], column: int, for_item: bool = False) -> _Step | None:
    """Close the steps a line at this column is not inside; return the sibling it follows, if any.

    A list may stand at the same indentation as its key, so an item does not close a key there."""
    sibling = None
    while steps and (steps[-1].column > column or steps[-1].column == column
                     and not (for_item and isinstance(steps[-1].part, str))):
        left = steps.pop()
        if left.column == column:
            sibling = left
    return sibling


def _own_path(lines: list[str], line: int) -> tuple:
    """The path of the value on this line."""
    return tuple(step.part for step in _outline(lines, line))


def _indented_path(lines: list[str], line: int) -> tuple:
    """The text this line continues, or else the block its indentation puts it in."""
    steps = _outline(lines, line - 1)
    column = _indent_of(lines[line]) if line < len(lines) else 0
    if not (steps and steps[-1].has_text and column > steps[-1].column):
        _leave(steps, column)
    return tuple(step.part for step in steps)


def _tab_path(lines: list[str], line: int) -> tuple:
    """A tab hides the intended indentation: the line belongs beside the line above, or under it if that opens a block."""
    steps = _outline(lines, line - 1)
    if steps and (steps[-1].has_text or isinstance(steps[-1].part, int)):
        steps.pop()
    return tuple(step.part for step in steps)


_KEY_LINE = re.compile(r"( *)([\w.-]+):(?:\s.*)?")  # a 'key: value' line, or 'key:' opening a block: (indent, key)
_KEY_THEN_VALUE = re.compile(r"( *(?:- +)?)([a-z][\w-]*) +([^:#\s][^:]*?)\s*")  # "critical true": a key without its ':'
_KEY_OF_A_LINE = re.compile(r" *(?:- +)?([\w.-]+):(?:\s|$)")


def _colon_missing(lines: list[str], error_line: int) -> tuple[int, int, str, str] | None:
    """(line, column, key, value) of the line before the error line, if it is 'key value' with a key the file uses
    elsewhere, at the error line's indentation: YAML read it as text, and the error shows on the next line."""
    if error_line >= len(lines):
        return None
    before = next((number for number in range(error_line - 1, -1, -1)
                   if lines[number].strip() and not lines[number].lstrip().startswith("#")), None)
    if before is None:
        return None
    match = _KEY_THEN_VALUE.fullmatch(lines[before])
    indent = len(lines[error_line]) - len(lines[error_line].lstrip(" "))
    if not match or len(match[1]) != indent:
        return None
    keys = {found[1] for found in map(_KEY_OF_A_LINE.match, lines) if found}
    return (before, len(match[1]), match[2], match[3]) if match[2] in keys else None


def _indent_of(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _moved_left(lines: list[str], failed: int) -> tuple[int, tuple, str, int, int] | None:
    """(line, path, key, its indentation, that of the keys it belongs with) for a 'key: ...' line indented less than
    the other keys of its mapping: a key moved left by mistake. Either the line YAML failed on is that key, fitting no
    mapping (moved a space or two), or it is the line above, which ended the mapping early (the failed line then
    carries on that mapping, or the list it is an item of)."""
    def moved(number: int) -> tuple[tuple, str, int, _Step, _Step | None] | None:
        match = _KEY_LINE.fullmatch(lines[number]) if number < len(lines) else None
        steps = _outline(lines, number - 1) if match else []
        keys = [position for position, step in enumerate(steps) if isinstance(step.part, str)]
        if not keys or steps[keys[-1]].column <= len(match[1]):
            return None
        position = keys[-1]  # the innermost key above: its mapping is the one this key was meant for
        return (tuple(step.part for step in steps[:position]), match[2], len(match[1]), steps[position],
                steps[position - 1] if position else None)

    found = moved(failed)
    if found and not any(isinstance(step.part, str) and step.column == found[2] for step in _outline(lines, failed - 1)):
        path, key, indent, neighbour, _ = found
        return failed, path, key, indent, neighbour.column
    above = next((n for n in range(failed - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")), None)
    found = moved(above) if above is not None and failed < len(lines) else None
    if found:
        path, key, indent, neighbour, item = found
        carries_on = _indent_of(lines[failed])
        if lines[failed].lstrip(" ").startswith("- "):
            ended_early = item is not None and item.column == carries_on  # the next item of the list the key was in
        else:
            ended_early = carries_on == neighbour.column  # the next key of the mapping the key was in
        if ended_early:
            return above, path, key, indent, neighbour.column
    return None


def _moved_right(lines: list[str], number: int) -> tuple[tuple, str, int, int, str] | None:
    """(the path of its mapping, the key, its indentation, that of the key above, that key) for a 'key: ...' line
    indented further than the 'key: text' line above it, so that YAML reads it as more of that text."""
    match = _KEY_LINE.fullmatch(lines[number]) if number < len(lines) else None
    steps = _outline(lines, number - 1) if match else []
    if not steps or not isinstance(steps[-1].part, str) or not steps[-1].has_text or steps[-1].column >= len(match[1]):
        return None
    return tuple(step.part for step in steps[:-1]), match[2], len(match[1]), steps[-1].column, steps[-1].part


def _misplaced_dash(lines: list[str], number: int) -> tuple[tuple, int, int] | None:
    """(the item's path, the indentation of its '- ', that of the item above) for a '- ' line indented unlike the
    '- ' of the list item above it, and unlike anything else above it: a '- ' moved a space or two."""
    line = lines[number] if number < len(lines) else ""
    indent = _indent_of(line)
    steps = _outline(lines, number - 1) if line[indent:].startswith("- ") else []
    items = [position for position, step in enumerate(steps) if isinstance(step.part, int)]
    if not items or abs(steps[items[-1]].column - indent) > 2:
        return None
    # Under anything else above it, it may be meant there; under the key of the list above (a whole item moved
    # left, its '- ' now below "items:"), it is not: YAML allows a list there only right after the key.
    if any(step.column == indent for position, step in enumerate(steps) if position != items[-1] - 1):
        return None
    above = steps[items[-1]]
    return (*(step.part for step in steps[:items[-1]]), above.part + 1), indent, above.column


def _next_line(lines: list[str], number: int) -> str:
    """The first line after line `number` with something on it other than a comment, or ""."""
    return next((line for line in lines[number + 1:] if line.strip() and not line.lstrip().startswith("#")), "")


def _first_item_without_dash(lines: list[str], number: int) -> tuple[int, tuple, str, int] | None:
    """(its line, its path, the key of its list, the indentation its '- ' should have) for the first item of a list
    written without its '- ': its keys stand where the next item's keys do, after its '- ', and the next item's
    '- ' is the line YAML failed on (indented less than the keys above it, which makes no sense to YAML)."""
    line = lines[number] if number < len(lines) else ""
    indent = _indent_of(line)
    if not line[indent:].startswith("- "):
        return None
    keys_column = indent + 2 + _indent_of(line[indent + 2:])
    above = [n for n in range(number - 1, -1, -1) if lines[n].strip() and not lines[n].lstrip().startswith("#")]
    opener = next((n for n in above if _indent_of(lines[n]) < indent), None)
    if opener is None or not re.fullmatch(r" *[\w.-]+:\s*", lines[opener]):
        return None
    first = min((n for n in above if n > opener), default=None)
    if first is None or _indent_of(lines[first]) != keys_column or not _KEY_LINE.fullmatch(lines[first]):
        return None
    steps = _outline(lines, opener)
    return first, (*(step.part for step in steps), 0), steps[-1].part, indent


def _misindented_key_problem(name: str, lines: list[str], number: int, path: tuple, key: str, indent: int,
                             keys_indent: int, so: str = "") -> Problem:
    """The message for a key indented unlike the keys it belongs with: by how much, beside theirs, and the line as it
    should be."""
    others = ("the other keys of this item" if path and isinstance(path[-1], int) else
              f"the other keys under '{path[-1]}'" if path else "the keys at the top of the file")
    return Problem(name, number + 1, indent + 1, field_path((*path, key)),
                   f"invalid YAML: '{key}' is {_indented(indent)}; {others} are {_indented(keys_indent, with_unit=False)}{so}",
                   _SAME_INDENT, " " * keys_indent + lines[number].lstrip(" "))


def _spaces(count: int) -> str:
    return f"{count} space{'s' if count != 1 else ''}"


def _indented(count: int, with_unit: bool = True) -> str:
    """'indented 4 spaces', or 'indented 4' after a count already said in spaces; 'not indented' for none."""
    return "not indented" if not count else f"indented {_spaces(count)}" if with_unit else f"indented {count}"


def _apostrophe_in_single_quotes(line: str) -> tuple[str, str] | None:
    """(the word, the line in double quotes) when a 'key: 'text'' line's text holds an apostrophe inside a word
    (child's), which closes the single quotes; None otherwise."""
    match = _KEY_VALUE.fullmatch(line)
    if not match or not match[2].startswith("'"):
        return None
    word = re.search(r"[A-Za-z]+'[A-Za-z]+", match[2][1:])
    if not word:
        return None
    text = match[2][1:-1] if match[2].endswith("'") and len(match[2]) > 1 else match[2][1:]
    suggestion = match[1].lstrip() + '"' + text.replace("''", "'") + '"' if '"' not in text and "\\" not in text else ""
    return word[0], suggestion


def _quoted(line: str) -> str:
    """The line with its value in quotes, as a suggestion; '' when the line is not 'key: value'."""
    match = _KEY_VALUE.fullmatch(line)
    if not match or match[2][0] in "\"'":
        return ""
    # A comment after the text stays after it: inside the quotes it would be published as text.
    value, comment = re.fullmatch(r"(.*?)(\s+#.*)?", match[2]).groups()
    comment = comment or ""
    if '"' in value or "\\" in value:
        return match[1].lstrip() + "'" + value.replace("'", "''") + "'" + comment
    return match[1].lstrip() + '"' + value + '"' + comment


def _unclosed_quote(lines: list[str], error_line: int) -> tuple[int, int] | None:
    """(line, column) of a quote left open on its line and closed only on the error line.

    YAML then reads the lines between as one text, and the error shows up far from the mistake.
    """
    for number in range(min(error_line, len(lines) - 1) - 1, -1, -1):
        match = _OPENS_QUOTE.match(lines[number])
        if not match:
            continue
        quote = match[1]
        if quote in _without_escapes(lines[number][match.end():], quote):
            continue
        closing = next((later for later in range(number + 1, error_line + 1)
                        if quote in _without_escapes(lines[later], quote)), None)
        return (number, match.start(1)) if closing == error_line else None
    return None


def _without_escapes(text: str, quote: str) -> str:
    return text.replace("''", "") if quote == "'" else re.sub(r"\\.", "", text)
