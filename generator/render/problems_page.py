"""The page shown in place of the site while its content has problems (under `mkdocs serve`)."""
from __future__ import annotations

from typing import Iterable

from jinja2 import Environment, PackageLoader, StrictUndefined

from ..problems import Problem
from .site import heading_text

TITLE = "The content has problems"


def problems_page(problems: Iterable[Problem], content_dir: str) -> str:
    """Markdown listing every problem, located as `guidance validate` prints it, in the same order."""
    environment = Environment(loader=PackageLoader("generator", "templates"), autoescape=True,
                              undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
    environment.filters["heading"] = heading_text
    return environment.get_template("content-problems.md.j2").render(
        title=TITLE, problems=[str(problem) for problem in sorted(set(problems))], content_dir=content_dir)
