"""Runs of words our content shares with the source report, to keep the content in our own words.

The report's text is not kept in the repository: only a digest of each run of RUN_LENGTH of its
words (normalised: lower case, letters and digits only), in tests/report-runs.txt.
Make it again after the source changes with
``python tests/own_words.py /path/to/report.txt > tests/report-runs.txt``.
"""
from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path
from typing import Iterator

RUN_LENGTH = 12
RUNS_FILE = Path(__file__).with_name("report-runs.txt")
# A string under one of these keys is a quotation, marked and attributed on the page.
QUOTATION_KEYS = frozenset({"quotation"})


def words(text: str) -> list[str]:
    """Lower case, punctuation and Markdown marks dropped; a hyphen or an apostrophe splits a word.
    Only ASCII letters and digits count, so a footnote mark (¹) splits a word rather than joining it."""
    return re.findall(r"[a-z0-9]+", text.lower())


def digest(run: list[str]) -> str:
    return hashlib.blake2b(" ".join(run).encode("utf-8"), digest_size=8).hexdigest()


def run_digests(text: str, length: int = RUN_LENGTH) -> set[str]:
    found = words(text)
    return {digest(found[start:start + length]) for start in range(len(found) - length + 1)}


def report_runs() -> set[str]:
    return set(RUNS_FILE.read_text(encoding="utf-8").split())


def shared_runs(text: str, report: set[str], length: int = RUN_LENGTH) -> list[str]:
    """Each longest stretch of `text` made of runs found in the report, as words."""
    found = words(text)
    hits = [digest(found[start:start + length]) in report for start in range(len(found) - length + 1)]
    stretches, start = [], None
    for index, hit in enumerate(hits + [False]):
        if hit and start is None:
            start = index
        elif not hit and start is not None:
            stretches.append(" ".join(found[start:index - 1 + length]))
            start = None
    return stretches


def strings(data, path: tuple = ()) -> Iterator[tuple[tuple, str]]:
    """(path, text) of every string in loaded YAML, leaving out marked quotations."""
    if isinstance(data, dict):
        for key, value in data.items():
            if key not in QUOTATION_KEYS:
                yield from strings(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from strings(value, path + (index,))
    elif isinstance(data, str):
        yield path, data


if __name__ == "__main__":
    print("\n".join(sorted(run_digests(Path(sys.argv[1]).read_text(encoding="utf-8")))))
