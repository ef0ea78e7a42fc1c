"""The glossary's abbreviations in the search index: an officer who types "AA" or "MASH" finds the pages
that say "appropriate adult" or "multi-agency safeguarding hub", not only the glossary.

Where an entry spells out a term's meaning and does not use the term itself, the term is written after
the first use of its meaning, in brackets, as a reader would write it: "appropriate adult (AA)". So is a
page's title that spells it out ("Investigating child sexual exploitation (CSE)"): that page is the one
about it, and comes before those that only mention it. Only the search index changes (a result's words
show it); the pages are as written. Engine-independent: it reads and writes the text of an index entry,
which Material's and Zensical's indexes hold as HTML.
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape

from ..model import GlossaryTerm

# How the index may write what the meaning writes: an apostrophe straight, curly or as a character
# reference, "&" as "&amp;", and any run of spaces as one or more spaces or line breaks.
_SPELLINGS = {"'": "(?:'|\u2019|&#0*39;|&#x0*27;|&apos;)", "\u2019": "(?:'|\u2019|&#0*39;|&#x0*27;|&apos;)",
              "&": "(?:&amp;|&)"}
_WORD = re.compile(r"\w")


def _meaning_pattern(meaning: str) -> str:
    parts = []
    for piece in re.split(r"(\s+|['\u2019&])", meaning.strip()):
        if not piece:
            continue
        parts.append(r"\s+" if piece.isspace() else _SPELLINGS.get(piece, re.escape(escape(piece, quote=False))))
    return "".join(parts)


class SearchAbbreviations:
    def __init__(self, glossary: Iterable[GlossaryTerm]):
        # Longest meaning first: "Her Majesty's Inspectorate of Constabulary and Fire & Rescue Services" is
        # HMICFRS, not HMIC followed by other words.
        terms = sorted((term for term in glossary if term.meaning.strip() and term.term.strip()),
                       key=lambda term: -len(term.meaning))
        # Each with the longest word of its meaning: a text without it (most, for most terms) is passed by at
        # the cost of a substring search, not of two regular expressions (a fifth of a second a build, shipped).
        self._terms = [(term.term, max(re.findall(r"\w+", term.meaning), key=len, default="").lower(),
                        re.compile(rf"(?<!\w){re.escape(escape(term.term, quote=False))}(?!\w)", re.I),
                        # Read in the lowered text, starting with a letter, not a look behind: re then skips to
                        # where the first letters are, seven times quicker (whether a word ends before is seen after).
                        re.compile(rf"{_meaning_pattern(term.meaning.lower())}(?!\w)")) for term in terms]

    def add_to(self, text: str) -> str:
        """The text with each term written after the first use of its meaning, unless it has the term."""
        lowered = text.lower()
        if len(lowered) != len(text):  # a letter that lowers to two ("İ"): places in one are not places in the other
            lowered = "".join(letter if len(letter.lower()) != 1 else letter.lower() for letter in text)
        spans: list[tuple[int, int]] = []  # every meaning found: a shorter one inside it is part of it
        insertions: list[tuple[int, str]] = []
        for term, longest_word, as_word, spelled_out in self._terms:
            if longest_word not in lowered:
                continue
            found = [match.span() for match in spelled_out.finditer(lowered)
                     if not (match.start() and _WORD.match(lowered, match.start() - 1))
                     and not any(start <= match.start() and match.end() <= end for start, end in spans)]
            spans.extend(found)
            if found and not as_word.search(text):
                insertions.append((found[0][1], f" ({escape(term, quote=False)})"))
        for at, words in sorted(insertions, reverse=True):
            text = text[:at] + words + text[at:]
        return text

    def add_to_entries(self, entries: Iterable[dict]) -> None:
        """An index's entries (location, title, text), changed in place: each text, and each page's own title
        (a section's title names a part of its page, not what the page is about)."""
        for entry in entries:
            if entry.get("text"):
                entry["text"] = self.add_to(entry["text"])
            if entry.get("title") and "#" not in entry.get("location", "#"):
                entry["title"] = self.add_to(entry["title"])
