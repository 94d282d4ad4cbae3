"""Central projections: bills and balances moved by the accepted entries of one push, in its transaction.

The central bills and balances equal the seed plus the sum of the entries (plus the review cases that
kept money a terminal could not place):

- payment: the allocations are applied with app/settle.settle_payment, the counter's own rule on the
  central state of the customer's bills: each bill's late fee and principal are settled at most once;
  whatever an allocation claims beyond what the bill still owes centrally (another hall already took
  it) goes to the customer's balance and opens one `double_payment` review case per bill and entry,
  with the exact amount (fee part in fee_fen); the principal of it that head office took off the bill since
  the counter saw it (the allocation's bill_amount_fen above the central amount) is a `bill_reduced` case
  instead, with its own wording. The rest of the money moves the balance as the terminal
  recorded (balance_after - balance_before). A bill head office does not know sends the claim to the
  balance (`unknown_bill`); a customer head office does not know parks the whole amount
  (`unknown_customer`).
- reversal (app/services/reversal.py): exactly the original payment's central effect undone — the
  principal and fee it put on each bill come off again (the refunded fee is carried again), what it put
  on the balance through a review case comes off the balance. A parked original parks the refund too.
- offset (a counter's, from its balance; app.settle.offset_payload): applied like a payment of amount 0
  with the same settle_payment, so a bill the central ledger already holds as settled (paid at another
  hall, offset by head office) is not settled twice: the balance the counter spent on it stays the
  customer's, and an `offset_surplus` case says so with the amount.
- adjustment (退补, app/adjustment.py): the bill takes the new amount, due date and kWh, and the
  principal the counter moved off it; the central bill never holds more principal than its new amount:
  what another hall paid beyond it goes to the balance too (`adjustment_surplus`, the exact amount; a
  negative amount takes back what a double-payment case had already credited). A category adjustment
  changes the customer's category centrally.
- waiver: late fee waived on each bill (fee_waived_fen); no money, no balance.
- card_purchase, card_replaced, ...: money for the meter (or a fee), not for the account: the balance
  moves only by what the entry says (balance_after - balance_before, 0 for a card purchase), like the
  local balance, and no bill moves.

Every kind's balance delta and bill moves are read with app.moves.entry_moves, the function the counter's
replay uses (STYLE.md 21). After the entries, every customer the push left with a central balance beside
open bills has them settled from it at once (db/central/offset.py, app.settle.offset_balance).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from sqlalchemy import Connection, bindparam, or_, select, text, update

from app.ids import CustomerNo
from app.journal import Entry, Kind
from app.messages import message
from app.model import Bill, Category
from app.money import format_fen
from app.moves import EntryMoves, entry_moves
from app.policy import Policy
from app.settle import LedgerBill, claims_of_moves, settle_payment
from db.central.case_texts import adjustment_text, offset_text, reduced_text, surplus_text
from db.central.offset import offset_customers
from db.central.project_fast import lock_rows, project_fast
from db.central.rowcheck import TAMPERED, untrusted_rows
from db.central.sql import in_values, is_pg, next_txn
from db.central_schema import central_bills, central_customers, central_policy, review_cases


def _case(
    kind: str,
    e: Entry,
    now: str,
    detail: str,
    customer_no: str | None = None,
    bill_id: str | None = None,
    amount_fen: int = 0,
    fee_fen: int = 0,
) -> dict[str, Any]:
    return {
        "case_id": case_id(kind, e.entry_id, bill_id),
        "kind": kind,
        "terminal_id": e.terminal_id,
        "seq": e.seq,
        "entry_id": e.entry_id,
        "customer_no": customer_no,
        "bill_id": bill_id,
        "amount_fen": amount_fen,
        "fee_fen": fee_fen,
        "detail": detail,
        "created_at": now,
    }


def case_id(kind: str, entry_id: str, bill_id: str | None = None) -> str:
    return f"{kind}:{entry_id}:{bill_id or ''}"


# PostgreSQL projects plain principal payments in one statement per push (db/central/project_fast.py);
# tests switch it off to push the same entries through the per-entry path and compare the books
FAST_PATH = True

SETTLING = (Kind.PAYMENT, Kind.OFFSET)  # settled bill by bill with app.settle.settle_payment


def _moves(e: Entry) -> EntryMoves:
    moves = entry_moves(e.kind, e.payload)
    return moves if moves is not None else EntryMoves(str(e.payload.get("customer_no", "")), 0)


def _bill_ids(e: Entry) -> list[str]:
    if e.kind == Kind.WAIVER:
        return [b["bill_id"] for b in e.payload.get("bills", [])]
    return [m.bill_id for m in _moves(e).bills]


def _relevant(e: Entry) -> bool:
    return e.kind in (*SETTLING, Kind.REVERSAL, Kind.WAIVER, Kind.ADJUSTMENT) or (
        "customer_no" in e.payload and _moves(e).balance_delta_fen != 0
    )


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


class _Projection:
    def __init__(self, conn: Connection, entries: list[Entry], now: str) -> None:
        self.conn, self.now = conn, now
        self.cases: list[dict[str, Any]] = []
        bill_ids = sorted({b for e in entries for b in _bill_ids(e)})
        cnos = sorted({e.payload["customer_no"] for e in entries if "customer_no" in e.payload})
        payers = sorted({e.payload["customer_no"] for e in entries if e.kind in SETTLING})
        self.bills: dict[str, LedgerBill] = {}
        # each customer's bill ids, in self.bills' order: settle_payment looks at one customer's bills, and
        # handing it every bill of the batch made a payment cost O(bills loaded) (O(batch²) per push)
        self.bills_of: dict[str, list[str]] = {}
        c = central_bills.c
        # the bills the entries name, and every open bill of a paying customer (the quote spans them all);
        # locked in key order, so two terminals paying for one customer never dead-lock
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
                select(
                    c.bill_id,
                    c.customer_no,
                    c.period,
                    c.kwh,
                    c.amount_fen,
                    c.due_date,
                    c.principal_paid_fen,
                    c.fee_paid_fen,
                    c.fee_carried_fen,
                    c.fee_accrued_through,
                    c.fee_waived_fen,
                )
                .where(or_(*where))
                .order_by(c.bill_id)
                .with_for_update()
            ):
                bill = Bill(
                    r.bill_id,
                    CustomerNo(r.customer_no),
                    r.period,
                    int(r.kwh),
                    int(r.amount_fen),
                    dt.date.fromisoformat(r.due_date),
                    int(r.principal_paid_fen),
                    int(r.fee_carried_fen),
                    _date(r.fee_accrued_through),
                )
                self.bills[r.bill_id] = LedgerBill(bill, int(r.fee_paid_fen), int(r.fee_waived_fen))
                self.bills_of.setdefault(r.customer_no, []).append(r.bill_id)
        self.balances: dict[str, int] = {}
        self.categories: dict[str, Category] = {}
        if cnos:
            cc = central_customers.c
            for row in conn.execute(
                select(cc.customer_no, cc.balance_fen, cc.category)
                .where(in_values(conn, cc.customer_no, cnos))
                .order_by(cc.customer_no)
                .with_for_update()
            ):
                self.balances[row.customer_no] = int(row.balance_fen)
                self.categories[row.customer_no] = Category(row.category)
        self.policy = (
            Policy.from_values(
                {p.key: p.value for p in conn.execute(select(central_policy.c.key, central_policy.c.value))}
            )
            if payers
            else Policy.from_values()
        )
        self.touched_bills: set[str] = set()
        self.touched_customers: set[str] = set()
        self.touched_categories: set[str] = set()
        self.basis: dict[
            str, str
        ] = {}  # bill -> the adjustment record that set its values (central_bills.basis)
        self.days: dict[str, dt.date] = {}  # customer -> the latest business day of its entries here
        # the review cases of the originals that this batch's reversals undo (opened by an earlier push;
        # those opened in this batch are added as they open): case id -> (amount, of which late fee)
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
        self.known_cases: dict[str, tuple[int, int]] = {}
        if wanted:
            self.known_cases = {
                r.case_id: (int(r.amount_fen), int(r.fee_fen))
                for r in conn.execute(
                    select(review_cases.c.case_id, review_cases.c.amount_fen, review_cases.c.fee_fen).where(
                        in_values(conn, review_cases.c.case_id, sorted(set(wanted)))
                    )
                )
            }

    def open_case(self, case: dict[str, Any]) -> None:
        self.cases.append(case)
        self.known_cases.setdefault(case["case_id"], (case["amount_fen"], case.get("fee_fen", 0)))

    # ------------------------------------------------------------------ kinds

    def payment(self, e: Entry) -> None:
        """A payment, or a counter's offset (a payment of amount 0 from the balance)."""
        p = e.payload
        moves = _moves(e)
        cno = moves.customer_no
        if cno not in self.balances:
            self.open_case(
                _case(
                    "unknown_customer",
                    e,
                    self.now,
                    f"户号 {cno} 不在总部档案中，终端 {e.terminal_id} 第 {e.seq} 笔收取 "
                    f"{format_fen(p['amount_fen'])} 元暂挂待查。",
                    cno,
                    None,
                    int(p["amount_fen"]),
                )
            )
            return
        surplus = 0
        known = []
        for claim in claims_of_moves(moves):
            if claim.bill_id in self.bills:
                known.append(claim)
                continue
            amount = claim.principal_fen + claim.fee_fen
            surplus += amount
            self.open_case(
                _case(
                    "unknown_bill",
                    e,
                    self.now,
                    f"账单 {claim.bill_id} 不在总部档案中；终端 {e.terminal_id} 第 {e.seq} 笔对其收取的 "
                    f"{format_fen(amount)} 元已转入用户 {cno} 预存，请核查。",
                    cno,
                    claim.bill_id,
                    amount,
                    claim.fee_fen,
                )
            )
        day = self.day_of(e)
        mine = {bill_id: self.bills[bill_id] for bill_id in self.bills_of.get(cno, ())}
        mine.update((c.bill_id, self.bills[c.bill_id]) for c in known)  # a claim on another customer's bill
        changed, settled = settle_payment(
            mine, CustomerNo(cno), self.categories[cno], known, day, self.policy
        )
        self.bills.update(changed)
        self.touched_bills.update(changed)
        periods = {a["bill_id"]: a.get("period", "") for a in p.get("allocations", [])}
        seen = {a["bill_id"]: int(a.get("bill_amount_fen", 0)) for a in p.get("allocations", [])}
        for s in settled:
            if not s.surplus_fen:
                continue
            surplus += s.surplus_fen
            if e.kind == Kind.OFFSET:
                self.open_case(
                    _case(
                        "offset_surplus",
                        e,
                        self.now,
                        offset_text(e, cno, s.bill_id, periods[s.bill_id], s.surplus_fen),
                        cno,
                        s.bill_id,
                        s.surplus_fen,
                        s.surplus_fee_fen,
                    )
                )
                continue
            # principal head office took off the bill since the counter saw it is its own case, not another hall's
            reduced = min(
                s.surplus_principal_fen,
                max(0, seen.get(s.bill_id, 0) - self.bills[s.bill_id].bill.amount_fen),
            )
            if reduced:
                self.open_case(
                    _case(
                        "bill_reduced",
                        e,
                        self.now,
                        reduced_text(
                            e,
                            cno,
                            s.bill_id,
                            periods[s.bill_id],
                            seen[s.bill_id],
                            reduced,
                            self.bills[s.bill_id].bill.amount_fen,
                        ),
                        cno,
                        s.bill_id,
                        reduced,
                    )
                )
            if s.surplus_fen > reduced:
                self.open_case(
                    _case(
                        "double_payment",
                        e,
                        self.now,
                        surplus_text(
                            e,
                            cno,
                            s.bill_id,
                            periods[s.bill_id],
                            s.surplus_fee_fen,
                            s.surplus_principal_fen - reduced,
                        ),
                        cno,
                        s.bill_id,
                        s.surplus_fen - reduced,
                        s.surplus_fee_fen,
                    )
                )
        self.move_balance(e, cno, moves.balance_delta_fen + surplus)

    def adjustment(self, e: Entry) -> None:
        """A bill's new amount, due date and kWh (and the principal moved off it), or a new category."""
        moves = _moves(e)
        cno = moves.customer_no
        if cno not in self.balances:
            self.open_case(
                _case(
                    "unknown_customer",
                    e,
                    self.now,
                    f"户号 {cno} 不在总部档案中，终端 {e.terminal_id} 第 {e.seq} 笔退补调整使其预存变动 "
                    f"{format_fen(moves.balance_delta_fen)} 元，暂挂待查。",
                    cno,
                    None,
                    moves.balance_delta_fen,
                )
            )
            return
        if moves.category is not None:
            self.categories[cno] = Category(moves.category)
            self.touched_categories.add(cno)
        extra = 0
        for m in moves.bills:
            lb = self.bills.get(m.bill_id)
            b = lb.bill if lb is not None else None
            target = (b.principal_paid_fen if b is not None else 0) + m.principal_fen
            paid = 0
            if lb is not None and b is not None:
                amount = b.amount_fen if m.amount_fen is None else m.amount_fen
                paid = max(0, min(target, amount))
                self.bills[m.bill_id] = replace(
                    lb,
                    bill=replace(
                        b,
                        amount_fen=amount,
                        principal_paid_fen=paid,
                        kwh=b.kwh if m.kwh is None else m.kwh,
                        due_date=b.due_date if m.due_date is None else dt.date.fromisoformat(m.due_date),
                    ),
                )
                self.touched_bills.add(m.bill_id)
                self.basis[m.bill_id] = e.entry_id
            if (
                target != paid
            ):  # the central bill held other principal than the counter's: to/from the balance
                extra += target - paid
                self.open_case(
                    _case(
                        "adjustment_surplus",
                        e,
                        self.now,
                        adjustment_text(e, cno, m.bill_id, target - paid),
                        cno,
                        m.bill_id,
                        target - paid,
                    )
                )
        self.move_balance(e, cno, moves.balance_delta_fen + extra)

    def day_of(self, e: Entry) -> dt.date:
        day = _date(e.payload.get("business_day")) or dt.date.fromisoformat(e.created_at[:10])
        cno = str(e.payload.get("customer_no", ""))
        self.days[cno] = max(day, self.days.get(cno, day))
        return day

    def reversal(self, e: Entry) -> None:
        p = e.payload
        cno, original = p["customer_no"], p.get("original_entry_id", "")
        refund = int(p.get("refund_fen", 0))
        if cno not in self.balances or case_id("unknown_customer", original) in self.known_cases:
            self.open_case(
                _case(
                    "unknown_customer",
                    e,
                    self.now,
                    f"终端 {e.terminal_id} 第 {e.seq} 笔冲正了暂挂待查的收费（户号 {cno}），"
                    f"退还 {format_fen(refund)} 元；暂挂金额相应冲减，请核查。",
                    cno,
                    None,
                    -refund if p.get("original_kind", Kind.PAYMENT) == Kind.PAYMENT else 0,
                )
            )
            return
        back = 0  # what the original moved to the balance instead of onto a bill
        moves = _moves(e)
        for m in moves.bills:
            principal, fee, bill_id = -m.principal_fen, -m.fee_fen, m.bill_id
            moved, moved_fee = self.known_cases.get(case_id("double_payment", original, bill_id), (0, 0))
            moved += self.known_cases.get(case_id("bill_reduced", original, bill_id), (0, 0))[0]
            unknown = self.known_cases.get(case_id("unknown_bill", original, bill_id), (0, 0))[0]
            lb = self.bills.get(bill_id)
            if lb is None or unknown or moved >= principal + fee:  # the original never reached this bill
                back += principal + fee
                continue
            applied_fee = fee - moved_fee
            applied_principal = principal - (moved - moved_fee)
            b = lb.bill
            self.bills[bill_id] = replace(
                lb,
                bill=replace(
                    b,
                    principal_paid_fen=b.principal_paid_fen - applied_principal,
                    fee_carried_fen=b.fee_carried_fen + applied_fee,
                ),
                fee_paid_fen=lb.fee_paid_fen - applied_fee,
            )
            back += moved
            self.touched_bills.add(bill_id)
        self.move_balance(e, cno, moves.balance_delta_fen - back)

    def waiver(self, e: Entry) -> None:
        for w in e.payload.get("bills", []):
            lb = self.bills.get(w["bill_id"])
            if lb is not None:
                self.bills[w["bill_id"]] = replace(
                    lb, fee_waived_fen=lb.fee_waived_fen + int(w["fee_waived_fen"])
                )
                self.touched_bills.add(w["bill_id"])

    def other(self, e: Entry) -> None:
        cno = e.payload["customer_no"]
        delta = _moves(e).balance_delta_fen
        if cno not in self.balances:
            self.open_case(
                _case(
                    "unknown_customer",
                    e,
                    self.now,
                    f"户号 {cno} 不在总部档案中，终端 {e.terminal_id} 第 {e.seq} 笔使其预存变动 "
                    f"{format_fen(delta)} 元，暂挂待查。",
                    cno,
                    None,
                    delta,
                )
            )
            return
        self.move_balance(e, cno, delta)

    def move_balance(self, e: Entry, cno: str, delta: int) -> None:
        self.balances[cno] += delta
        self.touched_customers.add(cno)
        if delta < 0 and self.balances[cno] < 0:
            self.open_case(
                _case(
                    "balance_overdrawn",
                    e,
                    self.now,
                    f"用户 {cno} 的预存余额在两处同时使用，总部余额为 {format_fen(self.balances[cno])} 元；"
                    "请核查并向用户追收。",
                    cno,
                    None,
                    -self.balances[cno],
                )
            )

    # ------------------------------------------------------------------ write back

    def write(self) -> None:
        if self.basis:
            conn = self.conn
            conn.execute(
                update(central_bills)
                .where(central_bills.c.bill_id == bindparam("b_id"))
                .values(basis=bindparam("b_basis")),
                [{"b_id": k, "b_basis": v} for k, v in sorted(self.basis.items())],
            )
        if self.touched_categories:
            cc = central_customers.c
            conn = self.conn
            txn = next_txn(conn)
            for cno in sorted(self.touched_categories):
                conn.execute(
                    update(central_customers)
                    .where(cc.customer_no == cno)
                    .values(category=self.categories[cno].value, txn=txn)
                )
        if not self.touched_bills and not self.touched_customers:
            return
        conn, txn = self.conn, next_txn(self.conn)
        bs = [(k, self.bills[k]) for k in sorted(self.touched_bills)]
        cs = [(k, self.balances[k]) for k in sorted(self.touched_customers)]
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
    open bills settle them (head office's offset entries); returns the review cases opened."""
    relevant = [e for e in entries if _relevant(e)]
    if relevant and is_pg(conn):
        lock_rows(
            conn,
            [b for e in relevant for b in _bill_ids(e)],
            [str(e.payload["customer_no"]) for e in relevant if "customer_no" in e.payload],
        )
    relevant, held = _hold_untrusted(conn, relevant, now)
    if relevant and is_pg(conn) and FAST_PATH:
        done = project_fast(conn, relevant)
        relevant = [e for e in relevant if str(e.payload.get("customer_no", "")) not in done]
    if not relevant:
        return held
    proj = _Projection(conn, relevant, now)
    for e in relevant:
        proj.day_of(e)  # the day a balance left beside open bills is offset as of
        if e.kind in SETTLING:
            proj.payment(e)
        elif e.kind == Kind.ADJUSTMENT:
            proj.adjustment(e)
        elif e.kind == Kind.REVERSAL:
            proj.reversal(e)
        elif e.kind == Kind.WAIVER:
            proj.waiver(e)
        else:
            proj.other(e)
    proj.write()
    by_day: dict[dt.date, list[str]] = {}
    for cno in sorted(proj.touched_customers):
        if proj.balances[cno] > 0:
            day = proj.days.get(cno) or dt.date.fromisoformat(now[:10])
            by_day.setdefault(day, []).append(cno)
    for day, cnos in sorted(by_day.items()):
        offset_customers(conn, cnos, day, now, cause="balance", verify=False)
    return held + proj.cases


def _hold_untrusted(
    conn: Connection, relevant: list[Entry], now: str
) -> tuple[list[Entry], list[dict[str, Any]]]:
    """The entries to project, and a `tampered_row` case for each entry of a customer whose stored rows do not
    verify (db/central/rowcheck.py): those entries are held, in the journal, never projected onto the row."""
    if not relevant:
        return relevant, []
    untrusted = untrusted_rows(
        conn,
        [str(e.payload["customer_no"]) for e in relevant if "customer_no" in e.payload],
        [b for e in relevant for b in _bill_ids(e)],
    )
    if not untrusted:
        return relevant, []
    bad_bills = {u.key for u in untrusted if u.stream == "bills"}
    rows_of: dict[str, list[str]] = {}
    for u in untrusted:
        rows_of.setdefault(u.customer_no, []).append(f"{u.stream}/{u.key}: {u.why}")
    for e in relevant:  # an entry naming another customer's bad bill is held with it
        cno = str(e.payload.get("customer_no", ""))
        for b in _bill_ids(e):
            if b in bad_bills and cno not in rows_of:
                rows_of[cno] = [f"{u.stream}/{u.key}: {u.why}" for u in untrusted if u.key == b]
    keep, cases = [], []
    for e in relevant:
        cno = str(e.payload.get("customer_no", ""))
        if cno not in rows_of:
            keep.append(e)
            continue
        moves = _moves(e)
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
        cases.append(_case(TAMPERED, e, now, detail, cno, None, amount))
    return keep, cases
