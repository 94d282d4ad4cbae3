"""SQLite implementation of app.store.CardRepo: the cards seen or issued here and the writes owed to them; and
the pull's side of the card writes the hall's other counters owe (l0011, db/central/pull_cards.py)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, delete, insert, select, update

from app.card import OwedWrite
from app.store import CardRecord, CardWrite
from db.local_schema import card_owed_elsewhere, card_writes, cards


def _card(row: Any) -> CardRecord:
    return CardRecord(**{k: getattr(row, k) for k in CardRecord.__dataclass_fields__})


def _write(row: Any) -> CardWrite:
    return CardWrite(**{k: getattr(row, k) for k in CardWrite.__dataclass_fields__})


class SqlCards:
    def __init__(self, conn: Connection) -> None:
        self._c = conn

    def get(self, serial: str) -> CardRecord | None:
        row = self._c.execute(select(cards).where(cards.c.serial == serial)).first()
        return _card(row) if row is not None else None

    def active_for(self, customer_no: str) -> list[CardRecord]:
        rows = self._c.execute(
            select(cards)
            .where(cards.c.customer_no == customer_no, cards.c.state == "active")
            .order_by(cards.c.updated_at.desc(), cards.c.serial)
        )
        return [_card(r) for r in rows]

    def save(self, card: CardRecord) -> None:
        values = {k: getattr(card, k) for k in CardRecord.__dataclass_fields__}
        self._c.execute(delete(cards).where(cards.c.serial == card.serial))
        self._c.execute(insert(cards).values(**values))

    def retired_serials(self, serials: Iterable[str]) -> set[str]:
        wanted = sorted(set(serials))
        if not wanted:
            return set()
        rows = self._c.execute(
            select(cards.c.serial).where(cards.c.serial.in_(wanted), cards.c.state == "retired")
        )
        return {r.serial for r in rows}

    def add_write(self, write: CardWrite) -> None:
        self._c.execute(
            insert(card_writes).values(**{k: getattr(write, k) for k in CardWrite.__dataclass_fields__})
        )

    def write_for(self, receipt_no: str) -> CardWrite | None:
        row = self._c.execute(select(card_writes).where(card_writes.c.receipt_no == receipt_no)).first()
        return _write(row) if row is not None else None

    def pending_for(self, *, serial: str | None = None, customer_no: str | None = None) -> list[CardWrite]:
        q = select(card_writes).where(card_writes.c.state == "pending")
        if serial is not None:
            q = q.where(card_writes.c.serial == serial)
        if customer_no is not None:
            q = q.where(card_writes.c.customer_no == customer_no)
        return [_write(r) for r in self._c.execute(q.order_by(card_writes.c.entry_seq))]

    def settle_write(self, receipt_no: str, state: str, written_seq: int | None) -> None:
        if state not in ("written", "cancelled"):
            raise ValueError(f"a card write settles as written or cancelled, not {state!r}")
        done = self._c.execute(
            update(card_writes)
            .where(card_writes.c.receipt_no == receipt_no, card_writes.c.state == "pending")
            .values(state=state, written_seq=written_seq)
        )
        if done.rowcount != 1:
            raise ValueError(f"card write {receipt_no} is not pending")

    def owed_elsewhere(self, serial: str) -> list[OwedWrite]:
        rows = self._c.execute(
            select(card_owed_elsewhere)
            .where(card_owed_elsewhere.c.serial == serial)
            .order_by(card_owed_elsewhere.c.receipt_no)
        )
        return [OwedWrite(**{k: getattr(r, k) for k in OwedWrite.__dataclass_fields__}) for r in rows]


OWED, DONE = "owed", "done"  # a pulled card row: a write still owed at its counter, or one finished there


def apply_owed_cards(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """One pulled page of a counter's card writes (db/central/pull_cards.py), in its journal's order: a write
    owed is kept (again: a page may come twice), a write done (card_written, or the purchase reversed) goes."""
    t = card_owed_elsewhere
    fields = [c.name for c in t.columns]
    for r in rows:
        receipt_no = str(r["receipt_no"])
        conn.execute(delete(t).where(t.c.receipt_no == receipt_no))
        if r.get("state") == OWED:
            conn.execute(insert(t).values(**{k: r[k] for k in fields}))
