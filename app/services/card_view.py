"""What an inserted IC card says at the counter (DOMAIN.md "Prepaid IC cards").

An insertion first finishes what this counter owes the card (补写卡, app/services/card_rewrite.py), then
says whose card it is, what the meter wrote back and how much may be sold (nothing while another counter of the
hall owes the card a write, as last pulled: app/card.with_owed_elsewhere); a good card is remembered
(its counts and the meter's return-write) for the purchase and the reports.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from app.card import CardCheck, check_card, is_blank, with_owed_elsewhere
from app.clock import utc_text
from app.model import Customer
from app.policy import Policy
from app.ports import CardImage, CardReader
from app.services.card_rewrite import settle_pending
from app.services.context import Context
from app.services.payments import policy_of, quote_for
from app.store import CardRecord, UnitOfWork
from app.warnings import Warning, customer_warnings


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
    """A good card (not blank, not retired, its own MAC; owed a write elsewhere too) is kept: its counts and the meter's return-write."""
    return view.check.code in ("ok", "not_loaded", "owed_elsewhere")


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
        check = with_owed_elsewhere(check, uow.cards.owed_elsewhere(image.serial), ctx.terminal.terminal_id)
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


def remember_card(ctx: Context, image: CardImage) -> None:
    """Keep what the counter just read from a card (its counts and the meter's return-write)."""
    with ctx.uow() as uow:
        save_card_record(uow, image, ctx.clock.now_utc())
        uow.commit()


def save_card_record(uow: UnitOfWork, image: CardImage, now: dt.datetime, **changes: object) -> CardRecord:
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
