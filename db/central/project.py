"""Central projection: the bills and balances moved by the accepted entries of one push, in its transaction.

Three steps (issue 29, code review 2026-12-07 item 3): load the books the entries touch (`load_books`: their
bills, every open bill of a paying customer, their customers, head office's policy, the review cases that
their reversals may undo), fold the entries into them with the pure rule (app/central_fold.py, where every
kind's rule is written down), and write back what the fold touched (`write_books`), with each review case's
sentence from the message table by its code. PostgreSQL takes plain principal payments in one statement
first (db/central/project_fast.py, checked against this path by tests/integration/test_project_fast.py).

Before anything moves, the stored rows the entries would build on must verify (db/central/rowcheck.py): a
customer whose row was edited by hand is held, never re-signed. After the entries, every customer the push
left with a central balance beside open bills has them settled from it at once (db/central/offset.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, or_, select, text, update

from app.central_fold import (
    SETTLING,
    Books,
    FoldCase,
    Folded,
    bill_ids_of,
    case_id,
    fold,
    moves_of,
    ordered,
    relevant,
)
from app.journal import Entry, Kind
from app.messages import message
from app.model import Category
from app.moves import EntryMoves
from app.policy import Policy
from app.settle import LedgerBill
from db.central.offset import offset_customers
from db.central.order import record_entries
from db.central.project_fast import lock_rows, project_fast
from db.central.rowcheck import TAMPERED, untrusted_rows
from db.central.sql import bill_of, in_values, is_pg, next_txn
from db.central_schema import central_bills, central_customers, central_policy, review_cases

__all__ = ["FAST_PATH", "case_id", "case_row", "load_books", "project", "write_books"]

# PostgreSQL projects plain principal payments in one statement per push (db/central/project_fast.py);
# tests switch it off to push the same entries through the per-entry path and compare the books
FAST_PATH = True


def case_row(case: FoldCase, now: str) -> dict[str, Any]:
    """The review_cases row of a case the fold opened, its sentence said from the message table."""
    return {
        "case_id": case.case_id,
        "kind": case.kind,
        "terminal_id": case.terminal_id,
        "seq": case.seq,
        "entry_id": case.entry_id,
        "customer_no": case.customer_no,
        "bill_id": case.bill_id,
        "amount_fen": case.amount_fen,
        "fee_fen": case.fee_fen,
        "detail": message(case.code, **case.params),
        "created_at": now,
    }


def ledger_bill(r: Any) -> LedgerBill:
    """A central_bills row as the fold holds it."""
    return LedgerBill(bill_of(r), int(r.fee_paid_fen), int(r.fee_waived_fen))


BILL_STATE = (
    "bill_id",
    "customer_no",
    "period",
    "kwh",
    "amount_fen",
    "due_date",
    "principal_paid_fen",
    "fee_paid_fen",
    "fee_carried_fen",
    "fee_accrued_through",
    "fee_waived_fen",
)


def central_policy_of(conn: Connection) -> Policy:
    return Policy.from_values(
        {p.key: p.value for p in conn.execute(select(central_policy.c.key, central_policy.c.value))}
    )


def load_books(conn: Connection, entries: Sequence[Entry]) -> Books:
    """The books these entries touch, locked in key order (bills, then customers), so two terminals paying
    for one customer never dead-lock: the bills they name and every open bill of a paying customer (the quote
    spans them all), their customers, the policy, and the review cases of the originals their reversals
    undo (case id -> (amount, of which late fee))."""
    books = Books()
    bill_ids = sorted({b for e in entries for b in bill_ids_of(e)})
    cnos = sorted({e.payload["customer_no"] for e in entries if "customer_no" in e.payload})
    payers = sorted({e.payload["customer_no"] for e in entries if e.kind in SETTLING})
    c = central_bills.c
    where = []
    if bill_ids:
        where.append(in_values(conn, c.bill_id, bill_ids))
    if payers:
        where.append(
            in_values(conn, c.customer_no, payers)
            & ((c.principal_paid_fen < c.amount_fen) | (c.fee_carried_fen > 0))
        )
    if where:
        for r in conn.execute(
            select(*(c[name] for name in BILL_STATE)).where(or_(*where)).order_by(c.bill_id).with_for_update()
        ):
            books.add_bill(ledger_bill(r))
    if cnos:
        cc = central_customers.c
        for row in conn.execute(
            select(cc.customer_no, cc.balance_fen, cc.category)
            .where(in_values(conn, cc.customer_no, cnos))
            .order_by(cc.customer_no)
            .with_for_update()
        ):
            books.balances[row.customer_no] = int(row.balance_fen)
            books.categories[row.customer_no] = Category(row.category)
    books.policy = central_policy_of(conn) if payers else Policy.from_values()
    wanted: list[str] = []
    for e in entries:
        if e.kind == Kind.REVERSAL:
            original = e.payload.get("original_entry_id", "")
            wanted.append(case_id("unknown_customer", original))
            wanted += [
                case_id(kind, original, a["bill_id"])
                for a in e.payload.get("allocations", [])
                for kind in ("double_payment", "bill_reduced", "unknown_bill")
            ]
    if wanted:
        rc = review_cases.c
        books.known_cases = {
            r.case_id: (int(r.amount_fen), int(r.fee_fen))
            for r in conn.execute(
                select(rc.case_id, rc.amount_fen, rc.fee_fen).where(
                    in_values(conn, rc.case_id, sorted(set(wanted)))
                )
            )
        }
    return books


def write_books(conn: Connection, folded: Folded) -> None:
    """Write back what the fold touched: each touched bill and balance in one statement per table, a category
    adjustment, and the adjustment record behind each adjusted bill (central_bills.basis)."""
    books = folded.books
    if folded.basis:
        conn.execute(
            update(central_bills)
            .where(central_bills.c.bill_id == bindparam("b_id"))
            .values(basis=bindparam("b_basis")),
            [{"b_id": k, "b_basis": v} for k, v in sorted(folded.basis.items())],
        )
    if folded.touched_categories:
        cc = central_customers.c
        txn = next_txn(conn)
        for cno in sorted(folded.touched_categories):
            conn.execute(
                update(central_customers)
                .where(cc.customer_no == cno)
                .values(category=books.categories[cno].value, txn=txn)
            )
    if not folded.touched_bills and not folded.touched_customers:
        return
    txn = next_txn(conn)
    bs = [(k, books.bills[k]) for k in sorted(folded.touched_bills)]
    cs = [(k, books.balances[k]) for k in sorted(folded.touched_customers)]
    if is_pg(conn):  # one statement per table and batch: UPDATE … FROM unnest(arrays)
        if bs:
            conn.execute(
                text(
                    "UPDATE central_bills AS b SET principal_paid_fen = v.paid, fee_paid_fen = v.fee, "
                    "fee_carried_fen = v.carried, fee_accrued_through = v.through, fee_waived_fen = v.waived, "
                    "amount_fen = v.amount, due_date = v.due, kwh = v.kwh, "
                    "txn = :txn FROM unnest(CAST(:ids AS text[]), CAST(:paid AS bigint[]), CAST(:fee AS bigint[]), "
                    "CAST(:carried AS bigint[]), CAST(:through AS text[]), CAST(:waived AS bigint[]), "
                    "CAST(:amount AS bigint[]), CAST(:due AS text[]), CAST(:kwh AS bigint[])) "
                    "AS v(id, paid, fee, carried, through, waived, amount, due, kwh) WHERE b.bill_id = v.id"
                ),
                {
                    "txn": txn,
                    "ids": [k for k, _ in bs],
                    "paid": [b.bill.principal_paid_fen for _, b in bs],
                    "fee": [b.fee_paid_fen for _, b in bs],
                    "carried": [b.bill.fee_carried_fen for _, b in bs],
                    "through": [_text(b.bill.fee_accrued_through) for _, b in bs],
                    "waived": [b.fee_waived_fen for _, b in bs],
                    "amount": [b.bill.amount_fen for _, b in bs],
                    "due": [b.bill.due_date.isoformat() for _, b in bs],
                    "kwh": [b.bill.kwh for _, b in bs],
                },
            )
        if cs:
            conn.execute(
                text(
                    "UPDATE central_customers AS c SET balance_fen = v.bal, txn = :txn "
                    "FROM unnest(CAST(:nos AS text[]), CAST(:bal AS bigint[])) AS v(no, bal) "
                    "WHERE c.customer_no = v.no"
                ),
                {"txn": txn, "nos": [k for k, _ in cs], "bal": [v for _, v in cs]},
            )
        return
    if bs:
        conn.execute(
            update(central_bills)
            .where(central_bills.c.bill_id == bindparam("b_id"))
            .values(
                principal_paid_fen=bindparam("b_paid"),
                fee_paid_fen=bindparam("b_fee"),
                fee_carried_fen=bindparam("b_carried"),
                fee_accrued_through=bindparam("b_through"),
                fee_waived_fen=bindparam("b_waived"),
                amount_fen=bindparam("b_amount"),
                due_date=bindparam("b_due"),
                kwh=bindparam("b_kwh"),
                txn=txn,
            ),
            [
                {
                    "b_id": k,
                    "b_paid": b.bill.principal_paid_fen,
                    "b_fee": b.fee_paid_fen,
                    "b_carried": b.bill.fee_carried_fen,
                    "b_through": _text(b.bill.fee_accrued_through),
                    "b_waived": b.fee_waived_fen,
                    "b_amount": b.bill.amount_fen,
                    "b_due": b.bill.due_date.isoformat(),
                    "b_kwh": b.bill.kwh,
                }
                for k, b in bs
            ],
        )
    if cs:
        conn.execute(
            update(central_customers)
            .where(central_customers.c.customer_no == bindparam("c_no"))
            .values(balance_fen=bindparam("c_bal"), txn=txn),
            [{"c_no": k, "c_bal": v} for k, v in cs],
        )


def _text(day: dt.date | None) -> str | None:
    return day.isoformat() if day else None


def project(conn: Connection, entries: Sequence[Entry], now: str) -> list[dict[str, Any]]:
    """Bills and balances moved by these entries (in sequence order), then the balances this left beside
    open bills settle them (head office's offset entries); returns the review cases opened (rows)."""
    todo = [e for e in entries if relevant(e)]
    # each entry's moves read once for the lock, the tamper check and the payment statement (entry ids are
    # the journal's keys: unique in a batch)
    moves = {e.entry_id: moves_of(e) for e in todo}
    named = {e.entry_id: bill_ids_of(e, moves[e.entry_id]) for e in todo}
    if todo and is_pg(conn):
        lock_rows(
            conn,
            [b for e in todo for b in named[e.entry_id]],
            [str(e.payload["customer_no"]) for e in todo if "customer_no" in e.payload],
        )
    # the ledger's order (held entries too: the fold of the journals has them; and the refund pay-outs)
    record_entries(conn, [e for e in entries if ordered(e)])
    todo, held = _hold_untrusted(conn, todo, now, named, moves)
    if todo and is_pg(conn) and FAST_PATH:
        done = project_fast(conn, todo, moves)
        todo = [e for e in todo if str(e.payload.get("customer_no", "")) not in done]
    if not todo:
        return held
    folded = fold(load_books(conn, todo), todo)
    write_books(conn, folded)
    by_day: dict[dt.date, list[str]] = {}
    for cno in sorted(folded.touched_customers):
        if folded.books.balances[cno] > 0:
            day = folded.days.get(cno) or dt.date.fromisoformat(now[:10])
            by_day.setdefault(day, []).append(cno)
    for day, cnos in sorted(by_day.items()):
        offset_customers(conn, cnos, day, now, cause="balance", verify=False)
    return held + [case_row(c, now) for c in folded.cases]


def _hold_untrusted(
    conn: Connection,
    relevant: list[Entry],
    now: str,
    named: Mapping[str, list[str]],
    moves_by_id: Mapping[str, EntryMoves],
) -> tuple[list[Entry], list[dict[str, Any]]]:
    """The entries to project, and a `tampered_row` case for each entry of a customer whose stored rows do not
    verify (db/central/rowcheck.py): those entries are held, in the journal, never projected onto the row."""
    if not relevant:
        return relevant, []
    untrusted = untrusted_rows(
        conn,
        [str(e.payload["customer_no"]) for e in relevant if "customer_no" in e.payload],
        [b for e in relevant for b in named[e.entry_id]],
    )
    if not untrusted:
        return relevant, []
    bad_bills = {u.key for u in untrusted if u.stream == "bills"}
    rows_of: dict[str, list[str]] = {}
    for u in untrusted:
        rows_of.setdefault(u.customer_no, []).append(f"{u.stream}/{u.key}: {u.why}")
    for e in relevant:  # an entry naming another customer's bad bill is held with it
        cno = str(e.payload.get("customer_no", ""))
        for b in named[e.entry_id]:
            if b in bad_bills and cno not in rows_of:
                rows_of[cno] = [f"{u.stream}/{u.key}: {u.why}" for u in untrusted if u.key == b]
    keep, cases = [], []
    for e in relevant:
        cno = str(e.payload.get("customer_no", ""))
        if cno not in rows_of:
            keep.append(e)
            continue
        moves = moves_by_id[e.entry_id]
        amount = moves.balance_delta_fen + sum(m.principal_fen + m.fee_fen for m in moves.bills)
        rows = "; ".join(sorted(set(rows_of[cno])))
        detail = message(
            "case.tampered_row",
            customer_no=cno,
            rows=rows,
            terminal_id=e.terminal_id,
            seq=e.seq,
            amount_fen=amount,
        )
        cases.append(
            {
                "case_id": case_id(TAMPERED, e.entry_id),
                "kind": TAMPERED,
                "terminal_id": e.terminal_id,
                "seq": e.seq,
                "entry_id": e.entry_id,
                "customer_no": cno,
                "bill_id": None,
                "amount_fen": amount,
                "fee_fen": 0,
                "detail": detail,
                "created_at": now,
            }
        )
    return keep, cases
