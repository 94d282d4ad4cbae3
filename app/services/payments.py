"""Taking a payment at the counter (坐收): quote what is due, settle it, record it once.

The journal entry, the bills, the balance, the receipt row and the receipt counter change in one
transaction; a receipt is printed only after that commit (app/services/receipts.py).
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from app.allocation import Quote, Settlement, allocate, make_quote, owed_after_fen, waive
from app.clock import local_text
from app.errors import NotFound, Refused
from app.journal import Entry, Kind
from app.messages import coded
from app.model import METHOD_LABELS, REFERENCE_HINTS, Customer, Method
from app.money import MAX_AMOUNT_FEN
from app.moves import balance_delta_fen
from app.policy import Policy
from app.receipt import Receipt, ReceiptLine, next_receipt_no, signed_qr
from app.services.context import Context, append_entry
from app.services.offset import allocations_payload, apply_settlement, offsets_since_last_receipt
from app.store import ReadUnitOfWork, Shift, StoredReceipt, UnitOfWork
from app.tender import MAX_CHANGE_FEN, check_tender


@dataclass(frozen=True)
class Due:
    """What the clerk sees after looking a customer up."""

    customer: Customer
    quote: Quote
    policy: Policy | None = None  # the policy the quote was made under (partial payments, the minimum)


@dataclass(frozen=True)
class PayRequest:
    customer_no: str
    method: Method
    clerk_id: str
    amount_fen: int | None = None  # None: exactly what is due
    tendered_fen: int | None = None  # cash only; None: exact money
    reference: str = ""
    # Late-fee waiver (减免): travels with the payment, approved by a supervisor with their PIN.
    waiver_fen: int = 0
    waiver_reason: str = ""
    approver_id: str = ""
    approver_pin: str = ""
    # 零钱转预存 (cash only): "none" | "all" (the whole change) | "fen" (only its part below 1 yuan)
    change_to_balance: str = "none"
    # cash only: change above this no drawer gives, a typing slip (app/tender.py; [counter] max_change_yuan)
    max_change_fen: int = MAX_CHANGE_FEN


CHANGE_TO_BALANCE = ("none", "all", "fen")
MAX_REFERENCE = 64  # a POS reference, a trade number, a cheque number: far shorter; more is a slip


def kept_change_fen(change_fen: int, mode: str) -> int:
    """What of the change the customer leaves as balance (零钱转预存)."""
    if mode == "all":
        return change_fen
    if mode == "fen":
        return change_fen % 100
    return 0


@dataclass(frozen=True)
class PayResult:
    receipt: Receipt
    entry: Entry
    settlement: Settlement
    quote: Quote


def load_customer(uow: ReadUnitOfWork, customer_no: str) -> Customer:
    customer = uow.customers.get(customer_no.strip())
    if customer is None:
        raise coded(NotFound, "customer.not_found", customer_no=customer_no.strip() or "—")
    return customer


def find_customer(ctx: Context, customer_no: str) -> Customer:
    """One customer by number in a read of its own (the command line, the simulated card): load_customer's lookup and refusal,
    so a wrong number reads the same wherever it is typed."""
    with ctx.read() as uow:
        return load_customer(uow, customer_no)


def policy_of(uow: ReadUnitOfWork) -> Policy:
    return Policy.from_values(uow.settings.policy_values())


def quote_for(uow: ReadUnitOfWork, customer: Customer, today: dt.date, policy: Policy) -> Quote:
    """Today's quote of the customer (open bills, late fees, balance): the one preamble of the lookup, a
    payment, a scanned payment and a card purchase."""
    return make_quote(
        customer.customer_no,
        customer.category,
        uow.bills.open_for(customer.customer_no),
        customer.balance_fen,
        today,
        policy,
    )


def due(ctx: Context, customer_no: str) -> Due:
    """The customer and today's quote: bills, late fees, balance, what to pay. Reads only."""
    with ctx.read() as uow:
        customer = load_customer(uow, customer_no)
        policy = policy_of(uow)
        quote = quote_for(uow, customer, ctx.today(), policy)
    return Due(customer, quote, policy)


def recent_offsets(ctx: Context, customer_no: str) -> list[dict[str, Any]]:
    """The prepaid offsets (预收冲抵) no receipt has shown yet, for the lookup and the counter. Reads only."""
    from app.services.offset import offset_lines

    with ctx.read() as uow:
        return offset_lines(offsets_since_last_receipt(uow, customer_no.strip()))


def open_shift_of(uow: UnitOfWork, clerk_id: str, today: dt.date | None = None) -> Shift:
    """The clerk's open shift; with `today`, only one of today's business day may take money."""
    shift = uow.shifts.open_for(clerk_id)
    if shift is None:
        raise coded(Refused, "shift.none", clerk_id=clerk_id)
    if today is not None and shift.business_day < today.isoformat():
        raise coded(
            Refused,
            "shift.earlier_day",
            shift_id=shift.shift_id,
            business_day=shift.business_day,
            today=today.isoformat(),
        )
    return shift


