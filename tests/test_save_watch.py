"""Under `mkdocs serve` a save asks for the rebuild at once, through the system's change notices, beside
MkDocs's own polling; reading a file never does (the build reads every watched file)."""
from __future__ import annotations

import os
import threading
import time

from watchdog.events import FileDeletedEvent, FileModifiedEvent

from generator.build.save_watch import _AskForRebuild, notify_saves_at_once
from test_serve import _fetch, _mkdocs_serve, _wait_for


class StandInServer:
    """What notify_saves_at_once uses of MkDocs's LiveReloadServer, as MkDocs 1.6 has it."""

    def __init__(self, *paths):
        self._rebuild_cond = threading.Condition()
        self._want_rebuild = False
        self._watched_paths = {str(path): 1 for path in paths}
        self.watched_later = []
        self.stopped = False

    def watch(self, path, func=None, *, recursive=True):
        self.watched_later.append(path)

    def shutdown(self, wait=False):
        self.stopped = True

    def rebuild_asked(self, seconds: float) -> bool:
        """Whether a rebuild is asked for within `seconds`, and no longer asked for after this."""
        with self._rebuild_cond:
            asked = self._rebuild_cond.wait_for(lambda: self._want_rebuild, timeout=seconds)
            self._want_rebuild = False
        return asked


def test_a_save_asks_for_a_rebuild_and_reading_does_not(tmp_path):
    content, later = tmp_path / "content", tmp_path / "audits"
    content.mkdir()
    later.mkdir()
    (content / "site.yml").write_text("title: A\n", encoding="utf-8")
    server = StandInServer(content)
    notify_saves_at_once(server)
    try:
        (content / "site.yml").read_text(encoding="utf-8")  # as a build reads it
        assert not server.rebuild_asked(1.0), "reading a watched file asked for a rebuild"
        (content / "site.yml").write_text("title: B\n", encoding="utf-8")
        assert server.rebuild_asked(10.0), "a save asked for no rebuild"
        # A folder MkDocs is told to watch later (the plugin's `watch` entries) has notices too.
        server.watch(str(later))
        assert server.watched_later == [str(later)]  # MkDocs still watches it itself
        (later / "export.json").write_text("{}", encoding="utf-8")
        assert server.rebuild_asked(10.0), "a new file in a folder watched later asked for no rebuild"
        (later / "export.json").unlink()
        assert server.rebuild_asked(10.0), "a deletion asked for no rebuild"
    finally:
        server.shutdown(wait=True)
    assert server.stopped


def test_a_file_reported_modified_with_its_bytes_unchanged_asks_for_nothing(tmp_path):
    """As Windows may report a read (its access time); MkDocs's polling judges by modification time and size."""
    old = tmp_path / "old.yml"
    old.write_text("title: A\n", encoding="utf-8")
    os.utime(old, (time.time() - 3600, time.time() - 3600))  # saved before `serve` started
    server = StandInServer(tmp_path)
    handler = _AskForRebuild(server)
    handler.on_any_event(FileModifiedEvent(str(old)))
    assert not server.rebuild_asked(0)
    saved = tmp_path / "saved.yml"
    saved.write_text("title: B\n", encoding="utf-8")
    handler.on_any_event(FileModifiedEvent(str(saved)))
    assert server.rebuild_asked(0)
    handler.on_any_event(FileModifiedEvent(str(saved)))  # reported again, nothing new
    assert not server.rebuild_asked(0)
    saved.write_text("title: Bee\n", encoding="utf-8")
    handler.on_any_event(FileModifiedEvent(str(saved)))
    assert server.rebuild_asked(0)
    handler.on_any_event(FileModifiedEvent(str(old)))
    assert not server.rebuild_asked(0)
    old.unlink()
    handler.on_any_event(FileDeletedEvent(str(old)))
    assert server.rebuild_asked(0)


def test_without_mkdocs_private_parts_nothing_is_added(tmp_path):
    class Other:
        def watch(self, path, func=None, *, recursive=True):
            pass
    server = Other()
    watch = server.watch
    notify_saves_at_once(server)
    assert server.watch == watch  # polling alone, as before


def test_under_serve_nothing_rebuilds_while_nothing_is_saved(content_copy, tmp_path):
    with _mkdocs_serve(content_copy, tmp_path) as (base, log_path):
        _wait_for(lambda: _fetch(base), 90, "the first build")
        time.sleep(4)  # several of MkDocs's looks, and any notice the build's own reads and writes might give
        log = log_path.read_text()
        assert log.count("Building documentation") == 1, log
        site_file = content_copy / "site.yml"
        site_file.write_text(site_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        _wait_for(lambda: log_path.read_text().count("Reloading browsers") >= 1, 90, "the rebuild after a save")
        time.sleep(3)
        assert log_path.read_text().count("Building documentation") == 2, log_path.read_text()
