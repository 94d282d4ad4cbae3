"""Where the simulation spares work the product does on purpose and the checks do not read (profiled on a
60-day × 6-terminal run; each is named in the README's simulation section).

- PINs are hashed with scrypt n = 2**10 instead of 2**14 for the run: the work factor is the product's
  defence against guessing a stolen hash, not logic under test; every PIN path (set, roam, check, lock-out)
  runs the same code, and verification reads n from the stored hash. At 2**14 each hash or check costs
  ~40 ms of CPU: 10 % of a run.
- The counter's day report, when invariant 5 reads it, does not re-verify the terminal's whole local journal
  (load_day_report calls verify_local, which re-reads and re-checks every entry's hash and signature: a cost
  that grows with the journal on every report). What it finds is `journal_problems`, a field invariant 5
  leaves out of the comparison; the chain itself is invariant 2's, checked entry by entry as it grows.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

SIM_SCRYPT_N = 2**10


@contextmanager
def cheap_pin_hashes() -> Iterator[None]:
    from app import auth

    defaults = auth.hash_pin.__kwdefaults__
    assert defaults is not None
    before = defaults["n"]
    defaults["n"] = SIM_SCRYPT_N
    try:
        yield
    finally:
        defaults["n"] = before


@contextmanager
def report_without_journal_check() -> Iterator[None]:
    import sys

    from app.services.shift_close import load_day_report
    from app.services.verify import VerifyReport

    module: Any = sys.modules[load_day_report.__module__]  # wherever the report is built, its own import

    def unchecked(ctx: Any, public_key: str | None = None) -> VerifyReport:
        return VerifyReport(0, "", None, False)

    before = module.verify_local
    module.verify_local = unchecked
    try:
        yield
    finally:
        module.verify_local = before
