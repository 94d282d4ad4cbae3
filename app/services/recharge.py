"""IC-card purchase (IC卡购电) at the counter, and its recovery paths (DOMAIN.md "Prepaid IC cards").

- read_card_view: a card was inserted. Finish what this counter still owes that card first (补写卡: a
  purchase committed but not confirmed on the card is written again, same count, same amount, never
  charged twice), then say whose card it is, what the meter wrote back and how much may be sold.
- recharge: read, check, then ONE transaction with the money (journal card_purchase, receipt row,
  pending card write), then write the wallet, read it back, and record card_written. Any card error
  after the commit leaves the purchase pending: the next insertion of that card finishes it.
- replace_card (补卡) is in app/services/card_replace.py.

Card I/O goes through app.ports.CardReader (its own thread in the GUI); the master key is the terminal's.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.card import (
    CardCheck,
    WalletWrite,
    check_card,
    is_blank,
    pending_write_state,
    purchase_write,
)
from app.clock import local_text, utc_text
from app.errors import NotFound, Refused
from app.journal import Entry, Kind
from app.messages import Phrase, coded, phrase_of
from app.model import METHOD_LABELS, REFERENCE_HINTS, Customer, Method
from app.policy import Policy
from app.ports import CardError, CardImage, CardReader
from app.receipt import Receipt, next_receipt_no, signed_qr
from app.services.context import Context, append_entry
from app.services.payments import load_customer, open_shift_of, policy_of, quote_for, receipt_json
from app.store import CardRecord, CardWrite, ReadUnitOfWork, Shift, StoredReceipt, UnitOfWork
from app.tender import MAX_CHANGE_FEN, check_tender
from app.warnings import Warning, customer_warnings

WRITTEN, PENDING = "written", "pending"


@dataclass(frozen=True)
class CardView:
    """What the counter shows after a card is inserted."""

    image: CardImage
    check: CardCheck
    customer: Customer | None  # None for a blank card or a customer unknown here
    warnings: tuple[Warning, ...]
    hoard_fen: int  # the meter's balance + what is on the card and not yet loaded
    max_amount_fen: int  # the most that may be sold now (single-purchase and hoarding limits); 0 refuses
    completed: tuple[str, ...]  # receipts whose card write this insertion finished (补写卡)


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


# ------------------------------------------------------------------------------ reading a card


def read_card_view(
    ctx: Context, reader: CardReader, master_key: bytes, clerk_id: str, customer_no: str | None = None
) -> CardView:
    """Read the inserted card, finish its pending writes (补写卡), check it. Refuses only a conflict.

    The command line's whole insertion; the window runs its three parts apart: `inserted_card` on the card's
    thread, `card_view` on the store's reader, `remember_card` on its writer when `worth_remembering`."""
    image, completed = inserted_card(ctx, reader, master_key, clerk_id)
    view = card_view(ctx, image, master_key, completed, customer_no)
    if worth_remembering(view):
        remember_card(ctx, image)
    return view


def inserted_card(
    ctx: Context, reader: CardReader, master_key: bytes, clerk_id: str
) -> tuple[CardImage, tuple[str, ...]]:
    """The card I/O of an insertion: read the card and finish what this counter owes it (补写卡). Its card
    writes and their journal entries interleave in a fixed order, so all of it runs on the card's one thread."""
    return settle_pending(ctx, reader, master_key, reader.read_card(), clerk_id)


def worth_remembering(view: CardView) -> bool:
    """A good card (not blank, not retired, its own MAC) is kept: its counts and the meter's return-write."""
    return view.check.code in ("ok", "not_loaded")


def card_view(
    ctx: Context,
    image: CardImage,
    master_key: bytes,
    completed: tuple[str, ...] = (),
    customer_no: str | None = None,
) -> CardView:
    """Whose card this is, its warnings and how much may be sold: reads only (a read unit of work)."""
    with ctx.read() as uow:
        retired = uow.cards.retired_serials([image.serial])
        check = check_card(image, customer_no=customer_no, master_key=master_key, retired_serials=retired)
        if is_blank(image):
            return CardView(image, check, None, (), 0, 0, completed)
        customer = uow.customers.get(image.customer_no)
        policy = policy_of(uow)
        warnings: tuple[Warning, ...] = ()
        if customer is not None:
            quote = quote_for(uow, customer, ctx.today(), policy)
            warnings = tuple(customer_warnings(customer, quote, policy))
    hoard = hoarded_fen(check)
    allowed = max_amount(policy, hoard) if check.ok else 0
    return CardView(image, check, customer, warnings, hoard, allowed, completed)


