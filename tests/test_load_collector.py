"""Loading keeps Python's cycle collector away from the model of a one-off build (generator/content.py),
without keeping garbage under `mkdocs serve`: a later load hands back what the first set aside."""
from __future__ import annotations

import gc
import weakref

import pytest

import generator.content
from conftest import SHIPPED_CONTENT
from generator.content import check_content, load_content


class _Cycle:
    def __init__(self):
        self.me = self  # only the cycle collector can free it


@pytest.fixture(autouse=True)
def first_load_of_a_process(monkeypatch):
    assert gc.isenabled()
    gc.unfreeze()  # what an earlier test's load set aside
    monkeypatch.setattr(generator.content, "_set_aside_once", False)
    yield
    gc.enable()
    gc.unfreeze()


def test_the_first_load_leaves_the_collector_on_with_what_was_alive_set_aside():
    content = load_content(SHIPPED_CONTENT)

    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    assert content.checklists


def test_a_later_load_hands_it_back_and_sets_nothing_aside():
    # What `mkdocs serve` does: the last build's objects, alive at the first load's end, become garbage later.
    kept = _Cycle()
    gone = weakref.ref(kept)
    load_content(SHIPPED_CONTENT)
    del kept
    gc.collect()
    assert gone() is not None, "set aside at the first load's end, the collector does not walk it"

    load_content(SHIPPED_CONTENT)

    assert gc.get_freeze_count() == 0
    gc.collect()
    assert gone() is None


def test_checking_alone_does_the_same():
    check_content(SHIPPED_CONTENT)
    assert gc.get_freeze_count() > 0

    check_content(SHIPPED_CONTENT)

    assert gc.get_freeze_count() == 0
    assert gc.isenabled()


def test_a_load_with_the_collector_off_leaves_it_off_and_sets_nothing_aside():
    gc.disable()
    load_content(SHIPPED_CONTENT)

    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
