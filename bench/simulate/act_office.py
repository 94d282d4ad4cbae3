"""Head office's side of money that goes back and rules that change: it decides the review cases of a
surplus (keep it as the customer's credit, or refund it: db/central/decide.py, the console's decision), the
customer collects an ordered refund in cash at a counter of their hall (app/services/refund_payout.py, as
`refund pay-out` does), and now and then head office loads a changed policy (late-fee grace days and
minimum, the shift difference a supervisor must sign, the card limits, partial payments of households),
which each counter applies from its next pull on (`central load`'s path)."""

from __future__ import annotations

import random

from app.errors import HallPayError
from app.policy import DEFAULTS
from bench.simulate.act_common import printed
from bench.simulate.day import Day
from bench.simulate.world import ACTOR, Province, SimTerminal

MONEY_CASES = ("double_payment", "bill_reduced", "unknown_bill")
POLICY_CHOICES: dict[str, tuple[str, ...]] = {
    "late_fee.grace_days": ("0", "0", "2", "5"),
    "late_fee.minimum_fen": ("100", "100", "0", "50"),
    "shift.difference_supervisor_fen": ("1000", "500", "2000"),
    "card.max_purchase_fen": ("500000", "300000"),
    "payment.partial_residential": ("0", "0", "1"),
}


def change_policy(p: Province, rng: random.Random, day: Day) -> None:
    """About once a fortnight head office changes one policy value (loaded with its master data)."""
    if rng.random() >= 0.07:
        return
    key = rng.choice(sorted(POLICY_CHOICES))
    now = {**DEFAULTS, **p.policy}
    value = rng.choice([v for v in POLICY_CHOICES[key] if v != now[key]])
    p.policy[key] = value
    p.central.load_master_data([], [], {**now, key: value})
    day.note(f"head office changed policy {key}: {now[key]} -> {value}", "policy_changed")


def decide_cases(p: Province, rng: random.Random, day: Day) -> None:
    """Head office works through the surpluses: most are refunded (the customer collects the money at a
    counter), some kept as credit; a refund the balance no longer covers (an offset spent it) is credit."""
    # head office lists them by time and id; an id holds an entry's uuid4: the run's order is the cases' own
    cases = sorted(
        p.central.review_cases(), key=lambda c: (c.created_at, c.terminal_id, c.seq, c.kind, c.bill_id or "")
    )
    for case in cases:
        if case.kind not in MONEY_CASES or not case.customer_no or case.amount_fen <= 0:
            continue
        if rng.random() < 0.5:  # not every case is looked at the day it appears
            continue
        decision = "refund" if rng.random() < 0.7 else "credit"
        try:
            p.central.resolve_case(case.case_id, ACTOR, decision, "核实多收，按客户意愿处理")
        except HallPayError as refused:
            day.note(
                f"head office cannot refund case {case.kind} of {case.customer_no}: {refused}", "refused"
            )
            decision = "credit"
            p.central.resolve_case(case.case_id, ACTOR, decision, "余额已抵扣电费，转预存")
        if decision == "refund":
            p.refunds_owed.add(case.customer_no)
        day.note(
            f"head office decided case {case.kind} of {case.customer_no} ({case.amount_fen}): {decision}",
            f"case_{decision}",
        )


def refund_visit(p: Province, t: SimTerminal, clerk: str, rng: random.Random, day: Day) -> None:
    """A customer head office owes a refund collects it in cash at a counter of their hall."""
    from app.services.refund_payout import PayoutRequest, owed_refunds, pay_out

    mine = sorted(c for c in p.refunds_owed if c in p.halls[t.hall].customers)
    if not mine:
        return
    cno = rng.choice(mine)
    if not owed_refunds(t.ctx, cno):  # not pulled here yet (or paid out at another counter)
        day.note(f"{t.tid} {clerk} no refund for {cno} here", "refund_not_here")
        return
    try:
        result = pay_out(t.ctx, PayoutRequest(cno, clerk))
    except HallPayError as refused:
        day.note(f"{t.tid} {clerk} refund pay-out {cno}: refused ({refused})", "refused")
        return
    p.refunds_owed.discard(cno)
    printed(p, t, clerk, result.receipt, voidable=False)
    day.note(
        f"{t.tid} {clerk} refund pay-out {cno} {result.amount_fen} {result.receipt.receipt_no}",
        "refund_payout",
    )
