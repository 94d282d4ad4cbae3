"""Nothing waits forever on a dead link (issue 25 part 3, sync review P1-2).

A proxy between counter T01 and head office's PostgreSQL goes silent the moment T01 sends the COMMIT of its
push: both TCP connections stay open, nothing is forwarded either way (a NAT that forgot the flow, Wi-Fi gone).
Before the fix T01's sync never returned, and its transaction sat `idle in transaction` at head office holding
the rows of the customers it paid, so every other counter paying the same customers queued behind it.
Here, with small bounds (app/link_limits.py):
- T01's sync gives up within its answer bound, as offline, and T01 keeps taking payments meanwhile;
- head office ends T01's abandoned transaction within the idle bound, and T02's push of the same customers,
  started while T01 held their rows, completes;
- once the link is back, T01 pushes everything: each entry once, the money of both counters exact.
"""

from __future__ import annotations

import threading
import time

import pytest
from sqlalchemy import make_url, text

from app.link_limits import LinkLimits
from app.sync import CentralUnavailable
from db.central.engine import make_engine
from db.central.store import CentralStore
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    link_for,
    make_terminal,
    pg_server,
    seed_central,
    take_payments,
)
from tests.integration.tcp_proxy import Fault, TcpProxy

pytestmark = pytest.mark.postgres
LIMITS = LinkLimits(connect_s=3, idle_in_transaction_s=2, lock_s=4, statement_s=5, answer_s=6.0)


def _idle_in_transaction(url: str) -> int:
    engine = make_engine(make_url(url))
    try:
        with engine.connect() as conn:
            return int(
                conn.execute(
                    text(
                        "SELECT count(*) FROM pg_stat_activity "
                        "WHERE datname = current_database() AND state = 'idle in transaction'"
                    )
                ).scalar_one()
            )
    finally:
        engine.dispose()


def test_a_link_gone_silent_mid_push_ends_in_bounded_time_and_blocks_no_one(
    pg_server,  # noqa: F811
    tmp_path,
    monkeypatch,
):
    from app.services.sync import run_sync

    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq.key"))
    db = pg_server.new_database()
    direct = pg_server.url(db)
    central = CentralStore.open(direct, tmp_path)
    seed_central(central)
    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    take_payments(t1, 12, seed=1)  # the same five showcase customers at both counters
    take_payments(t2, 12, seed=2)
    proxy = TcpProxy(pg_server.port)
    stuck = link_for(t1, pg_server.url(db, proxy.port), LIMITS)
    try:
        stuck.central()  # connected and migrated: the next COMMIT on the wire is the push's
        proxy.cut_all()
        proxy.arm(Fault(client_marker=b"COMMIT", client_after=b"COPY central_journal", silent=True))
        outcome: dict[str, object] = {}

        def sync_t1() -> None:
            start = time.monotonic()
            try:
                run_sync(stuck, batch_size=50)
                outcome["error"] = None
            except Exception as error:  # noqa: BLE001 - the test asserts which one
                outcome["error"] = error
            outcome["seconds"] = time.monotonic() - start

        thread = threading.Thread(target=sync_t1, daemon=True)
        started = time.monotonic()
        thread.start()
        assert proxy.silenced.wait(30), "the push never reached its COMMIT"
        # head office holds T01's whole push, uncommitted, with the rows of the customers it paid
        assert _idle_in_transaction(direct) == 1

        # T02 pushes payments of the same customers now, while T01's transaction holds their rows
        other = link_for(t2, direct, LIMITS)
        before = time.monotonic()
        result = run_sync(other, batch_size=50)
        waited = time.monotonic() - before
        assert result.pending == 0 and not result.alarms
        assert waited < LIMITS.lock_s + 3, f"T02 waited {waited:.1f} s behind a dead counter"

        # T01 keeps taking money while its sync waits on the silent link
        paid = time.monotonic()
        take_payments(t1, 2, seed=3)
        assert time.monotonic() - paid < 3

        thread.join(LIMITS.answer_s + 10)
        assert not thread.is_alive(), "T01's sync still waits on the silent link"
        assert isinstance(outcome["error"], CentralUnavailable), outcome
        assert float(outcome["seconds"]) <= LIMITS.answer_s + 3, outcome  # type: ignore[arg-type]
        assert time.monotonic() - started < LIMITS.answer_s + 10
        assert stuck.local.local_ack().seq == 0  # T01 never heard of a commit (and there was none)
        assert _idle_in_transaction(direct) == 0  # head office ended the abandoned transaction

        # the link comes back: everything arrives, each entry once
        proxy.release()
        proxy.arm(None)
        again = link_for(t1, pg_server.url(db, proxy.port), LIMITS)
        final = run_sync(again, batch_size=50)
        assert final.pending == 0 and not final.alarms and final.duplicates == 0
        assert run_sync(other, batch_size=50).pending == 0
    finally:
        proxy.close()
    assert_consistent(central, [t1, t2])
    central.close()
