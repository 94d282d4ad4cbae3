"""c0008 on a ledger that c0007 signed: the rows' old signatures (without their txn) are cleared, and head
office signs the rows again, and every HQ record, the next time it opens the ledger with its key; a counter
then checks them all (app/pulled.py)."""

from __future__ import annotations

import datetime as dt
import json

from alembic import command
from sqlalchemy import make_url, select, text

from app.journal import GENESIS_HASH, Kind, new_entry
from app.pulled import HQ, hq_entry_problem, row_problem
from app.services.terminal_setup import showcase
from db.central.engine import _config, make_engine
from db.central.rowsign import load_hq
from db.central.store import CentralStore
from db.central_schema import central_hq_signatures


def test_a_c0007_ledger_is_signed_again_with_versions_and_its_hq_records(tmp_path):
    url = f"sqlite:///{tmp_path / 'central.db'}"
    engine = make_engine(make_url(url))
    with engine.begin() as conn:  # the ledger as c0007 left it, with one HQ record and old-style signatures
        cfg = _config()
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "c0007")
        conn.execute(
            text(
                "INSERT INTO central_customers (customer_no, name, address, category, balance_fen, txn, "
                "signer, signature) VALUES ('1000000009', '王', '路', 'residential', 700, 3, 'HQ', :s)"
            ),
            {"s": "ab" * 64},
        )
        hq = load_hq(url)  # head office's key, published by c0005 long ago: only c0008 asks to sign again
        conn.execute(
            text("INSERT INTO central_meta (key, value) VALUES ('hq_public_key', :k)"),
            {"k": hq.public_key_hex},
        )
        # the HQ record as c0007's code wrote it (today's append_hq writes c0011's columns too)
        offset = new_entry(
            terminal_id=HQ,
            seq=1,
            kind=Kind.OFFSET,
            created_at="2026-11-23T02:00:00Z",
            clerk_id=HQ,
            payload={"customer_no": "1000000009", "amount_fen": 0},
            prev_hash=GENESIS_HASH,
        )
        conn.execute(
            text(
                "INSERT INTO central_journal (entry_id, terminal_id, seq, kind, created_at, clerk_id, payload, "
                "prev_hash, hash, received_at) VALUES (:i, 'HQ', 1, :k, :at, 'HQ', :p, :ph, :h, :at)"
            ),
            {
                "i": offset.entry_id,
                "k": offset.kind,
                "at": offset.created_at,
                "ph": offset.prev_hash,
                "h": offset.hash,
                "p": json.dumps(offset.payload, sort_keys=True, separators=(",", ":")),
            },
        )
    engine.dispose()
    store = CentralStore.open(url, tmp_path)  # upgrades to c0008; head office's key is beside central.db
    try:
        customers, bills = showcase(dt.date(2026, 11, 23))
        store.load_master_data(customers, bills)
        pages = list(store.pull({}, 1000))
        with store.engine.connect() as conn:
            signed = conn.execute(select(central_hq_signatures)).all()
    finally:
        store.close()
    trusted = {HQ: store.hq.public_key_hex}
    rows = [(p.table, r) for p in pages if p.table in ("policy", "customers", "bills") for r in p.rows]
    assert any(r.get("customer_no") == "1000000009" for _t, r in rows)
    assert [row_problem(t, r, trusted) for t, r in rows] == [None] * len(rows)
    [hq_page] = [p for p in pages if p.table == "hq"]
    assert [r["entry_id"] for r in hq_page.rows] == [offset.entry_id]
    assert hq_entry_problem(hq_page.rows[0], (0, GENESIS_HASH), trusted) is None
    assert [(s.entry_id, s.signer) for s in signed] == [(offset.entry_id, HQ)]
