"""A hall's IT person at two machines (issue 27): head office's, which holds HALLPAY_HQ_KEY, and the counter
PCs, which never do. Commands run in process (tests/e2e/cli.in_process): the same argv, stdout and exit code."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.integration.pg_fixtures import NOW

Run = Callable[..., tuple[int, str, str]]


def hall_cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], hq_key: Path) -> Run:
    """run(*argv, pin=, new_pin=, hq=False): hq=True runs it on head office's machine (the key at hand)."""
    from tests.e2e.cli import in_process

    monkeypatch.setenv("HALLPAY_NOW", NOW)
    for name in ("HALLPAY_PIN", "HALLPAY_NEW_PIN", "HALLPAY_CENTRAL_URL", "HALLPAY_SUPERVISOR_PIN"):
        monkeypatch.delenv(name, raising=False)

    def run(*argv: str, pin: str | None = None, new_pin: str | None = None, hq: bool = False) -> tuple:
        capsys.readouterr()
        for name, value in (("HALLPAY_PIN", pin), ("HALLPAY_NEW_PIN", new_pin)):
            if value is None:
                monkeypatch.delenv(name, raising=False)
            else:
                monkeypatch.setenv(name, value)
        if hq:
            monkeypatch.setenv("HALLPAY_HQ_KEY", str(hq_key))
        else:
            monkeypatch.delenv("HALLPAY_HQ_KEY", raising=False)
        rc = in_process(list(argv))
        out = capsys.readouterr()
        return rc, out.out, out.err

    return run


def ok_json(result: tuple[int, str, str]) -> dict:
    rc, out, err = result
    assert rc == 0, err
    return json.loads(out)


def add_clerk_c11(cli: Run, hq: list[str]) -> str:
    """Head office adds clerk C11 (李娜) to hall H1; returns the one-time PIN it issued."""
    return ok_json(
        cli(
            "central",
            "clerk",
            "add",
            "C11",
            "--name",
            "李娜",
            "--role",
            "clerk",
            "--hall",
            "H1",
            "--json",
            *hq,
            hq=True,
        )
    )["one_time_pin"]