def _check_request(req: PayRequest, quote: Quote, customer: Customer, policy: Policy) -> tuple[int, int]:
    """Return (amount, tendered) or refuse with one sentence. Changes nothing."""
    if req.method.needs_reference and not req.reference.strip():
        raise coded(
            Refused, "pay.reference_needed", method=req.method.value, hint=REFERENCE_HINTS[req.method]
        )
    if len(req.reference.strip()) > MAX_REFERENCE:  # 1,000 characters were accepted (domain P3-6)
        raise coded(Refused, "pay.reference_too_long", length=len(req.reference.strip()), max=MAX_REFERENCE)
    amount = quote.to_pay_fen if req.amount_fen is None else req.amount_fen
    if amount <= 0:
        if req.amount_fen is None:
            raise coded(Refused, "pay.nothing_due", customer_no=customer.customer_no)
        raise coded(Refused, "pay.amount_zero")
    if amount > MAX_AMOUNT_FEN:
        raise coded(Refused, "pay.over_cap", amount_fen=amount, cap_fen=MAX_AMOUNT_FEN)
    if req.change_to_balance not in CHANGE_TO_BALANCE:
        raise coded(Refused, "pay.change_mode", mode=req.change_to_balance)
    if req.change_to_balance != "none" and req.method is not Method.CASH:
        raise coded(Refused, "pay.change_cash_only")
    if amount < quote.to_pay_fen and not policy.allows_partial(customer.category.is_residential):
        raise coded(Refused, "pay.no_partial", due_fen=quote.to_pay_fen)
    return amount, check_tender(req.method, amount, req.tendered_fen, req.max_change_fen)


def _waiver_approver(ctx: Context, req: PayRequest) -> Any:
    """The waiver's supervisor, PIN checked before the payment's write transaction (the scrypt is slow)."""
    from app.services.approvals import check_supervisor

    if not req.waiver_fen:
        return None
    if not req.waiver_reason.strip():
        raise coded(Refused, "waiver.reason_needed")
    return check_supervisor(
        ctx,
        req.approver_id,
        req.approver_pin,
        "违约金减免",
        {
            "customer_no": req.customer_no.strip(),
            "waived_fen": req.waiver_fen,
            "reason": req.waiver_reason.strip(),
        },
        clerk_id=req.clerk_id,
    )


def _waive(
    uow: UnitOfWork, ctx: Context, req: PayRequest, quote: Quote, shift_id: str, approver: Any
) -> tuple[Quote, dict, Any]:
    """Check the waiver and confirm its supervisor's approval (before anything is written); the reduced quote."""
    from app.services.approvals import require_supervisor

    if req.waiver_fen < 0 or req.waiver_fen > quote.late_fee_total_fen:
        raise coded(Refused, "waiver.too_much", waiver_fen=req.waiver_fen, fees_fen=quote.late_fee_total_fen)
    if not req.waiver_reason.strip():
        raise coded(Refused, "waiver.reason_needed")
    approval = require_supervisor(
        uow,
        ctx,
        approver,
        {
            "customer_no": quote.customer_no,
            "waived_fen": req.waiver_fen,
            "reason": req.waiver_reason.strip(),
            "shift_id": shift_id,
        },
    )
    reduced, per_bill = waive(quote, req.waiver_fen)
    return reduced, per_bill, approval


