"""Content text is Markdown written by training leads; it becomes HTML here, safely.

Policy (see docs/security.md): raw HTML in content is shown as text, never passed through;
links may only point to http(s), mailto or a relative address, and images only to the site
itself, so a pasted ``javascript:`` or ``data:`` link loses its address and keeps its words. Glossary terms
are marked up as <abbr> wherever they occur.
"""
from __future__ import annotations

import re
from typing import Iterable
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
    def __init__(self, glossary: Iterable[GlossaryTerm] = ()):
        self.abbreviations = glossary_abbreviations(glossary)  # all that the HTML depends on beside the text
        self._markdown = markdown.Markdown(
            extensions=[AbbrExtension(glossary=dict(self.abbreviations)), "sane_lists", SafeContent()],
            output_format="html",
        )
        # An item's question shows on its checklist and on the pages of what it checks: convert it once.
        self._converted: dict[str, Markup] = {}

    def block(self, text: str | None) -> Markup:
        if not text:
            return Markup("")
        html = self._converted.get(text)
        if html is None:
            self._markdown.reset()
            html = self._converted[text] = Markup(self._markdown.convert(text))
        return html

    def inline(self, text: str | None) -> Markup:
        """One paragraph without its <p>, for list items and table cells."""
        html = self.block(text)
        if html.startswith("<p>") and html.endswith("</p>") and html.count("<p>") == 1:
            html = Markup(html[3:-4])
        return html
