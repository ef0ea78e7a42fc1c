"""Problems found in content, reported as ``file:line:column: field.path: message``.

Every step collects problems instead of stopping at the first one, so a training lead
sees every mistake in one run.
"""
from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Iterable, Sequence


class ContentError(Exception):
    """Raised when content has problems; carries all of them."""

    def __init__(self, problems: Sequence["Problem"]):
        self.problems = list(problems)
        super().__init__(format_problems(self.problems))


@dataclass(frozen=True, order=True)
class Problem:
    file: str
    line: int  # 1-based; 0 when the problem concerns the whole file
    column: int  # 1-based
    field: str  # dotted path such as "recommendations[1].timescale", or "" for the file
    message: str
    expected: str = ""
    suggestion: str = ""

    def __str__(self) -> str:
        # Line 0 means the problem is with the whole file (missing, unreadable, misplaced).
        text = f"{self.file}:{self.line}:{self.column}: " if self.line else f"{self.file}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if self.expected:
            text += f" (expected {self.expected})"
        if self.suggestion:
            text += f" - did you mean '{self.suggestion}'?"
        return text


def format_problems(problems: Iterable[Problem]) -> str:
    problems = sorted(set(problems))
    lines = [str(problem) for problem in problems]
    count = len(lines)
    lines.append(f"{count} problem{'s' if count != 1 else ''} found.")
    return "\n".join(lines)


def field_path(path: Sequence[str | int]) -> str:
    """("recommendations", 0, "id") -> "recommendations[1].id" (positions are 1-based for people)."""
    text = ""
    for part in path:
        if isinstance(part, int):
            text += f"[{part + 1}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def did_you_mean(word: object, choices: Iterable[str]) -> str:
    if not isinstance(word, str):
        return ""
    choices = list(choices)
    lowered = {choice.lower(): choice for choice in choices}
    if word.lower() in lowered and lowered[word.lower()] != word:
        return lowered[word.lower()]
    matches = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return matches[0] if matches else ""