def pay(ctx: Context, req: PayRequest) -> PayResult:
    now = ctx.clock.now_utc()
    approver = _waiver_approver(ctx, req)
    with ctx.uow() as uow:
        customer = load_customer(uow, req.customer_no)
        policy = policy_of(uow)
        shift = open_shift_of(uow, req.clerk_id, ctx.today())
        quote = quote_for(uow, customer, ctx.today(), policy)
        waived: dict[str, int] = {}
        approval = None
        if req.waiver_fen:
            quote, waived, approval = _waive(uow, ctx, req, quote, shift.shift_id, approver)
        amount, tendered = _check_request(req, quote, customer, policy)
        # 零钱转预存: the change the customer leaves is money received for the account like the rest
        kept = kept_change_fen(tendered - amount, req.change_to_balance)
        if amount + kept > MAX_AMOUNT_FEN:
            raise coded(Refused, "pay.over_cap", amount_fen=amount + kept, cap_fen=MAX_AMOUNT_FEN)
        amount += kept
        offsets = offsets_since_last_receipt(uow, customer.customer_no)
        settlement = allocate(quote, amount, policy)
        apply_settlement(uow, quote, settlement)
        day = quote.pay_date
        receipt_no = next_receipt_no(uow.receipts, ctx.terminal.terminal_id, day)
        payload: dict[str, Any] = {
            "receipt_no": receipt_no,
            "customer_no": customer.customer_no,
            "shift_id": shift.shift_id,
            "business_day": day.isoformat(),
            "method": req.method.value,
            "reference": req.reference.strip(),
            "amount_fen": amount,
            "tendered_fen": tendered,
            "change_fen": tendered - amount,
            "balance_before_fen": settlement.balance_before_fen,
            "balance_after_fen": settlement.balance_after_fen,
            "allocations": allocations_payload(settlement),
        }
        if kept:
            payload["change_to_balance_fen"] = kept
        if settlement.minimum_topup_fen:
            payload["minimum_topup_fen"] = settlement.minimum_topup_fen
        if waived:
            payload["waived_fen"] = req.waiver_fen
            payload["waived_by_bill"] = waived
        entry = append_entry(uow, ctx, Kind.PAYMENT, req.clerk_id, payload, now)
        if waived:
            append_entry(
                uow,
                ctx,
                Kind.WAIVER,
                req.clerk_id,
                {
                    "receipt_no": receipt_no,
                    "customer_no": customer.customer_no,
                    "shift_id": shift.shift_id,
                    "business_day": day.isoformat(),
                    "waived_fen": req.waiver_fen,
                    "reason": req.waiver_reason.strip(),
                    "approver_id": approval.approver_id if approval else "",
                    "approval_seq": approval.entry.seq if approval and approval.entry else None,
                    "payment_seq": entry.seq,
                    "bills": [{"bill_id": b, "fee_waived_fen": f} for b, f in waived.items()],
                },
                now,
            )
        from app.services.notice_journal import cancel_if_paid

        cancel_if_paid(uow, ctx, customer.customer_no, req.clerk_id, day)
        receipt = Receipt(
            kind=Kind.PAYMENT,
            receipt_no=receipt_no,
            hall_name=ctx.terminal.hall_name,
            terminal_id=ctx.terminal.terminal_id,
            clerk_id=req.clerk_id,
            issued_at=local_text(now),
            customer_no=customer.customer_no,
            customer_name=customer.name,
            address=customer.address,
            lines=tuple(
                ReceiptLine(a.period, a.kwh, a.principal_paid_fen, a.fee_paid_fen, a.days_overdue)
                for a in settlement.allocations
            ),
            late_fee_total_fen=settlement.fee_paid_fen,
            waived_fen=req.waiver_fen if waived else 0,
            waiver_reason=req.waiver_reason.strip() if waived else "",
            total_fen=settlement.settled_fen,
            method=req.method.value,
            method_label=METHOD_LABELS[req.method],
            reference=req.reference.strip(),
            amount_fen=amount,
            tendered_fen=tendered,
            change_fen=tendered - amount,
            balance_before_fen=settlement.balance_before_fen,
            balance_after_fen=settlement.balance_after_fen,
            entry_id=entry.entry_id,
            entry_hash=entry.hash,
            qr_text=signed_qr(entry, receipt_no, amount),
            change_to_balance_fen=kept,
            offset_fen=-sum(balance_delta_fen(e.payload) for e in offsets),
            owed_after_fen=owed_after_fen(quote, settlement),
        )
        uow.receipts.add(stored_receipt(receipt, entry.seq, shift.shift_id, day.isoformat()))
        uow.commit()
    return PayResult(receipt, entry, settlement, quote)


def receipt_json(receipt: Receipt) -> str:
    # dataclasses.asdict deep-copies; a shallow dict is a fifth of the cost on the payment path.
    body = {**receipt.__dict__, "lines": [line.__dict__ for line in receipt.lines]}
    return json.dumps(body, ensure_ascii=False, sort_keys=True)


def stored_receipt(
    receipt: Receipt, entry_seq: int, shift_id: str, business_day: str, *, printed: bool = False
) -> StoredReceipt:
    """A receipt's row in the receipts table, everything but its entry, shift and day read off the receipt:
    waiting for its print when just issued, printed once when rebuilt from the journal (app/services/rebuild.py)."""
    return StoredReceipt(
        receipt_no=receipt.receipt_no,
        entry_seq=entry_seq,
        kind=receipt.kind,
        customer_no=receipt.customer_no,
        shift_id=shift_id,
        method=receipt.method,
        amount_fen=receipt.amount_fen,
        business_day=business_day,
        issued_at=receipt.issued_at,
        body=receipt_json(receipt),
        print_state="printed" if printed else "pending",
        print_reason="",
        print_count=1 if printed else 0,
    )


def receipt_from_json(body: str) -> Receipt:
    data = json.loads(body)
    data["lines"] = tuple(ReceiptLine(**line) for line in data["lines"])
    return Receipt(**data)
