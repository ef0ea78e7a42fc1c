"""Problems found in content, reported as ``file:line:column: field.path: message``.

Every step collects problems instead of stopping at the first one, so a training lead
sees every mistake in one run.
"""
from __future__ import annotations

import difflib
from collections import Counter
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
        return self.told(in_full=True)

    def told(self, in_full: bool) -> str:
        """The problem in one line; not in full: without what was expected and the suggestion (told above)."""
        # Line 0 means the problem is with the whole file (missing, unreadable, misplaced).
        text = f"{self.file}:{self.line}:{self.column}: " if self.line else f"{self.file}: "
        if self.field:
            text += f"{self.field}: "
        text += self.message
        if not in_full:
            return text + " (as above)"
        if self.expected:
            text += f" (expected {self.expected})"
        if self.suggestion:
            text += f" - did you mean '{self.suggestion}'?"
        return text

    @property
    def saying(self) -> tuple[str, str, str]:
        return self.message, self.expected, self.suggestion


SAME_MISTAKE = 3  # a message given this often is most likely one mistake (an id renamed in one place): said so


def told_in_order(problems: Iterable[Problem]) -> list[tuple[Problem, str]]:
    """Each problem, in file and line order, with its line. A message given again (the same unknown id in fifteen
    places) is told in full only the first time. The terminal, the validator and the page under `serve` print these."""
    told: set[tuple[str, str, str]] = set()
    lines = []
    for problem in sorted(set(problems)):
        lines.append((problem, problem.told(in_full=problem.saying not in told)))
        told.add(problem.saying)
    return lines


def same_mistake(problems: Iterable[Problem]) -> tuple[int, str] | None:
    """(how many, message) of the message given most often, if so often that it is likely one mistake."""
    times = Counter(problem.saying for problem in set(problems)).most_common(1)
    return (times[0][1], times[0][0][0]) if times and times[0][1] >= SAME_MISTAKE else None


def count_line(problems: Iterable[Problem]) -> str:
    """How many problems there are, and how many are the same one when that is likely one mistake."""
    problems = set(problems)
    same = same_mistake(problems)
    return f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found" + (
        f", {same[0]} of them the same: {same[1]}." if same else ".")


def format_problems(problems: Iterable[Problem]) -> str:
    problems = list(problems)
    return "\n".join([line for _, line in told_in_order(problems)] + [count_line(problems)])


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
