"""Measure what the generator costs, per scale, beside plain MkDocs (and Zensical) on the same pages.

    .venv/bin/python benchmarks/run.py                       # the shipped content and M
    nice -n 10 .venv/bin/python benchmarks/run.py --scale L --prune both
    .venv/bin/python benchmarks/run.py --scale S --skip loaders,zensical,serve,browser   # as the smoke test

Scales: shipped (checklists/), and synthetic S, M and L (see synthetic.py). For each it prints
load+validate time (with PyYAML's C and pure-Python loaders, and through the cache of checked
files: cold, warm from disk, warm in process), the generator's build beside
plain ``mkdocs build`` of the same pages (the overhead ratio) and the navigation links a checklist
page carries (the menu has a fixed size: see MENU_SECTION_LIMIT); peak memory, bytes per
checklist page, Zensical's build, and the wait from saving a YAML file to the rebuilt page
under ``mkdocs serve``; once per run, the time headless Chromium takes to show a checklist of
500 items and restore saved answers to all of them, and the first render (first and largest
contentful paint) of the home page and a guidance page on a slow phone (CPU 4 times slower,
"Slow 4G"), beside plain MkDocs on the same pages. Results are in docs/benchmarks.md.
"""
from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
from importlib import metadata
from pathlib import Path

import yaml

import builds
import page_sizes
from synthetic import BIG_CHECKLIST, SCALES, make_content
from timing import ROOT, VENV_BIN, best_of, run_measured

PARTS = ("loaders", "zensical", "serve", "browser", "phone")
DEFAULT_ZENSICAL = VENV_BIN / "zensical"  # the project's `zensical` extra, which make test installs
PACKAGES = ("mkdocs", "mkdocs-material", "Markdown", "PyYAML", "jsonschema", "Jinja2", "playwright", "zensical")


def machine() -> dict:
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    models = [line.split(":", 1)[1].strip() for line in cpuinfo.splitlines() if line.startswith("model name")]
    meminfo = Path("/proc/meminfo").read_text() if Path("/proc/meminfo").exists() else ""
    total_kb = next((int(line.split()[1]) for line in meminfo.splitlines() if line.startswith("MemTotal")), 0)
    versions = {}
    for package in PACKAGES:
        try:
            versions[package] = metadata.version(package)
        except metadata.PackageNotFoundError:
            versions[package] = "not installed"
    return {
        "cpu": models[0] if models else platform.processor(), "cores": len(os.sched_getaffinity(0)),
        "memory_gb": round(total_kb / 1024 / 1024, 1), "python": platform.python_version(),
        "libyaml": getattr(yaml, "__with_libyaml__", False), "packages": versions,
        "load_average": os.getloadavg(),
    }


def content_for(scale: str, work: Path) -> Path:
    if scale == "shipped":
        return ROOT / "checklists"
    folder = work / "content"
    shutil.rmtree(folder, ignore_errors=True)
    return make_content(SCALES[scale], folder)


def loading(content: Path, work: Path, loader: str | None = None) -> dict:
    command = [sys.executable, str(Path(__file__).with_name("loading.py")), str(content)]
    if loader:
        command += ["--loader", loader]
    measured = run_measured(command, cwd=work, log=work / f"loading-{loader or 'default'}.log").check("loading.py")
    result = json.loads(measured.output.strip().splitlines()[-1])
    result["peak_mb"] = measured.peak_mb
    return result


def loading_cached(content: Path, work: Path) -> dict:
    """Load and validate through the cache of checked files: cold (filling it), then warm from disk in a
    new process; each process loads a second time, warm in process."""
    folder = work / "content-cache"
    shutil.rmtree(folder, ignore_errors=True)
    command = [sys.executable, str(Path(__file__).with_name("loading.py")), str(content), "--cache-folder", str(folder)]
    runs = [json.loads(run_measured(command, cwd=work, log=work / f"loading-cache-{name}.log").check("loading.py")
                       .output.strip().splitlines()[-1]) for name in ("cold", "warm")]
    return {"cold": runs[0]["loads"][0], "warm_from_disk": runs[1]["loads"][0], "warm_in_process": runs[1]["loads"][1],
            "entries": runs[1]["entries"], "cache_bytes": runs[1]["cache_bytes"]}


