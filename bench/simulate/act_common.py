"""What every family of counter actions shares (its own module, so actions.py and the act_*.py modules
import it and not each other): which customer comes to the counter, and what a printed receipt leaves behind
for invariant 6."""

from __future__ import annotations

import random
from typing import Any

from bench.simulate.world import Province, SimTerminal


def pick_customer(p: Province, t: SimTerminal, rng: random.Random) -> str:
    """Mostly the hall's own customers; one in five from anywhere in the province (they pay where they are)."""
    if rng.random() < 0.2:
        return rng.choice([c for h in p.halls for c in h.customers])
    return rng.choice(p.halls[t.hall].customers)


def printed(p: Province, t: SimTerminal, clerk: str, receipt: Any, *, voidable: bool = True) -> None:
    """A receipt handed to the customer: kept as they hold it (its QR text) for `verify-receipt`; a
    voidable one may be reversed later in the clerk's shift."""
    if voidable:
        t.receipts.append((receipt.receipt_no, clerk))
    p.printed.setdefault(t.tid, {})[receipt.receipt_no] = receipt.qr_text
    p.to_verify.add((t.tid, receipt.receipt_no))


# the journal kinds the day-end checks of act_wallets and act_cards read
CHECKED_KINDS = ("payment", "reversal", "wallet_attempt", "card_purchase", "card_written")
# (terminal, data directory) -> (last sequence read, its hash, entries of CHECKED_KINDS so far, by kind)
_READ: dict[tuple[str, str], tuple[int, str, dict[str, list[Any]]]] = {}


def entries_of(t: SimTerminal) -> dict[str, list[Any]]:
    """This counter's journal entries of CHECKED_KINDS, read on from where the last day's check stopped (a
    day-end check that read every journal whole would cost the square of the days). A journal that is not
    the one read before (a PC restored from head office, whose entry at that sequence differs or is gone)
    is read again from the start."""
    key = (t.tid, str(t.data_dir))
    seq, digest, found = _READ.get(key, (0, "", {}))
    with t.services.store.reader() as uow:
        if seq:
            at = uow.journal.get(seq)
            if at is None or at.hash != digest:
                seq, found = 0, {}
        found = {k: list(found.get(k, [])) for k in CHECKED_KINDS}
        for kind in CHECKED_KINDS:
            found[kind] += uow.journal.of_kind(kind, after_seq=seq)
        head, head_hash = uow.journal.head()
    _READ[key] = (head, head_hash, found)
    return found
