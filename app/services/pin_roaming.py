"""A clerk's PIN belongs to the hall, not to one PC (issue 27).

On a production terminal of a hall, every PIN set here (the clerk's own, replacing head office's one-time
PIN or an older own PIN, or one an admin set) is also a `pin_set` journal entry: its scrypt hash (never the
PIN), the one-time issue it was based on, and whether it used up a one-time PIN. The journal carries it to
head office exactly once, signed by this terminal; head office keeps the newest per clerk
(db/central/clerk_pins.py) and every counter of the hall pulls it (db/clerk_pull.py), so the clerk's PIN
works at every counter after their sync, and head office's one-time PIN is dead there too. The time it was
set is kept here (meta clerk.pin_mark.<id>: version, when, where): a pulled PIN older than the one held
here never replaces it. Versions, not clocks, order them: two PCs' clocks disagree.

A demo or training terminal keeps its PINs to itself (its clerks are not the hall's).
"""

from __future__ import annotations

from app.journal import Kind
from app.provisioning import HALL_ID, MODE, pin_issue_key, pin_mark, pin_mark_key, pin_version
from app.services.context import Context, append_entry
from app.store import UnitOfWork


def roams(uow: UnitOfWork) -> bool:
    return bool(uow.settings.get(HALL_ID)) and uow.settings.get(MODE) == "production"


def journal_pin(uow: UnitOfWork, ctx: Context, clerk_id: str, pin_hash: str, *, one_time: bool) -> None:
    """Inside the caller's write: the pin_set entry, and when this PIN was set here."""
    if not roams(uow):
        return
    issue = int(uow.settings.get(pin_issue_key(clerk_id)) or 0)
    version = pin_version(uow.settings.get(pin_mark_key(clerk_id))) + 1
    payload = {
        "clerk_id": clerk_id,
        "pin_hash": pin_hash,
        "issue": issue,
        "version": version,
        "one_time": one_time,
    }
    entry = append_entry(uow, ctx, Kind.PIN_SET, clerk_id, payload, ctx.clock.now_utc())
    uow.settings.set(pin_mark_key(clerk_id), pin_mark(version, entry.created_at, ctx.terminal.terminal_id))