def hoarded_fen(check: CardCheck) -> int:
    """The meter's balance (return-write) plus a purchase on the card the meter has not loaded yet."""
    balance = max(0, check.meter_balance_fen or 0)
    return balance + (0 if check.loaded else check.image.purchase_fen)


def max_amount(policy: Policy, hoard_fen: int) -> int:
    return max(0, min(policy.card_max_purchase_fen, policy.card_max_hoard_fen - hoard_fen))


# ------------------------------------------------------------------------------ 补写卡


def settle_pending(
    ctx: Context, reader: CardReader, master_key: bytes, image: CardImage, clerk_id: str
) -> tuple[CardImage, tuple[str, ...]]:
    """Finish every write this counter owes the card just read; returns the card as it is now and the
    receipts finished. A card error leaves the rest pending (raised); a mismatch refuses (Refused)."""
    with ctx.read() as uow:
        owed = uow.cards.pending_for(serial=image.serial)
        reversed_ = {w.receipt_no for w in owed if uow.receipts.reversed_by(w.receipt_no) is not None}
        meters = {w.receipt_no: _meter_of(uow, w) for w in owed if w.kind == Kind.CARD_REPLACED}
    done: list[str] = []
    for write in owed:
        wallet = WalletWrite(
            write.serial, write.purchase_fen, write.purchase_count, bytes.fromhex(write.mac_hex)
        )
        if write.kind == Kind.CARD_REPLACED:
            state = replacement_state(image, write, wallet)
        else:
            state = pending_write_state(image, wallet)
        if write.receipt_no in reversed_:
            if state == "on_card":
                raise coded(Refused, "card.reversed_on_card", receipt_no=write.receipt_no)
            finish_write(ctx, write, clerk_id, "cancelled", "")
            continue
        if state == "conflict":
            raise coded(
                Refused,
                "card.pending_conflict",
                receipt_no=write.receipt_no,
                purchase_count=write.purchase_count,
            )
        how = "found_on_card"
        if state != "on_card":
            if write.kind == Kind.CARD_REPLACED:
                reader.personalise(
                    write.serial,
                    write.customer_no,
                    meters[write.receipt_no],
                    wallet.purchase_fen,
                    wallet.purchase_count,
                    wallet.mac,
                )
            else:
                reader.write_wallet(wallet.serial, wallet.purchase_fen, wallet.purchase_count, wallet.mac)
            image = reader.read_card()
            ok = (
                replacement_state(image, write, wallet)
                if write.kind == Kind.CARD_REPLACED
                else pending_write_state(image, wallet)
            )
            if ok != "on_card":
                raise coded(CardError, "card.readback_mismatch", receipt_no=write.receipt_no)
            how = "rewritten"
        finish_write(ctx, write, clerk_id, WRITTEN, how)
        done.append(write.receipt_no)
    return image, tuple(done)


def _meter_of(uow: ReadUnitOfWork, write: CardWrite) -> str:
    """The meter number a replacement write personalises the card with (kept on its journal entry)."""
    entry = uow.journal.get(write.entry_seq)
    return str(entry.payload.get("meter_no", "")) if entry is not None else ""


def replacement_state(image: CardImage, write: CardWrite, wallet: WalletWrite) -> str:
    if image.serial != write.serial:
        return "conflict"
    if is_blank(image):
        return "needs_write"
    if image.customer_no == write.customer_no and (image.purchase_fen, image.purchase_count, image.mac) == (
        wallet.purchase_fen,
        wallet.purchase_count,
        wallet.mac,
    ):
        return "on_card"
    return "conflict"


