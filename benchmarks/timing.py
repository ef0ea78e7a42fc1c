"""Run a command as a child process and measure its wall time and peak memory.

Peak memory is the child's maximum resident set size, and CPU time its user and system time,
read from ``wait4`` so that each child is measured on its own (``getrusage(RUSAGE_CHILDREN)``
would mix them).
"""
from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent  # the project's .venv when run as .venv/bin/python


@dataclass(frozen=True)
class Measured:
    seconds: float  # wall time
    cpu_seconds: float  # user + system: less disturbed than wall time when others share the machine
    peak_mb: float
    returncode: int
    output: str  # stdout and stderr together

    def check(self, what: str) -> "Measured":
        if self.returncode != 0:
            tail = "\n".join(self.output.splitlines()[-30:])
            raise RuntimeError(f"{what} failed with exit code {self.returncode}:\n{tail}")
        return self


def environment(**extra: str) -> dict[str, str]:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PYTHONDONTWRITEBYTECODE="1")
    env.update(extra)
    return env


def run_measured(command: list[str], cwd: Path = ROOT, log: Path | None = None, env: dict | None = None) -> Measured:
    """Run command to completion; its output goes to log (or a temporary file) and is returned."""
    log = log or cwd / ".benchmark-output.log"
    with open(log, "w+b") as output:
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=cwd, stdout=output, stderr=subprocess.STDOUT, env=env or environment())
        _, status, usage = os.wait4(process.pid, 0)
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)  # reaped here; Popen must not wait again
        output.seek(0)
        text = output.read().decode("utf-8", "replace")
    return Measured(seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, process.returncode, text)  # ru_maxrss is in KiB on Linux


def best_of(runs: list[Measured]) -> Measured:
    """The fastest run: on a shared machine the others are slowed by someone else's work."""
    return min(runs, key=lambda run: run.seconds)
