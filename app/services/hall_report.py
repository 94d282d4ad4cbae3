"""The hall's day report over every terminal whose journal has reached the central ledger.

A terminal's shifts are read back from its own journal (shift_open entries carry the shift, the
day and the float), so the central copy alone is enough: no shift table has to be synced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from app.clock import local_text
from app.journal import Entry, Kind
from app.services.context import Context
from app.services.day_report import DayReport, adjustment_lines, build_day_report
from app.store import Shift


def shifts_of_day(entries: Iterable[Entry], business_day: str) -> list[Shift]:
    opened: dict[str, Shift] = {}
    for e in entries:
        if e.kind == Kind.SHIFT_OPEN and e.payload.get("business_day") == business_day:
            sid = str(e.payload["shift_id"])
            opened[sid] = Shift(sid, e.clerk_id, e.created_at, business_day, int(e.payload.get("float_fen", 0)), None)
        elif e.kind == Kind.SHIFT_CLOSE and str(e.payload.get("shift_id", "")) in opened:
            sid = str(e.payload["shift_id"])
            s = opened[sid]
            opened[sid] = Shift(s.shift_id, s.clerk_id, s.opened_at, s.business_day, s.float_fen, e.created_at)
    return list(opened.values())


def hall_day_report(ctx: Context, journals: Mapping[str, list[Entry]], business_day: str | None = None) -> DayReport:
    """journals: each terminal's central copy, by terminal id."""
    day = business_day or ctx.today().isoformat()
    entries = [e for js in journals.values() for e in js]
    shifts = shifts_of_day(entries, day)
    ids = {s.shift_id for s in shifts}
    day_entries = [e for e in entries if e.payload.get("shift_id") in ids]
    customer_nos = {str(e.payload["customer_no"]) for e in day_entries if "customer_no" in e.payload}
    with ctx.read() as uow:
        categories = uow.customers.categories(customer_nos)
        names = {s.clerk_id: uow.settings.clerk_name(s.clerk_id) or s.clerk_id for s in shifts}
    return build_day_report(ctx.terminal.hall_name, journals.keys(), day, shifts, day_entries, categories, names,
                            generated_at=local_text(ctx.clock.now_utc()),
                            adjustments=adjustment_lines(entries, day))
