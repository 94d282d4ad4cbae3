"""Helpers for the recharge tests (unit, integration, e2e, ui): a demo terminal's card key, cards, readers."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from app.card import CardIdentity, MeterState, sign_wallet
from app.journal import Kind
from app.model import Method
from app.services.recharge import RechargeRequest
from cardreader.sim_cli import default_serial, insert_into_meter
from cardreader.virtual_card import issue_state, load_state, save_state

LI = "1000000003"  # 李建国, the prepaid showcase customer
LI_METER = "M1000000003"


def card_key(wiring: Any) -> bytes:
    return wiring.card_key()


def issue_card(
    path: Path, key: bytes, customer_no: str = LI, meter_no: str = LI_METER, serial: str | None = None
) -> Path:
    identity = CardIdentity(serial or default_serial(customer_no), customer_no, meter_no)
    state = issue_state(identity, sign_wallet(identity, 0, 0, key).mac)
    state.meter = MeterState(meter_no)
    save_state(path, state)
    return path


def blank_card(path: Path, serial: str) -> Path:
    state = issue_state(CardIdentity(serial, "", ""), bytes(8))
    state.customer_no = state.meter_no = ""
    save_state(path, state)
    return path


def tamper(path: Path) -> None:
    """Raise the wallet's amount without the key: the MAC no longer matches."""
    state = load_state(path)
    save_state(path, replace(state, purchase_fen=state.purchase_fen + 100000))


def meter(path: Path, key: bytes) -> str:
    return insert_into_meter(path, key)


def req(amount_fen: int, customer_no: str = LI, **kw: Any) -> RechargeRequest:
    return RechargeRequest(
        customer_no=customer_no,
        amount_fen=amount_fen,
        method=kw.pop("method", Method.CASH),
        clerk_id=kw.pop("clerk_id", "C01"),
        **kw,
    )


def money_rows(wiring: Any) -> dict[str, Any]:
    """What a refusal must leave unchanged: journal head, receipts, card writes."""
    with wiring.store.uow() as uow:
        head = uow.journal.head()
        purchases = uow.journal.of_kind(Kind.CARD_PURCHASE)
        writes = uow.cards.pending_for()
    return {"head": head, "purchases": len(purchases), "pending": len(writes)}


def purchases(wiring: Any) -> list[Any]:
    with wiring.store.uow() as uow:
        return uow.journal.of_kind(Kind.CARD_PURCHASE)


def written(wiring: Any) -> list[Any]:
    with wiring.store.uow() as uow:
        return uow.journal.of_kind(Kind.CARD_WRITTEN)


def pending(wiring: Any) -> list[Any]:
    with wiring.store.uow() as uow:
        return uow.cards.pending_for()


class PullAcross:
    """Wraps SimulatedCardReader: pull the card before/after the Nth APDU counted across operations
    (read 5, write 2, personalise 2), as a customer snatching it mid-recharge; once, then pass-through."""

    SIZES = {"read_card": 5, "write_wallet": 2, "personalise": 2}

    def __init__(self, inner: Any, *, before: int | None = None, after: int | None = None) -> None:
        self.inner, self.before, self.after, self.done = inner, before, after, 0

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self.inner, name)
        size = self.SIZES.get(name)
        if size is None:
            return attr

        def op(*args: Any) -> Any:
            start = self.done
            self.done += size
            for which in ("before", "after"):
                n = getattr(self, which)
                if n is not None and start < n <= start + size:
                    self.inner.pull_card_at(**{which: n - start})
            return attr(*args)

        return op
