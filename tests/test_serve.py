"""`mkdocs serve` rebuilds when content YAML changes, reports bad content in place and recovers."""
from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
import yaml

from conftest import ROOT, artifact_path, assert_accessible


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as error:  # a 404 has a page too
        return error.read().decode("utf-8")
    except OSError:
        return None


def _listing(*folders: Path) -> dict[str, bytes]:
    return {str(path): path.read_bytes() for folder in folders for path in sorted(folder.rglob("*")) if path.is_file()}


@contextlib.contextmanager
def _mkdocs_serve(content_dir: Path, tmp_path: Path):
    """`mkdocs serve` of the content on a free port: yields (base URL, log file)."""
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(_config_for(content_dir, tmp_path)),
             "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    try:
        yield f"http://127.0.0.1:{port}/", log_path
        assert server.poll() is None, "serve should keep running after bad content"
    finally:
        server.terminate()
        server.wait(timeout=20)


def _wait_for(condition, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.5)
    raise AssertionError(f"gave up waiting for {what} after {seconds} s")


def _config_for(content_dir: Path, tmp_path: Path) -> Path:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    config["docs_dir"] = str(ROOT / "checklists" / "pages")
    config["plugins"] = ["search", {"guidance": {"content_dir": str(content_dir)}}]
    path = tmp_path / "mkdocs.yml"
    path.write_text(yaml.safe_dump(config), encoding="utf-8")
    return path


def test_serve_rebuilds_on_yaml_change_and_recovers_from_bad_content(content_copy, tmp_path):
    untouched = _listing(content_copy, ROOT / "docs")
    with _mkdocs_serve(content_copy, tmp_path) as (base, log_path):
        page_url = base + "guidance/children-in-detention.html"
        original = _wait_for(lambda: _fetch(page_url), 90, "the first build")
        document = content_copy / "guidance" / "children-in-detention.yml"
        text = document.read_text(encoding="utf-8")
        title = yaml.safe_load(text)["title"]
        assert title in original

        document.write_text(text.replace(f"title: {title}", "title: Detention of children, revised", 1), encoding="utf-8")
        _wait_for(lambda: "Detention of children, revised" in (_fetch(page_url) or ""), 90, "the rebuild after a YAML change")

        document.write_text(text.replace("strength: must", "strength: mustt", 1), encoding="utf-8")
        _wait_for(lambda: "'mustt' is not an allowed value" in log_path.read_text(), 90, "the located message")
        log_text = log_path.read_text()
        assert "children-in-detention.yml:" in log_text and "did you mean 'must'" in log_text
        assert "Traceback" not in log_text

        # The pages are not held while the content is wrong: the same messages are served in their place,
        # at the page's own address, at the home page and at any other address.
        for url in (page_url, base, base + "no-such-page.html"):
            served = _wait_for(lambda: _fetch(url), 30, f"the problems page at {url}")
            assert "data-gs-content-problems" in served and "children-in-detention.yml:" in served, url
            assert "is not an allowed value" in served and "did you mean &#39;must&#39;" in served, url
            assert title not in served

        document.write_text(text.replace(f"title: {title}", "title: Detention of children, fixed", 1), encoding="utf-8")
        _wait_for(lambda: "Detention of children, fixed" in (_fetch(page_url) or ""), 90, "the rebuild after the fix")
        assert "data-gs-content-problems" not in _fetch(page_url)
    document.write_text(text, encoding="utf-8")
    assert _listing(content_copy, ROOT / "docs") == untouched, "serve wrote into the content or docs folder"


@pytest.mark.browser
@pytest.mark.parametrize("width", [390, 1280])
def test_the_browser_shows_content_problems_in_place_of_the_page_and_recovers_by_itself(
        watched_context, content_copy, tmp_path, width):
    context, watch = watched_context(viewport={"width": width, "height": 844})
    page = context.new_page()
    page.set_default_timeout(90_000)  # each step waits for a rebuild of the whole site
    with _mkdocs_serve(content_copy, tmp_path) as (base, log_path):
        _wait_for(lambda: _fetch(base), 90, "the first build")
        document = content_copy / "guidance" / "children-in-detention.yml"
        text = document.read_text(encoding="utf-8")
        title = yaml.safe_load(text)["title"]
        page.goto(base + "guidance/children-in-detention.html")
        heading = page.locator("article h1")
        heading.wait_for()
        assert heading.text_content() == title

        # Two mistakes at once: both are listed, each with its file, line, column and field.
        broken = text.replace("strength: must", "strength: mustt", 1).replace(f"title: {title}", "title:", 1)
        document.write_text(broken, encoding="utf-8")
        problems = page.locator("[data-gs-content-problems]")
        problems.wait_for()  # live reload: nobody touched the browser
        heading = page.locator("article h1")
        assert heading.text_content() == "The content has problems"
        items = problems.locator("li").all_text_contents()
        assert len(items) == 2, items
        located = [item for item in items if "'mustt' is not an allowed value" in item]
        assert located and "children-in-detention.yml:" in located[0] and "did you mean 'must'" in located[0]
        file_part = located[0].split(": ")[0]
        assert file_part.count(":") >= 2, f"no line and column in {located[0]!r}"
        assert any(item.startswith(file_part.split(":")[0]) and ": title: this is empty" in item for item in items)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), "the page scrolls sideways"
        page.screenshot(path=artifact_path(f"serve-content-problems-{width}.png"), full_page=True)
        assert_accessible(page, f"the content problems page at {width} px")

        document.write_text(text, encoding="utf-8")
        page.locator("article h1", has_text=title).wait_for()  # back by itself once the file is fixed
        assert page.locator("[data-gs-content-problems]").count() == 0
        page.screenshot(path=artifact_path(f"serve-content-fixed-{width}.png"))
        page.close()  # before the server stops: its live-reload request would fail as the server goes


def test_serve_started_on_bad_content_shows_the_problems_and_then_the_site(content_copy, tmp_path):
    site_file = content_copy / "site.yml"
    text = site_file.read_text(encoding="utf-8")
    site_file.write_text(text.replace("reviews:", "reviewz:", 1), encoding="utf-8")
    with _mkdocs_serve(content_copy, tmp_path) as (base, log_path):
        served = _wait_for(lambda: _fetch(base), 90, "the first build")
        assert "data-gs-content-problems" in served and "site.yml:" in served and "reviewz" in served
        assert "site.yml:" in log_path.read_text() and "Traceback" not in log_path.read_text()
        site_file.write_text(text, encoding="utf-8")
        home = _wait_for(lambda: (lambda page: page if page and "data-gs-content-problems" not in page else None)(
            _fetch(base)), 90, "the site once site.yml is fixed")
        assert yaml.safe_load(text)["site"]["title"] in home
