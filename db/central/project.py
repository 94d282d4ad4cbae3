"""Central projections: bills and balances moved by the accepted entries of one push, in its transaction.

The rules mirror what the terminal did locally, so the central bills and balances equal the seed plus
the sum of the entries (plus the review cases that kept money a terminal could not place):

- payment: each allocation's principal and late fee onto its bill, the rest of the money to the
  customer's balance (balance_after - balance_before). A principal paid on a bill another hall already
  settled, or on a bill head office does not know, goes to the balance instead and opens a review case
  (`double_payment`, `unknown_bill`); a customer head office does not know parks the whole amount in an
  `unknown_customer` case. The bill's fee state follows the payment: fee_carried = fee due - fee paid,
  accrued through the business day (a partial payment carries the rest, as app/allocation.py records it).
- reversal (app/services/reversal.py): exactly the original payment's central effect undone — the
  principal and fee it put on each bill come off again (the refunded fee is carried again), what it put
  on the balance comes off the balance. Money the original moved to the balance through a review case
  is taken back from the balance, not from the bill; a parked original parks the refund too.
- waiver: late fee waived on each bill (fee_waived_fen); no money, no balance.
- card_purchase, card_replaced, ...: money for the meter (or a fee), not for the account: the balance
  moves only by what the entry says (balance_after - balance_before, 0 for a card purchase), like the
  local balance, and no bill moves.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, bindparam, select, text, update

from app.journal import Entry, Kind
from app.money import format_fen
from db.central_schema import central_bills, central_customers, review_cases

# bill row while projecting: amount, principal paid, fee paid, fee carried, accrued through, fee waived
AMOUNT, PAID, FEE, CARRIED, THROUGH, WAIVED = range(6)


def _case(kind: str, e: Entry, now: str, detail: str, customer_no: str | None = None,
          bill_id: str | None = None, amount_fen: int = 0) -> dict[str, Any]:
    return {"case_id": case_id(kind, e.entry_id, bill_id), "kind": kind, "terminal_id": e.terminal_id,
            "seq": e.seq, "entry_id": e.entry_id, "customer_no": customer_no, "bill_id": bill_id,
            "amount_fen": amount_fen, "detail": detail, "created_at": now}


def case_id(kind: str, entry_id: str, bill_id: str | None = None) -> str:
    return f"{kind}:{entry_id}:{bill_id or ''}"


def _delta(p: dict[str, Any]) -> int:
    if "balance_after_fen" in p and "balance_before_fen" in p:
        return int(p["balance_after_fen"]) - int(p["balance_before_fen"])
    return 0


def _bill_ids(e: Entry) -> list[str]:
    if e.kind in (Kind.PAYMENT, Kind.REVERSAL):
        return [a["bill_id"] for a in e.payload.get("allocations", [])]
    if e.kind == Kind.WAIVER:
        return [b["bill_id"] for b in e.payload.get("bills", [])]
    return []


def _relevant(e: Entry) -> bool:
    return e.kind in (Kind.PAYMENT, Kind.REVERSAL, Kind.WAIVER) or (
        "customer_no" in e.payload and _delta(e.payload) != 0)


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


class _Projection:
    def __init__(self, conn: Connection, entries: list[Entry], now: str) -> None:
        from db.central.push import _in

        self.conn, self.now = conn, now
        self.cases: list[dict[str, Any]] = []
        bill_ids = sorted({b for e in entries for b in _bill_ids(e)})
        cnos = sorted({e.payload["customer_no"] for e in entries if "customer_no" in e.payload})
        self.bills: dict[str, list[Any]] = {}
        if bill_ids:
            c = central_bills.c
            for r in conn.execute(select(c.bill_id, c.amount_fen, c.principal_paid_fen, c.fee_paid_fen,
                                         c.fee_carried_fen, c.fee_accrued_through, c.fee_waived_fen)
                                  .where(_in(conn, c.bill_id, bill_ids)).order_by(c.bill_id).with_for_update()):
                self.bills[r.bill_id] = [int(r.amount_fen), int(r.principal_paid_fen), int(r.fee_paid_fen),
                                         int(r.fee_carried_fen), r.fee_accrued_through, int(r.fee_waived_fen)]
        self.balances = {r.customer_no: int(r.balance_fen) for r in conn.execute(
            select(central_customers.c.customer_no, central_customers.c.balance_fen)
            .where(_in(conn, central_customers.c.customer_no, cnos))
            .order_by(central_customers.c.customer_no).with_for_update())} if cnos else {}
        self.touched_bills: set[str] = set()
        self.touched_customers: set[str] = set()
        # the review cases of the originals that this batch's reversals undo (opened by an earlier push;
        # those opened in this batch are added as they open)
        wanted: list[str] = []
        for e in entries:
            if e.kind == Kind.REVERSAL:
                original = e.payload.get("original_entry_id", "")
                wanted.append(case_id("unknown_customer", original))
                wanted += [case_id(kind, original, a["bill_id"]) for a in e.payload.get("allocations", [])
                           for kind in ("double_payment", "unknown_bill")]
        self.known_cases: dict[str, int] = {}
        if wanted:
            self.known_cases = {r.case_id: int(r.amount_fen) for r in conn.execute(
                select(review_cases.c.case_id, review_cases.c.amount_fen)
                .where(_in(conn, review_cases.c.case_id, sorted(set(wanted)))))}

    def open_case(self, case: dict[str, Any]) -> None:
        self.cases.append(case)
        self.known_cases.setdefault(case["case_id"], case["amount_fen"])

    # ------------------------------------------------------------------ kinds

    def payment(self, e: Entry) -> None:
        p = e.payload
        cno = p["customer_no"]
        if cno not in self.balances:
            self.open_case(_case("unknown_customer", e, self.now,
                                 f"户号 {cno} 不在总部档案中，终端 {e.terminal_id} 第 {e.seq} 笔收取 "
                                 f"{format_fen(p['amount_fen'])} 元暂挂待查。", cno, None, int(p["amount_fen"])))
            return
        surplus = 0
        for a in p.get("allocations", []):
            principal, fee, bill_id = int(a["principal_paid_fen"]), int(a["fee_paid_fen"]), a["bill_id"]
            b = self.bills.get(bill_id)
            if b is None:
                surplus += principal + fee
                self.open_case(_case("unknown_bill", e, self.now,
                                     f"账单 {bill_id} 不在总部档案中；终端 {e.terminal_id} 第 {e.seq} 笔对其收取的 "
                                     f"{format_fen(principal + fee)} 元已转入用户 {cno} 预存，请核查。",
                                     cno, bill_id, principal + fee))
                continue
            applied = min(principal, max(0, b[AMOUNT] - b[PAID]))
            over = principal - applied
            over_fee = fee if over > 0 and applied == 0 else 0
            b[PAID] += applied
            b[FEE] += fee - over_fee
            if over == 0 or applied > 0:  # the payment reached the bill: the bill's fee state is its record
                b[CARRIED] = int(a.get("fee_due_fen", fee)) - fee
                b[THROUGH] = p.get("business_day") or b[THROUGH]
            self.touched_bills.add(bill_id)
            if over or over_fee:
                surplus += over + over_fee
                self.open_case(_case("double_payment", e, self.now,
                                     f"账单 {bill_id}（{a.get('period', '')}）已在其他营业厅缴清，终端 {e.terminal_id} "
                                     f"第 {e.seq} 笔又收取 {format_fen(over + over_fee)} 元，已转入用户 {cno} 预存余额；"
                                     "请核查后联系用户（保留预存或退费）。", cno, bill_id, over + over_fee))
        self.move_balance(e, cno, _delta(p) + surplus)

    def reversal(self, e: Entry) -> None:
        p = e.payload
        cno, original = p["customer_no"], p.get("original_entry_id", "")
        refund = int(p.get("refund_fen", 0))
        if cno not in self.balances or case_id("unknown_customer", original) in self.known_cases:
            self.open_case(_case("unknown_customer", e, self.now,
                                 f"终端 {e.terminal_id} 第 {e.seq} 笔冲正了暂挂待查的收费（户号 {cno}），"
                                 f"退还 {format_fen(refund)} 元；暂挂金额相应冲减，请核查。", cno, None,
                                 -refund if p.get("original_kind", Kind.PAYMENT) == Kind.PAYMENT else 0))
            return
        back = 0  # what the original moved to the balance instead of onto a bill
        for a in p.get("allocations", []):
            principal, fee, bill_id = int(a["principal_restored_fen"]), int(a["fee_restored_fen"]), a["bill_id"]
            moved = (self.known_cases.get(case_id("double_payment", original, bill_id), 0)
                     + self.known_cases.get(case_id("unknown_bill", original, bill_id), 0))
            b = self.bills.get(bill_id)
            if b is None or moved >= principal + fee:  # the original never reached this bill
                back += principal + fee
                continue
            applied = principal - moved  # the original's surplus was principal only (its fee reached the bill)
            b[PAID] -= applied
            b[FEE] -= fee
            b[CARRIED] += fee
            back += moved
            self.touched_bills.add(bill_id)
        self.move_balance(e, cno, _delta(p) - back)

    def waiver(self, e: Entry) -> None:
        for w in e.payload.get("bills", []):
            b = self.bills.get(w["bill_id"])
            if b is not None:
                b[WAIVED] += int(w["fee_waived_fen"])
                self.touched_bills.add(w["bill_id"])

    def other(self, e: Entry) -> None:
        cno = e.payload["customer_no"]
        delta = _delta(e.payload)
        if cno not in self.balances:
            self.open_case(_case("unknown_customer", e, self.now,
                                 f"户号 {cno} 不在总部档案中，终端 {e.terminal_id} 第 {e.seq} 笔使其预存变动 "
                                 f"{format_fen(delta)} 元，暂挂待查。", cno, None, delta))
            return
        self.move_balance(e, cno, delta)

    def move_balance(self, e: Entry, cno: str, delta: int) -> None:
        self.balances[cno] += delta
        self.touched_customers.add(cno)
        if delta < 0 and self.balances[cno] < 0:
            self.open_case(_case("balance_overdrawn", e, self.now,
                                 f"用户 {cno} 的预存余额在两处同时使用，总部余额为 {format_fen(self.balances[cno])} 元；"
                                 "请核查并向用户追收。", cno, None, -self.balances[cno]))

    # ------------------------------------------------------------------ write back

    def write(self) -> None:
        from db.central.push import next_txn

        if not self.touched_bills and not self.touched_customers:
            return
        conn, txn = self.conn, next_txn(self.conn)
        bs = [(k, self.bills[k]) for k in sorted(self.touched_bills)]
        cs = [(k, self.balances[k]) for k in sorted(self.touched_customers)]
        if _pg(conn):  # one statement per table and batch: UPDATE … FROM unnest(arrays)
            if bs:
                conn.execute(text(
                    "UPDATE central_bills AS b SET principal_paid_fen = v.paid, fee_paid_fen = v.fee, "
                    "fee_carried_fen = v.carried, fee_accrued_through = v.through, fee_waived_fen = v.waived, "
                    "txn = :txn FROM unnest(CAST(:ids AS text[]), CAST(:paid AS bigint[]), CAST(:fee AS bigint[]), "
                    "CAST(:carried AS bigint[]), CAST(:through AS text[]), CAST(:waived AS bigint[])) "
                    "AS v(id, paid, fee, carried, through, waived) WHERE b.bill_id = v.id"),
                    {"txn": txn, "ids": [k for k, _ in bs], "paid": [b[PAID] for _, b in bs],
                     "fee": [b[FEE] for _, b in bs], "carried": [b[CARRIED] for _, b in bs],
                     "through": [b[THROUGH] for _, b in bs], "waived": [b[WAIVED] for _, b in bs]})
            if cs:
                conn.execute(text(
                    "UPDATE central_customers AS c SET balance_fen = v.bal, txn = :txn "
                    "FROM unnest(CAST(:nos AS text[]), CAST(:bal AS bigint[])) AS v(no, bal) "
                    "WHERE c.customer_no = v.no"),
                    {"txn": txn, "nos": [k for k, _ in cs], "bal": [v for _, v in cs]})
            return
        if bs:
            conn.execute(update(central_bills).where(central_bills.c.bill_id == bindparam("b_id")).values(
                principal_paid_fen=bindparam("b_paid"), fee_paid_fen=bindparam("b_fee"),
                fee_carried_fen=bindparam("b_carried"), fee_accrued_through=bindparam("b_through"),
                fee_waived_fen=bindparam("b_waived"), txn=txn),
                [{"b_id": k, "b_paid": b[PAID], "b_fee": b[FEE], "b_carried": b[CARRIED], "b_through": b[THROUGH],
                  "b_waived": b[WAIVED]} for k, b in bs])
        if cs:
            conn.execute(update(central_customers).where(central_customers.c.customer_no == bindparam("c_no"))
                         .values(balance_fen=bindparam("c_bal"), txn=txn), [{"c_no": k, "c_bal": v} for k, v in cs])


def project(conn: Connection, entries: Sequence[Entry], now: str) -> list[dict[str, Any]]:
    """Bills and balances moved by these entries (in sequence order); returns the review cases opened."""
    relevant = [e for e in entries if _relevant(e)]
    if not relevant:
        return []
    proj = _Projection(conn, relevant, now)
    for e in relevant:
        if e.kind == Kind.PAYMENT:
            proj.payment(e)
        elif e.kind == Kind.REVERSAL:
            proj.reversal(e)
        elif e.kind == Kind.WAIVER:
            proj.waiver(e)
        else:
            proj.other(e)
    proj.write()
    return proj.cases
