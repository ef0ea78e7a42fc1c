"""A failed or killed build leaves the previous site as it was; the same content builds the same bytes."""
from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from conftest import ROOT, build


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*")) if path.is_file()
    }


def test_killed_build_leaves_the_previous_site_intact(tmp_path):
    site = build(tmp_path)
    before = _fingerprint(site)
    process = subprocess.Popen(
        [sys.executable, "-m", "generator", "build", "--config", str(ROOT / "mkdocs.yml"), "--site-dir", str(site)],
        cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    # Kill it once it has started writing the new site (its staging folder has files in it).
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        staging = list(tmp_path.glob("site.building-*"))
        if staging and any(path.is_file() for path in staging[0].rglob("*.html")):
            break
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be killed; nothing was tested"
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert _fingerprint(site) == before


def test_failed_build_leaves_the_previous_site_intact(tmp_path, content_copy):
    site = build(tmp_path, content_copy)
    before = _fingerprint(site)
    (content_copy / "glossary.yml").write_text("terms:\n  - term: X\n    meaning: [unclosed\n", encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "generator", "build", "--config", str(ROOT / "mkdocs.yml"),
         "--site-dir", str(site), "--content", str(content_copy)],
        cwd=ROOT, capture_output=True, text=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"},
    )
    assert result.returncode == 1
    assert "glossary.yml:" in result.stderr + result.stdout
    assert "Traceback" not in result.stderr
    assert _fingerprint(site) == before
    assert not list(tmp_path.glob("site.building-*")), "a failed build cleans up after itself"


def test_same_content_builds_the_same_bytes(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764115200")  # the stated build date
    first = _fingerprint(build(tmp_path / "one"))
    second = _fingerprint(build(tmp_path / "two"))
    assert first == second
