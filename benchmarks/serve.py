"""How long a training lead waits under ``mkdocs serve``: from saving a YAML file to the rebuilt page.

``mkdocs serve --dirty`` runs, as ``make serve`` does, on a free local port over a copy of the content.
Once it serves the first build, one checklist file is saved with a new word in the text of its first
item (a typo fixed: only the pages showing that item are rebuilt), three times, as a training lead saves
again and again (the median is the figure, each is printed too); then with a new word in its title
(every page listing the checklist is rebuilt; every page when the menu lists it). Each time its page is
fetched every 50 ms until the word appears, and the server's CPU time is read.
"""
from __future__ import annotations

import os
import signal
import socket
import statistics
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

import yaml

from timing import VENV_BIN, environment

POLL_SECONDS = 0.05
ITEM_SAVES = 3


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, timeout: float, process: subprocess.Popen) -> float:
    """Seconds until the page at url contains text."""
    start = time.perf_counter()
    while time.perf_counter() - start < timeout:
        if process.poll() is not None:
            raise RuntimeError(f"mkdocs serve stopped with exit code {process.returncode}")
        page = _fetch(url)
        if page is not None and text in page:
            return time.perf_counter() - start
        time.sleep(POLL_SECONDS)
    raise TimeoutError(f"{url} did not show '{text}' within {timeout:.0f} s")


def _cpu_seconds(process: subprocess.Popen) -> float:
    """User + system time the server has used so far (Linux): less disturbed than wall time on a shared machine."""
    fields = Path(f"/proc/{process.pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _save_changed(checklist_file: Path, change) -> str:
    """Save the checklist with change(data, marker) applied, in one step as editors do; returns the marker."""
    data = yaml.safe_load(checklist_file.read_text(encoding="utf-8"))
    marker = f"Rebuilt{time.time_ns()}"
    change(data, marker)
    changed = checklist_file.with_suffix(".tmp")
    changed.write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    changed.replace(checklist_file)
    return marker


def _item_text(data: dict, marker: str) -> None:
    item = data["sections"][0]["items"][0]
    item["text"] = f"{item['text']} {marker}"


def _title(data: dict, marker: str) -> None:
    data["title"] = f"{data['title']} {marker}"


def measure(config: Path, checklist_file: Path, page_path: str, log: Path, timeout: float = 1800,
            partial: bool = True) -> dict:
    """config reads the content that checklist_file belongs to; that file is changed. partial=False: plain
    `mkdocs serve`, which rebuilds every page at every save (as `make serve` did before issue 15)."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}/{page_path}"
    with open(log, "wb") as output:
        process = subprocess.Popen(
            [str(VENV_BIN / "mkdocs"), "serve", *(["--dirty"] if partial else []), "-f", str(config), "--dev-addr", f"127.0.0.1:{port}"],
            cwd=config.parent, stdout=output, stderr=subprocess.STDOUT, env=environment())
        try:
            first_build = _wait_for(url, "</html>", timeout, process)
            waits = {}
            for name, change, saves in (("save_to_page", _item_text, ITEM_SAVES), ("save_menu_title_to_page", _title, 1)):
                each, each_cpu = [], []
                for _ in range(saves):
                    time.sleep(1)  # let the watcher settle after the last build
                    cpu_before = _cpu_seconds(process)
                    each.append(_wait_for(url, _save_changed(checklist_file, change), timeout, process))
                    each_cpu.append(_cpu_seconds(process) - cpu_before)
                waits[f"{name}_s"], waits[f"{name}_cpu_s"] = statistics.median(each), statistics.median(each_cpu)
                waits[f"{name}_each_s"] = each
        finally:
            process.send_signal(signal.SIGINT)  # lets mkdocs remove its temporary site
            try:
                process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
    return {"first_build_s": first_build, **waits}
