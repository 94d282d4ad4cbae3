"""IC-card recharges (购电) of prepaid customers on each counter's simulated card reader, through the same
services as the counter's recharge page and `card` commands (app/services/recharge.py).

Each prepaid customer has one card (a card file under the run's directory: the same chip at every counter
of the province, all of them configured with the province's master key) and a meter at home that loads it.
Between two visits the customer inserts the card into the meter (it spends what was used, loads the last
purchase and writes its balance back), as the hoarding and not-loaded rules assume. At the counter the card
is read (which finishes a write this counter owes: 补写卡), then a purchase is sold. Now and then the
customer pulls the card out during the write: before the load command reached the chip (the card is one
purchase behind) or after (the purchase is on the card, its answer lost). The money is kept either way and
the write stays owed to this counter; the customer reinserts the card at once, or comes back another day, and
the insertion finishes it without a second payment. Another counter of the hall that pulled the owed write
refuses to sell over it and sends the customer to the owing counter (counter_for, go_back).

`check_cards` is the rule at day end: each purchase is on the card exactly once: the card's purchase count
equals the purchases the journals wrote to it, and every purchase still owed is the card's next.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from pathlib import Path
from typing import Any

from app.errors import HallPayError
from app.journal import Kind
from app.model import Method
from bench.simulate.act_common import entries_of, printed
from bench.simulate.day import Day
from bench.simulate.world import Province, SimTerminal

PULLED = 0.12  # the chance the customer pulls the card during the write
REINSERT_AT_ONCE = 0.6  # ... and gives it back at once (else: another day, at this counter)
# A purchase whose write is owed may be voided: the clerk reads the customer's card at the void (read_for_void),
# which refuses when the write landed unseen (seed 11, 2026-12-28: refunded while on the card, before the void
# needed the card) and cancels the owed write when it did not.
VOID_PENDING = True


class SnatchingReader:
    """The counter's reader, through which the customer pulls the card out during the wallet write: before
    the chip got the load command (APDU 2 of select + load) or after it (the answer is lost)."""

    def __init__(self, reader: Any, when: str) -> None:
        self.reader, self.when = reader, when

    def __getattr__(self, name: str) -> Any:
        return getattr(self.reader, name)

    def write_wallet(self, serial: str, purchase_fen: int, purchase_count: int, mac: bytes) -> None:
        if self.when == "before":
            self.reader.pull_card_at(before=2)
        else:
            self.reader.pull_card_at(after=2)
        self.reader.write_wallet(serial, purchase_fen, purchase_count, mac)


def prepaid(p: Province) -> list[str]:
    return sorted(c for c, row in p.customer_rows.items() if row.get("prepaid"))


def card_of(p: Province, cno: str) -> Path:
    """The customer's card, issued (count 0) the first time it is needed."""
    from cardreader.factory import simulated_card

    if cno not in p.cards:
        p.cards[cno] = simulated_card(
            p.base / "cards-issued", cno, p.customer_rows[cno]["meter_no"], p.card_key
        )
    return p.cards[cno]


def at_home(p: Province, cno: str, rng: random.Random) -> str:
    """The card in the meter: it spends what was used since, loads a new purchase, writes its balance back."""
    from app.card import meter_insert
    from cardreader.sim_cli import _meter_for
    from cardreader.virtual_card import load_state, save_state

    path = card_of(p, cno)
    state = load_state(path)
    meter = _meter_for(state)
    used = rng.randint(0, max(meter.balance_fen, 0))
    when = p.clock.now_utc().strftime("%Y%m%d%H%M%S")
    result = meter_insert(meter, state.image(), now=when, master_key=p.card_key, used_fen=used)
    state.return_write, state.meter = result.card.return_write, result.meter
    save_state(path, state)
    return result.outcome


def counter_for(p: Province, cno: str, default: SimTerminal) -> SimTerminal:
    """The counter a customer whose card a counter still owes a write is served at: the one they walked up
    to when it has pulled the owed write (it refuses to sell over it and sends them on: recharge_visit), else
    the owing counter, as the pending purchase's receipt tells them. A counter that has not pulled since the
    owing one pushed cannot know (the offline limitation, docs/guide.md "IC卡购电"): it would sell the same count again."""
    owed = p.card_owed.get(cno)
    owing = next((t for t in p.terminals() if t.tid == owed), None)
    if owing is None or owing is default or knows_owed(p, default, cno, owing.tid):
        return default
    return owing


