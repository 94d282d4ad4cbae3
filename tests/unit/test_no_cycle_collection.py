"""db/central/sql.no_cycle_collection: the projector pauses Python's cycle collector for one batch (issue 29's
projector speed) and must give it back exactly as it found it, even when the batch fails."""

from __future__ import annotations

import gc

import pytest

from db.central.sql import no_cycle_collection


def test_the_collector_is_paused_for_the_batch_and_back_after_it_even_on_a_failure():
    assert gc.isenabled()
    with no_cycle_collection():
        assert not gc.isenabled()
    assert gc.isenabled()
    with pytest.raises(RuntimeError), no_cycle_collection():
        raise RuntimeError("the batch failed")
    assert gc.isenabled()


def test_a_collector_paused_by_the_caller_stays_paused():
    gc.disable()
    try:
        with no_cycle_collection():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
