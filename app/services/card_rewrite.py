"""补写卡: finishing the card writes this counter still owes (DOMAIN.md "Prepaid IC cards").

A purchase (or a replacement card, 补卡) is committed with its money first and written to the card after; a
card error in between leaves the write pending. The next insertion of that card finishes it here: the same
count and the same amount, never charged twice; a write whose purchase was reversed meanwhile is cancelled.
"""

from __future__ import annotations

import datetime as dt

from app.card import WalletWrite, is_blank, pending_write_state
from app.errors import Refused
from app.journal import Entry, Kind
from app.messages import Phrase, coded
from app.ports import CardError, CardImage, CardReader
from app.services.context import Context, append_entry
from app.store import CardWrite, ReadUnitOfWork, UnitOfWork

WRITTEN, PENDING = "written", "pending"


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
            entry = written_entry(uow, ctx, write, clerk_id, how, now)
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
                            written_entry(
                                uow, ctx, old, clerk_id, "replacement", now, serial=write.serial
                            ).seq,
                        )
            uow.cards.settle_write(carried, WRITTEN, entry.seq)
        else:
            uow.cards.settle_write(write.receipt_no, "cancelled", None)
        uow.commit()
    return entry


def written_entry(
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


def pending_phrase(reason: Phrase) -> Phrase:
    """Why the card waits for 补写卡, and that the money is safe: `reason` is the card's or reader's refusal."""
    return Phrase("card.pending", {"reason_clause": reason})


def pending_writes(ctx: Context, customer_no: str | None = None) -> list[CardWrite]:
    """Card writes still owed (all, or one customer's): for the page and the shift close."""
    with ctx.read() as uow:
        return uow.cards.pending_for(customer_no=customer_no)
