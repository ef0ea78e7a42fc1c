"""Under `mkdocs serve` a save is seen sooner: MkDocs's poller looks more often where the files are few,
keeps its half second where they are many, and one save makes one rebuild."""
from __future__ import annotations

import time
from types import SimpleNamespace

from mkdocs.livereload import LiveReloadServer
from watchdog.observers.polling import PollingObserver

from generator.build.save_watch import MKDOCS_INTERVAL_S, SHORTEST_INTERVAL_S, look_often
from test_serve import _fetch, _mkdocs_serve, _wait_for


def _server(*paths) -> LiveReloadServer:
    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root="/nonexistent")  # not bound
    for path in paths:
        server.watch(str(path))
    return server


def _intervals(observer: PollingObserver) -> set[float]:
    return {emitter.timeout for emitter in observer.emitters}


def test_few_files_are_looked_at_every_tenth_of_a_second_and_a_save_asks_for_a_rebuild(tmp_path):
    content, config_file = tmp_path / "checklists", tmp_path / "mkdocs.yml"
    content.mkdir()
    config_file.write_text("site_name: A\n", encoding="utf-8")
    (content / "site.yml").write_text("title: A\n", encoding="utf-8")
    audits = tmp_path / "audits"
    audits.mkdir()
    server = _server(content, config_file, content)  # a folder watched twice stays watched twice
    assert look_often(server, SimpleNamespace(watch=[str(audits)])) == SHORTEST_INTERVAL_S
    server.watch(str(audits))  # as MkDocs does with config.watch, after the plugin's on_serve
    assert _intervals(server.observer) == {SHORTEST_INTERVAL_S}
    assert server._watched_paths == {str(content): 2, str(config_file): 1, str(audits): 1}
    server.unwatch(str(content))
    assert len(server.observer.emitters) == 3  # content still watched once
    server.observer.start()
    try:
        time.sleep(0.3)  # the poller's first look
        (audits / "export.json").write_text("{}", encoding="utf-8")
        with server._rebuild_cond:
            assert server._rebuild_cond.wait_for(lambda: server._want_rebuild, timeout=10), "a save asked for no rebuild"
    finally:
        server.observer.stop()
        server.observer.join()


def test_many_files_keep_mkdocs_own_interval(tmp_path):
    content = tmp_path / "checklists"
    content.mkdir()
    for number in range(1200):
        (content / f"{number}.yml").write_text("a: 1\n", encoding="utf-8")
    server = _server(content)
    observer = server.observer
    assert look_often(server, SimpleNamespace(watch=[])) is None
    assert server.observer is observer and _intervals(observer) == {MKDOCS_INTERVAL_S}


def test_a_server_without_mkdocs_parts_is_left_alone():
    server = SimpleNamespace(watch=lambda path: None)
    assert look_often(server, SimpleNamespace(watch=[])) is None


def test_under_serve_one_save_makes_one_rebuild_and_nothing_rebuilds_by_itself(content_copy, tmp_path):
    with _mkdocs_serve(content_copy, tmp_path) as (base, log_path):
        _wait_for(lambda: _fetch(base), 90, "the first build")
        time.sleep(3)  # many looks, and whatever the build's own reads and writes might give
        assert log_path.read_text().count("Building documentation") == 1, log_path.read_text()
        site_file = content_copy / "site.yml"
        site_file.write_text(site_file.read_text(encoding="utf-8") + "\n", encoding="utf-8")
        _wait_for(lambda: "Reloading browsers" in log_path.read_text(), 90, "the rebuild after a save")
        time.sleep(3)
        assert log_path.read_text().count("Building documentation") == 2, log_path.read_text()
