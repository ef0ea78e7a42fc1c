"""Content text is Markdown written by training leads; it becomes HTML here, safely.

Policy (see docs/security.md): raw HTML in content is shown as text, never passed through;
links may only point to http(s), mailto or a relative address, and images only to the site
itself, so a pasted ``javascript:`` or ``data:`` link loses its address and keeps its words. Glossary terms
are marked up as <abbr> wherever they occur.
"""
from __future__ import annotations

import re
from typing import Iterable, Mapping
from xml.etree.ElementTree import Element

import markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrExtension
from markdown.treeprocessors import Treeprocessor
from markupsafe import Markup

from ..model import GlossaryTerm

_SAFE_LINK = re.compile(r"^(https?:|mailto:|#|[^:]*$)", re.IGNORECASE)
_SAFE_IMAGE = re.compile(r"^[^:]*$")  # images only from the site itself: nothing is fetched from outside


class _DropUnsafeAddresses(Treeprocessor):
    def run(self, root: Element) -> None:
        for element in root.iter():
            for attribute, allowed in (("href", _SAFE_LINK), ("src", _SAFE_IMAGE)):
                address = element.get(attribute)
                if address is not None and not allowed.match(re.sub(r"[\x00-\x20]", "", address)):
                    del element.attrib[attribute]
            if element.tag == "a" and element.get("href", "").lower().startswith("http"):
                element.set("rel", "noopener")


class SafeContent(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        md.preprocessors.deregister("html_block")
        md.inlinePatterns.deregister("html")
        md.treeprocessors.register(_DropUnsafeAddresses(md), "drop_unsafe_addresses", 0)


def glossary_abbreviations(glossary: Iterable[GlossaryTerm]) -> dict[str, str]:
    """Term -> meaning, for Python-Markdown's abbr extension (here and in the MkDocs plugin)."""
    return {term.term: term.meaning for term in glossary}


class ContentMarkdown:
    def __init__(self, glossary: Iterable[GlossaryTerm] = (), known: Mapping[str, str] | None = None):
        """known: text -> HTML converted before with the same glossary and code (see converted_texts.py)."""
        self._markdown = None  # made on the first text not known: building it costs more than most conversions
        self._abbreviations = glossary_abbreviations(glossary)
        self._known = known or {}
        # An item's question shows on its checklist and on the pages of what it checks: convert it once.
        self.converted: dict[str, Markup] = {}
        self._inline: dict[str, Markup] = {}  # the same texts, without their paragraph (every item link shows one)

    def block(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        html = self.converted.get(text)
        if html is None:
            known = self._known.get(text)
            html = self.converted[text] = Markup(known) if known is not None else self._convert(text)
        return html

    @property
    def known_is_stale(self) -> bool:
        """Whether a text was converted that was not known, or a known one went unused: what is kept is out of date."""
        return len(self.converted) != len(self._known) or any(text not in self._known for text in self.converted)

    def _convert(self, text: str) -> Markup:
        if self._markdown is None:
            self._markdown = markdown.Markdown(
                extensions=[AbbrExtension(glossary=self._abbreviations), "sane_lists", SafeContent()],
                output_format="html",
            )
        self._markdown.reset()
        return Markup(self._markdown.convert(text))

    def inline(self, text: str | None) -> Markup:
        """One paragraph without its <p>, for list items and table cells."""
        if not text:
            return Markup("")
        html = self._inline.get(text)
        if html is None:
            html = self.block(text)
            if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
                html = Markup(html[3:-4])
            self._inline[text] = html
        return html
