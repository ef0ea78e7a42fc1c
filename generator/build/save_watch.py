"""Under `mkdocs serve`, a save is seen sooner: MkDocs looks at the watched files more often where they are few.

MkDocs finds a changed file by polling: it looks at every watched file every half second, so a save waits a
quarter of a second on average before the rebuild starts (docs/benchmarks.md, issue 15). A look costs about
5 µs a file here. With a few hundred files, as one force's content has, MkDocs can look every tenth of a
second for well under 1 % of a core; at the national scale (a thousand files or more) it keeps its half
second. Polling, not the system's change notices: those may say nothing on a network drive, and a second
watcher beside MkDocs's own would start a second build for the same save (both were tried).

MkDocs chooses the interval when it makes its LiveReloadServer and offers no setting for it, so the server's
watches move to a new poller: through its public watch() and unwatch(), and its `observer`. If a later MkDocs
has no such parts, nothing changes.
"""
from __future__ import annotations

import os

from watchdog.observers.polling import PollingObserver

MKDOCS_INTERVAL_S = 0.5  # MkDocs's own (LiveReloadServer's polling_interval)
SHORTEST_INTERVAL_S = 0.1  # as long as MkDocs waits for saves to settle before it builds
FILES_A_SECOND = 2000  # files looked at a second: about 1 % of a core


def look_often(server, config) -> float | None:
    """Move what `server` (MkDocs's LiveReloadServer) watches to a poller that looks as often as the number of
    files allows; returns the interval chosen, or None if MkDocs's own stays."""
    watched = dict(getattr(server, "_watched_paths", None) or {})
    if not watched or not isinstance(getattr(server, "observer", None), PollingObserver) \
            or not hasattr(server, "unwatch"):
        return None
    # The plugin's folders (config.watch: the content, the audits) are watched right after this: they count too.
    files = _count_files({*watched, *(os.path.abspath(path) for path in config.watch)})
    interval = min(MKDOCS_INTERVAL_S, max(SHORTEST_INTERVAL_S, files / FILES_A_SECOND))
    if interval >= MKDOCS_INTERVAL_S:
        return None
    for path, count in watched.items():
        for _ in range(count):
            server.unwatch(path)
    server.observer = PollingObserver(timeout=interval)  # not started yet: MkDocs starts it to serve
    for path, count in watched.items():
        for _ in range(count):
            server.watch(path)
    return interval


def _count_files(paths: set[str]) -> int:
    files = 0
    for path in paths:
        if os.path.isfile(path):
            files += 1
        for _, _, names in os.walk(path):
            files += len(names)
    return files
