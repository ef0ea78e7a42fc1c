"""PDF files of the blank checklists, printed from a built site by headless Chromium.

Each checklist page is printed as it is on paper (print.css): a blank form with its name and
page numbers in the footer, to ``pdf/<checklist id>.pdf`` inside the site. Chromium runs as a
subprocess with a fresh, throw-away profile per page (no saved answers: every form prints
blank) and without its background requests, so nothing leaves this computer.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from ..model import Content
from ..render.site import checklist_path, checklist_pdf_path

BROWSER_VARIABLE = "CHROMIUM"  # the browser to use, if not one found by name
# Debian's real binary first: /usr/bin/chromium is a wrapper script that prints noise on every start.
KNOWN_PATHS = (
    "/usr/lib/chromium/chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
)
NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer", "--print-to-pdf-no-header",
    # Without these Chromium reaches out to Google's servers while it prints.
    "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    "--disable-quic", "--disable-extensions", "--disable-default-apps",
)
TIMEOUT_SECONDS = 120

NO_BROWSER = (
    "No PDFs were made: no Chromium or Google Chrome was found to print them with. Install one "
    "(on Debian or Ubuntu: apt-get install chromium; elsewhere: Google Chrome or Chromium), or set the "
    f"{BROWSER_VARIABLE} environment variable to its path, then build again with the PDF option. "
    "The site itself was built."
)


class NoBrowser(Exception):
    pass


@dataclass
class PdfResult:
    written: list[str] = field(default_factory=list)  # PDF paths in the site
    problems: list[str] = field(default_factory=list)


def pdf_path(checklist_id: str) -> str:
    return checklist_pdf_path(checklist_id)


def checklist_pdfs(content: Content) -> dict[str, str]:
    """Source path of each checklist page -> where its PDF goes in the site."""
    return {checklist_path(checklist.id): pdf_path(checklist.id) for checklist in content.checklists}


def find_browser() -> str | None:
    named = os.environ.get(BROWSER_VARIABLE)
    if named:  # asked for this one: never another behind the user's back
        return named if Path(named).is_file() and os.access(named, os.X_OK) else None
    for path in KNOWN_PATHS:
        if Path(path).is_file() and os.access(path, os.X_OK):
            return path
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return None


def print_pages(site_dir: Path, pages: dict[str, str], browser: str | None = None) -> PdfResult:
    """Print each built page (its path in the site -> the PDF's path in the site).

    Raises NoBrowser when no browser can be found; a page that fails is a problem in the result.
    """
    browser = browser or find_browser()
    if browser is None:
        raise NoBrowser(NO_BROWSER)
    result = PdfResult()
    # One page at a time: two browsers at once were no faster on two cores.
    with tempfile.TemporaryDirectory(prefix="guidance-pdf-") as profiles:
        for number, (page, target) in enumerate(pages.items()):
            problem = _print_page(browser, site_dir / page, site_dir / target, Path(profiles) / str(number))
            if problem:
                result.problems.append(f"{page}: {problem}")
            else:
                result.written.append(target)
    return result


def _print_page(browser: str, page: Path, target: Path, profile: Path) -> str | None:
    """Print one page to target; None when it worked, else what went wrong."""
    if not page.is_file():
        return "the page is not in the built site"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    command = [browser, *FLAGS, f"--user-data-dir={profile}", f"--print-to-pdf={target}", page.resolve().as_uri()]
    try:
        finished = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)
    except subprocess.TimeoutExpired:
        return f"{browser} did not finish printing within {TIMEOUT_SECONDS} seconds"
    except OSError as error:
        return f"{browser} could not be started: {error.strerror or error}"
    if not target.is_file() or target.stat().st_size == 0:
        said = [line for line in finished.stderr.splitlines() if line.strip()]
        return f"{browser} made no PDF (exit status {finished.returncode}{': ' + said[-1] if said else ''})"
    return None