def side_by_side(work: Path, content: Path, prune: bool, repeat: int) -> dict:
    """The generator's build and plain MkDocs' build of the same pages, alternated, best of `repeat`."""
    inputs = builds.prepare(work, content, prune)
    suffix = "" if prune else "-no-prune"
    ours, plain = [], []
    for _ in range(repeat):
        ours.append(builds.mkdocs_build(inputs.generator_config, work / f"site-generator{suffix}"))
        plain.append(builds.mkdocs_build(inputs.plain_config, work / f"site-plain{suffix}"))
    ours_best, plain_best = best_of(ours), best_of(plain)
    # The builds above found every cache warm (prepare ran the plugin once): nothing changed since the last
    # build. After an edit the model is built and the pages rendered again, with the text of every other file
    # checked and converted before (as if one text changed); cold, nothing is kept.
    cache = work / ".cache" / "guidance"
    for stale in [*cache.glob("plan-*.json"), *cache.glob("checked-*/model.pickled")]:
        stale.unlink()
    edited = builds.mkdocs_build(inputs.generator_config, work / f"site-generator{suffix}")
    shutil.rmtree(work / ".cache", ignore_errors=True)
    cold = builds.mkdocs_build(inputs.generator_config, work / f"site-generator{suffix}")
    pages = len(builds.html_pages(work / f"site-generator{suffix}"))
    sample = page_sizes.checklist_pages(work / f"site-generator{suffix}")[0]  # the page the page weights start from
    return {
        "pages": pages, "generator_s": ours_best.seconds, "plain_s": plain_best.seconds,
        "ratio": ours_best.seconds / plain_best.seconds,
        "edited_s": edited.seconds, "edited_ratio": edited.seconds / plain_best.seconds,
        "cold_s": cold.seconds, "cold_ratio": cold.seconds / plain_best.seconds,
        "generator_cpu_s": min(run.cpu_seconds for run in ours), "plain_cpu_s": min(run.cpu_seconds for run in plain),
        "cpu_ratio": min(run.cpu_seconds for run in ours) / min(run.cpu_seconds for run in plain),
        "generator_peak_mb": max(run.peak_mb for run in ours), "plain_peak_mb": max(run.peak_mb for run in plain),
        "write_pages_s": inputs.write_pages_s, "runs": repeat,
        "differences": builds.compare_sites(work / f"site-generator{suffix}", work / f"site-plain{suffix}"),
        # Links in Material's navigation (the menu, and the page's table of contents), counted as in docs/benchmarks.md.
        "navigation_links": sample.read_text(encoding="utf-8").count("md-nav__link"),
        "navigation_links_page": sample.relative_to(work / f"site-generator{suffix}").as_posix(),
        "plain_config": inputs.plain_config,
    }


_TOO_BIG_FOR_SEARCH = re.compile(r"Search field '\w+' at '([^'#]+)\.html[^']*' exceeds the search index limit")


def zensical(zensical_bin: Path, plain_config: Path) -> dict:
    """Cold and warm builds. Zensical refuses a page too big for its search index (MkDocs does
    not): such pages are left out of search, one by one, and named in the result."""
    left_out = []
    while True:
        try:
            cold = builds.zensical_build(zensical_bin, plain_config, clean=True)
            break
        except RuntimeError as error:
            too_big = _TOO_BIG_FOR_SEARCH.search(str(error))
            if not too_big or len(left_out) >= 10:
                raise
            left_out.append(too_big[1] + ".md")
            builds.exclude_from_search(plain_config.parent / yaml.safe_load(plain_config.read_text())["docs_dir"] / left_out[-1])
    warm = builds.zensical_build(zensical_bin, plain_config, clean=False)
    version = subprocess.run([str(zensical_bin), "--version"], capture_output=True, text=True).stdout.strip()
    site = plain_config.parent / yaml.safe_load(plain_config.read_text(encoding="utf-8"))["site_dir"]
    return {"version": version, "cold_s": cold.seconds, "warm_s": warm.seconds, "peak_mb": max(cold.peak_mb, warm.peak_mb),
            "pages": len(builds.html_pages(site)), "left_out_of_search": left_out}


