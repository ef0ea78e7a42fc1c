"""The build-time PDF option: `guidance build --pdf` prints every blank checklist to pdf/<id>.pdf.

The command is run once for the module, as a person runs it; each PDF must be the same blank
form a browser prints from the page. Without a browser, the build says what to install.
"""
from __future__ import annotations

import os
import subprocess
import sys

import pytest

from conftest import CHROMIUM, ROOT
from generator.build import pdf
from generator.render.printing import print_packs
from generator.render.site import checklist_path, page_url, relative_url
from linkcheck import BuiltSite
from printed import assert_a4_portrait, assert_blank_form, read_pdf

pytestmark = pytest.mark.browser

ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT), "CHROMIUM": CHROMIUM}


def build(site_dir, *options, env=ENV) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "generator", "build", *options, "--site-dir", str(site_dir)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    site = tmp_path_factory.mktemp("pdf-build") / "site"
    result = build(site, "--pdf")
    assert result.returncode == 0, result.stderr
    return site, result


def test_the_build_writes_one_pdf_per_checklist_and_says_so(built, content):
    site, result = built
    assert sorted(path.name for path in (site / "pdf").iterdir()) == sorted(f"{c.id}.pdf" for c in content.checklists)
    assert f"PDFs of {len(content.checklists)} blank checklists written to pdf/" in result.stderr
    assert result.stdout.strip() == f"Site built in {site}"
    assert (site / "self-audit" / "detention-of-children.html").is_file()


def test_each_pdf_is_the_blank_form_on_a4(built, content):
    site, _ = built
    for checklist in content.checklists:
        printed = read_pdf(site / pdf.pdf_path(checklist.id), f"build-pdf-{checklist.id}")
        assert_a4_portrait(printed.path)
        assert_blank_form(printed, content, checklist)
        assert printed.pages[0].startswith(checklist.title)


def test_the_checklist_pages_and_print_packs_link_to_the_pdfs_the_build_made(built, content):
    site, _ = built
    for checklist in content.checklists:
        page = checklist_path(checklist.id)
        target = relative_url(page, pdf.pdf_path(checklist.id))
        html = (site / page_url(page)).read_text(encoding="utf-8")
        assert f'<a href="{target}" type="application/pdf">Blank form as a PDF file</a>' in html, page
    for pack in print_packs(content):
        html = (site / page_url(pack.path)).read_text(encoding="utf-8")
        for checklist in pack.checklists:
            target = relative_url(pack.path, pdf.pdf_path(checklist.id))
            assert html.count(f'href="{target}"') == 2, f"{pack.path}: {checklist.id}"  # in the list and on its form
    assert [problem for problem in BuiltSite(site).broken_links() if not problem.startswith("404.html")] == []


def test_without_a_browser_the_site_is_built_and_the_message_says_what_to_install(tmp_path):
    site = tmp_path / "site"
    result = build(site, "--pdf", env={**ENV, "CHROMIUM": str(tmp_path / "no-such-browser")})
    assert result.returncode == 1
    assert "No PDFs were made: no Chromium or Google Chrome was found" in result.stderr
    assert "apt-get install chromium" in result.stderr and "CHROMIUM" in result.stderr
    assert "The site itself was built." in result.stderr
    assert "Traceback" not in result.stderr
    assert result.stdout.strip() == f"Site built in {site}"
    assert (site / "index.html").is_file() and not (site / "pdf").exists()
    for page in (site / "self-audit").rglob("*.html"):  # and no checklist or print pack links to a PDF not made
        assert "pdf/" not in page.read_text(encoding="utf-8"), page


def test_a_page_that_cannot_be_printed_is_named_and_the_others_are_printed(tmp_path):
    (tmp_path / "a.html").write_text("<!doctype html><title>A</title><p>Page A</p>", encoding="utf-8")
    result = pdf.print_pages(tmp_path, {"a.html": "pdf/a.pdf", "missing.html": "pdf/missing.pdf"}, CHROMIUM)
    assert result.written == ["pdf/a.pdf"]
    assert result.problems == ["missing.html: the page is not in the built site"]
    assert (tmp_path / "pdf" / "a.pdf").read_bytes().startswith(b"%PDF")


def test_the_browser_is_the_one_named_or_else_one_found(monkeypatch, tmp_path):
    monkeypatch.setenv("CHROMIUM", CHROMIUM)
    assert pdf.find_browser() == CHROMIUM
    monkeypatch.setenv("CHROMIUM", str(tmp_path / "missing"))
    assert pdf.find_browser() is None  # never another one behind the user's back
    with pytest.raises(pdf.NoBrowser, match="The site itself was built"):
        pdf.print_pages(tmp_path, {"a.html": "a.pdf"})
    monkeypatch.delenv("CHROMIUM")
    monkeypatch.setattr(pdf, "KNOWN_PATHS", ())
    monkeypatch.setenv("PATH", str(tmp_path))
    assert pdf.find_browser() is None
    (tmp_path / "chromium").write_text("#!/bin/sh\n", encoding="utf-8")
    (tmp_path / "chromium").chmod(0o755)
    assert pdf.find_browser() == str(tmp_path / "chromium")


def test_the_plugin_option_is_off_unless_asked_for():
    from mkdocs.config import load_config

    assert load_config(str(ROOT / "mkdocs.yml")).plugins["guidance"].config.pdf is False


def test_print_packs_are_every_checklist_then_each_area_with_checklists(content):
    packs = print_packs(content)
    assert packs[0].checklists == tuple(content.checklists) and packs[0].area is None
    areas = [area for area in content.areas if content.checklists_for_area(area.id)]
    assert [pack.area for pack in packs[1:]] == areas
    for pack in packs[1:]:
        assert all(pack.area.id in checklist.areas for checklist in pack.checklists)
    assert len({pack.path for pack in packs}) == len(packs)
