"""Issue 29 item 4: counters pull while head office's projector lags behind their pushes (service mode).

Reproduction first (what a counter showed before the pull carried the projector's position).
"""

from __future__ import annotations

import pytest

from app.model import Method
from app.services.payments import PayRequest, due, pay
from app.services.sync import unapplied_elsewhere
from tests.integration.pg_fixtures import (  # noqa: F401
    central,
    central_url,
    make_terminal,
    pg_server,
)

X = "1000000002"
NOW = "2026-11-23T10:00:00Z"


@pytest.fixture(autouse=True)
def _service_ledger(central):
    """The ledger's mode is head office's record (c0020), not a store's config: set it to service."""
    from db.central.mode import set_mode

    set_mode(central.engine, "service", "it", NOW, central.hq)


def _link(wiring, url):
    from app.services.sync import SyncLink
    from db.central.store import CentralStore
    from db.local_sync import LocalSync

    w = wiring
    signer = w.ctx.signer
    return SyncLink(
        LocalSync(w.store.engine),
        lambda: CentralStore.open(url, w.data_dir, (w.ctx.terminal.terminal_id, signer), projector="service"),
        w.ctx.terminal,
        signer.public_key_hex,
    )


def _sync(wiring, url):
    from app.services.sync import run_sync

    return run_sync(_link(wiring, url))


def _view(wiring):
    d = due(wiring.ctx, X)
    return {
        "balance": d.customer.balance_fen,
        "due": d.quote.total_fen,
        "bills": [(ln.bill.period, ln.principal_due_fen) for ln in d.quote.lines],
    }


def test_a_counter_keeps_its_pushed_but_unapplied_payment_and_the_other_counter_is_told(
    tmp_path, central_url, central
):
    """Before the pull carried the projector's position (commit b5d078e's reproduction, identical on SQLite and
    PostgreSQL): T01 took 500.00 of 3,041.00 (A), head office applied it; T01 then took the 2,541.00 left and kept
    50.00 change as balance (B); its sync acknowledged B, not applied, and the pull brought the rows A changed:
    T01 showed balance 0.00 and 1,501.00 due again (B undone locally), T02 showed 2,541.00 due with no word of B
    and took it a second time: two double_payment cases (1,501.00 + 1,040.00), 2,591.00 balance at the end."""
    from db.pull_position import head_office_position

    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    _sync(t1, central_url), _sync(t2, central_url)
    central.project()
    _sync(t1, central_url), _sync(t2, central_url)
    assert _view(t1)["due"] == _view(t2)["due"] == 3041_00
    pay(t1.ctx, PayRequest(X, Method.CASH, "C01", amount_fen=500_00))
    first = _sync(t1, central_url)
    assert first.applied is not None and first.applied.awaiting == 1  # acknowledged, not applied
    central.project()
    left = due(t1.ctx, X).quote.total_fen
    assert left == 2541_00
    pay(t1.ctx, PayRequest(X, Method.CASH, "C01", tendered_fen=left + 50_00, change_to_balance="all"))
    second = _sync(t1, central_url)  # pulls the rows A changed; B is acknowledged, not applied
    assert (second.ack.seq, second.applied.applied_seq, second.applied.awaiting) == (3, 2, 1)
    assert central.applied_up_to("T01") == 2
    assert _view(t1) == {"balance": 50_00, "due": 0, "bills": []}  # B stays in force here
    other = _sync(t2, central_url)
    assert other.applied is not None and other.applied.others == 1 and other.applied.awaiting == 0
    _applied, position = _read(t2, head_office_position)
    assert [(t.terminal_id, t.entries) for t in position.elsewhere(X, "T02")] == [("T01", 1)]
    assert _view(t2)["due"] == 2541_00  # what head office's books say: T02 knows they lack one of T01's
    warned = unapplied_elsewhere(t2.ctx, X)  # the counter's lookup shows it beside the bills
    assert warned is not None and warned.params["terminals"] == "T01" and warned.params["count"] == 1
    central.project()
    for _round in range(2):
        _sync(t1, central_url), _sync(t2, central_url)
    assert _view(t1) == _view(t2) == {"balance": 50_00, "due": 0, "bills": []}
    assert central.balances()[X] == 50_00
    assert central.review_cases() == []  # no double payment, no surplus
    last = _sync(t1, central_url)
    assert last.applied.applied_seq == last.ack.seq and last.applied.awaiting == 0
    _sync(t2, central_url)
    assert unapplied_elsewhere(t2.ctx, X) is None  # applied: nothing to warn of


def _read(wiring, fn):
    with wiring.store.engine.connect() as conn:
        return fn(conn)


def test_an_adjustment_acknowledged_and_not_applied_keeps_its_values_and_the_pull_is_not_refused(
    tmp_path, central_url, central
):
    """Before: the pull after the adjustment's push brought the bill as a fold of an older payment left it (amount
    1,000.00, no adjustment record), the adjustment counted as acknowledged, so the counter refused the whole pull
    (pull.bill_changed, exit 3) until the projector caught up."""
    from app.services.master_data import import_master_data
    from tests.integration.test_money_core import S01, bills

    t1 = make_terminal(tmp_path, "T01")
    _sync(t1, central_url)
    central.project()
    pay(t1.ctx, PayRequest(X, Method.CASH, "C01", amount_fen=500_00))  # moves bill 2025-11 at head office
    _sync(t1, central_url)
    central.project()
    [bill] = [{**b, "bill_id": f"{X}-a"} for b in bills(f"{X},2025-11,1333,900.00,2025-12-21")]
    assert import_master_data(t1.ctx, [], [bill], S01).adjustments  # 1,000.00 -> 900.00, journaled
    result = _sync(t1, central_url)
    assert result.alarms == () and result.applied.awaiting > 0  # the adjustment: acknowledged, not applied
    assert _amount(t1, f"{X}-a") == 900_00
    central.project()
    result = _sync(t1, central_url)
    assert result.alarms == () and result.applied.awaiting == 0
    assert _amount(t1, f"{X}-a") == 900_00


def _amount(wiring, bill_id: str) -> int:
    with wiring.store.reader() as uow:
        return next(b.amount_fen for b in uow.bills.for_customer(X) if b.bill_id == bill_id)