def engines(work: Path, content: Path) -> dict:
    """`guidance build` with each engine, cold (no cache of checked files, no Zensical work folder) then warm,
    with each build's peak memory: the whole cost a user waits for, one engine beside the other."""
    folder = work / "engines"
    config = builds.generator_config(folder, content)
    result = {}
    for engine in ("mkdocs", "zensical"):
        runs = {}
        for state in ("cold", "warm"):
            if state == "cold":
                shutil.rmtree(folder / ".cache", ignore_errors=True)
            runs[state] = run_measured(
                [str(VENV_BIN / "guidance"), "build", "--engine", engine, "--config", str(config),
                 "--site-dir", str(folder / f"site-{engine}")], cwd=folder,
                log=folder / f"{engine}-{state}.log").check(f"guidance build --engine {engine}")
        result[engine] = {"cold_s": runs["cold"].seconds, "warm_s": runs["warm"].seconds,
                          "cold_cpu_s": runs["cold"].cpu_seconds, "warm_cpu_s": runs["warm"].cpu_seconds,
                          "peak_mb": max(run.peak_mb for run in runs.values()),
                          "pages": len(builds.html_pages(folder / f"site-{engine}"))}
    return result


def serve_latency(work: Path, content: Path) -> dict:
    import serve
    from generator.render.site import checklist_path, page_url

    copy = work / "serve" / "content"
    shutil.rmtree(copy.parent, ignore_errors=True)
    shutil.copytree(content, copy)
    checklist_file = sorted((copy / "self-audit").glob("*.yml"))[0]
    checklist_id = yaml.safe_load(checklist_file.read_text(encoding="utf-8"))["id"]
    config = builds.generator_config(copy.parent, copy)
    return serve.measure(config, checklist_file, page_url(checklist_path(checklist_id)), copy.parent / "serve.log")


def measure_scale(scale: str, work: Path, skip: set[str], repeat: int | None, prune: str, zensical_bin: Path) -> dict:
    """Every figure for one scale, each printed as soon as it is known (an L run takes a long time)."""
    work.mkdir(parents=True, exist_ok=True)
    content = content_for(scale, work)
    result: dict = {"scale": scale}
    result["loading"] = loading(content, work)
    print_loading(scale, result["loading"])
    result["loading_cache"] = loading_cached(content, work)
    print_loading_cache(result["loading_cache"])
    if "loaders" not in skip:
        result["loading_pure"] = loading(content, work, "pure")
        print_loading(scale, result["loading_pure"], brief=True)
    repeat = repeat or (3 if result["loading"]["counts"]["pages"] < 300 else 1)
    if prune in ("on", "both"):
        result["builds"] = side_by_side(work, content, True, repeat)
        print_builds(result["builds"], "with navigation.prune")
    if prune in ("off", "both"):
        result["builds_no_prune"] = side_by_side(work, content, False, 1 if prune == "both" else repeat)
        print_builds(result["builds_no_prune"], "without navigation.prune")
    builds_made = result.get("builds") or result["builds_no_prune"]
    result["page_sizes"] = page_sizes.measure(work / ("site-generator" if "builds" in result else "site-generator-no-prune"))
    print_page_sizes(result["page_sizes"])
    if "zensical" not in skip:
        if not zensical_bin.exists():
            result["zensical"] = {"skipped": f"not installed at {zensical_bin} (see docs/benchmarks.md)"}
        else:
            try:
                result["zensical"] = zensical(zensical_bin, builds_made["plain_config"])
            except RuntimeError as error:  # a figure missing is reported, the others are still measured
                result["zensical"] = {"skipped": "the build failed: " + str(error).strip().splitlines()[-1]}
        print_zensical(result["zensical"])
        try:
            result["engines"] = engines(work, content)
        except RuntimeError as error:
            result["engines"] = {"skipped": "a build failed: " + str(error).strip().splitlines()[-1]}
        print_engines(result["engines"])
    if "serve" not in skip:
        try:
            result["serve"] = serve_latency(work, content)
            print_serve(result["serve"])
        except (RuntimeError, TimeoutError) as error:
            result["serve"] = {"failed": str(error)}
            _say(f"mkdocs serve: not measured, {error}")
    return result


