"""The way out for a held customer (issue 29): `central verify-books --repair --customer N --by S --reason R`.

A customer whose stored row did not verify is held (db/central/rowcheck.py): its entries sit in the journal,
acknowledged and named in the ledger's order (central_applied), but were never projected, and an open
`tampered_row` case holds every later one. The fold of the journals (db/central/books.py) already knows what
the customer's rows must be: the seed, every entry in the ledger's order, held ones included. So the repair,
in one transaction:

- refuses unless the fold can prove the customer: a stored row no seed explains, a row of the fold missing
  from the store, or an entry naming the customer that the ledger's order does not name (before c0016) is
  beyond what a recompute knows, and a person must look;
- writes the recomputed values over every stored row of the customer, its refund orders included (their
  txn moved: the counters pull them; a row equal to the fold whose signature fails is written too) and has
  head office sign them at the end of the transaction (without head office's key: refused, nothing
  written: counters refuse unsigned rows);
- appends one `books_repair` record on head office's chain naming who, why, each stored value and the
  recomputed one, and the held entries released (no money moves by the record itself: the fold skips it);
- closes the customer's open `tampered_row` cases (resolution `repaired`, the record as their entry): the
  held entries are booked now, through the values written, exactly once (the fold counted each once; a
  later push of the same sequence is acknowledged, never folded again);
- opens the review cases the held entries would have opened when pushed (a double payment, ...): the fold's
  cases of exactly those entries, by the same case ids;
- settles open bills from a balance the repair left beside them, as a push's projection does (head office's
  offset records, db/central/offset.py).

A second repair finds the stored rows equal to the fold, each verifying, and no case open: it writes nothing,
not even a record. Rows are locked as a push locks them (bills, customer, then the HQ chain), so a push of the
customer waits for the repair and then projects onto the repaired, head-office-signed rows.

Cost: one fold of every journal, inside the write transaction (the embedded ledger's write lock for as long;
on PostgreSQL only the customer's rows and the HQ chain are locked).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, select, update

from app.clock import business_day, utc_text
from app.errors import InputError, NotFound, Refused
from app.journal import Entry
from app.messages import coded
from app.pulled import HQ
from db.central.books import Difference, bill_values, compare, compare_refunds, recompute
from db.central.books_fold import Scope
from db.central.case_place import name_settlers
from db.central.engine import guarded
from db.central.hq import append_hq
from db.central.offset import offset_customers
from db.central.partitions import months_ahead
from db.central.project import case_row
from db.central.project_fast import lock_rows
from db.central.rowcheck import TAMPERED, untrusted_rows
from db.central.rowsign import sign_written
from db.central.sql import insert_ignore, is_pg, next_txn
from db.central_schema import central_bills, central_customers, central_refunds, central_seed, review_cases

if TYPE_CHECKING:
    from db.central.store import CentralStore

BOOKS_REPAIR = "books_repair"  # the HQ journal kind
REPAIRED = "repaired"  # review_cases.resolution of a tampered_row case the repair closed


@dataclass(frozen=True)
class Repair:
    customer_no: str
    record: Entry | None  # None: the stored rows already equal the fold and nothing was held
    values: list[Difference] = field(default_factory=list)  # stored -> recomputed, as written
    released: list[str] = field(default_factory=list)  # the tampered_row cases closed
    opened: list[dict[str, Any]] = field(default_factory=list)  # the cases the released entries open
    offsets: list[Entry] = field(default_factory=list)


def _known(conn: Connection, customer_no: str) -> bool:
    cc, s = central_customers.c, central_seed.c
    return (
        conn.execute(select(cc.customer_no).where(cc.customer_no == customer_no)).first() is not None
        or conn.execute(select(s.key).where(s.stream == "customers").where(s.key == customer_no)).first()
        is not None
    )


def repair_customer(conn: Connection, customer_no: str, actor: str, reason: str, now: str) -> Repair:
    """Inside the caller's transaction (which signs what it wrote with head office's key); raises, and the
    caller rolls back, on anything it refuses."""
    cno = customer_no.strip()
    if not reason.strip():
        raise coded(InputError, "books.repair_reason")
    if not _known(conn, cno):
        raise coded(NotFound, "books.repair_unknown", customer_no=cno)
    cb, cc, rc = central_bills.c, central_customers.c, review_cases.c
    bill_ids = sorted(conn.execute(select(cb.bill_id).where(cb.customer_no == cno)).scalars())
    if is_pg(conn):  # a push's lock order: the customer's bills, the customer, then (append_hq) the HQ chain
        lock_rows(conn, bill_ids, [cno])
    out, unordered, refunds = recompute(conn, cno)
    values = compare(conn, out.books, cno) + list(
        compare_refunds(conn, refunds, Scope(only=frozenset({cno})))
    )
    unproven = [d for d in values if d.field in ("seed", "row", "order")] + unordered
    if unproven:
        d = unproven[0]
        raise coded(
            Refused, "books.repair_unproven", customer_no=cno, stream=d.stream, key=d.key, count=len(unproven)
        )
    held = conn.execute(
        select(rc.case_id, rc.terminal_id, rc.seq, rc.entry_id, rc.amount_fen)
        .where(rc.customer_no == cno)
        .where(rc.kind == TAMPERED)
        .where(rc.resolved_at.is_(None))
        .order_by(rc.terminal_id, rc.seq)
        .with_for_update()
    ).all()
    # a row whose values equal the fold but whose signature does not verify (its edit undone by hand, its
    # signer changed) would hold the customer again at the next push: it is written and signed too
    bad = [f"{u.stream}/{u.key}: {u.why}" for u in untrusted_rows(conn, [cno], bill_ids) if u.why != "held"]
    if not values and not held and not bad:
        return Repair(cno, None)
    txn = next_txn(conn)
    books = out.books
    # every row of the customer gets the fold's values and a new version, so the end of the transaction has
    # head office sign them all (db/central/rowsign.sign_written): nothing of the customer is left that the
    # row check would refuse
    conn.execute(
        update(central_customers)
        .where(cc.customer_no == cno)
        .values(balance_fen=books.balances[cno], category=books.categories[cno].value, txn=txn)
    )
    for bill_id in bill_ids:
        conn.execute(
            update(central_bills)
            .where(cb.bill_id == bill_id)
            .values(
                **bill_values(books.bills[bill_id]),
                **({"basis": out.basis[bill_id]} if bill_id in out.basis else {}),
                txn=txn,
            )
        )
    rf = central_refunds.c
    for (
        refund_id,
        v,
    ) in refunds.items():  # its refund orders as head office ordered and the counters paid them
        conn.execute(
            update(central_refunds)
            .where(rf.refund_id == refund_id)
            .values(
                customer_no=v["customer_no"],
                amount_fen=v["amount_fen"],
                order_entry_id=v["order_entry_id"],
                status=v["status"],
                paid_entry_id=v["paid_entry_id"],
                txn=txn,
            )
        )
    today = business_day(dt.datetime.fromisoformat(now.replace("Z", "+00:00")))
    record = append_hq(
        conn,
        BOOKS_REPAIR,
        {
            "customer_no": cno,
            "decided_by": actor,
            "reason": reason.strip(),
            "business_day": today.isoformat(),
            "values": [
                {
                    "stream": d.stream,
                    "key": d.key,
                    "field": d.field,
                    "stored": d.stored,
                    "recomputed": d.recomputed,
                }
                for d in values
            ],
            "untrusted": sorted(bad),
            "released": [
                {
                    "case_id": h.case_id,
                    "terminal_id": h.terminal_id,
                    "seq": int(h.seq),
                    "entry_id": h.entry_id,
                }
                for h in held
            ],
        },
        now,
    )
    if held:
        conn.execute(
            update(review_cases)
            .where(rc.case_id.in_([h.case_id for h in held]))
            .where(rc.resolved_at.is_(None))
            .values(
                resolved_at=now,
                resolved_by=actor[:32],
                resolution=REPAIRED,
                resolution_entry_id=record.entry_id,
            )
        )
    released = {h.entry_id for h in held}
    opened = name_settlers(conn, [case_row(c, now) for c in out.cases if c.entry_id in released])
    insert_ignore(conn, review_cases, opened, ["case_id"])
    offsets: list[Entry] = []
    if books.balances.get(cno, 0) > 0:  # a balance beside open bills settles them, as after a push
        day = out.days.get(cno) or today
        offsets = offset_customers(conn, [cno], day, now, cause="balance", verify=False)
    return Repair(cno, record, values, [h.case_id for h in held], opened, offsets)


def repair_books(store: CentralStore, customer_no: str, actor: str, reason: str) -> Repair:
    """One repair, one transaction, signed with head office's key (refused without it)."""
    if store.hq is None:
        raise coded(Refused, "central.hq_key_missing", env="HALLPAY_HQ_KEY")
    now = store.clock.now_utc()
    if store.partitions is not None:  # head office's record is filed under today
        with guarded():
            store.partitions.ensure(months_ahead(business_day(now), 0))
    with guarded(), store.engine.begin() as conn:
        mark = next_txn(conn)
        done = repair_customer(conn, customer_no, actor, reason, utc_text(now))
        sign_written(conn, mark, HQ, store.hq)
    return done
