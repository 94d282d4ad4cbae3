"""May this card purchase be reversed? Only when the counter knows it is not on the card (issue 26).

A purchase written to its card (a card_written entry, or its write settled as written) is refused: the power
is in the meter or on its way there. A purchase whose write is still owed may have landed unseen (the card was
pulled after the load command reached the chip, the answer lost), so the void needs the card read now: the
customer's own card, the card the purchase was sold onto, its purchase count (购电次数) below the purchase's.
Then the void cancels the owed write in its own transaction, so the next insertion writes nothing. A card
holding the purchase records the write as found on the card (the same entry 补写卡 would make) and refuses.
"""

from __future__ import annotations

import datetime as dt

from app.card import WalletWrite, pending_write_state
from app.errors import Refused
from app.journal import Entry, Kind
from app.messages import coded
from app.ports import CardImage
from app.services.card_rewrite import PENDING, WRITTEN, written_entry
from app.services.context import Context
from app.services.shift_figures import purchase_key
from app.store import UnitOfWork


def check_not_on_card(
    uow: UnitOfWork,
    ctx: Context,
    original: Entry,
    receipt_no: str,
    card: CardImage | None,
    clerk_id: str,
    now: dt.datetime,
) -> None:
    """Refuse unless the purchase is known to be absent from its card; then cancel its owed write (uncommitted:
    the reversal's transaction commits it with the refund). A write found on the card is committed here."""
    _check_not_written(uow, original, receipt_no)
    write = uow.cards.write_for(receipt_no)
    if write is not None and write.state == WRITTEN:
        raise coded(Refused, "void.on_card", receipt_no=receipt_no)
    p = original.payload
    customer_no = str(p.get("customer_no", ""))
    serial = write.serial if write is not None else str(p.get("serial", ""))
    count = write.purchase_count if write is not None else int(p.get("purchase_count", 0))
    if card is None:
        raise coded(Refused, "void.card_needed", receipt_no=receipt_no)
    if card.customer_no != customer_no or (serial and card.serial != serial):
        raise coded(
            Refused,
            "void.card_other",
            receipt_no=receipt_no,
            customer_no=customer_no,
            card_customer=card.customer_no or "—",
        )
    if card.purchase_count >= count:  # the purchase (or a later one) is on the card
        if write is not None and write.state == PENDING:
            wallet = WalletWrite(
                write.serial, write.purchase_fen, write.purchase_count, bytes.fromhex(write.mac_hex)
            )
            if pending_write_state(card, wallet) == "on_card":  # what 补写卡 records on the same read
                entry = written_entry(uow, ctx, write, clerk_id, "found_on_card", now)
                uow.cards.settle_write(receipt_no, WRITTEN, entry.seq)
                uow.commit()
        raise coded(Refused, "void.on_card", receipt_no=receipt_no)
    if write is not None and write.state == PENDING:
        uow.cards.settle_write(receipt_no, "cancelled", None)  # never written by a later insertion


def _check_not_written(uow: UnitOfWork, original: Entry, receipt_no: str) -> None:
    """A card_written entry of this purchase in its shift: it is on the card."""
    key = purchase_key(original.payload, original)
    for entry in uow.journal.for_shifts([str(original.payload.get("shift_id", ""))]):
        if entry.kind == Kind.CARD_WRITTEN and key in (
            entry.payload.get("purchase_id"),
            entry.payload.get("receipt_no"),
        ):
            raise coded(Refused, "void.on_card", receipt_no=receipt_no)


def card_purchase_customer(ctx: Context, receipt_no: str) -> str | None:
    """The customer of a card purchase receipt (whose card the caller reads before the void); None otherwise."""
    with ctx.read() as uow:
        receipt = uow.receipts.get(receipt_no.strip())
    return receipt.customer_no if receipt is not None and receipt.kind == Kind.CARD_PURCHASE else None