def measure_browser(work: Path, items: int) -> dict:
    import browser

    content = work / "content"
    shutil.rmtree(content, ignore_errors=True)
    make_content(SCALES["S"], content, big_checklist_items=items)
    site = work / "site"
    built = builds.mkdocs_build(builds.generator_config(work, content), site)
    if not (ROOT / "generator" / "assets" / "checklist.js").exists():
        return {"items": items, "restore_measured": False, "reason": "generator/assets/checklist.js does not exist yet"}
    result = browser.measure(site, f"self-audit/{BIG_CHECKLIST}.html")
    result["build_s"] = built.seconds
    result["html"] = page_sizes.size_of((site / "self-audit" / f"{BIG_CHECKLIST}.html").read_bytes())
    return result


def measure_phone(work: Path, shipped_work: Path | None) -> dict:
    """First render on a slow phone of the shipped content's home page and a guidance page, ours beside plain
    MkDocs; the sites the shipped scale built are reused when it was measured."""
    import first_render
    from generator.content import load_content
    from generator.render.site import HOME, guidance_path, page_url

    content_dir = ROOT / "checklists"
    if shipped_work is not None and (shipped_work / "site-generator").is_dir() and (shipped_work / "site-plain").is_dir():
        sites = {"generator": shipped_work / "site-generator", "plain mkdocs": shipped_work / "site-plain"}
    else:
        inputs = builds.prepare(work, content_dir)
        sites = {"generator": work / "site-generator", "plain mkdocs": work / "site-plain"}
        builds.mkdocs_build(inputs.generator_config, sites["generator"])
        builds.mkdocs_build(inputs.plain_config, sites["plain mkdocs"])
    document = load_content(content_dir).guidance_document("children-in-detention")
    pages = [page_url(HOME), page_url(guidance_path(document.id))]
    return {"pages": pages, "sites": first_render.measure(sites, pages), "cpu_slowdown": first_render.CPU_SLOWDOWN,
            "network": first_render.SLOW_4G, "load_average": os.getloadavg()}


# --- printing --------------------------------------------------------------------------------


def _kb(size) -> str:
    return f"{size.raw / 1024:.1f} KB ({size.gzipped / 1024:.1f} KB gzipped)"


def _ms(value) -> str:
    return "–" if value is None else f"{value:.0f} ms"


def print_machine(info: dict) -> None:
    _say(f"Machine: {info['cpu']}, {info['cores']} cores, {info['memory_gb']} GB; Python {info['python']}"
          f" (libyaml {'present' if info['libyaml'] else 'absent'})")
    _say("Packages: " + ", ".join(f"{name} {version}" for name, version in info["packages"].items()))
    _say("Load average at start: " + ", ".join(f"{value:.2f}" for value in info["load_average"]))


def _say(text: str) -> None:
    print(text, flush=True)


def print_loading(scale: str, loading: dict, brief: bool = False) -> None:
    if brief:
        _say(f"load+validate ({loading['loader']}): {loading['load_and_validate_s']:.2f} s (CPU {loading['load_and_validate_cpu_s']:.2f} s) "
             f"[parse YAML CPU {loading['steps_cpu_s']['parse YAML']:.2f} s]")
        return
    counts = loading["counts"]
    _say(f"\n== {scale}: {counts['recommendations']} recommendations, {counts['checklists']} checklists, "
         f"{counts['items']} items, {counts['guidance_documents']} guidance documents ({counts['guidance_points']} points); "
         f"{counts['yaml_files']} YAML files, {counts['yaml_bytes'] / 1024:.0f} KB; {counts['pages']} generated pages")
    steps = ", ".join(f"{name} {seconds:.2f} s" for name, seconds in loading["steps_cpu_s"].items())
    _say(f"load+validate ({loading['loader']}): {loading['load_and_validate_s']:.2f} s (CPU {loading['load_and_validate_cpu_s']:.2f} s: {steps}); "
         f"render pages {loading['render_s']:.2f} s (CPU {loading['render_cpu_s']:.2f} s); peak memory {loading['peak_mb']:.0f} MB")


def print_loading_cache(cached: dict) -> None:
    def load(name: str) -> str:
        steps = ", ".join(f"{step} {seconds:.2f} s" for step, seconds in cached[name]["steps_cpu_s"].items())
        return f"{cached[name]['load_and_validate_s']:.2f} s (CPU {cached[name]['load_and_validate_cpu_s']:.2f} s: {steps})"

    _say(f"load+validate with the cache: cold {load('cold')}; warm from disk {load('warm_from_disk')}; "
         f"warm in process {load('warm_in_process')}; {cached['entries']} entries, {cached['cache_bytes'] / 1024:.0f} KB")


