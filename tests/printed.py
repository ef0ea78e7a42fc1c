"""Reading what was printed: a PDF's text page by page, as people read it, and a PNG of page 1.

Text comes from poppler's pdftotext in reading order, with ligatures undone and every run of
white space made one space, so a question wrapped over two lines still reads as one string.
"""
from __future__ import annotations

import math
import re
import subprocess
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from markupsafe import Markup
from pypdf import PdfReader

from conftest import artifact_path
from generator.render.markdown import ContentMarkdown

A4_POINTS = (595.3, 841.9)  # 210 x 297 mm
# On screen and in the site's navigation only: none of it belongs on paper.
# The search dialog is named by its own words, not "Search", which content may say ("Search Genie…", quoted in
# a checklist item's link to the guidance point it checks).
SCREEN_ONLY_TEXT = ["Initializing search", "Type to start searching", "Skip to content", "Back to top", "Areas and recommendations", "Your role",
                    "About the review", "Case examples", "Print this record", "Print a blank form", "New record",
                    "Export", "Import records", "Your answers stay in this browser", "Progress of this record"]


@dataclass
class Printed:
    path: Path
    pages: list[str]  # each page's text, white space made single spaces

    @property
    def text(self) -> str:
        return " ".join(self.pages)

    def page_of(self, text: str) -> int | None:
        """The number (from 1) of the page holding the whole of text, or None if no page does."""
        for number, page in enumerate(self.pages, start=1):
            if text in page:
                return number
        return None


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text)).strip()


def read_pdf(pdf: bytes | Path, name: str) -> Printed:
    """Keep the PDF (and a PNG of its page 1) in test-artifacts/ as name.pdf and name-page-1.png, and read it."""
    path = artifact_path(f"{name}.pdf")
    if isinstance(pdf, bytes):
        path.write_bytes(pdf)
    elif Path(pdf) != path:
        path.write_bytes(Path(pdf).read_bytes())
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", "-singlefile", str(path),
                    str(artifact_path(f"{name}-page-1"))], check=True, timeout=60)
    count = len(PdfReader(path).pages)
    pages = [squeeze(subprocess.run(["pdftotext", "-f", str(n), "-l", str(n), str(path), "-"], check=True,
                                    capture_output=True, text=True, timeout=60).stdout) for n in range(1, count + 1)]
    return Printed(path, pages)


def assert_a4_portrait(path: Path) -> None:
    for number, page in enumerate(PdfReader(path).pages, start=1):
        size = (float(page.mediabox.width), float(page.mediabox.height))
        assert all(abs(got - want) < 2 for got, want in zip(size, A4_POINTS)), f"page {number} is {size} points, not A4"


def plain_text(content, markdown_text: str) -> str:
    """Content Markdown as it reads on the page: rendered, tags dropped."""
    return squeeze(Markup(ContentMarkdown(content.glossary).inline(markdown_text)).striptags())


def item_text(content, item) -> str:
    return plain_text(content, item.text)


def page_bounds(item_count: int) -> tuple[int, int]:
    """How many A4 pages a blank form of so many items should take: three to eight items a page, and
    a page for the head of the form and the sign-off."""
    return math.ceil(item_count / 8), math.ceil(item_count / 3) + 1


def assert_blank_form(printed: Printed, content, checklist) -> None:
    """A blank form: every item whole on one page, its tick-box options after it; write-in lines; a sign-off;
    the checklist's name and page numbers at the foot of every page; nothing from the screen."""
    footer = f"{checklist.title} · version {checklist.version}"
    text = printed.text
    for item in checklist.items():
        question = item_text(content, item)
        page = printed.page_of(question)
        assert page, f"{checklist.id}/{item.id}: the question is missing or split across pages: {question!r}"
        after = printed.pages[page - 1].split(question, 1)[1]
        options = " ".join(option.label for option in content.scale_of(item).options)
        assert options in after.split(" Note ", 1)[0], \
            f"{checklist.id}/{item.id}: its options ({options}) do not follow it on page {page}"
    reasons = sum(1 for item in checklist.items() if item.reason_if_not_applicable)
    assert text.count("Reason, if not applicable") == reasons
    assert text.count(" Note ") >= len(list(checklist.items()))
    for words in ("Auditor", "Case reference", "Date of audit", "Supervisor sign-off", "Supervisor's name",
                  "Signature", "Comments and actions agreed", f"checklist version {checklist.version}"):
        assert words in text, f"{checklist.id}: {words!r} is not printed"
    assert_result_box(printed, content, checklist)
    for number, page in enumerate(printed.pages, start=1):
        assert footer in page, f"{checklist.id}: page {number} does not name the checklist at its foot"
        assert f"Page {number} of {len(printed.pages)}" in page
    for words in SCREEN_ONLY_TEXT + ["Answer:", "Record:"]:
        assert words not in text, f"{checklist.id}: {words!r} is printed"
    low, high = page_bounds(len(list(checklist.items())))
    assert low <= len(printed.pages) <= high, f"{checklist.id}: {len(printed.pages)} pages, expected {low} to {high}"


NOT_APPLICABLE_COUNT = "Items answered “Not applicable” are left out of the count"


def assert_result_box(printed: Printed, content, checklist) -> None:
    """The blank form ends with a result box before the sign-off: the count to write in, the checklist's rating
    rules in the words the screen uses and a tick box for each rating, "Not applicable" only where a scale has it."""
    text = printed.text
    assert "Result Items answered" in text, f"{checklist.id}: no result box"
    box = text[text.rindex("Result Items answered"):]
    assert "Supervisor sign-off" in box, f"{checklist.id}: the result box does not come before the sign-off"
    box = box.split("Supervisor sign-off", 1)[0]
    # The page's foot may be read out anywhere in it (pdftotext's reading order): left out.
    box = squeeze(re.sub(r"Page \d+ of \d+", " ", box.replace(f"{checklist.title} · version {checklist.version}", " ")))
    has_na = any(option.not_applicable for item in checklist.items() for option in content.scale_of(item).options)
    assert (NOT_APPLICABLE_COUNT in box) == has_na, f"{checklist.id}: 'Not applicable' spoken of wrongly"
    assert ("Not applicable" in text) == has_na
    if checklist.rating is None:
        assert "This checklist gives no rating" in box and "Rating (tick one)" not in box
        return
    labels = {option.id: option.label for option in content.scales[checklist.rating.scale].options}
    for rule in checklist.rating.rules:
        assert squeeze(f"{labels[rule.rating]}: {rule.explain}") in box, f"{checklist.id}: rule {rule.rating} missing"
    assert f"{labels[checklist.rating.otherwise]}: otherwise." in box
    ratings = box.split("Rating (tick one):", 1)[1]
    given = [rule.rating for rule in checklist.rating.rules] + [checklist.rating.otherwise]
    expected = " ".join(label for rating, label in labels.items() if rating in given)
    assert squeeze(ratings).startswith(expected), f"{checklist.id}: tick boxes {ratings!r}, expected {expected!r}"
