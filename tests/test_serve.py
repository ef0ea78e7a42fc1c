"""`mkdocs serve` rebuilds when content YAML changes, reports bad content in place and recovers."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import yaml

from conftest import ROOT


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


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
    port = _free_port()
    log_path = tmp_path / "serve.log"
    with open(log_path, "w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "mkdocs", "serve", "-f", str(_config_for(content_copy, tmp_path)),
             "--dev-addr", f"127.0.0.1:{port}"],
            stdout=log, stderr=subprocess.STDOUT, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
        )
    page_url = f"http://127.0.0.1:{port}/guidance/children-in-detention.html"
    try:
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
        assert server.poll() is None, "serve should keep running after bad content"

        # MkDocs holds requests while the last build failed; once the mistake is fixed, pages come back.
        document.write_text(text.replace(f"title: {title}", "title: Detention of children, fixed", 1), encoding="utf-8")
        _wait_for(lambda: "Detention of children, fixed" in (_fetch(page_url) or ""), 90, "the rebuild after the fix")
    finally:
        server.terminate()
        server.wait(timeout=20)
