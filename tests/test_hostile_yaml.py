"""Odd and oversized YAML from real documents: refused with a message, or read exactly as written."""
from __future__ import annotations

import yaml

from conftest import build
from generator.content import check_content, load_content
from generator.load import load_file

# Welsh with its diacritics, right-to-left Arabic and Hebrew, emoji with joiners and skin tones,
# and a zero-width space and joiner pasted invisibly from a document.
MIXED_UNICODE = "Gwasanaeth Heddlu ŵ ŷ â – «حماية الطفل» ‏הגנת ילדים‏ 👩🏽‍⚖️ 🧒 zero\u200bwidth\u200dhere"


def test_a_50_mb_file_is_refused_without_being_read(tmp_path):
    """Attack: a huge file (sparse here, so the test is cheap) to exhaust time and memory."""
    huge = tmp_path / "huge.yml"
    with open(huge, "wb") as handle:
        handle.truncate(50 * 1024 * 1024)
    loaded, problems = load_file(huge, "huge.yml")
    assert loaded is None
    assert "52,428,800 bytes" in problems[0].message and "more than the" in problems[0].message


def test_mixed_unicode_in_every_kind_of_text_is_kept_exactly(tmp_path, content_copy):
    """Fault: text pasted from documents in Welsh, right-to-left scripts, emoji and invisible characters."""
    site_file = content_copy / "site.yml"
    site = yaml.safe_load(site_file.read_text(encoding="utf-8"))
    site["audiences"][0]["title"] = MIXED_UNICODE
    site_file.write_text(yaml.safe_dump(site, allow_unicode=True, sort_keys=False), encoding="utf-8")
    guidance_file = content_copy / "guidance" / "childs-voice.yml"
    guidance = yaml.safe_load(guidance_file.read_text(encoding="utf-8"))
    guidance["title"] = MIXED_UNICODE
    guidance["sections"][0]["points"][0]["text"] = MIXED_UNICODE
    guidance_file.write_text(yaml.safe_dump(guidance, allow_unicode=True, sort_keys=False), encoding="utf-8")

    assert check_content(content_copy)[1] == []
    content = load_content(content_copy)
    assert content.guidance_document("childs-voice").title == MIXED_UNICODE
    html = (build(tmp_path, content_copy) / "guidance" / "childs-voice.html").read_text(encoding="utf-8")
    assert html.count(MIXED_UNICODE) >= 2  # the heading and the point, character for character
