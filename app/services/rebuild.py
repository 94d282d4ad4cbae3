"""What a counter's tables looked like, rebuilt from its journal alone (a dead PC restored from the central
ledger, issue 17): receipts (reprintable, marked 重打 since the first print happened on the old PC),
shifts (the open one stays open), receipt counters and card writes still pending. Pure: the caller
reads the entries and the customers and stores the result (db/provision_local.py).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.clock import local_text
from app.journal import Entry, Kind
from app.model import METHOD_LABELS, Method
from app.receipt import Receipt, ReceiptLine, signed_qr
from app.services.payments import stored_receipt
from app.services.refund_payout import payout_receipt
from app.store import Shift, StoredReceipt


@dataclass
class Rebuilt:
    receipts: list[StoredReceipt] = field(default_factory=list)
    reversed_by: dict[str, int] = field(default_factory=dict)  # receipt_no -> reversal entry seq
    shifts: list[Shift] = field(default_factory=list)
    closed: dict[str, str] = field(default_factory=dict)  # shift_id -> closed_at, for shifts opened before
    counters: dict[str, int] = field(default_factory=dict)  # business day -> last receipt number
    card_writes: list[dict[str, Any]] = field(default_factory=list)  # pending card writes (补写卡)


def _label(method: str) -> str:
    try:
        return METHOD_LABELS[Method(method)]
    except ValueError:
        return method


def _receipt(e: Entry, hall_name: str, customer: Mapping[str, Any]) -> Receipt:
    p = e.payload
    allocations = p.get("allocations", [])
    card = e.kind == Kind.CARD_PURCHASE
    return Receipt(
        kind=e.kind,
        receipt_no=p["receipt_no"],
        hall_name=hall_name,
        terminal_id=e.terminal_id,
        clerk_id=e.clerk_id,
        issued_at=local_text_of(e.created_at),
        customer_no=p["customer_no"],
        customer_name=str(customer.get("name", "")),
        address=str(customer.get("address", "")),
        lines=tuple(
            ReceiptLine(
                a["period"],
                int(a.get("kwh", 0)),
                int(a["principal_paid_fen"]),
                int(a["fee_paid_fen"]),
                int(a.get("days_overdue", 0)),
            )
            for a in allocations
        ),
        late_fee_total_fen=sum(int(a["fee_paid_fen"]) for a in allocations),
        waived_fen=int(p.get("waived_fen", 0)),
        waiver_reason="",
        total_fen=int(p["amount_fen"])
        if card
        else sum(int(a["principal_paid_fen"]) + int(a["fee_paid_fen"]) for a in allocations),
        method=p["method"],
        method_label=_label(p["method"]),
        reference=str(p.get("reference", "")),
        amount_fen=int(p["amount_fen"]),
        tendered_fen=int(p.get("tendered_fen", p["amount_fen"])),
        change_fen=int(p.get("change_fen", 0)),
        balance_before_fen=int(p.get("balance_before_fen", 0)),
        balance_after_fen=int(p.get("balance_after_fen", 0)),
        entry_id=e.entry_id,
        entry_hash=e.hash,
        qr_text=signed_qr(e, p["receipt_no"], int(p["amount_fen"])),
        card_purchase_count=int(p["purchase_count"]) if card and "purchase_count" in p else None,
        card_amount_fen=int(p.get("purchase_fen", p["amount_fen"])) if card else None,
        meter_no=str(p.get("meter_no", "")),
    )


def local_text_of(created_at: str) -> str:
    import datetime as dt

    return local_text(dt.datetime.fromisoformat(created_at.replace("Z", "+00:00")))


def rebuild(entries: Sequence[Entry], hall_name: str, customers: Mapping[str, Mapping[str, Any]]) -> Rebuilt:
    out = Rebuilt()
    shifts: dict[str, Shift] = {}
    writes: dict[str, dict[str, Any]] = {}
    for e in entries:
        p = e.payload
        if e.kind == Kind.SHIFT_OPEN:
            shifts[p["shift_id"]] = Shift(
                p["shift_id"], e.clerk_id, e.created_at, p["business_day"], int(p["float_fen"]), None
            )
        elif e.kind == Kind.SHIFT_CLOSE and p.get("shift_id") in shifts:
            s = shifts[p["shift_id"]]
            shifts[s.shift_id] = Shift(
                s.shift_id, s.clerk_id, s.opened_at, s.business_day, s.float_fen, e.created_at
            )
        elif e.kind == Kind.SHIFT_CLOSE and p.get("shift_id"):
            out.closed[p["shift_id"]] = e.created_at
        elif e.kind in (Kind.PAYMENT, Kind.CARD_PURCHASE) and p.get("receipt_no"):
            receipt = _receipt(e, hall_name, customers.get(p["customer_no"], {}))
            out.receipts.append(
                stored_receipt(
                    receipt, e.seq, str(p.get("shift_id", "")), str(p.get("business_day", "")), printed=True
                )
            )
            number = receipt.receipt_no.rpartition("-")[2]
            business_day = str(p.get("business_day", ""))
            if number.isdigit() and business_day:
                out.counters[business_day] = max(out.counters.get(business_day, 0), int(number))
            if e.kind == Kind.CARD_PURCHASE and "serial" in p and "purchase_count" in p and "mac" in p:
                writes[receipt.receipt_no] = {
                    "receipt_no": receipt.receipt_no,
                    "kind": e.kind,
                    "customer_no": receipt.customer_no,
                    "serial": p["serial"],
                    "purchase_fen": int(p.get("purchase_fen", p["amount_fen"])),
                    "purchase_count": int(p["purchase_count"]),
                    "mac_hex": p["mac"],
                    "state": "pending",
                    "entry_seq": e.seq,
                    "written_seq": None,
                    "created_at": e.created_at,
                }
        elif e.kind == Kind.REFUND_PAYOUT and p.get("receipt_no"):
            # a refund paid out here: its receipt (the refunds themselves come back paid from head office's pull)
            customer = customers.get(p["customer_no"], {})
            receipt = payout_receipt(
                e,
                hall_name,
                str(customer.get("name", "")),
                str(customer.get("address", "")),
                int(customer.get("balance_fen", 0)),
                local_text_of(e.created_at),
            )
            out.receipts.append(
                stored_receipt(
                    receipt, e.seq, str(p.get("shift_id", "")), str(p.get("business_day", "")), printed=True
                )
            )
            number, business_day = receipt.receipt_no.rpartition("-")[2], str(p.get("business_day", ""))
            if number.isdigit() and business_day:
                out.counters[business_day] = max(out.counters.get(business_day, 0), int(number))
        elif e.kind == Kind.CARD_WRITTEN and p.get("receipt_no") in writes:
            writes[p["receipt_no"]].update(state="written", written_seq=e.seq)
        elif e.kind == Kind.REVERSAL and p.get("receipt_no"):
            out.reversed_by[p["receipt_no"]] = e.seq
    out.shifts = list(shifts.values())
    out.card_writes = [w for w in writes.values() if w["state"] == "pending"]
    return out
