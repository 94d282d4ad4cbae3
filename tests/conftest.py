"""Shared fixtures: a demo terminal on a fixed business day, as the clerks' tests need it."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

NOW = "2026-11-23T10:00:00+08:00"
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# `make test` runs the date-sensitive tests again with the machine's wall clock moved to the instants that
# break real systems (Makefile DATED_TESTS): a test that passes or fails by the real date fails there.
WALLCLOCK_ENV = "HALLPAY_TEST_WALLCLOCK"


def pytest_configure(config: pytest.Config) -> None:
    at = os.environ.get(WALLCLOCK_ENV)
    if at:
        import time_machine

        # tick: time passes from there, as on a real machine (timeouts, sleeps and monotonic are untouched)
        traveller = time_machine.travel(dt.datetime.fromisoformat(at), tick=True)
        traveller.start()
        config.add_cleanup(traveller.stop)


def pytest_report_header(config: pytest.Config) -> str | None:
    at = os.environ.get(WALLCLOCK_ENV)
    return f"wall clock moved to {at} ({WALLCLOCK_ENV})" if at else None


@pytest.fixture(autouse=True)
def _helper_env_undone():
    """What a helper pinned through tests/env_pin.py for this test is undone after it."""
    yield
    from tests import env_pin

    env_pin.PIN.undo()


@pytest.fixture
def fixed_now(monkeypatch):
    monkeypatch.setenv("HALLPAY_NOW", NOW)
    return dt.datetime.fromisoformat(NOW)


@pytest.fixture(scope="session")
def _terminal_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One fresh demo terminal per test process, closed: opening an empty directory runs every migration,
    makes the keys and hashes the demo PINs (about 1 s); copying this one takes a few ms."""
    import bootstrap

    with pytest.MonkeyPatch.context() as mp:  # a session fixture has no monkeypatch of its own
        mp.setenv("HALLPAY_NOW", NOW)
        where = tmp_path_factory.mktemp("terminal-template") / "T01"
        bootstrap.open_terminal(where, generated_customers=0).store.close()
    return where


@pytest.fixture
def terminal(_terminal_template: Path, tmp_path: Path, fixed_now):
    """A fresh demo terminal (showcase customers only) with C01's shift open: a copy of the process's
    template, byte for byte what opening an empty directory gives, but for its keys (the same in every copy)."""
    import shutil

    import bootstrap

    shutil.copytree(_terminal_template, tmp_path / "T01")
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