def knows_owed(p: Province, t: SimTerminal, cno: str, owing: str) -> bool:
    from cardreader.virtual_card import load_state

    serial = load_state(card_of(p, cno)).serial
    with t.services.store.reader() as uow:
        return any(w.terminal_id == owing for w in uow.cards.owed_elsewhere(serial))


def go_back(
    p: Province, owing: str, clerk_of: Callable[[SimTerminal], str | None], cno: str, day: Day
) -> None:
    """Sent on by a counter that knows another owes the card a write: the customer inserts it there (补写卡)."""
    from app.services.card_view import read_card_view

    t = next((x for x in p.terminals() if x.tid == owing), None)
    clerk = clerk_of(t) if t is not None else None
    if t is None or clerk is None:  # that counter is closed today: another day
        return
    reader: Any = t.services.card_reader()
    reader.insert(card_of(p, cno))
    try:
        rewritten(p, t, cno, read_card_view(t.ctx, reader, p.card_key, clerk, cno).completed, day)
    except HallPayError as refused:
        day.note(f"{t.tid} {clerk} card {cno}: refused ({refused})", "refused")
    finally:
        reader.remove()


def recharge_visit(
    p: Province, t: SimTerminal, clerk_of: Callable[[SimTerminal], str | None], rng: random.Random, day: Day
) -> None:
    """A prepaid customer of this hall buys electricity onto their card."""
    from app.services.card_view import read_card_view
    from app.services.recharge import RechargeRequest, recharge

    customers = [c for c in prepaid(p) if c in p.halls[t.hall].customers]
    if not customers:
        return
    cno = rng.choice(customers)
    t = counter_for(p, cno, t)
    clerk = clerk_of(t)
    if clerk is None:
        return
    if cno not in p.card_owed and rng.random() < 0.8:
        day.note(f"{cno} card into the meter: {at_home(p, cno, rng)}", "meter_insert")
    reader: Any = t.services.card_reader()  # the simulated one (config.toml [card] kind)
    reader.insert(card_of(p, cno))
    owing = ""
    try:
        view = read_card_view(t.ctx, reader, p.card_key, clerk, cno)
        rewritten(p, t, cno, view.completed, day)
        if view.check.code == "owed_elsewhere":  # another counter owes the card a write: sent there
            owing = str(view.check.params["terminal_id"])
            day.note(f"{t.tid} {clerk} card {cno}: {owing} owes it a write", "card_owed_elsewhere")
            return
        if not view.check.ok or view.max_amount_fen <= 0:
            day.note(
                f"{t.tid} {clerk} card of {cno}: {view.check.code}, most {view.max_amount_fen}",
                "card_refused",
            )
            return
        amount = min(view.max_amount_fen, rng.randint(5, 100) * 1000)
        method = rng.choice([Method.CASH, Method.CASH, Method.BANKCARD])
        tendered = -(-amount // 10000) * 10000 if method is Method.CASH and rng.random() < 0.5 else None
        ref = "" if method is Method.CASH else f"BA{t.tid}{day.day:%m%d}{rng.randint(0, 99999)}"
        snatch = rng.random() < PULLED
        used = SnatchingReader(reader, rng.choice(["before", "after"])) if snatch else reader
        result = recharge(
            t.ctx,
            used,
            p.card_key,
            RechargeRequest(cno, amount, method, clerk, tendered, ref),
        )
        printed(p, t, clerk, result.receipt, voidable=VOID_PENDING or result.card_state == "written")
        rewritten(p, t, cno, result.completed, day)
        day.note(
            f"{t.tid} {clerk} card {cno} {amount} #{result.purchase_count} {result.receipt.receipt_no} "
            f"{result.card_state}" + (f" (pulled {used.when})" if snatch else ""),
            "card_purchase" if result.card_state == "written" else "card_write_pending",
        )
        if result.card_state != "written":
            p.card_owed[cno] = t.tid
            if rng.random() < REINSERT_AT_ONCE:
                reader.insert(card_of(p, cno))
                again = read_card_view(t.ctx, reader, p.card_key, clerk, cno)
                rewritten(p, t, cno, again.completed, day)
    except HallPayError as refused:
        day.note(f"{t.tid} {clerk} card {cno}: refused ({refused})", "refused")
    finally:
        reader.remove()
        if owing:
            go_back(p, owing, clerk_of, cno, day)


def read_for_void(p: Province, t: SimTerminal, receipt_no: str) -> Any:
    """The customer's card as the clerk reads it before voiding a card purchase (None for a payment)."""
    with t.services.store.reader() as uow:
        receipt = uow.receipts.get(receipt_no)
    if receipt is None or receipt.kind != Kind.CARD_PURCHASE:
        return None
    reader: Any = t.services.card_reader()  # the simulated one
    reader.insert(card_of(p, receipt.customer_no))
    try:
        return reader.read_card()
    finally:
        reader.remove()


def rewritten(p: Province, t: SimTerminal, cno: str, completed: tuple[str, ...], day: Day) -> None:
    if completed:
        p.card_owed.pop(cno, None)
        day.note(f"{t.tid} 补写卡 {cno}: {', '.join(completed)}", "card_rewritten")


# ------------------------------------------------------------------------------ exactly once on the card


def check_cards(p: Province) -> list[str]:
    """Each purchase is on its card exactly once: the card's count is the purchases written to it, the ones
    still owed are its next ones, and no count is sold twice. Reads the counters' own journals and card
    writes (a purchase is at head office only once its counter synced)."""
    from cardreader.virtual_card import load_state

    sold: list[tuple[str, int, str, str]] = []  # (serial, count, receipt no, its card write's state)
    written: set[str] = set()  # receipt nos a card_written entry names (the journal: a restored PC has it)
    reversed_: set[str] = set()
    for t in p.terminals():
        read = entries_of(t)
        reversed_ |= {str(e.payload.get("receipt_no")) for e in read[Kind.REVERSAL]}
        written |= {str(e.payload.get("receipt_no")) for e in read[Kind.CARD_WRITTEN]}
        with t.services.store.reader() as uow:  # an owed write's state now (the few not written yet)
            for e in read[Kind.CARD_PURCHASE]:
                receipt_no = str(e.payload["receipt_no"])
                write = None if receipt_no in written else uow.cards.write_for(receipt_no)
                state = "written" if receipt_no in written else write.state if write else "?"
                sold.append((str(e.payload["serial"]), int(e.payload["purchase_count"]), receipt_no, state))
    purchases: dict[str, list[tuple[int, str, str]]] = {}  # serial -> (count, receipt no, state)
    for serial, count, receipt_no, state in sold:
        state = "reversed" if receipt_no in reversed_ else "written" if receipt_no in written else state
        purchases.setdefault(serial, []).append((count, receipt_no, state))
    problems = []
    for cno, path in sorted(p.cards.items()):
        card = load_state(path)
        mine = purchases.get(card.serial, [])
        live = sorted((c, r, s) for c, r, s in mine if s != "reversed")
        counts = [c for c, _r, _s in live]
        if len(set(counts)) != len(counts):
            problems.append(f"C: card {card.serial} of {cno}: a purchase count sold twice: {live}")
        on_card = [c for c, _r, s in live if s == "written"]
        owed = [c for c, _r, s in live if s == "pending"]
        lost = [r for _c, r, s in live if s not in ("written", "pending")]
        if lost:
            problems.append(f"C: card {card.serial} of {cno}: purchases neither written nor owed: {lost}")
        if card.purchase_count not in (len(on_card), len(on_card) + len(owed)):
            problems.append(
                f"C: card {card.serial} of {cno} holds {card.purchase_count} purchases, the journals "
                f"wrote {len(on_card)} and owe {len(owed)}: {live}"
            )
        if owed and sorted(owed) != list(range(len(on_card) + 1, len(on_card) + len(owed) + 1)):
            problems.append(f"C: card {card.serial} of {cno}: owed writes are not its next ones: {live}")
        for c, r, s in mine:
            if s == "reversed" and c == card.purchase_count and c not in counts:
                problems.append(
                    f"C: card {card.serial} of {cno}: purchase {r} (#{c}) reversed but on the card"
                )
    return problems
