"""Issue 29 item 4: counters pull while head office's projector lags behind their pushes (service mode).

Reproduction first (what a counter showed before the pull carried the projector's position).
"""

from __future__ import annotations

from app.model import Method
from app.services.payments import PayRequest, due, pay
from tests.integration.pg_fixtures import (  # noqa: F401
    central,
    central_url,
    make_terminal,
    pg_server,
)

X = "1000000002"


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


def test_repro(tmp_path, central_url, central):
    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    _sync(t1, central_url), _sync(t2, central_url)
    central.project()
    _sync(t1, central_url), _sync(t2, central_url)
    print("start T01", _view(t1), "T02", _view(t2), "central", central.balances()[X])
    a = pay(t1.ctx, PayRequest(X, Method.CASH, "C01", amount_fen=500_00))
    r = _sync(t1, central_url)
    print("A pushed", r.pushed, "applied", central.applied_up_to("T01"), "ack", central.ack("T01").seq)
    print("after A sync (unprojected) T01", _view(t1))
    _sync(t2, central_url)
    print("after A sync (unprojected) T02", _view(t2))
    central.project()
    total = due(t1.ctx, X).quote.total_fen
    b = pay(t1.ctx, PayRequest(X, Method.CASH, "C01", tendered_fen=total + 50_00, change_to_balance="all"))
    print("B amount", b.entry.payload.get("amount_fen"), "T01 before sync", _view(t1))
    r = _sync(t1, central_url)
    print("B pushed", r.pushed, "applied", central.applied_up_to("T01"), "ack", central.ack("T01").seq)
    print("after B sync (A projected, B not) T01", _view(t1))
    _sync(t2, central_url)
    print("after B sync T02", _view(t2))
    c = pay(t2.ctx, PayRequest(X, Method.CASH, "C01"))
    print("T02 took again", c.entry.payload.get("amount_fen"))
    central.project()
    _sync(t1, central_url), _sync(t2, central_url)
    _sync(t1, central_url), _sync(t2, central_url)
    central.project()
    _sync(t1, central_url), _sync(t2, central_url)
    print("final T01", _view(t1), "T02", _view(t2), "central", central.balances()[X])
    print("cases", [(c.kind, c.amount_fen, c.terminal_id) for c in central.review_cases()])
    assert a and b
