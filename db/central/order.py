"""The ledger's order (issue 29): what the books folded, in the order they folded it, and the master data as
first loaded, so that `central verify-books` (db/central/books.py) can fold every journal again from the seed
and prove the stored rows. Written inside the transaction that moves the books, after it locked its rows."""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, insert, select, text

from app.journal import Entry
from db.central.sql import insert_ignore, is_pg
from db.central_schema import central_applied, central_policy, central_seed

POLICY = "policy"  # central_seed's stream of head office's policy as each load left it

# the money columns of a first load, with the values load_master_data gives a column left out
CUSTOMER_SEED = {"balance_fen": 0, "category": ""}
BILL_SEED = {
    "customer_no": "",
    "period": "",
    "kwh": 0,
    "amount_fen": 0,
    "due_date": "",
    "principal_paid_fen": 0,
    "fee_paid_fen": 0,
    "fee_carried_fen": 0,
    "fee_accrued_through": None,
    "fee_waived_fen": 0,
}


def record_entries(conn: Connection, entries: Sequence[Entry]) -> None:
    """The entries the books fold now, as runs of one chain's consecutive sequence numbers, in this order."""
    runs: list[list[Any]] = []
    for e in entries:
        if runs and runs[-1][0] == e.terminal_id and runs[-1][2] + 1 == e.seq:
            runs[-1][2] = e.seq
        else:
            runs.append([e.terminal_id, e.seq, e.seq])
    if not runs:
        return
    if is_pg(conn):  # one statement, not one per run: the rows come off unnest in order, `pos` drawn in it
        conn.execute(
            text(
                "INSERT INTO central_applied (what, terminal_id, from_seq, to_seq) "
                "SELECT 'entries', v.t, v.a, v.b FROM unnest(CAST(:t AS text[]), CAST(:a AS bigint[]), "
                "CAST(:b AS bigint[])) AS v(t, a, b)"
            ),
            {"t": [r[0] for r in runs], "a": [r[1] for r in runs], "b": [r[2] for r in runs]},
        )
        return
    conn.execute(
        insert(central_applied),
        [{"what": "entries", "terminal_id": t, "from_seq": a, "to_seq": b} for t, a, b in runs],
    )


def _body(row: Mapping[str, Any], columns: Mapping[str, Any]) -> str:
    values = {k: row.get(k, default) for k, default in columns.items()}
    return json.dumps(values, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _policy_changed(conn: Connection) -> dict[str, str] | None:
    """Head office's policy as it stands, when it differs from the last one the ledger's order recorded
    (None when it does not, or there is none)."""
    now = {
        str(r.key): str(r.value)
        for r in conn.execute(
            select(central_policy.c.key, central_policy.c.value).order_by(central_policy.c.key)
        )
    }
    if not now:
        return None
    s = central_seed.c
    last = conn.execute(select(s.body).where(s.stream == POLICY).order_by(s.pos.desc()).limit(1)).scalar()
    return None if last is not None and json.loads(last) == now else now


def record_seed(
    conn: Connection, customers: Sequence[Mapping[str, Any]], bills: Sequence[Mapping[str, Any]]
) -> None:
    """A load of master data: the customers' and bills' money columns, kept once (the first load wins, as
    for the rows: a second load never changes a row's money), and head office's whole policy when the load
    changed it (central_seed stream `policy`, keyed by the load's pos: the policy in force from there on,
    which `central verify-books` folds the later entries with)."""
    policy = _policy_changed(conn)
    if not customers and not bills and policy is None:
        return
    pos = conn.execute(
        insert(central_applied).values(what="seed").returning(central_applied.c.pos)
    ).scalar_one()
    rows = [
        {"stream": "customers", "key": c["customer_no"], "pos": pos, "body": _body(c, CUSTOMER_SEED)}
        for c in customers
    ] + [{"stream": "bills", "key": b["bill_id"], "pos": pos, "body": _body(b, BILL_SEED)} for b in bills]
    if policy is not None:
        rows.append({"stream": POLICY, "key": str(pos), "pos": pos, "body": _body(policy, policy)})
    insert_ignore(conn, central_seed, rows, ["stream", "key"])
