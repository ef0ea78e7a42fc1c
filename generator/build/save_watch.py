"""Under `mkdocs serve`, a save starts the rebuild at once, where the operating system says a file changed.

MkDocs finds changed files by polling: it looks at every watched file every half second, so a save waits
a quarter of a second on average before the rebuild starts (docs/benchmarks.md, issue 15). This adds the
system's own notice of a change (inotify, FSEvents, ReadDirectoryChangesW) on the same folders, through
watchdog, which MkDocs itself uses. The polling stays: on a network drive, where the system may say
nothing, it still sees the save. Both ask for the same rebuild, and MkDocs, which waits for saves to
settle before it builds, builds once.

The notice asks for a rebuild as MkDocs's own watch callback does, through two private attributes of its
LiveReloadServer. If a later MkDocs has neither, nothing is added and polling works alone, as before.
"""
from __future__ import annotations

import logging
import os
import time

import watchdog.events
import watchdog.observers
from watchdog.observers.polling import PollingObserver

log = logging.getLogger("mkdocs.plugins.guidance")

# What a save, a new file, a deletion or a rename reports. Not what reading a file reports (opened, closed
# without writing): the build reads every watched file, and would otherwise start the next build itself.
_CHANGES = {watchdog.events.EVENT_TYPE_CREATED, watchdog.events.EVENT_TYPE_DELETED, watchdog.events.EVENT_TYPE_MODIFIED,
            watchdog.events.EVENT_TYPE_MOVED, watchdog.events.EVENT_TYPE_CLOSED}


class _AskForRebuild(watchdog.events.FileSystemEventHandler):
    def __init__(self, server):
        self.server = server
        self.started_ns = time.time_ns()
        self.seen: dict[str, tuple[int, int]] = {}  # each file's last modification time and size, once reported

    def on_any_event(self, event) -> None:
        if event.is_directory or event.event_type not in _CHANGES:
            return
        if event.event_type in (watchdog.events.EVENT_TYPE_MODIFIED, watchdog.events.EVENT_TYPE_CLOSED) \
                and not self._changed(event.src_path):
            return
        with self.server._rebuild_cond:
            self.server._want_rebuild = True
            self.server._rebuild_cond.notify_all()

    def _changed(self, path) -> bool:
        """Whether a file reported modified has new bytes, as MkDocs's polling judges (its time and size): some
        systems report a read as a change of its access time (Windows, with access times kept)."""
        try:
            stat = os.stat(path)
        except OSError:
            return True  # gone meanwhile: MkDocs sees that too
        now = (stat.st_mtime_ns, stat.st_size)
        before = self.seen.get(path)
        self.seen[path] = now
        return now != before if before is not None else stat.st_mtime_ns >= self.started_ns


def notify_saves_at_once(server) -> None:
    """Watch what `server` (MkDocs's LiveReloadServer) watches, now and from now on, with the system's notices."""
    if not (hasattr(server, "_rebuild_cond") and hasattr(server, "_want_rebuild") and hasattr(server, "_watched_paths")):
        return
    observer = watchdog.observers.Observer()
    if isinstance(observer, PollingObserver):
        return  # this system gives no notices: one poller is enough
    handler = _AskForRebuild(server)
    scheduled: set[str] = set()

    def schedule(path: str, recursive: bool = True) -> None:
        path = os.path.abspath(path)
        if path in scheduled or not os.path.exists(path):
            return
        try:
            observer.schedule(handler, path, recursive=recursive)
        except OSError as error:  # e.g. the system's limit of watches reached: polling alone, for this folder
            log.debug("No change notices for %s: %s", path, error)
            return
        scheduled.add(path)

    for path in list(server._watched_paths):
        schedule(path)
    watch, shutdown = server.watch, server.shutdown

    def watch_too(path, func=None, *, recursive=True):
        watch(path, func, recursive=recursive)
        schedule(path, recursive)

    def shutdown_too(wait=False):
        observer.stop()
        shutdown(wait)
        if wait:
            observer.join()

    server.watch, server.shutdown = watch_too, shutdown_too
    observer.daemon = True  # never keeps `mkdocs serve` from ending
    observer.start()
