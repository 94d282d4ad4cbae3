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
    import main

    wiring = main.open_terminal(tmp_path / "T01", generated_customers=0)
    yield wiring
    wiring.store.close()
