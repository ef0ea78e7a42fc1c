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
from generator.build_info import build_date
from generator.render.site import plan_site

LOADERS = {"c": getattr(yaml, "CSafeLoader", None), "pure": yaml.SafeLoader}
STEPS = {"load_file": "parse YAML", "check_schema": "JSON Schema", "check_references": "cross-references",
         "build_model": "build model"}


def _timed(function, totals: dict[str, float], label: str):
    def wrapper(*args, **kwargs):
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.perf_counter() - start
    return wrapper


def measure(content_dir: Path) -> dict:
    steps: dict[str, float] = defaultdict(float)
    for name, label in STEPS.items():
        setattr(content_module, name, _timed(getattr(content_module, name), steps, label))
    start = time.perf_counter()
    content = content_module.load_content(content_dir)
    load_and_validate = time.perf_counter() - start
    start = time.perf_counter()
    plan = plan_site(content, build_date())
    render = time.perf_counter() - start
    files = [path for path in content_dir.rglob("*") if path.suffix in (".yml", ".yaml")]
    checklists = content.checklists
    return {
        "loader": load_module._Loader.__name__,
        "load_and_validate_s": load_and_validate,
        "steps_s": dict(steps),
        "render_s": render,
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
