"""Setting the generated pages' HTML aside before Markdown reads it (generator/build/html_blocks.py) changes
nothing in them: every page converts to the same HTML, with the same ids for MkDocs's link checks, as when
Python-Markdown parses it all; and what the module cannot follow is left to Python-Markdown."""
from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest
from mkdocs.structure.pages import _RawHTMLPreprocessor

from conftest import ROOT, SHIPPED_CONTENT
from generator.build.html_blocks import GeneratedHtmlBlocks, anchor_ids
from generator.build.plan_cache import plan_folders
from generator.render.markdown import glossary_abbreviations
from test_hostile_content import _poison

EXTENSIONS = ["abbr", "attr_list", "tables", "toc"]  # mkdocs.yml's, which the plugin adds to where missing


def _convert(text: str, set_aside: bool, glossary: dict | None = None) -> tuple[str, set[str], int]:
    """The page's HTML, the ids MkDocs would find for it, and how many characters were set aside."""
    blocks = GeneratedHtmlBlocks()
    ids = _RawHTMLPreprocessor()  # MkDocs's own collector, registered as MkDocs registers it
    md = markdown.Markdown(extensions=[*EXTENSIONS, blocks],
                           extension_configs={"abbr": {"glossary": glossary or {}}, "toc": {"permalink": False}})
    ids._register(md)
    blocks.enabled = set_aside
    html = md.convert(text)
    return html, ids.present_anchor_ids | anchor_ids(blocks.set_aside), sum(map(len, blocks.set_aside))


def _hostile_content(folder: Path) -> Path:
    content = folder / "checklists"
    shutil.copytree(SHIPPED_CONTENT, content)
    _poison(content)
    return content


@pytest.mark.parametrize("name", ["shipped", "other inspection", "starter", "hostile"])
def test_every_generated_page_converts_the_same_with_its_html_set_aside(name, tmp_path):
    folder = {"shipped": SHIPPED_CONTENT, "other inspection": ROOT / "tests" / "fixtures" / "other-inspection",
              "starter": ROOT / "generator" / "starter" / "checklists"}.get(name) or _hostile_content(tmp_path)
    planned = plan_folders(folder, tmp_path / "no-audits", "audits", cache_folder=None, pdfs=False)
    glossary = glossary_abbreviations(planned.content.glossary)
    total = set_aside = 0
    for page in planned.plan.pages:
        parsed, parsed_ids, _ = _convert(page.markdown, set_aside=False, glossary=glossary)
        quick, quick_ids, aside = _convert(page.markdown, set_aside=True, glossary=glossary)
        assert quick == parsed, f"{name}: {page.path} converts differently with its HTML set aside"
        assert quick_ids == parsed_ids, f"{name}: {page.path} has other ids: {quick_ids ^ parsed_ids}"
        total, set_aside = total + len(page.markdown), set_aside + aside
    if name != "hostile":  # the templates' HTML is nearly all set aside: the quick way has not quietly stopped
        assert set_aside / total > 0.8, f"{name}: only {set_aside / total:.0%} set aside"


SNIPPETS = {
    "elements one after another, then text": '<div class="a">\n<p>One</p>\n</div>\n<p>Two</p>\n\nSome *text*.\n',
    "a heading then an element": "## Heading {#here}\n<ul>\n<li>a</li>\n</ul>\n",
    "blank lines inside an element": "<form id=\"f\">\n<p>a</p>\n\n<p>b</p>\n\n</form>\n\nAfter.\n",
    "an element closing with text after it": "<div>a</div>## Not a heading?\n\n<p>b</p>\n",
    "nested elements of one name": "<div><div id=\"inner\">x</div>\n</div>\n\n<div>y</div>\n",
    "void elements and one closed in its tag": '<p><input type="radio" name="q" id="q1"><br/>x</p>\n\n<p>y<br></p>\n',
    "a comment": "<div>\n<!-- a note -->\n</div>\n\n<p>after</p>\n",
    "a script": '<div>\n<script type="application/json">{"a": "<b>"}</script>\n</div>\n',
    "an indented tag": "Text\n  <div>\nindented</div>\n\n<p>after</p>\n",
    "an inline tag opening a line": "<abbr title=\"x\">X</abbr> is inline.\n\n<p>after</p>\n",
    "a text area with text": "<form>\n<textarea id=\"n\">a <b>note</b></textarea>\n</form>\n",
    "a text area without": "<form>\n<textarea id=\"n\" maxlength=\"5\"></textarea>\n</form>\n\n<p>after</p>\n",
    "a stray less-than sign": "<p>a < b</p>\n\n<p>after</p>\n",
    "an element never closed": "<div>\n<p>open\n\nMore *text*.\n",
    "a rule": "<hr>\n\n<p>after</p>\n",
    "quoted attributes holding > and ids": "<p data-x='a > b' title=\"c>d\" id=\"p&amp;1\">x</p>\n\n<a name=\"n1\">y</a>\n",
    "upper-case tags": "<DIV ID=\"UP\">\n<P>x</P>\n</DIV>\n",
    "an element in a list": "- item\n\n    <div>in the item</div>\n\n<p>after</p>\n",
}


@pytest.mark.parametrize("name", SNIPPETS)
def test_html_the_module_cannot_follow_converts_as_python_markdown_converts_it(name):
    text = SNIPPETS[name]
    assert _convert(text, set_aside=True)[:2] == _convert(text, set_aside=False)[:2]


def test_with_markdown_in_html_nothing_is_set_aside():
    """md_in_html reads raw HTML its own way (Markdown inside markdown="1" elements): it is left to do so."""
    text = '<div markdown="1">\n*emphasis*\n</div>\n\n<p>plain</p>\n'
    outputs = []
    for set_aside in (False, True):
        blocks = GeneratedHtmlBlocks()
        blocks.enabled = set_aside
        outputs.append(markdown.Markdown(extensions=["md_in_html", blocks]).convert(text))
        assert not blocks.set_aside
    assert outputs[0] == outputs[1] and "<em>emphasis</em>" in outputs[1]


def test_the_simple_form_is_set_aside_and_the_rest_is_not():
    assert _convert(SNIPPETS["elements one after another, then text"], set_aside=True)[2] > 0
    assert _convert(SNIPPETS["blank lines inside an element"], set_aside=True)[2] > 0
    for unclear in ("a comment", "a script", "an indented tag", "a stray less-than sign"):
        assert _convert(SNIPPETS[unclear], set_aside=True)[2] == 0, unclear