def print_builds(b: dict, label: str) -> None:
    def per_page(seconds: float) -> str:
        return f"{1000 * seconds / b['pages']:.1f} ms/page"

    _say(f"build {label} ({b['pages']} HTML pages, best of {b['runs']}): "
         f"generator {b['generator_s']:.2f} s ({per_page(b['generator_s'])}, CPU {b['generator_cpu_s']:.2f} s, peak {b['generator_peak_mb']:.0f} MB); "
         f"plain mkdocs {b['plain_s']:.2f} s ({per_page(b['plain_s'])}, CPU {b['plain_cpu_s']:.2f} s, peak {b['plain_peak_mb']:.0f} MB); "
         f"overhead ratio {b['ratio']:.2f} (by CPU time {b['cpu_ratio']:.2f}); "
         f"pages rendered again (after an edit) {b['edited_s']:.2f} s, ratio {b['edited_ratio']:.2f}; "
         f"cold (no cache) {b['cold_s']:.2f} s, ratio {b['cold_ratio']:.2f}; "
         f"{b['navigation_links_page']} carries {b['navigation_links']} navigation links")
    if b["differences"]:
        _say(f"  the two sites differ: {b['differences']}")


def print_zensical(z: dict) -> None:
    if "skipped" in z:
        _say(f"zensical: not measured, {z['skipped']}")
    else:
        _say(f"zensical {z['version']} over the same pages: cold {z['cold_s']:.2f} s, warm rebuild {z['warm_s']:.2f} s, "
             f"{z['pages']} HTML pages, peak {z['peak_mb']:.0f} MB")
        if z["left_out_of_search"]:
            _say(f"  too big for Zensical's search index, so left out of search: {', '.join(z['left_out_of_search'])}")


def print_engines(e: dict) -> None:
    if "skipped" in e:
        _say(f"engines: not measured, {e['skipped']}")
        return
    _say("guidance build, engine by engine: " + "; ".join(
        f"{engine} cold {figures['cold_s']:.2f} s (CPU {figures['cold_cpu_s']:.2f} s), warm {figures['warm_s']:.2f} s "
        f"(CPU {figures['warm_cpu_s']:.2f} s), peak {figures['peak_mb']:.0f} MB, {figures['pages']} HTML pages"
        for engine, figures in e.items()))


def print_page_sizes(sizes: dict) -> None:
    if not sizes["pages"]:
        return
    _say(f"checklist page HTML: mean {_kb(sizes['html_mean'])}, largest {_kb(sizes['html_max'])}")
    _say(f"our JS+CSS on it: {_kb(sizes['ours_total'])}  [" + ", ".join(
        f"{path.rsplit('/', 1)[1]} {_kb(size)}" for path, size in sizes["ours"].items()) + "]")
    if sizes["on_use"]:
        _say(f"  loaded after the page (on use, or the export script once the browser is idle): {_kb(sizes['on_use_total'])}  [" + ", ".join(
            f"{path.rsplit('/', 1)[1]} {_kb(size)}" for path, size in sizes["on_use"].items()) + "]"
             f"; with it: {_kb(sizes['ours_total'] + sizes['on_use_total'])}")
    if sizes["for_print"]:
        _say("  linked for print only, fetched without holding up the page: " + ", ".join(
            f"{path.rsplit('/', 1)[1]} {_kb(size)}" for path, size in sizes["for_print"].items()))
    if sizes["ours_on_reading_page"]:
        _say(f"  our JS+CSS on a guidance page, for comparison: {_kb(sizes['ours_on_reading_page'])}")
    if sizes["helpers"]:
        _say("  plus helpers: " + ", ".join(f"{path.split('assets/guidance/')[1]} {_kb(size)}" for path, size in sizes["helpers"].items()))
    _say(f"  theme's JS+CSS on it, for comparison: {_kb(sizes['theme_total'])}")


