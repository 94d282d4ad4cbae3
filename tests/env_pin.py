"""An environment variable a helper function sets for the test that calls it (pg_fixtures.make_terminal pins
HALLPAY_NOW), undone after that test by tests/conftest.py: a helper has no monkeypatch of its own, and a bare
`os.environ[...] =` outlives its test and changes the clock of whichever test runs next in that process."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator

import pytest

PIN = pytest.MonkeyPatch()


def setenv(name: str, value: str) -> None:
    PIN.setenv(name, value)


@contextlib.contextmanager
def scoped() -> Iterator[None]:
    """Pins made inside are undone at the block's end (a session fixture building with make_terminal)."""
    global PIN
    outer, PIN = PIN, pytest.MonkeyPatch()
    try:
        yield
    finally:
        PIN.undo()
        PIN = outer