def finish_write(ctx: Context, write: CardWrite, clerk_id: str, state: str, how: str) -> Entry | None:
    """Record a card write as written (journal card_written) or cancelled (its purchase was reversed)."""
    now = ctx.clock.now_utc()
    with ctx.uow() as uow:
        current = uow.cards.write_for(write.receipt_no)
        if current is None or current.state != PENDING:
            return None  # another window finished it
        entry = None
        if state == WRITTEN:
            entry = _written_entry(uow, ctx, write, clerk_id, how, now)
            carried = write.receipt_no
            if write.kind == Kind.CARD_REPLACED:
                # the purchases the replacement card carries are on a card now too
                original = uow.journal.get(write.entry_seq)
                for receipt_no in original.payload.get("carries", []) if original else []:
                    old = uow.cards.write_for(receipt_no)
                    if old is not None and old.state == PENDING:
                        uow.cards.settle_write(
                            receipt_no,
                            WRITTEN,
                            _written_entry(
                                uow, ctx, old, clerk_id, "replacement", now, serial=write.serial
                            ).seq,
                        )
            uow.cards.settle_write(carried, WRITTEN, entry.seq)
        else:
            uow.cards.settle_write(write.receipt_no, "cancelled", None)
        uow.commit()
    return entry


def _written_entry(
    uow: UnitOfWork,
    ctx: Context,
    write: CardWrite,
    clerk_id: str,
    how: str,
    now: dt.datetime,
    serial: str | None = None,
) -> Entry:
    original = uow.journal.get(write.entry_seq)
    shift_id = str(original.payload.get("shift_id", "")) if original is not None else ""
    payload = {
        "receipt_no": write.receipt_no,
        "purchase_kind": write.kind,
        "shift_id": shift_id,  # the purchase's shift: its close and the reversal hook look there
        "customer_no": write.customer_no,
        "serial": serial or write.serial,
        "purchase_fen": write.purchase_fen,
        "purchase_count": write.purchase_count,
        "how": how,  # written | rewritten (补写卡) | found_on_card | replacement
    }
    return append_entry(uow, ctx, Kind.CARD_WRITTEN, clerk_id, payload, now)


def remember_card(ctx: Context, image: CardImage) -> None:
    """Keep what the counter just read from a card (its counts and the meter's return-write)."""
    with ctx.uow() as uow:
        _remember_card(uow, image, ctx.clock.now_utc())
        uow.commit()


def _remember_card(uow: UnitOfWork, image: CardImage, now: dt.datetime, **changes: object) -> CardRecord:
    old = uow.cards.get(image.serial)
    rw = image.return_write
    card = CardRecord(
        serial=image.serial,
        customer_no=image.customer_no,
        meter_no=image.meter_no,
        state=old.state if old is not None else "active",
        last_purchase_count=max(image.purchase_count, old.last_purchase_count if old else 0),
        last_purchase_fen=image.purchase_fen
        if old is None or image.purchase_count >= old.last_purchase_count
        else old.last_purchase_fen,
        meter_balance_fen=rw.remaining_fen if rw is not None else (old.meter_balance_fen if old else None),
        meter_count=rw.meter_count if rw is not None else (old.meter_count if old else None),
        meter_time=rw.written_at if rw is not None else (old.meter_time if old else None),
        replaced_by=old.replaced_by if old is not None else None,
        updated_at=utc_text(now),
    )
    card = replace(card, **changes)  # type: ignore[arg-type]
    uow.cards.save(card)
    return card


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
    uow.receipts.add(
        StoredReceipt(
            receipt_no=receipt_no,
            entry_seq=entry.seq,
            kind=Kind.CARD_PURCHASE,
            customer_no=customer.customer_no,
            shift_id=shift.shift_id,
            method=req.method.value,
            amount_fen=req.amount_fen,
            business_day=day.isoformat(),
            issued_at=receipt.issued_at,
            body=receipt_json(receipt),
            print_state="pending",
            print_reason="",
            print_count=0,
        )
    )
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
    _remember_card(
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


def pending_phrase(reason: Phrase) -> Phrase:
    """Why the card waits for 补写卡, and that the money is safe: `reason` is the card's or reader's refusal."""
    return Phrase("card.pending", {"reason_clause": reason})


def pending_writes(ctx: Context, customer_no: str | None = None) -> list[CardWrite]:
    """Card writes still owed (all, or one customer's): for the page and the shift close."""
    with ctx.read() as uow:
        return uow.cards.pending_for(customer_no=customer_no)


def find_customer(ctx: Context, customer_no: str) -> Customer:
    with ctx.read() as uow:
        customer = uow.customers.get(customer_no.strip())
    if customer is None:
        raise coded(NotFound, "customer.no_such", customer_no=customer_no.strip() or "—")
    return customer