def print_serve(s: dict) -> None:
    _say(f"mkdocs serve --dirty: first build served after {s['first_build_s']:.1f} s; saving a YAML file to the "
         f"rebuilt page {s['save_to_page_s']:.2f} s (server CPU {s['save_to_page_cpu_s']:.2f} s; a word in a checklist item; "
         f"median of {len(s['save_to_page_each_s'])} saves: " + ", ".join(f"{wait:.2f}" for wait in s["save_to_page_each_s"]) + " s)"
         f"; {s['save_menu_title_to_page_s']:.2f} s (server CPU "
         f"{s['save_menu_title_to_page_cpu_s']:.2f} s; a word in the checklist's title, on every page that lists it, and on every "
         f"page when the menu lists it, as at the shipped scale)")


def print_browser(result: dict) -> None:
    _say(f"\n== browser: a checklist of {result['items']} items")
    if not result.get("restore_measured") and "reason" in result:
        _say(f"restore: not measured yet ({result['reason']})")
        return
    _say(f"page HTML {_kb(result['html'])}")
    _say(f"without the checklist script: DOMContentLoaded {_ms(result['no_script_dom_content_loaded_ms'])}, load {_ms(result['no_script_load_ms'])}")
    _say(f"nothing saved: DOMContentLoaded {_ms(result['empty_dom_content_loaded_ms'])}, load {_ms(result['empty_load_ms'])}; "
         f"the checklist script's run {_ms(result['empty_start_ms'])} (from reading saved answers on: {_ms(result['empty_script_ms'])})")
    if result["restore_measured"]:
        _say(f"{result['answers_saved']} answers saved: DOMContentLoaded {_ms(result['saved_dom_content_loaded_ms'])}, "
             f"load {_ms(result['saved_load_ms'])}, all answers shown at {_ms(result['saved_restored_ms'])}; "
             f"the checklist script's run {_ms(result['saved_start_ms'])} (from reading saved answers on: {_ms(result['saved_script_ms'])})")
    else:
        _say(f"restore: not measured ({result['answers_shown']} of {result['answers_saved']} saved answers were shown; "
             "has the storage format changed?)")


def print_phone(result: dict) -> None:
    _say(f"\n== first render on a slow phone (390 px, CPU {result['cpu_slowdown']}x slower, Slow 4G, nothing cached; "
         f"median of {next(iter(next(iter(result['sites'].values())).values()))['loads']} loads)")
    for page in result["pages"]:
        for name, pages in result["sites"].items():
            figures = pages[page]
            _say(f"{page} ({name}): first contentful paint {_ms(figures['fcp_ms'])}, largest contentful paint "
                 f"{_ms(figures['lcp_ms'])} ({figures['lcp_element'] or '?'}), load {_ms(figures['load_ms'])}; "
                 f"{figures['requests']} requests, {figures['bytes'] / 1024:.0f} KB transferred")


# Issue 15's targets, printed at the end of a run with each figure (see targets()).
OVERHEAD_RATIO_LIMIT = 1.05
SERVE_LIMITS_S = {"shipped": 1.0, "M": 3.0}  # from saving a YAML file to the rebuilt page under `make serve`; L measured only
# At L: a first build's load (it fills the cache) and a later one's (a new process, from the cache). Judged on
# CPU time, as docs/benchmarks.md gives loading: on a shared machine the wall time is mostly the other users'.
LOAD_LIMITS_S = {"cold": 2.0, "warm_from_disk": 0.3}
PAGE_WEIGHT_LIMIT_KB = 10  # our JS and CSS a checklist page loads with it, gzipped (not the scripts loaded after it,
# nor the stylesheet for print only)
RESTORE_LIMIT_MS = 50  # the checklist script's whole run on a page of 500 items, all answered


