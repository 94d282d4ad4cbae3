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
