"""Read a built site the way a browser opened from a folder would: pages, links, anchors, resources.

Used by the site tests: every internal link must land on a file that exists (and, for
``#anchor``, an element with that id), and nothing the browser loads by itself (scripts,
stylesheets, images, frames, fonts, CSS ``url()``/``@import``) may come from outside the site.
Plain ``<a href>`` links to other sites are fine: a person chooses to follow them.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass, field
from functools import cached_property
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

# Attributes through which a browser fetches something without anyone clicking.
_LOADING_ATTRIBUTES = {"src", "srcset", "data", "poster", "background"}
# Elements whose href is followed by a person, not loaded by the browser.
_NAVIGATION_ELEMENTS = {"a", "area"}
_CSS_URL = re.compile(r"""url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)""", re.IGNORECASE)
_CSS_IMPORT = re.compile(r"""@import\s+(?:url\(\s*)?["']?([^"')\s;]+)""", re.IGNORECASE)
_CSS_COMMENT = re.compile(r"/\*.*?\*/", re.DOTALL)
# Text inside these runs on with its neighbours; any other element is a break between words.
_INLINE_ELEMENTS = {"a", "abbr", "b", "cite", "code", "em", "i", "kbd", "mark", "q", "s", "small", "span", "strong",
                    "sub", "sup", "time", "u", "var"}
_VOID_ELEMENTS = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


@dataclass(frozen=True)
class Reference:
    """One address in a page: which element and attribute carried it."""

    tag: str
    attribute: str
    url: str
    inside: tuple[str, ...] = ()  # ids of the elements around it

    @property
    def loads_by_itself(self) -> bool:
        if self.attribute == "href":
            return self.tag not in _NAVIGATION_ELEMENTS
        return self.attribute in _LOADING_ATTRIBUTES or self.attribute == "style"


@dataclass
class Abbreviation:
    text: str
    title: str
    inside: tuple[str, ...] = ()  # ids of the elements around it


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.references: list[Reference] = []
        self.abbreviations: list[Abbreviation] = []
        self.title = ""
        self.h1 = ""
        self.styles: list[str] = []  # <style> blocks and style="" attributes
        self.article_text: list[str] = []  # the page's own content, without theme navigation
        self.plain_prose_text: list[str] = []  # the same without code and without <abbr> words
        self.text_by_id: dict[str, list[str]] = {}
        self._open: list[tuple[str, str | None]] = []  # (tag, id) of the elements we are inside
        self._abbr: Abbreviation | None = None
        self._citations: list[int] = []  # depths of open legal citations (<cite class="gs-legal__citation">)

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        for name in ("id", "name"):
            if values.get(name) and (name == "id" or tag == "a"):
                self.ids.add(values[name])
        for name, value in attrs:
            if value is None:
                continue
            if name in ("href", "xlink:href") or name in _LOADING_ATTRIBUTES:
                urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] if name == "srcset" else [value]
                inside = tuple(i for _, i in self._open if i)
                self.references += [Reference(tag, "href" if name == "xlink:href" else name, url, inside) for url in urls]
            elif name == "style":
                self.styles.append(value)
                self.references += [Reference(tag, "style", url) for url in css_addresses(value)]
        if tag not in _INLINE_ELEMENTS:
            self._add_text(" ")
        if tag == "abbr":
            self._abbr = Abbreviation("", values.get("title") or "", tuple(i for _, i in self._open if i))
        if tag not in _VOID_ELEMENTS:
            self._open.append((tag, values.get("id")))
            if tag == "cite" and "gs-legal__citation" in (values.get("class") or "").split():
                self._citations.append(len(self._open))
            if values.get("id"):
                self.text_by_id.setdefault(values["id"], [])

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in _VOID_ELEMENTS:
            self._open.pop()

    def handle_endtag(self, tag):
        if tag == "abbr" and self._abbr is not None:
            self.abbreviations.append(self._abbr)
            self._abbr = None
        if tag not in _INLINE_ELEMENTS:
            self._add_text(" ")
        if any(open_tag == tag for open_tag, _ in self._open):
            while self._open and self._open.pop()[0] != tag:
                pass
        while self._citations and self._citations[-1] > len(self._open):
            self._citations.pop()

    def handle_data(self, data):
        tags = [tag for tag, _ in self._open]
        if self._abbr is not None:
            self._abbr.text += data
        if "title" in tags and "svg" not in tags:
            self.title += data
        elif "h1" in tags:
            self.h1 += data
        if tags and tags[-1] == "style":
            self.styles.append(data)
        if not (tags and tags[-1] in ("script", "style")):
            self._add_text(data)

    def _add_text(self, text: str) -> None:
        tags = {tag for tag, _ in self._open}
        if "article" in tags:
            self.article_text.append(text)
            # A legal citation is explained by its own disclosure (one explanation), never as an abbreviation.
            if not tags & {"code", "pre", "kbd", "samp"} and not self._citations:
                self.plain_prose_text.append(" " if "abbr" in tags else text)
        for _, element_id in self._open:
            if element_id:
                self.text_by_id[element_id].append(text)


@dataclass
class BuiltPage:
    site: Path
    path: str  # relative to the site, e.g. "areas/x/index.html"
    html: str = field(repr=False)

    @cached_property
    def _parsed(self) -> _PageParser:
        parser = _PageParser()
        parser.feed(self.html)
        parser.close()
        return parser

    @property
    def ids(self) -> set[str]:
        return self._parsed.ids

    @property
    def references(self) -> list[Reference]:
        return self._parsed.references

    @property
    def abbreviations(self) -> list[Abbreviation]:
        return self._parsed.abbreviations

    @property
    def title(self) -> str:
        return " ".join(self._parsed.title.split())

    @property
    def h1(self) -> str:
        return " ".join(self._parsed.h1.split())

    @property
    def styles(self) -> list[str]:
        return self._parsed.styles

    @property
    def text(self) -> str:
        """The visible words of the page's content (not the theme's navigation), whitespace collapsed."""
        return normalise("".join(self._parsed.article_text))

    @property
    def unexplained_prose(self) -> str:
        """The page's own words without code examples and without abbreviations marked up as <abbr>."""
        return normalise("".join(self._parsed.plain_prose_text))

    def text_of(self, element_id: str) -> str:
        """The words inside the element with this id; fails the test if there is none."""
        assert element_id in self._parsed.text_by_id, f"{self.path} has no element with id {element_id!r}"
        return normalise("".join(self._parsed.text_by_id[element_id]))

    def abbreviations_in(self, element_id: str) -> list[Abbreviation]:
        """<abbr> elements inside the element with this id."""
        self.text_of(element_id)  # fails clearly if there is no such element
        return [abbreviation for abbreviation in self.abbreviations if element_id in abbreviation.inside]

    def links_to(self, other_path: str, anchor: str | None = None, within: str | None = None) -> bool:
        """Whether an <a href> in this page (inside the element with id `within`, if given) leads to
        other_path (and the anchor, if given)."""
        if within is not None:
            self.text_of(within)  # fails clearly if there is no such element
        for reference in self.references:
            if within is not None and within not in reference.inside:
                continue
            if reference.tag == "a" and reference.attribute == "href" and is_internal(reference.url):
                target, fragment = resolve(self.path, reference.url)
                if target == other_path and (anchor is None or fragment == anchor):
                    return True
        return False


def normalise(text: str) -> str:
    return " ".join(text.split())


def plain_text(html: str) -> str:
    """The words of an HTML fragment, as BuiltPage.text would show them."""
    parser = _PageParser()
    parser.feed(f"<article>{html}</article>")
    parser.close()
    return normalise("".join(parser.article_text))


def is_internal(url: str) -> bool:
    """A relative address inside the site (not http:, mailto:, data:, //host...)."""
    parts = urlsplit(url)
    return not parts.scheme and not parts.netloc


def is_outside(url: str) -> bool:
    """An address the browser would fetch from another machine."""
    parts = urlsplit(url.strip())
    return bool(parts.netloc) or parts.scheme.lower() in ("http", "https", "ftp", "ws", "wss")


def resolve(page_path: str, url: str) -> tuple[str, str | None]:
    """(site path of the target file, anchor or None) for a relative address in page_path."""
    parts = urlsplit(url)
    fragment = unquote(parts.fragment) if "#" in url else None
    if not parts.path:
        return page_path, fragment
    target = posixpath.normpath(posixpath.join(posixpath.dirname(page_path), unquote(parts.path)))
    return target, fragment


def css_addresses(css: str) -> list[str]:
    """Every address a stylesheet would fetch: url(...) and @import."""
    css = _CSS_COMMENT.sub("", css)
    found = [next(group for group in match.groups() if group is not None) for match in _CSS_URL.finditer(css)]
    found += [match[1] for match in _CSS_IMPORT.finditer(css)]
    return found


class BuiltSite:
    def __init__(self, folder: Path):
        self.folder = Path(folder)
        self._pages: dict[str, BuiltPage] = {}

    def page(self, path: str) -> BuiltPage:
        if path not in self._pages:
            file = self.folder / path
            assert file.is_file(), f"the built site has no page {path}"
            self._pages[path] = BuiltPage(self.folder, path, file.read_text(encoding="utf-8"))
        return self._pages[path]

    def html_paths(self) -> list[str]:
        return sorted(path.relative_to(self.folder).as_posix() for path in self.folder.rglob("*.html"))

    def css_paths(self) -> list[str]:
        return sorted(path.relative_to(self.folder).as_posix() for path in self.folder.rglob("*.css"))

    def broken_links(self) -> list[str]:
        """Every internal address in every page that leads nowhere, as 'page: tag attr=url (why)'."""
        problems = []
        for path in self.html_paths():
            page = self.page(path)
            for reference in page.references:
                url = reference.url.strip()
                if not url or url.startswith(("data:", "mailto:", "tel:", "javascript:void")) or not is_internal(url):
                    continue
                why = self._why_broken(page, url)
                if why:
                    problems.append(f"{path}: <{reference.tag} {reference.attribute}={url!r}> ({why})")
        return problems

    def _why_broken(self, page: BuiltPage, url: str) -> str | None:
        if url.startswith("/"):
            return "root-relative: breaks when the site is opened from a folder"
        target, anchor = resolve(page.path, url)
        if target.startswith("../") or target == "..":
            return "leaves the site folder"
        file = self.folder / target
        if file.is_dir():
            return "a folder, not a file: breaks when the site is opened from a folder"
        if not file.is_file():
            return "no such file"
        if anchor and target.endswith(".html") and anchor not in self.page(target).ids:
            return f"no element with id {anchor!r} in {target}"
        return None

    def outside_resources(self) -> list[str]:
        """Everything a page or stylesheet would load by itself from outside the site."""
        found = []
        for path in self.html_paths():
            for reference in self.page(path).references:
                if reference.loads_by_itself and is_outside(reference.url):
                    found.append(f"{path}: <{reference.tag} {reference.attribute}={reference.url!r}>")
        for path in self.css_paths():
            for url in css_addresses((self.folder / path).read_text(encoding="utf-8")):
                if is_outside(url):
                    found.append(f"{path}: {url!r}")
        return found
