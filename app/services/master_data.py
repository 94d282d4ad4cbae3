"""Import of head office's master data: all rows or none, and the same file twice changes nothing.

A bill that exists is never silently rewritten (DOMAIN.md "Bills are never silently changed"): an
identical row is a no-op; a different amount, due date or kWh, or a customer's different category,
is refused unless it comes as an approved adjustment (退补/调整: a reason and a supervisor with their
PIN). Each adjustment is an `adjustment` journal entry with the old and new values and its money
effect (app/adjustment.py); then the customer's balance settles what it can (预收冲抵, app/services/
offset.py), for new bills as for a paid bill lowered into a balance.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from app.adjustment import bill_adjustment, category_change_sentence, category_fee_effect, change_sentence
from app.errors import InputError, Refused
from app.journal import Entry, Kind
from app.messages import coded
from app.model import Bill, Category
from app.policy import Policy
from app.progress import Progress, no_progress
from app.services.context import Context, append_entry
from app.services.offset import offset_from_balance
from app.store import UnitOfWork

ADJUST_ACTION = "账单调整"


@dataclass(frozen=True)
class Adjust:
    """The approval an import of changed bills or categories comes with (`import --adjust`)."""

    reason: str
    approver_id: str
    approver_pin: str


@dataclass(frozen=True)
class ImportResult:
    customers: int
    bills: int
    new_bills: int = 0
    unchanged_bills: int = 0
    adjustments: tuple[Entry, ...] = ()
    offsets: tuple[Entry, ...] = ()


def import_master_data(
    ctx: Context,
    customers: list[dict],
    bills: list[dict],
    adjust: Adjust | None = None,
    clerk_id: str = "",
    sources: tuple[str, str] = ("", ""),
    progress: Progress = no_progress,
) -> ImportResult:
    """sources: the customers and bills file names, for the sentence that refuses a changed row.
    progress: rows done of customers + bills + the billed customers whose balance may offset a new bill."""
    if not customers and not bills:
        raise coded(InputError, "import.no_files")
    clerk = clerk_id or ctx.clerk_id
    now = ctx.clock.now_utc()
    approver = None
    if adjust is not None and adjust.reason.strip():  # the supervisor's PIN (scrypt) before the write lock
        from app.services.approvals import check_supervisor

        approver = check_supervisor(
            ctx,
            adjust.approver_id,
            adjust.approver_pin,
            ADJUST_ACTION,
            {"reason": adjust.reason.strip()},
            clerk_id=clerk,
        )
    total = len(customers) + len(bills) + len({b["customer_no"] for b in bills})
    with ctx.uow() as uow:
        category_changes = _category_changes(uow, customers)
        known = {c["customer_no"] for c in customers}
        for bill in bills:
            if bill["customer_no"] not in known:
                if uow.customers.get(bill["customer_no"]) is None:
                    if sources[1]:  # the file is named, as every other refusal names it (domain P3-3)
                        raise coded(
                            InputError,
                            "import.unknown_customer_in",
                            source=sources[1],
                            line=bill["line"],
                            customer_no=bill["customer_no"],
                        )
                    raise coded(
                        InputError,
                        "import.unknown_customer",
                        line=bill["line"],
                        customer_no=bill["customer_no"],
                    )
                known.add(bill["customer_no"])
        existing = uow.bills.existing(b["bill_id"] for b in bills)
        new_rows = [b for b in bills if b["bill_id"] not in existing]
        changed = [
            (b, existing[b["bill_id"]])
            for b in bills
            if b["bill_id"] in existing and _differs(b, existing[b["bill_id"]])
        ]
        approval = None
        if category_changes or changed:
            if adjust is None:
                if category_changes:
                    row, old = category_changes[0]
                    raise InputError(
                        category_change_sentence(
                            row.get("line"),
                            row["customer_no"],
                            old.category.value,
                            row["category"],
                            sources[0],
                        )
                    )
                row, old_bill = changed[0]
                raise InputError(change_sentence(row["line"], old_bill, row, sources[1]))
            if not adjust.reason.strip() or approver is None:
                raise coded(Refused, "adjust.reason_needed")
            from app.services.approvals import require_supervisor

            approval = require_supervisor(
                uow,
                ctx,
                approver,
                {
                    "reason": adjust.reason.strip(),
                    "bills": [b["bill_id"] for b, _ in changed],
                    "categories": [r["customer_no"] for r, _ in category_changes],
                },
            )
        for row in customers:
            row.pop("line", None)
        uow.customers.upsert(customers)
        progress(len(customers), total)
        entries: list[Entry] = []
        meta = {
            "reason": adjust.reason.strip() if adjust else "",
            "approver_id": approval.approver_id if approval else "",
            "approval_seq": approval.entry.seq if approval and approval.entry else None,
            "business_day": ctx.today().isoformat(),
        }
        policy_now = Policy.from_values(uow.settings.policy_values())
        for row, old in category_changes:
            effect = category_fee_effect(
                uow.bills.for_customer(row["customer_no"]),
                old.category,
                Category(row["category"]),
                ctx.today(),
                policy_now,
            )
            entries.append(
                append_entry(
                    uow,
                    ctx,
                    Kind.ADJUSTMENT,
                    clerk,
                    {
                        "what": "category",
                        "customer_no": row["customer_no"],
                        "old": {"category": old.category.value},
                        "new": {"category": row["category"]},
                        **effect,
                        **meta,
                    },
                    now,
                )
            )
        uow.bills.upsert([{k: v for k, v in b.items() if k != "line"} for b in new_rows])
        policy = Policy.from_values(uow.settings.policy_values())
        for row, old_bill in changed:
            entries.append(_adjust_bill(uow, ctx, clerk, row, old_bill, policy, meta, now))
        done = len(customers) + len(bills)
        progress(done, total)
        touched = sorted({b["customer_no"] for b in new_rows} | {b.customer_no for _, b in changed})
        offsets = []
        for i, cno in enumerate(touched, 1):
            if (e := offset_from_balance(uow, ctx, cno, clerk, now, "import")) is not None:
                offsets.append(e)
            if i % 1000 == 0:
                progress(done + i, total)
        progress(total, total)
        uow.commit()
    return ImportResult(
        len(customers),
        len(bills),
        len(new_rows),
        len(bills) - len(new_rows) - len(changed),
        tuple(entries),
        tuple(offsets),
    )


def _category_changes(uow: UnitOfWork, customers: list[dict]) -> list[tuple[dict, Any]]:
    out = []
    for row in customers:
        old = uow.customers.get(row["customer_no"])
        if old is not None and old.category.value != row["category"]:
            out.append((row, old))
    return out


def _differs(row: dict, bill: Bill) -> bool:
    return (row["amount_fen"], row["due_date"], row["kwh"]) != (
        bill.amount_fen,
        bill.due_date.isoformat(),
        bill.kwh,
    )


def _adjust_bill(
    uow: UnitOfWork,
    ctx: Context,
    clerk: str,
    row: dict,
    old: Bill,
    policy: Policy,
    meta: dict[str, Any],
    now: dt.datetime,
) -> Entry:
    customer = uow.customers.get(old.customer_no)
    assert customer is not None  # the bill's customer exists (foreign key)
    category = Category(customer.category)
    effect = bill_adjustment(
        old,
        row["amount_fen"],
        dt.date.fromisoformat(row["due_date"]),
        row["kwh"],
        category,
        ctx.today(),
        policy,
    )
    uow.bills.adjust(
        old.bill_id,
        effect.new_amount_fen,
        effect.new_due_date,
        effect.new_kwh,
        effect.principal_paid_after_fen,
    )
    balance_after = customer.balance_fen + effect.to_balance_fen
    if effect.to_balance_fen:
        uow.customers.set_balance(customer.customer_no, balance_after)
    payload = {
        "what": "bill",
        "customer_no": customer.customer_no,
        "bill_id": old.bill_id,
        "period": old.period,
        "line": row.get("line", 0),
        **effect.payload(),
        "balance_before_fen": customer.balance_fen,
        "balance_after_fen": balance_after,
        **meta,
    }
    return append_entry(uow, ctx, Kind.ADJUSTMENT, clerk, payload, now)