def targets(results: dict) -> list[tuple[str, str, bool | None]]:
    """(target, figure, met) for every target whose figure this run measured; met is None where only measured."""
    found = []
    for scale, figures in results["scales"].items():
        builds_made = figures.get("builds") or figures.get("builds_no_prune")
        if builds_made:
            for build, key in (("nothing changed", "ratio"), ("after an edit", "edited_ratio"), ("cold", "cold_ratio")):
                found.append((f"{scale}: overhead ratio ≤ {OVERHEAD_RATIO_LIMIT:.2f}, {build}", f"{builds_made[key]:.2f}",
                              builds_made[key] <= OVERHEAD_RATIO_LIMIT))
        serve = figures.get("serve", {})
        if "save_to_page_s" in serve:
            limit = SERVE_LIMITS_S.get(scale)
            found.append((f"{scale}: saving a YAML file to the rebuilt page under serve" + (f" ≤ {limit:.0f} s" if limit else ""),
                          f"{serve['save_to_page_s']:.2f} s (server CPU {serve['save_to_page_cpu_s']:.2f} s)",
                          serve["save_to_page_s"] <= limit if limit else None))
        for state, limit in LOAD_LIMITS_S.items():
            load = figures["loading_cache"][state]
            found.append((f"{scale}: load and validate, {state.replace('_', ' ')}" + (f", ≤ {limit} s of CPU" if scale == "L" else ""),
                          f"{load['load_and_validate_cpu_s']:.2f} s CPU ({load['load_and_validate_s']:.2f} s wall)",
                          load["load_and_validate_cpu_s"] <= limit if scale == "L" else None))
        sizes = figures.get("page_sizes", {})
        if sizes.get("pages"):
            kb = sizes["ours_total"].gzipped / 1024
            found.append((f"{scale}: our JS and CSS on a checklist page ≤ {PAGE_WEIGHT_LIMIT_KB} KB gzipped", f"{kb:.1f} KB",
                          kb <= PAGE_WEIGHT_LIMIT_KB))
    browser = results.get("browser", {})
    if browser.get("restore_measured"):
        run_ms = browser["saved_start_ms"]
        found.append((f"restoring {browser['answers_saved']} answers (the checklist script's whole run) ≤ {RESTORE_LIMIT_MS} ms",
                      _ms(run_ms), run_ms is not None and run_ms <= RESTORE_LIMIT_MS))
    return found


def print_targets(results: dict) -> None:
    _say("\n== targets (issue 15)")
    for target, figure, met in targets(results):
        _say(f"{target}: {figure}, {'measured' if met is None else 'met' if met else 'missed'}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0],
                                     formatter_class=argparse.RawDescriptionHelpFormatter, epilog="\n".join(__doc__.splitlines()[1:]))
    parser.add_argument("--scale", action="append", choices=["shipped", *SCALES], help="repeat for several (default: shipped and M)")
    parser.add_argument("--skip", default="", help=f"comma-separated parts to leave out: {', '.join(PARTS)}")
    parser.add_argument("--repeat", type=int, help="builds per tool, best taken (default: 3 below 300 pages, else 1)")
    parser.add_argument("--prune", choices=["on", "off", "both"], default="on",
                        help="build with Material's navigation.prune (as mkdocs.yml does), without it, or both (default: on)")
    parser.add_argument("--zensical", type=Path, default=DEFAULT_ZENSICAL, help=f"zensical command (default: {DEFAULT_ZENSICAL})")
    parser.add_argument("--browser-items", type=int, default=500, help="items in the browser's checklist (default: 500)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "guidance-benchmarks",
                        help="where content, configurations and sites are written (default: %(default)s)")
    parser.add_argument("--json", type=Path, help="also write every figure to this file")
    arguments = parser.parse_args(argv)
    skip = {part.strip() for part in arguments.skip.split(",") if part.strip()}
    if skip - set(PARTS):
        parser.error(f"unknown part(s) to skip: {', '.join(sorted(skip - set(PARTS)))}")
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")

    info = machine()
    print_machine(info)
    results: dict = {"machine": info, "scales": {}}
    for scale in arguments.scale or ["shipped", "M"]:
        results["scales"][scale] = measure_scale(scale, arguments.work / scale, skip, arguments.repeat,
                                                 arguments.prune, arguments.zensical)
    if "browser" not in skip:
        results["browser"] = measure_browser(arguments.work / "browser", arguments.browser_items)
        print_browser(results["browser"])
    if "phone" not in skip:
        shipped = arguments.work / "shipped" if "shipped" in (arguments.scale or ["shipped", "M"]) else None
        results["phone"] = measure_phone(arguments.work / "phone", shipped)
        print_phone(results["phone"])
    print_targets(results)
    results["load_average_at_end"] = os.getloadavg()
    print("\nLoad average at end: " + ", ".join(f"{value:.2f}" for value in results["load_average_at_end"]))
    if arguments.json:
        arguments.json.write_text(json.dumps(results, indent=1, default=lambda value: getattr(value, "__dict__", str(value))))
    return 0


if __name__ == "__main__":
    sys.exit(main())
