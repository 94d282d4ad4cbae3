"""补卡: a replacement for a lost IC card (DOMAIN.md "Prepaid IC cards").

A blank card gets the customer's last purchase (count unchanged: reporting a card lost gains nothing),
or the purchase still owed to the old card; the old serials are retired and a fee from policy is taken
in the clerk's shift, all in one transaction before the card is written. A card error after that
leaves the write pending, finished by the next insertion (app/services/card_rewrite.settle_pending).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.card import CardIdentity, is_blank, sign_wallet
from app.clock import utc_text
from app.errors import Refused
from app.journal import Entry, Kind
from app.messages import Phrase, coded, phrase_of
from app.model import Method
from app.ports import CardError, CardReader
from app.receipt import next_receipt_no
from app.services.card_rewrite import (
    PENDING,
    WRITTEN,
    finish_write,
    pending_phrase,
    replacement_state,
    settle_pending,
)
from app.services.context import Context, append_entry
from app.services.payments import open_shift_of, policy_of
from app.services.recharge import prepaid_customer, take_money
from app.store import CardRecord, CardWrite


@dataclass(frozen=True)
class ReplaceRequest:
    customer_no: str
    clerk_id: str
    method: Method = Method.CASH
    tendered_fen: int | None = None
    reference: str = ""


@dataclass(frozen=True)
class ReplaceResult:
    entry: Entry
    receipt_no: str
    new_serial: str
    retired: tuple[str, ...]
    purchase_fen: int
    purchase_count: int
    fee_fen: int
    tendered_fen: int
    change_fen: int
    card_state: str
    card_message: str
    card_why: Phrase | None = None  # card_message as a code (app/services/card_rewrite.pending_phrase)


def replace_card(ctx: Context, reader: CardReader, master_key: bytes, req: ReplaceRequest) -> ReplaceResult:
    """Issue the inserted blank card to the customer with their last purchase; retire their old cards."""
    image = reader.read_card()
    image, _ = settle_pending(ctx, reader, master_key, image, req.clerk_id)
    if not is_blank(image):
        raise coded(Refused, "card.replace_not_blank")
    now = ctx.clock.now_utc()
    with ctx.uow() as uow:
        customer = prepaid_customer(uow, req.customer_no)
        if not customer.meter_no:
            raise coded(Refused, "card.replace_no_meter", customer_no=customer.customer_no)
        policy = policy_of(uow)
        shift = open_shift_of(uow, req.clerk_id, ctx.today())
        if uow.cards.get(image.serial) is not None:
            raise coded(Refused, "card.replace_serial_used")
        fee = policy.card_replacement_fee_fen
        tendered = take_money(req.method, fee, req.tendered_fen, req.reference) if fee else 0
        old_cards = uow.cards.active_for(customer.customer_no)
        owed = uow.cards.pending_for(customer_no=customer.customer_no)
        carries = [
            w for w in owed if w.kind == Kind.CARD_PURCHASE and uow.receipts.reversed_by(w.receipt_no) is None
        ]
        if carries:
            last_fen, last_count = carries[-1].purchase_fen, carries[-1].purchase_count
        elif old_cards:
            best = max(old_cards, key=lambda c: c.last_purchase_count)
            last_fen, last_count = best.last_purchase_fen, best.last_purchase_count
        else:
            last_fen, last_count = 0, 0
        identity = CardIdentity(image.serial, customer.customer_no, customer.meter_no)
        wallet = sign_wallet(identity, last_fen, last_count, master_key)
        day = ctx.today()
        receipt_no = next_receipt_no(uow.receipts, ctx.terminal.terminal_id, day)
        payload = {
            "receipt_no": receipt_no,
            "customer_no": customer.customer_no,
            "shift_id": shift.shift_id,
            "business_day": day.isoformat(),
            "serial": image.serial,
            "meter_no": customer.meter_no,
            "retired_serials": [c.serial for c in old_cards],
            "purchase_fen": last_fen,
            "purchase_count": last_count,
            "mac": wallet.mac.hex(),
            "carries": [w.receipt_no for w in carries],
            "fee_fen": fee,
            "method": req.method.value,
            "reference": req.reference.strip(),
            "tendered_fen": tendered,
            "change_fen": tendered - fee,
        }
        entry = append_entry(uow, ctx, Kind.CARD_REPLACED, req.clerk_id, payload, now)
        for old in old_cards:
            uow.cards.save(replace(old, state="retired", replaced_by=image.serial, updated_at=utc_text(now)))
        uow.cards.save(
            CardRecord(
                image.serial,
                customer.customer_no,
                customer.meter_no,
                "active",
                last_count,
                last_fen,
                None,
                None,
                None,
                None,
                utc_text(now),
            )
        )
        write = CardWrite(
            receipt_no,
            Kind.CARD_REPLACED,
            customer.customer_no,
            image.serial,
            last_fen,
            last_count,
            wallet.mac.hex(),
            PENDING,
            entry.seq,
            None,
            utc_text(now),
        )
        uow.cards.add_write(write)
        uow.commit()
    state, why = PENDING, None
    try:
        reader.personalise(
            image.serial, customer.customer_no, customer.meter_no, last_fen, last_count, wallet.mac
        )
        back = reader.read_card()
        if replacement_state(back, write, wallet) == "on_card":
            finish_write(ctx, write, req.clerk_id, WRITTEN, "written")
            state = WRITTEN
        else:
            why = pending_phrase(Phrase("card.readback_replace"))
    except CardError as error:
        why = pending_phrase(phrase_of(error))
    return ReplaceResult(
        entry,
        receipt_no,
        image.serial,
        tuple(c.serial for c in old_cards),
        last_fen,
        last_count,
        fee,
        tendered,
        tendered - fee,
        state,
        str(why) if why else "",
        why,
    )
