"""What must hold at the end of every simulated day (issue 26's specification, numbered as there).

Each check returns a list of violations (one sentence each, naming the terminal, customer or bill);
an empty list is a pass. They read through the same stores the product reads, never through the
simulation's own bookkeeping, so a check cannot agree with a bug because it shares its arithmetic.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Container, Mapping
from typing import Any

from app.journal import Entry, verify_chain
from app.quarantine import with_posted
from bench.simulate.world import Province, SimTerminal


def local_entries(t: SimTerminal) -> list[Entry]:
    with t.services.store.reader() as uow:
        return list(uow.journal.entries(0))


def central_entries(p: Province) -> dict[str, list[Entry]]:
    return {tid: p.central.journal(tid) for tid in [*p.central.terminal_ids(), "HQ"]}


# ------------------------------------------------------------------------------ 1. money is conserved


def money_received(entries: list[Entry]) -> dict[str, int]:
    """customer -> money the utility holds for that customer's account: payments in, refunds out.

    A card purchase is money for the meter (no bill, no balance) and is not counted; a refund pay-out at a
    counter moves no balance (head office's refund_order already took it off), so the order counts."""
    received: dict[str, int] = defaultdict(int)
    for e in with_posted(entries):  # a fork's payment head office posted counts once, from its HQ record
        p = e.payload
        if e.kind == "payment":
            received[p["customer_no"]] += int(p["amount_fen"])
        elif e.kind == "reversal" and p.get("original_kind") == "payment":
            received[p["customer_no"]] -= int(p["refund_fen"])
        elif e.kind == "refund_order":
            received[p["customer_no"]] -= int(p["amount_fen"])
    return received


def check_books(p: Province) -> list[str]:
    """1, head office's side: every stored balance, bill and refund row is the fold of the journals, as
    `central audit --recompute` finds it (db/central/audit_record.py; a paid refund recomputed as ordered
    was such a difference until c0021)."""
    from app.clock import utc_text
    from db.central.audit_record import recompute_books

    result = recompute_books(p.central.engine, utc_text(p.clock.now_utc()), keep=False)
    return [
        f"1: head office's stored {d.stream} {d.key} {d.field} is {d.stored!r}; "
        f"the journals fold to {d.recomputed!r}"
        for d in result.differences
    ]


def check_money(p: Province, journals: dict[str, list[Entry]]) -> list[str]:
    """Head office: per customer, money received = principal settled + late fees paid + balance."""
    return money_problems(p, money_received([e for js in journals.values() for e in js]))


def money_problems(p: Province, received: Mapping[str, int]) -> list[str]:
    """check_money given what was received (summed whole, or as the entries came: ledgers.py)."""
    from db.central_schema import central_bills

    settled: dict[str, int] = defaultdict(int)
    b = central_bills.c
    with p.central.engine.connect() as conn:
        for r in conn.execute(
            central_bills.select().with_only_columns(b.customer_no, b.principal_paid_fen, b.fee_paid_fen)
        ):
            settled[r.customer_no] += int(r.principal_paid_fen) + int(r.fee_paid_fen)
    problems = []
    for cno, balance in sorted(p.central.balances().items()):
        if balance < 0:
            problems.append(f"1: customer {cno} has a negative central balance {balance}")
        if received.get(cno, 0) != settled.get(cno, 0) + balance:
            problems.append(
                f"1: customer {cno} at head office: received {received.get(cno, 0)} != settled "
                f"{settled.get(cno, 0)} + balance {balance}"
            )
    return problems


# ------------------------------------------------------------------------------ 2. the journals


def check_journals(p: Province, journals: dict[str, list[Entry]], *, signatures: bool = False) -> list[str]:
    """Each terminal's central copy is exactly its acknowledged prefix, no gap, chains verify (and, with
    `signatures`, every signature under the terminal's key history: the last day); every entry id is at
    head office once."""
    from app.provisioning import verify_with_history

    problems = []
    seen: set[str] = set()
    for t in p.terminals():
        local = local_entries(t)
        remote = journals.get(t.tid, [])
        ack = p.central.ack(t.tid).seq
        if [e.seq for e in remote] != list(range(1, len(remote) + 1)) or len(remote) != ack:
            problems.append(
                f"2: {t.tid} central copy has {len(remote)} entries, acknowledged {ack}, with a gap"
            )
        if remote != local[: len(remote)]:
            problems.append(
                f"2: {t.tid} central copy differs from the terminal's first {len(remote)} entries"
            )
        history = p.admin.key_history(t.tid) if signatures else None
        for where, entries in (("local", local), ("central", remote)):
            if history is not None:
                problem = verify_with_history(entries, t.tid, history)
            else:
                problem = verify_chain(entries, t.tid)
            if problem is not None:
                problems.append(f"2: {t.tid} {where} chain: {problem}")
    for entries in journals.values():
        for e in entries:
            if e.entry_id in seen:
                problems.append(f"2: entry {e.entry_id} ({e.terminal_id} #{e.seq}) twice at head office")
            seen.add(e.entry_id)
    return problems


# ------------------------------------------------------------------------------ 3. counters agree


def local_books(t: SimTerminal) -> tuple[dict[str, int], dict[str, tuple[Any, ...]]]:
    from db.local_schema import bills, customers

    with t.services.store.reader() as uow:
        conn = uow.connection
        balances = {r.customer_no: int(r.balance_fen) for r in conn.execute(customers.select())}
        rows = {
            r.bill_id: (int(r.amount_fen), r.due_date, int(r.principal_paid_fen))
            for r in conn.execute(bills.select())
        }
    return balances, rows


def check_agreement(p: Province, synced: list[SimTerminal]) -> list[str]:
    """Every terminal that has just pushed everything and pulled agrees with head office on every
    customer's balance and every bill's amount, due date and principal paid."""
    from db.central_schema import central_bills

    with p.central.engine.connect() as conn:
        central = {
            r.bill_id: (int(r.amount_fen), r.due_date, int(r.principal_paid_fen))
            for r in conn.execute(central_bills.select())
        }
    balances = p.central.balances()
    problems = []
    for t in synced:
        mine, bills = local_books(t)
        for cno, value in balances.items():
            if mine.get(cno) != value:
                problems.append(f"3: {t.tid} balance of {cno} is {mine.get(cno)}, head office {value}")
        for bill_id, row in central.items():
            if bills.get(bill_id) != row:
                problems.append(f"3: {t.tid} bill {bill_id} is {bills.get(bill_id)}, head office {row}")
    return problems


# ------------------------------------------------------------------------------ 4. fees and surpluses

SURPLUS_CASES = ("double_payment", "bill_reduced", "unknown_bill", "offset_surplus", "adjustment_surplus")


def bill_claims(entries: list[Entry]) -> dict[str, tuple[int, int]]:
    """bill -> (principal, late fee) every counter and head office put on it, read from the payloads: a
    payment's or offset's allocations, an adjustment's principal moved; a reversed payment and its reversal
    together move nothing (head office undoes exactly the original's effect)."""
    reversed_ids = {str(e.payload.get("original_entry_id")) for e in entries if e.kind == "reversal"}
    claims: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    for e in entries:
        if e.entry_id in reversed_ids:
            continue
        p = e.payload
        if e.kind in ("payment", "offset"):
            for a in p.get("allocations", []):
                principal, fee = claims[a["bill_id"]]
                claims[a["bill_id"]] = (
                    principal + int(a["principal_paid_fen"]),
                    fee + int(a["fee_paid_fen"]),
                )
        elif e.kind == "adjustment" and p.get("bill_id") and "principal_paid_after_fen" in p:
            principal, fee = claims[p["bill_id"]]
            moved = int(p["principal_paid_after_fen"]) - int(p.get("principal_paid_before_fen", 0))
            claims[p["bill_id"]] = (principal + moved, fee)
    return claims


def check_fees(p: Province, journals: dict[str, list[Entry]]) -> list[str]:
    """Per bill, what all halls and head office claimed = what head office applied + the surplus review
    cases on it (of entries not reversed): the late fee apart, so a fee two halls both took is applied
    once and the other is a case; no money claimed on a bill is unexplained."""
    entries = [e for js in journals.values() for e in js]
    reversed_ids = {str(e.payload.get("original_entry_id")) for e in entries if e.kind == "reversal"}
    return fee_problems(p, bill_claims(entries), reversed_ids)


def fee_problems(
    p: Province, claims: Mapping[str, tuple[int, int]], reversed_ids: Container[str]
) -> list[str]:
    """check_fees given the claims per bill and the reversed entries (whole, or running: ledgers.py)."""
    from db.central_schema import central_bills, review_cases

    b, rc = central_bills.c, review_cases.c
    cases: dict[str, tuple[int, int]] = defaultdict(lambda: (0, 0))
    with p.central.engine.connect() as conn:
        applied = {
            r.bill_id: (int(r.principal_paid_fen), int(r.fee_paid_fen))
            for r in conn.execute(
                central_bills.select().with_only_columns(b.bill_id, b.principal_paid_fen, b.fee_paid_fen)
            )
        }
        for r in conn.execute(
            review_cases.select()
            .with_only_columns(rc.bill_id, rc.entry_id, rc.amount_fen, rc.fee_fen)
            .where(rc.kind.in_(SURPLUS_CASES))
        ):
            if r.bill_id and r.entry_id not in reversed_ids:
                amount, fee = cases[r.bill_id]
                cases[r.bill_id] = (amount + int(r.amount_fen), fee + int(r.fee_fen))
    problems = []
    for bill_id in sorted(set(claims) | set(applied)):
        principal, fee = claims.get(bill_id, (0, 0))
        paid, fee_paid = applied.get(bill_id, (0, 0))
        case, case_fee = cases.get(bill_id, (0, 0))
        if fee != fee_paid + case_fee:
            problems.append(
                f"4: bill {bill_id}: late fees claimed {fee} != applied {fee_paid} + in review cases {case_fee}"
            )
        if principal + fee != paid + fee_paid + case:
            problems.append(
                f"4: bill {bill_id}: claimed {principal + fee} != applied {paid + fee_paid} + in review "
                f"cases {case}: unexplained"
            )
    return problems


# ------------------------------------------------------------------------------ 5. day reports


def comparable(report: Any) -> Any:
    """A day report's figures: what is printed about money (not when or where it was generated)."""
    from dataclasses import replace

    return replace(
        report,
        hall_name="",
        terminal_ids=(),
        generated_at="",
        signed_off_by="",
        unprinted_receipts=(),
        journal_problems=(),
        wallet_reconciliation=None,
    )


def check_day_reports(
    p: Province,
    synced: list[SimTerminal],
    entries_of: Callable[[str, str], list[Entry]] | None = None,
    done: Callable[[str, str], None] = lambda _tid, _day: None,
) -> list[str]:
    """Each counter's day report (its own shifts and journal) equals head office's report of that terminal
    and day (its central copy, the hall report's path), for every day it worked, once everything it holds
    has reached head office (a counter offline for days is compared when it is back)."""
    from app.services.hall_report import hall_day_report
    from app.services.shift_close import load_day_report
    from bench.simulate.shortcuts import report_without_journal_check

    problems = []
    with report_without_journal_check():
        problems += day_reports(p, synced, entries_of, done, load_day_report, hall_day_report)
    return problems


def day_reports(
    p: Province,
    synced: list[SimTerminal],
    entries_of: Callable[[str, str], list[Entry]] | None,
    done: Callable[[str, str], None],
    load_day_report: Callable[..., Any],
    hall_day_report: Callable[..., Any],
) -> list[str]:
    problems = []
    for t in synced:
        days = sorted(p.reports_due.get(t.tid, ()))
        if not days:
            continue
        whole = p.central.journal(t.tid) if entries_of is None else []
        for day in days:
            central = {t.tid: whole if entries_of is None else entries_of(t.tid, day)}
            mine = comparable(load_day_report(t.ctx, day))
            theirs = comparable(hall_day_report(t.ctx, central, day))
            if mine != theirs:
                problems.append(
                    f"5: {t.tid} day report of {day} differs from head office's: counter {mine.hall}, "
                    f"head office {theirs.hall}"
                )
            else:
                done(t.tid, day)
        p.reports_due[t.tid].clear()
    return problems


# ------------------------------------------------------------------------------ 6. receipts


EVERY = 200  # receipts per terminal a check of "all of them" verifies, spread over its whole history


def spread(items: list[str], most: int = EVERY) -> list[str]:
    """At most `most` of `items`, evenly spread from the first to the last (each its own key's era, its own
    month): every receipt is verified once on the day it is printed, and these again at the end or after
    the terminal's key changed (verifying all 56,000 of a 400-day run again costs minutes)."""
    if len(items) <= most:
        return items
    step = (len(items) - 1) / (most - 1)
    return [items[round(i * step)] for i in range(most)]


def check_receipts(p: Province, every: bool = False) -> list[str]:
    """Every receipt printed since the last check (a spread of all of them with `every`, and of a restored
    or re-keyed PC's) verifies on its terminal as `verify-receipt` checks it, and says it was reversed exactly when it was."""
    from app.services.receipt_status import reversal_of
    from app.services.verify import verify_receipt

    by_tid = {t.tid: t for t in p.terminals()}
    todo = sorted(p.to_verify)
    if every:
        todo = sorted(set(todo) | {(tid, r) for tid, rs in p.printed.items() for r in spread(sorted(rs))})
    problems = []
    for tid, receipt_no in todo:
        t = by_tid[tid]
        check = verify_receipt(t.ctx, p.printed[tid][receipt_no])
        if not check.genuine:
            problems.append(f"6: receipt {receipt_no} of {tid} does not verify: {check.reason}")
            continue
        said = reversal_of(t.ctx, receipt_no) is not None
        if said != (receipt_no in p.reversed):
            problems.append(
                f"6: receipt {receipt_no} of {tid} "
                + (
                    "says it was reversed, it was not"
                    if said
                    else "was reversed, verify-receipt does not say so"
                )
            )
    p.to_verify.clear()
    return problems


# ------------------------------------------------------------------------------ 7. PINs
