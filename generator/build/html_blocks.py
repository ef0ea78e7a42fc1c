"""A Python-Markdown extension that sets the generated pages' HTML blocks aside before Markdown reads them.

Nearly all of a generated page is HTML the templates wrote (a checklist form, a print pack, a table), and
Python-Markdown hands it to html.parser, tag by tag, only to put it back unchanged; MkDocs parses it once
more for its ids. That was most of converting our pages (docs/benchmarks.md). A block whose tags this
module can follow is stored as Python-Markdown would store it, so the page comes out the same, byte for
byte (tests/test_html_blocks.py compares both ways on every page of the shipped and test content).

An element is set aside only in the simple form our templates write: it opens with a block-level tag at the
start of a line and closes at the end of one, and holds only tags this module can follow. From the first
part of the page that is not so (a comment, a script, an indented tag, a stray "<"), the rest of the page
is left to Python-Markdown.
"""
from __future__ import annotations

import html
import re

from markdown import Extension, Markdown
from markdown.preprocessors import HtmlBlockPreprocessor, Preprocessor

# A start or end tag, with quoted attribute values that may hold ">". Our templates escape "<" in text and
# in attribute values, so every "<" of a block they wrote opens a tag.
_TAG = re.compile(r"""<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:[^>"'`]|"[^"]*"|'[^']*')*)>""")
# Left to html.parser: comments, declarations, processing instructions, and elements whose content it
# does not read as tags.
_NOT_SIMPLE = re.compile(r"<[!?]|<(?:script|style|plaintext|xmp|iframe|noembed|noframes|noscript)\b", re.I)
# Elements whose text newer versions of html.parser do not read as tags: set aside only when they hold no tag.
_TEXT_ONLY = {"textarea", "title"}
# In the text between elements, what could make html.parser read on past the end of a line.
_NOT_PLAIN_TEXT = re.compile(_NOT_SIMPLE.pattern + r"|<(?:textarea|title)\b", re.I)
_ID = re.compile(r"""\s(id|name)\s*=\s*(?:"([^"]*)"|'([^']*)')""", re.I)
_EMPTY_TAGS = {"hr"}  # html.parser's extractor treats these as empty whatever follows them
_BLANK_LINE = re.compile(r"([ ]*\n){2}")  # markdown.htmlparser.blank_line_re
_LINE_OPENING_A_TAG = re.compile(r"^( *)<", re.M)


class _SetAside(Preprocessor):
    def __init__(self, md: Markdown, extension: "GeneratedHtmlBlocks"):
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        # Another extension reading raw HTML its own way (md_in_html's markdown="1") is left to do so.
        if not self.extension.enabled or type(self.md.preprocessors["html_block"]) is not HtmlBlockPreprocessor:
            return lines
        source = "\n".join(lines)
        # What html.parser's extractor makes of the text (markdown.htmlparser.HTMLExtractor.cleandoc), for
        # each element up to the first this module cannot follow; from there on the text is left to it.
        parts: list[str] = []
        done = 0  # the text before this is in parts; the extractor would be reading plain text here
        while True:
            start = _next_line_opening_a_tag(source, done)
            if start is None or _NOT_PLAIN_TEXT.search(source, done, start):
                break
            end = self._element_end(source, start)
            if end is None:
                break
            element = source[start:end]
            self.extension.set_aside.append(element)
            # The extractor keeps the newline after an element only where a blank line follows it.
            stored = element + "\n" if _BLANK_LINE.match(source, end) else element
            parts += [source[done:start], "\n", self.md.htmlStash.store(stored), "\n\n"]
            done = end
        parts.append(source[done:])
        return "".join(parts).split("\n")

    def _element_end(self, source: str, start: int) -> int | None:
        """Where the element opening at start ends, if it is block-level, closes at the end of a line, and
        holds only tags this module can follow; else None."""
        stack: list[str] = []  # as markdown.htmlparser.HTMLExtractor keeps it inside raw HTML
        expected = start  # every "<" must open a tag this pattern reads
        for tag in _TAG.finditer(source, start):
            if tag.start() != expected:  # a "<" that opens no tag this pattern reads
                return None
            closing, name, rest = tag.group(1), tag.group(2).lower(), tag.group(3)
            if not stack and (closing or name in _EMPTY_TAGS or rest.endswith("/") or not self.md.is_block_level(name)):
                return None
            if _NOT_SIMPLE.match(tag.group(0)):
                return None
            if not closing:
                if name not in _EMPTY_TAGS and not rest.endswith("/"):
                    stack.append(name)
                if name in _TEXT_ONLY:  # holds text only: the next tag must close it
                    following = _TAG.search(source, tag.end())
                    if following is None or source.find("<", tag.end(), following.start()) != -1 \
                            or following.group(1) != "/" or following.group(2).lower() != name:
                        return None
            elif name in stack:
                while stack.pop() != name:
                    pass
                if not stack:  # the element has closed: so must its line
                    return tag.end() if tag.end() == len(source) or source[tag.end()] == "\n" else None
            expected = source.find("<", tag.end())
            if expected == -1:
                return None
        return None


def _next_line_opening_a_tag(source: str, position: int) -> int | None:
    """Where the next line from position that opens with a tag starts, if the tag is at its first column.
    None if there is no such line, or if its tag is indented: html.parser still reads a tag after up to three
    spaces as raw HTML, which this module does not follow."""
    line = _LINE_OPENING_A_TAG.search(source, position)
    return line.start() if line is not None and line.group(1) == "" else None


def anchor_ids(blocks: list[str]) -> set[str]:
    """The ids (and <a name>s) of the elements in the blocks, as MkDocs collects them from raw HTML."""
    found = set()
    for block in blocks:
        for tag in _TAG.finditer(block):
            if tag.group(1):
                continue
            for attribute in _ID.finditer(tag.group(3)):
                value = attribute.group(2) if attribute.group(2) is not None else attribute.group(3)
                if attribute.group(1).lower() == "id" or tag.group(2).lower() == "a":
                    found.add(html.unescape(value))
    return found


class GeneratedHtmlBlocks(Extension):
    """One instance for the whole build: the adapter turns it on for each generated page before MkDocs
    converts it, and reads the blocks set aside after."""

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.enabled = False
        self.set_aside: list[str] = []

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        self.set_aside = []
        # After whitespace is normalised (30), before MkDocs's id collector (21) and the HTML extractor (20).
        md.preprocessors.register(_SetAside(md, self), "guidance_html_blocks", 25)

    def __repr__(self) -> str:  # stable across rebuilds: the partial rebuild's signature holds it
        return f"{type(self).__name__}()"
