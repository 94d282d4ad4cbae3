"""IC-card purchase (IC卡购电) at the counter (DOMAIN.md "Prepaid IC cards").

recharge: read, check, then ONE transaction with the money (journal card_purchase, receipt row, pending card
write), then write the wallet, read it back, and record card_written. Any card error after the commit leaves
the purchase pending: the next insertion of that card finishes it.

- What an inserted card says (read_card_view, card_view) is app/services/card_view.py;
- finishing the writes this counter owes a card (补写卡) is app/services/card_rewrite.py;
- replace_card (补卡) is app/services/card_replace.py.

Card I/O goes through app.ports.CardReader (its own thread in the GUI); the master key is the terminal's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from app.card import (
    CardCheck,
    WalletWrite,
    check_card,
    pending_write_state,
    purchase_write,
    with_owed_elsewhere,
)
from app.clock import local_text, utc_text
from app.errors import Refused
from app.journal import Entry, Kind
from app.messages import Phrase, coded, phrase_of
from app.model import METHOD_LABELS, REFERENCE_HINTS, Customer, Method
from app.policy import Policy
from app.ports import CardError, CardReader
from app.receipt import Receipt, next_receipt_no, signed_qr
from app.services.card_rewrite import PENDING, WRITTEN, finish_write, pending_phrase, settle_pending
from app.services.card_view import hoarded_fen, max_amount, save_card_record
from app.services.context import Context, append_entry
from app.services.payments import load_customer, open_shift_of, policy_of, stored_receipt
from app.store import CardWrite, Shift, UnitOfWork
from app.tender import MAX_CHANGE_FEN, check_tender


@dataclass(frozen=True)
class RechargeRequest:
    customer_no: str
    amount_fen: int
    method: Method
    clerk_id: str
    tendered_fen: int | None = None  # cash only; None: exact money
    reference: str = ""


@dataclass(frozen=True)
class RechargeResult:
    receipt: Receipt
    entry: Entry
    purchase_count: int
    card_state: str  # written | pending
    card_message: (
        str  # empty when written; else why the card still waits for 补写卡 (Chinese: CLI JSON, logs)
    )
    completed: tuple[str, ...]  # earlier purchases finished on this insertion (补写卡)
    meter_balance_fen: int | None
    card_why: Phrase | None = None  # card_message as a code: the window says it in its language


# ------------------------------------------------------------------------------ the purchase


def take_money(method: Method, amount_fen: int, tendered_fen: int | None, reference: str) -> int:
    """Tendered, or refuse with one sentence."""
    if method.needs_reference and not reference.strip():
        raise coded(Refused, "pay.reference_needed", method=method.value, hint=REFERENCE_HINTS[method])
    return check_tender(method, amount_fen, tendered_fen, MAX_CHANGE_FEN)


def prepaid_customer(uow: UnitOfWork, customer_no: str) -> Customer:
    customer = load_customer(uow, customer_no)
    if not customer.prepaid:
        raise coded(Refused, "card.postpaid_customer", customer_no=customer.customer_no)
    return customer


def check_amount(policy: Policy, check: CardCheck, amount_fen: int) -> None:
    if amount_fen <= 0:
        raise coded(Refused, "pay.amount_zero")
    if amount_fen > policy.card_max_purchase_fen:
        raise coded(Refused, "card.single_limit", limit_fen=policy.card_max_purchase_fen)
    hoard = hoarded_fen(check)
    if hoard + amount_fen > policy.card_max_hoard_fen:
        raise coded(
            Refused,
            "card.hoard_limit",
            hoard_fen=hoard,
            amount_fen=amount_fen,
            limit_fen=policy.card_max_hoard_fen,
            most_fen=max_amount(policy, hoard),
        )


def recharge(ctx: Context, reader: CardReader, master_key: bytes, req: RechargeRequest) -> RechargeResult:
    """Sell a purchase onto the inserted card. Raises (changing nothing) before the money is recorded;
    after that it returns with card_state "pending" when the card could not be written."""
    image = reader.read_card()
    image, completed = settle_pending(ctx, reader, master_key, image, req.clerk_id)
    now = ctx.clock.now_utc()
    with ctx.uow() as uow:
        customer = prepaid_customer(uow, req.customer_no)
        policy = policy_of(uow)
        shift = open_shift_of(uow, req.clerk_id, ctx.today())
        check = check_card(
            image,
            customer_no=customer.customer_no,
            master_key=master_key,
            retired_serials=uow.cards.retired_serials([image.serial]),
        )
        # a write another counter owes this card takes the next count: sell nothing over it (issue 26)
        check = with_owed_elsewhere(check, uow.cards.owed_elsewhere(image.serial), ctx.terminal.terminal_id)
        if not check.ok:
            raise coded(Refused, check.message_code, **check.params)
        if customer.meter_no and image.meter_no != customer.meter_no:
            raise coded(Refused, "card.meter_no_mismatch", card_meter=image.meter_no, meter=customer.meter_no)
        check_amount(policy, check, req.amount_fen)
        tendered = take_money(req.method, req.amount_fen, req.tendered_fen, req.reference)
        wallet = purchase_write(image, req.amount_fen, master_key)
        receipt, entry = _record_purchase(uow, ctx, req, customer, shift, check, wallet, tendered, now)
        uow.commit()
    state, why = _write_and_confirm(ctx, reader, wallet, receipt.receipt_no, req.clerk_id)
    return RechargeResult(
        receipt,
        entry,
        wallet.purchase_count,
        state,
        str(why) if why else "",
        completed,
        check.meter_balance_fen,
        why,
    )


def _record_purchase(
    uow: UnitOfWork,
    ctx: Context,
    req: RechargeRequest,
    customer: Customer,
    shift: Shift,
    check: CardCheck,
    wallet: WalletWrite,
    tendered: int,
    now: dt.datetime,
) -> tuple[Receipt, Entry]:
    image, rw = check.image, check.image.return_write
    day = ctx.today()
    receipt_no = next_receipt_no(uow.receipts, ctx.terminal.terminal_id, day)
    reference = req.reference.strip()
    payload = {
        "receipt_no": receipt_no,
        "customer_no": customer.customer_no,
        "shift_id": shift.shift_id,
        "business_day": day.isoformat(),
        "method": req.method.value,
        "reference": reference,
        "amount_fen": req.amount_fen,
        "tendered_fen": tendered,
        "change_fen": tendered - req.amount_fen,
        "balance_before_fen": customer.balance_fen,
        "balance_after_fen": customer.balance_fen,
        "serial": image.serial,
        "meter_no": image.meter_no,
        "purchase_fen": wallet.purchase_fen,
        "purchase_count": wallet.purchase_count,
        "mac": wallet.mac.hex(),
        # what the meter wrote back on its last insertion: its real balance
        "meter_balance_fen": rw.remaining_fen if rw is not None else None,
        "meter_count": rw.meter_count if rw is not None else None,
        "meter_time": rw.written_at if rw is not None else None,
    }
    entry = append_entry(uow, ctx, Kind.CARD_PURCHASE, req.clerk_id, payload, now)
    receipt = Receipt(
        kind=Kind.CARD_PURCHASE,
        receipt_no=receipt_no,
        hall_name=ctx.terminal.hall_name,
        terminal_id=ctx.terminal.terminal_id,
        clerk_id=req.clerk_id,
        issued_at=local_text(now),
        customer_no=customer.customer_no,
        customer_name=customer.name,
        address=customer.address,
        lines=(),
        late_fee_total_fen=0,
        waived_fen=0,
        waiver_reason="",
        total_fen=req.amount_fen,
        method=req.method.value,
        method_label=METHOD_LABELS[req.method],
        reference=reference,
        amount_fen=req.amount_fen,
        tendered_fen=tendered,
        change_fen=tendered - req.amount_fen,
        balance_before_fen=customer.balance_fen,
        balance_after_fen=customer.balance_fen,
        entry_id=entry.entry_id,
        entry_hash=entry.hash,
        qr_text=signed_qr(entry, receipt_no, req.amount_fen),
        card_purchase_count=wallet.purchase_count,
        card_amount_fen=wallet.purchase_fen,
        meter_no=image.meter_no,
    )
    uow.receipts.add(stored_receipt(receipt, entry.seq, shift.shift_id, day.isoformat()))
    uow.cards.add_write(
        CardWrite(
            receipt_no=receipt_no,
            kind=Kind.CARD_PURCHASE,
            customer_no=customer.customer_no,
            serial=wallet.serial,
            purchase_fen=wallet.purchase_fen,
            purchase_count=wallet.purchase_count,
            mac_hex=wallet.mac.hex(),
            state=PENDING,
            entry_seq=entry.seq,
            written_seq=None,
            created_at=utc_text(now),
        )
    )
    save_card_record(
        uow, image, now, last_purchase_count=wallet.purchase_count, last_purchase_fen=wallet.purchase_fen
    )
    return receipt, entry


def _write_and_confirm(
    ctx: Context, reader: CardReader, wallet: WalletWrite, receipt_no: str, clerk_id: str
) -> tuple[str, Phrase | None]:
    try:
        reader.write_wallet(wallet.serial, wallet.purchase_fen, wallet.purchase_count, wallet.mac)
        back = reader.read_card()
    except CardError as error:
        return PENDING, pending_phrase(phrase_of(error))
    if pending_write_state(back, wallet) != "on_card":
        return PENDING, pending_phrase(Phrase("card.readback_purchase"))
    with ctx.read() as uow:
        write = uow.cards.write_for(receipt_no)
    if write is not None:
        finish_write(ctx, write, clerk_id, WRITTEN, "written")
    return WRITTEN, None
