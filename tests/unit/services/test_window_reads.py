"""The small read services the window's pages call through ui/ops.py (issue 15), on the in-memory store."""

from __future__ import annotations

import datetime as dt

from app.clock import FixedClock
from app.policy import DEFAULTS
from app.services.clerks import Session, session_of
from app.services.context import Context, Terminal
from app.services.settings_change import policy_values
from app.services.terminal_setup import DEMO_CLERKS
from tests.fakes import MemoryStore

NOW = dt.datetime.fromisoformat("2026-11-23T10:00:00+08:00")


def terminal() -> Context:
    store = MemoryStore()
    ctx = Context(
        store.uow, FixedClock(NOW), Terminal("T01", "城东营业厅"), reader=store.reader, clerk_id="C01"
    )
    with ctx.uow() as uow:
        uow.settings.set_policy_values({**DEFAULTS, "late_fee.grace_days": "5"})
        uow.settings.add_clerks(DEMO_CLERKS)
        uow.commit()
    return ctx


def test_session_of_a_known_clerk_carries_name_and_role():
    ctx = terminal()
    assert session_of(ctx, " S01 ") == Session("S01", "王建国", "supervisor")
    assert session_of(ctx, "S01").is_supervisor and not session_of(ctx, "C01").is_supervisor


def test_session_of_an_unknown_id_is_a_plain_clerk_without_a_name():
    assert session_of(terminal(), "X99") == Session("X99", "", "clerk")


def test_policy_values_are_what_head_office_sent():
    values = policy_values(terminal())
    assert values["late_fee.grace_days"] == "5"
    assert set(values) == set(DEFAULTS)
