"""Time loading, validating and rendering one content folder, in a fresh interpreter.

Run as a child by run.py, which reads its peak memory; prints one JSON object. The steps
are timed by wrapping the functions ``generator.content.load_content`` calls, so what is
measured is exactly the code path of a build, whatever its signatures become.

With --cache-folder, it only loads, twice, through the cache of checked files kept there: the
first load is cold if the folder is empty (and fills it), or warm from disk in a new process
if not; the second is warm in the same process, as the next rebuild under `mkdocs serve` is.

    .venv/bin/python benchmarks/loading.py checklists [--loader pure] [--cache-folder /tmp/cache]
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
from generator.content_cache import ContentCache
from generator.build.date import build_date
from generator.render.site import plan_site

LOADERS = {"c": getattr(yaml, "CSafeLoader", None), "pure": yaml.SafeLoader}
STEPS = {"load_bytes": "parse YAML", "check_schema": "JSON Schema", "check_references": "cross-references",
         "build_model": "build model"}
CACHE_STEPS = {"get": "read the cache", "put": "write the cache", "get_model": "read the model",
               "put_model": "write the model"}  # methods of ContentCache


def _timed(function, totals: dict[str, float], label: str):
    """function, adding the CPU time of each call to totals[label] (wall time suffers more from a busy machine)."""
    def wrapper(*args, **kwargs):
        start = time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            totals[label] += time.process_time() - start
    return wrapper


def _time_steps() -> dict[str, float]:
    """CPU time per step of loading from now on (a step's label is left out until it is used)."""
    steps: dict[str, float] = defaultdict(float)
    for name, label in STEPS.items():
        setattr(content_module, name, _timed(getattr(content_module, name), steps, label))
    for name, label in CACHE_STEPS.items():
        setattr(ContentCache, name, _timed(getattr(ContentCache, name), steps, label))
    return steps


def _load(content_dir: Path, cache: ContentCache | None = None):
    """The content, and the wall and CPU time of loading it."""
    start, start_cpu = time.perf_counter(), time.process_time()
    content = content_module.load_content(content_dir, cache)
    return content, time.perf_counter() - start, time.process_time() - start_cpu


def measure(content_dir: Path) -> dict:
    steps = _time_steps()
    content, load_and_validate, load_and_validate_cpu = _load(content_dir)
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


def measure_cache(content_dir: Path, folder: Path) -> dict:
    """Two loads through the cache in folder (see above), each with its steps."""
    steps = _time_steps()
    loads = []
    for _ in range(2):
        steps.clear()
        _, seconds, cpu_seconds = _load(content_dir, ContentCache(folder))
        loads.append({"load_and_validate_s": seconds, "load_and_validate_cpu_s": cpu_seconds, "steps_cpu_s": dict(steps)})
    entries = list(folder.glob("checked-*/*.entry"))
    return {"loads": loads, "entries": len(entries), "cache_bytes": sum(entry.stat().st_size for entry in entries)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("content_dir", type=Path)
    parser.add_argument("--loader", choices=sorted(LOADERS), help="force PyYAML's C (libyaml) or pure-Python loader")
    parser.add_argument("--cache-folder", type=Path, help="only load, twice, through the cache of checked files in this folder")
    arguments = parser.parse_args(argv)
    if arguments.loader:
        if LOADERS[arguments.loader] is None:
            parser.error("PyYAML was built without libyaml: the C loader is not available")
        load_module._Loader = LOADERS[arguments.loader]
    if arguments.cache_folder:
        print(json.dumps(measure_cache(arguments.content_dir, arguments.cache_folder)))
    else:
        print(json.dumps(measure(arguments.content_dir)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
