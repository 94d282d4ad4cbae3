"""Shared fixtures: a demo terminal on a fixed business day, as the clerks' tests need it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

NOW = "2026-11-23T10:00:00+08:00"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setenv("HALLPAY_NOW", NOW)
    return dt.datetime.fromisoformat(NOW)


@pytest.fixture
def terminal(tmp_path: Path, fixed_now):
    """A fresh demo terminal (showcase customers only) with C01's shift open."""
    import bootstrap

    wiring = bootstrap.open_terminal(tmp_path / "T01", generated_customers=0)
    yield wiring
    wiring.store.close()


# tryfirst: xdist's own hook turns the xdist_group marker into the node id's @group suffix, so the marker must
# be there before it runs, whatever order the plugins were registered in
@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A pcsc test may first wait up to 5 minutes for another test run's pcscd (the machine has one, behind
    a file lock: tests/integration/pcsc_fixtures.py): that wait comes on top of the default 120 s timeout.
    Under `make test`'s two pytest-xdist workers every pcsc test runs on one worker (one vpcd port, one
    virtual card), so they never wait on each other."""
    for item in items:
        if item.get_closest_marker("pcsc") is not None:
            item.add_marker(pytest.mark.xdist_group("pcsc"))
            if item.get_closest_marker("timeout") is None:
                item.add_marker(pytest.mark.timeout(120 + 300))
