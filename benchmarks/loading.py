"""Time loading, validating and rendering one content folder, in a fresh interpreter.

Run as a child by run.py, which reads its peak memory; prints one JSON object. The steps
are timed by wrapping the functions ``generator.content.load_content`` calls, so what is
measured is exactly the code path of a build, whatever its signatures become.

    .venv/bin/python benchmarks/loading.py checklists [--loader pure]
"""
from __future__ import annotations

import argparse
import json
import sys
import time
from collections import defaultdict
from pathlib import Path

import yaml

from generator import content as content_module
from generator import load as load_module
from generator.build.date import build_date
from generator.render.site import plan_site

LOADERS = {"c": getattr(yaml, "CSafeLoader", None), "pure": yaml.SafeLoader}
STEPS = {"load_file": "parse YAML", "check_schema": "JSON Schema", "check_references": "cross-references",
         "build_model": "build model"}


def _timed(function, totals: dict[str, float], label: str):
    """function, adding the CPU time of each call to totals[label] (wall time suffers more from a busy machine)."""
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.process_time() - start
    return wrapper


def measure(content_dir: Path) -> dict:
    steps: dict[str, float] = defaultdict(float)
    for name, label in STEPS.items():
        setattr(content_module, name, _timed(getattr(content_module, name), steps, label))
    start, start_cpu = time.perf_counter(), time.process_time()
    content = content_module.load_content(content_dir)
    load_and_validate, load_and_validate_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    start, start_cpu = time.perf_counter(), time.process_time()
    plan = plan_site(content, build_date())
    render, render_cpu = time.perf_counter() - start, time.process_time() - start_cpu
    files = [path for path in content_dir.rglob("*") if path.suffix in (".yml", ".yaml")]
    checklists = content.checklists
    return {
        "loader": load_module._Loader.__name__,
        "load_and_validate_s": load_and_validate,
        "load_and_validate_cpu_s": load_and_validate_cpu,
        "steps_cpu_s": dict(steps),
        "render_s": render,
        "render_cpu_s": render_cpu,
        "counts": {
            "yaml_files": len(files),
            "yaml_bytes": sum(path.stat().st_size for path in files),
            "recommendations": sum(1 for _ in content.recommendations()),
            "checklists": len(checklists),
            "items": sum(1 for checklist in checklists for _ in checklist.items()),
            "guidance_documents": len(content.guidance),
            "guidance_points": sum(1 for document in content.guidance for _ in document.points()),
            "pages": len(plan.pages),
        },
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content_dir", type=Path)
    parser.add_argument("--loader", choices=sorted(LOADERS), help="force PyYAML's C (libyaml) or pure-Python loader")
    arguments = parser.parse_args(argv)
    if arguments.loader:
        if LOADERS[arguments.loader] is None:
            parser.error("PyYAML was built without libyaml: the C loader is not available")
        load_module._Loader = LOADERS[arguments.loader]
    print(json.dumps(measure(arguments.content_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
