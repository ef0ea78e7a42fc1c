"""Loading keeps Python's cycle collector away from the model for the build (generator/content.py),
without keeping garbage: what a load set aside is handed back, and collected, by the next load."""
from __future__ import annotations

import gc
import weakref

import pytest

from conftest import SHIPPED_CONTENT
from generator.content import check_content, load_content


class _Cycle:
    def __init__(self):
        self.me = self  # only the cycle collector can free it


@pytest.fixture(autouse=True)
def collector_as_found():
    assert gc.isenabled()
    gc.unfreeze()  # what an earlier test's load set aside
    yield
    gc.enable()
    gc.unfreeze()


def test_a_load_leaves_the_collector_on_with_what_it_loaded_set_aside():
    content = load_content(SHIPPED_CONTENT)

    assert gc.isenabled()
    assert gc.get_freeze_count() > 0
    assert content.checklists


def test_a_cycle_dropped_after_one_load_is_freed_by_the_next():
    # What `mkdocs serve` does: the last build's objects, alive at a load's end, become garbage later.
    kept = _Cycle()
    gone = weakref.ref(kept)
    load_content(SHIPPED_CONTENT)
    del kept
    gc.collect()
    assert gone() is not None, "set aside at the load's end, the collector does not walk it"

    load_content(SHIPPED_CONTENT)

    assert gone() is None


def test_checking_alone_hands_back_and_sets_aside_in_the_same_way():
    kept = _Cycle()
    gone = weakref.ref(kept)
    check_content(SHIPPED_CONTENT)
    del kept

    check_content(SHIPPED_CONTENT)

    assert gone() is None
    assert gc.isenabled()


def test_a_load_with_the_collector_off_leaves_it_off_and_sets_nothing_aside():
    gc.disable()
    load_content(SHIPPED_CONTENT)

    assert not gc.isenabled()
    assert gc.get_freeze_count() == 0
