"""May this card purchase be reversed? Only when the counter knows it is not on the card (issue 26).

A purchase written to its card (a card_written entry, or its write settled as written) is refused: the power
is in the meter or on its way there. A purchase whose write is still owed may have landed unseen (the card was
pulled after the load command reached the chip, the answer lost), so the void needs the card read now: the
customer's own card, the card the purchase was sold onto and not since replaced (a replacement carries the
purchases owed to the old card), its purchase count (购电次数) below the purchase's.
Then the void cancels the owed write in its own transaction, so the next insertion writes nothing. A card
holding the purchase records the write as found on the card (the same entry 补写卡 would make) and refuses.
"""

from __future__ import annotations

from app.card import WalletWrite, pending_write_state
from app.errors import Refused
from app.journal import Entry, Kind
from app.messages import coded
from app.ports import CardImage
from app.services.card_rewrite import PENDING, WRITTEN, finish_write
from app.services.context import Context
from app.services.shift_figures import purchase_key
from app.store import CardWrite, UnitOfWork


class FoundOnCard(Refused):
    """void.on_card from a card read: `write`, when the card holds exactly the owed write, is recorded as
    found on the card by the caller after the reversal's transaction rolled back (card_rewrite.finish_write),
    so the refused void commits no approval of its own."""

    write: CardWrite | None = None


def record_found(ctx: Context, found: FoundOnCard, clerk_id: str) -> None:
    if found.write is not None:
        finish_write(ctx, found.write, clerk_id, WRITTEN, "found_on_card")


def check_not_on_card(
    uow: UnitOfWork,
    original: Entry,
    receipt_no: str,
    card: CardImage | None,
) -> None:
    """Refuse unless the purchase is known to be absent from its card; then cancel its owed write (uncommitted:
    the reversal's transaction commits it with the refund). FoundOnCard: see record_found."""
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
    if uow.cards.retired_serials([card.serial]):  # a replacement card (补卡) carries the purchase now
        raise coded(Refused, "void.card_replaced", receipt_no=receipt_no, serial=card.serial)
    if card.purchase_count >= count:  # the purchase (or a later one) is on the card
        refused = coded(FoundOnCard, "void.on_card", receipt_no=receipt_no)
        if write is not None and write.state == PENDING:
            wallet = WalletWrite(
                write.serial, write.purchase_fen, write.purchase_count, bytes.fromhex(write.mac_hex)
            )
            if pending_write_state(card, wallet) == "on_card":  # what 补写卡 records on the same read
                refused.write = write
        raise refused
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
