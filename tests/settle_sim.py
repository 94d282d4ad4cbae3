"""Offline counters that pay the same bills, for the "a late fee is never paid twice" property tests.

Each simulated terminal holds its own copy of the seed bills and pays with the counter's own functions
(app.allocation.make_quote and allocate), recording each payment as a chained journal entry shaped
exactly as app/services/payments.py writes it. Nothing is pulled between payments: every terminal works
offline on the same business day, then the entries reach a ledger in some order.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass, field, replace
from typing import Any

from app.allocation import allocate, make_quote
from app.ids import CustomerNo
from app.journal import GENESIS_HASH, Entry, Kind, new_entry
from app.model import Bill, Category
from app.policy import DEFAULTS, Policy
from app.services.terminal_setup import showcase
from app.settle import LedgerBill, claims_of, offset_balance, settle_payment

DAY = dt.date(2026, 11, 28)
CUSTOMERS = ("1000000002", "1000000005")  # non-residential, two overdue bills each, fees far above 1 yuan
POLICY = Policy.from_values(DEFAULTS)


def seed() -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    customers, bills = showcase(DAY)
    return (
        [c for c in customers if c["customer_no"] in CUSTOMERS],
        [b for b in bills if b["customer_no"] in CUSTOMERS],
    )


def categories() -> dict[str, Category]:
    return {c["customer_no"]: Category(c["category"]) for c in seed()[0]}


def seed_bills() -> dict[str, Bill]:
    return {
        b["bill_id"]: Bill(
            b["bill_id"],
            CustomerNo(b["customer_no"]),
            b["period"],
            b["kwh"],
            b["amount_fen"],
            dt.date.fromisoformat(b["due_date"]),
            b.get("principal_paid_fen", 0),
        )
        for b in seed()[1]
    }


def fee_due_at_seed() -> dict[str, int]:
    """Each bill's late fee on DAY as head office's untouched bills owe it: the most any bill may collect."""
    bills, cats = seed_bills(), categories()
    out: dict[str, int] = {}
    for cno in CUSTOMERS:
        q = make_quote(
            CustomerNo(cno), cats[cno], [b for b in bills.values() if b.customer_no == cno], 0, DAY, POLICY
        )
        out.update({line.bill.bill_id: line.fee_due_fen for line in q.lines})
    return out


@dataclass
class SimTerminal:
    terminal_id: str
    bills: dict[str, Bill] = field(default_factory=seed_bills)
    balances: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CUSTOMERS, 0))
    entries: list[Entry] = field(default_factory=list)

    def pay(self, customer_no: str, how: str, rng: random.Random) -> Entry:
        cno = CustomerNo(customer_no)
        quote = make_quote(
            cno,
            categories()[cno],
            [b for b in self.bills.values() if b.customer_no == cno],
            self.balances[cno],
            DAY,
            POLICY,
        )
        to_pay = quote.to_pay_fen
        if how == "full" and to_pay:
            amount = to_pay
        elif how == "partial" and to_pay > 1:
            amount = rng.randint(1, to_pay - 1)
        else:
            amount = to_pay + rng.randint(1, 50_000)
        s = allocate(quote, amount, POLICY)
        for a in s.allocations:
            b = self.bills[a.bill_id]
            self.bills[a.bill_id] = replace(
                b,
                principal_paid_fen=b.principal_paid_fen + a.principal_paid_fen,
                fee_carried_fen=a.fee_carried_after_fen,
                fee_accrued_through=DAY,
            )
        self.balances[cno] = s.balance_after_fen
        seq = len(self.entries) + 1
        payload = {
            "receipt_no": f"{self.terminal_id}-{DAY:%Y%m%d}-{seq:04d}",
            "customer_no": cno,
            "shift_id": "S",
            "business_day": DAY.isoformat(),
            "method": "cash",
            "reference": "",
            "amount_fen": amount,
            "tendered_fen": amount,
            "change_fen": 0,
            "balance_before_fen": s.balance_before_fen,
            "balance_after_fen": s.balance_after_fen,
            "allocations": [
                {
                    "bill_id": a.bill_id,
                    "period": a.period,
                    "kwh": a.kwh,
                    "days_overdue": a.days_overdue,
                    "principal_due_fen": a.principal_due_fen,
                    "fee_due_fen": a.fee_due_fen,
                    "principal_paid_fen": a.principal_paid_fen,
                    "fee_paid_fen": a.fee_paid_fen,
                }
                for a in s.allocations
            ],
        }
        e = new_entry(
            terminal_id=self.terminal_id,
            seq=seq,
            kind=Kind.PAYMENT,
            created_at="2026-11-28T02:00:00Z",
            clerk_id="C01",
            payload=payload,
            prev_hash=self.entries[-1].hash if self.entries else GENESIS_HASH,
        )
        self.entries.append(e)
        return e


def offline_day(rng: random.Random, terminals: int, payments: int) -> list[SimTerminal]:
    """`payments` payments spread over `terminals` offline counters: full, partial and over-payments."""
    sims = [SimTerminal(f"T0{i + 1}") for i in range(terminals)]
    for _ in range(payments):
        rng.choice(sims).pay(rng.choice(CUSTOMERS), rng.choice(("full", "partial", "over")), rng)
    return sims


def sync_order(rng: random.Random, sims: list[SimTerminal]) -> list[list[Entry]]:
    """Pushes in a random order: each push is the next few pending entries of one terminal."""
    pending = {s.terminal_id: list(s.entries) for s in sims if s.entries}
    pushes = []
    while pending:
        tid = rng.choice(sorted(pending))
        n = rng.randint(1, len(pending[tid]))
        pushes.append(pending[tid][:n])
        pending[tid] = pending[tid][n:]
        if not pending[tid]:
            del pending[tid]
    return pushes


@dataclass
class Ledger:
    """The pure ledger: settle_payment on a dict, as db/central/project.py does on tables."""

    bills: dict[str, LedgerBill] = field(
        default_factory=lambda: {k: LedgerBill(b) for k, b in seed_bills().items()}
    )
    balances: dict[str, int] = field(default_factory=lambda: dict.fromkeys(CUSTOMERS, 0))
    surplus: dict[tuple[str, str], tuple[int, int]] = field(
        default_factory=dict
    )  # (entry, bill) -> (amount, fee)
    offset_spent: int = (
        0  # balance head office's offsets spent on open bills after pushes (db/central/offset.py)
    )

    def apply(self, e: Entry) -> None:
        p = e.payload
        cno = CustomerNo(p["customer_no"])
        changed, settled = settle_payment(
            self.bills, cno, categories()[cno], claims_of(p["allocations"]), DAY, POLICY
        )
        self.bills.update(changed)
        extra = 0
        for s in settled:
            if s.surplus_fen:
                self.surplus[(e.entry_id, s.bill_id)] = (s.surplus_fen, s.surplus_fee_fen)
                extra += s.surplus_fen
        self.balances[cno] += p["balance_after_fen"] - p["balance_before_fen"] + extra

    def offset_after(self, batch: list[Entry]) -> None:
        """After a push: a customer left with a balance beside open bills has them settled from it (the
        central ledger's offset, app.settle.offset_balance), as db/central/project.py does."""
        for cno in sorted({e.payload["customer_no"] for e in batch}):
            balance = self.balances[cno]
            if balance <= 0:
                continue
            mine = [lb.bill for lb in self.bills.values() if lb.bill.customer_no == cno]
            settlement, changed = offset_balance(
                mine, CustomerNo(cno), categories()[cno], balance, DAY, POLICY
            )
            for a in settlement.allocations:
                if a.bill_id in changed:
                    lb = self.bills[a.bill_id]
                    self.bills[a.bill_id] = replace(
                        lb, bill=changed[a.bill_id], fee_paid_fen=lb.fee_paid_fen + a.fee_paid_fen
                    )
            self.offset_spent += balance - settlement.balance_after_fen
            self.balances[cno] = settlement.balance_after_fen

    def state(self) -> tuple[dict[str, tuple[int, int, int]], dict[str, int], int]:
        """Order-independent result: per bill (principal paid, fee paid, fee carried), balances, surplus."""
        return (
            {
                k: (b.bill.principal_paid_fen, b.fee_paid_fen, b.bill.fee_carried_fen)
                for k, b in self.bills.items()
            },
            dict(self.balances),
            sum(a for a, _f in self.surplus.values()),
        )


def check_invariants(
    sims: list[SimTerminal],
    bills: dict[str, tuple[int, int, int]],
    balances: dict[str, int],
    surplus: dict[tuple[str, str], tuple[int, int]],
    offset_spent: int = 0,
) -> None:
    """fee paid <= fee due, principal paid <= amount, surplus = money received - settled by the payments
    (what head office's offsets then spent of it on other open bills counted apart), and money received =
    principal + fee + balance moved."""
    fee_due = fee_due_at_seed()
    amounts = {k: b.amount_fen for k, b in seed_bills().items()}
    for bill_id, (principal, fee, carried) in bills.items():
        assert 0 <= principal <= amounts[bill_id], bill_id
        assert 0 <= fee <= fee_due.get(bill_id, 0), (
            f"{bill_id}: fee paid {fee} > due {fee_due.get(bill_id, 0)}"
        )
        assert carried >= 0
    entries = [e for s in sims for e in s.entries]
    received = sum(e.payload["amount_fen"] for e in entries)
    claimed = sum(
        a["principal_paid_fen"] + a["fee_paid_fen"] for e in entries for a in e.payload["allocations"]
    )
    settled = sum(p + f for p, f, _c in bills.values())
    assert sum(a for a, _f in surplus.values()) == claimed - settled + offset_spent
    assert all(a > 0 for a, _f in surplus.values())
    terminal_credit = sum(e.payload["balance_after_fen"] - e.payload["balance_before_fen"] for e in entries)
    assert sum(balances.values()) == terminal_credit + claimed - settled
    assert received == settled + sum(balances.values())
