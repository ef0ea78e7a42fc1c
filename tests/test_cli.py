"""The command line as a training lead uses it: messages, exit status, and a site left alone on failure."""
from __future__ import annotations

import hashlib
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SHIPPED_CONTENT

BASE = Path(__file__).resolve().parent / "invalid" / "_base"
LOCATED = re.compile(r"^content/[\w./-]+\.yml:\d+:\d+: ")
ENV = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(ROOT)}


def run(*command: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", *command], cwd=cwd, env=ENV, capture_output=True, text=True,
                          timeout=300)


def bad_content(folder: Path) -> Path:
    """Small content with a syntax error in one file and a misspelt status in another."""
    content = folder / "content"
    shutil.copytree(BASE, content)
    glossary = content / "glossary.yml"
    glossary.write_text(glossary.read_text(encoding="utf-8").replace("  - term: ABC", "  - term: ABC\n\tmeaning: x"),
                        encoding="utf-8")
    area = content / "areas" / "first-area.yml"
    area.write_text(area.read_text(encoding="utf-8").replace("status: partially-achieved", "status: partialy-achieved"),
                    encoding="utf-8")
    return content


EXPECTED_PROBLEMS = [
    "content/areas/first-area.yml:16:17: recommendations[1].findings.first-review.status: 'partialy-achieved' is not an allowed status",
    "content/glossary.yml:3:1: terms[1]: invalid YAML: a tab is used for indentation",
]


def fingerprint(folder: Path) -> dict[str, str]:
    return {path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
            for path in sorted(folder.rglob("*")) if path.is_file()}


def assert_no_traceback(result: subprocess.CompletedProcess) -> None:
    assert "Traceback" not in result.stdout + result.stderr
    assert "Error:" not in result.stderr.replace("BuildError!", "")  # no Python exception names either


def test_validate_passes_the_shipped_content_with_a_summary():
    result = run("generator", "validate", "--content", str(SHIPPED_CONTENT.relative_to(ROOT)), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    files = len(list(SHIPPED_CONTENT.rglob("*.yml")))
    assert result.stdout.strip() == f"checklists: {files} files, no problems found."
    assert result.stderr == ""


def test_validate_takes_the_content_folder_as_people_type_it():
    result = run("generator", "validate", str(SHIPPED_CONTENT.relative_to(ROOT)), cwd=ROOT)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().startswith("checklists: ") and result.stdout.strip().endswith("no problems found.")


def test_validate_prints_every_problem_and_exits_1(tmp_path):
    bad_content(tmp_path)
    result = run("generator", "validate", "--content", "content", cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 3
    for line, expected in zip(lines, EXPECTED_PROBLEMS):
        assert line.startswith(expected)
    assert lines[0].endswith("- did you mean 'partially-achieved'?")
    assert lines[-1] == "2 problems found."
    assert result.stdout == ""


def test_validate_says_when_the_folder_does_not_exist(tmp_path):
    result = run("generator", "validate", "--content", "nowhere", cwd=tmp_path)
    assert result.returncode == 1
    assert_no_traceback(result)
    assert "nowhere: the content folder does not exist" in result.stderr


def test_a_wrong_command_line_exits_2(tmp_path):
    result = run("generator", "publish", cwd=tmp_path)
    assert result.returncode == 2
    assert "invalid choice" in result.stderr
    assert_no_traceback(result)


def test_build_on_bad_content_exits_1_and_leaves_the_site_byte_identical(tmp_path):
    bad_content(tmp_path)
    site = tmp_path / "site"
    (site / "assets").mkdir(parents=True)
    (site / "index.html").write_text("<p>the previous site</p>", encoding="utf-8")
    (site / "assets" / "data.bin").write_bytes(bytes(range(256)))
    before = fingerprint(site)

    result = run("generator", "build", "--config", str(ROOT / "mkdocs.yml"), "--site-dir", "site",
                 "--content", "content", cwd=tmp_path)

    assert result.returncode == 1
    assert_no_traceback(result)
    for expected in EXPECTED_PROBLEMS:
        assert any(line.split(" - ", 1)[-1].startswith(expected) for line in result.stderr.splitlines()), result.stderr
    assert "untouched" in result.stderr
    assert fingerprint(site) == before
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content", "site"]  # no half-built folder left


def test_build_on_good_content_replaces_the_site(tmp_path):
    shutil.copytree(BASE, tmp_path / "content")
    site = tmp_path / "site"
    site.mkdir()
    (site / "stale.html").write_text("old", encoding="utf-8")

    result = run("generator", "build", "--config", str(ROOT / "mkdocs.yml"), "--site-dir", "site",
                 "--content", "content", cwd=tmp_path)

    assert result.returncode == 0, result.stderr
    assert f"Site built in {site}" in result.stdout
    assert not (site / "stale.html").exists()
    assert "Example Constabulary" in (site / "index.html").read_text(encoding="utf-8")
    assert sorted(path.name for path in tmp_path.iterdir()) == ["content", "site"]


def test_mkdocs_build_on_bad_content_prints_the_same_located_messages(tmp_path):
    bad_content(tmp_path)
    config = tmp_path / "mkdocs.yml"
    config.write_text((ROOT / "mkdocs.yml").read_text(encoding="utf-8")
                      .replace("docs_dir: checklists/pages", f"docs_dir: {ROOT / 'checklists' / 'pages'}")
                      .replace("content_dir: checklists", "content_dir: content"), encoding="utf-8")
    validate = run("generator", "validate", "--content", "content", cwd=tmp_path)

    result = run("mkdocs", "build", "--config-file", "mkdocs.yml", "--site-dir", "site", cwd=tmp_path)

    assert result.returncode != 0
    assert_no_traceback(result)
    logged = [line.split("-", 1)[1].strip() for line in result.stderr.splitlines() if line.startswith("ERROR")]
    problems = validate.stderr.strip().splitlines()[:-1]
    assert [line for line in logged if LOCATED.match(line)] == problems
    assert any("has 2 problem(s); nothing was built" in line for line in logged)
    assert not (tmp_path / "site").exists()
