"""The benchmark still runs: at the smallest scale, without the browser, phone, serve and Zensical parts.

No timing is asserted (see docs/benchmarks.md for the figures); only that every figure is printed.
"""
from __future__ import annotations

import json
import re
import subprocess
import sys

import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import SCALES, make_content  # noqa: E402

from generator.content import check_content  # noqa: E402


def test_benchmark_runs_at_the_smallest_scale_and_prints_every_figure(tmp_path):
    completed = subprocess.run(
        [sys.executable, str(ROOT / "benchmarks" / "run.py"), "--scale", "S", "--skip", "loaders,zensical,serve,browser,phone",
         "--repeat", "1", "--work", str(tmp_path / "work"), "--json", str(tmp_path / "figures.json")],
        capture_output=True, text=True, timeout=300, cwd=ROOT,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    output = completed.stdout
    for figure in (r"load\+validate \(CSafeLoader\): [\d.]+ s",
                   r"load\+validate with the cache: cold [\d.]+ s .*; warm from disk [\d.]+ s .*; warm in process [\d.]+ s",
                   r"render pages [\d.]+ s \(CPU [\d.]+ s\)", r"overhead ratio [\d.]+",
                   r"generator [\d.]+ s \([\d.]+ ms/page, CPU [\d.]+ s, peak \d+ MB\)", r"checklist page HTML: mean [\d.]+ KB",
                   r"our JS\+CSS on it: [\d.]+ KB \([\d.]+ KB gzipped\)", r"Machine: .+ cores",
                   r"self-audit/[\w-]+\.html carries \d+ navigation links",
                   r"loaded after the page \(on use, or the export script once the browser is idle\): [\d.]+ KB \([\d.]+ KB gzipped\)  \[checklist-recovery\.js .*, checklist-transfer\.js ",
                   r"== targets \(issue 15\)\nS: overhead ratio ≤ 1\.05, nothing changed: [\d.]+, (met|missed)",
                   r"S: overhead ratio ≤ 1\.05, cold: [\d.]+, (met|missed)", r"cold \(no cache\) [\d.]+ s, ratio [\d.]+",
                   r"S: load and validate, warm from disk: [\d.]+ s CPU \([\d.]+ s wall\), measured",
                   r"S: our JS and CSS on a checklist page ≤ 10 KB gzipped: [\d.]+ KB, (met|missed)"):
        assert re.search(figure, output), f"'{figure}' not printed:\n{output}"
    figures = json.loads((tmp_path / "figures.json").read_text())
    scale = figures["scales"]["S"]
    assert scale["loading"]["counts"]["items"] == SCALES["S"].items
    files = scale["loading"]["counts"]["yaml_files"]
    assert scale["loading_cache"]["entries"] == files  # the synthetic content is valid: every file is kept
    assert "parse YAML" in scale["loading_cache"]["cold"]["steps_cpu_s"]
    assert "parse YAML" not in scale["loading_cache"]["warm_from_disk"]["steps_cpu_s"]
    assert scale["builds"]["pages"] >= scale["loading"]["counts"]["pages"]


def test_synthetic_content_is_valid_and_has_the_counts_of_its_scale(tmp_path):
    content = make_content(SCALES["S"], tmp_path / "content", big_checklist_items=25)
    files, problems = check_content(content)
    assert problems == []
    checklists = [loaded.data for loaded in files["checklist"]]
    items = {c["id"]: sum(len(section["items"]) for section in c["sections"]) for c in checklists}
    assert items.pop("checklist-big") == 25
    assert len(items) == SCALES["S"].checklists and sum(items.values()) == SCALES["S"].items
    recommendations = [r for loaded in files["area"] for r in loaded.data["recommendations"]]
    assert len(recommendations) == SCALES["S"].recommendations
    # The same scale and seed give the same files, so figures from different runs compare.
    again = make_content(SCALES["S"], tmp_path / "again", big_checklist_items=25)
    for path in content.rglob("*.yml"):
        assert yaml.safe_load(path.read_text()) == yaml.safe_load((again / path.relative_to(content)).read_text())
