"""The page shown in place of the site while its content has problems (under `mkdocs serve`)."""
from __future__ import annotations

from typing import Iterable, NamedTuple

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..problems import Problem, same_mistake, told_in_order
from .site import heading_text

TITLE = "The content has problems"


class _Line(NamedTuple):
    where: str  # file:line:column:
    what: str  # field: what is wrong (what was expected) - did you mean ...?


def _line(problem: Problem, told: str) -> _Line:
    text = " ".join(told.split())  # one line: a blank line would end the page's HTML block
    where = f"{problem.file}:{problem.line}:{problem.column}:" if problem.line else f"{problem.file}:"
    return _Line(where, text[len(where):].strip())


def problems_page(problems: Iterable[Problem], content_dir: str) -> str:
    """Markdown listing every problem, located as `guidance validate` prints it, in the same order: the
    place in code type, what is wrong in words (the text is the terminal's line)."""
    problems = list(problems)
    environment = Environment(loader=PackageLoader("generator", "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["heading"] = heading_text
    return environment.get_template("content-problems.md.j2").render(
        title=TITLE, problems=[_line(problem, told) for problem, told in told_in_order(problems)],
        same=same_mistake(problems), content_dir=content_dir)
