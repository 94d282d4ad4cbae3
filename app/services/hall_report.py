"""The hall's day report over every terminal whose journal has reached the central ledger.

A terminal's shifts are read back from its own journal (shift_open entries carry the shift, the
day and the float), so the central copy alone is enough: no shift table has to be synced.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace

from app.clock import local_text
from app.journal import Entry, Kind
from app.services.adjustment_lines import adjustment_lines
from app.services.context import Context
from app.services.day_report import DayReport, build_day_report, build_day_report_from_totals
from app.services.day_totals import KindTotal
from app.store import Shift


def shifts_of_day(entries: Iterable[Entry], business_day: str) -> list[Shift]:
    opened: dict[str, Shift] = {}
    for e in entries:
        if e.kind == Kind.SHIFT_OPEN and e.payload.get("business_day") == business_day:
            sid = str(e.payload["shift_id"])
            opened[sid] = Shift(
                sid, e.clerk_id, e.created_at, business_day, int(e.payload.get("float_fen", 0)), None
            )
        elif e.kind == Kind.SHIFT_CLOSE and str(e.payload.get("shift_id", "")) in opened:
            sid = str(e.payload["shift_id"])
            s = opened[sid]
            opened[sid] = Shift(
                s.shift_id, s.clerk_id, s.opened_at, s.business_day, s.float_fen, e.created_at
            )
    return list(opened.values())


def hall_day_report(
    ctx: Context, journals: Mapping[str, list[Entry]], business_day: str | None = None
) -> DayReport:
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
    return build_day_report(
        ctx.terminal.hall_name,
        journals.keys(),
        day,
        shifts,
        day_entries,
        categories,
        names,
        generated_at=local_text(ctx.clock.now_utc()),
        adjustments=adjustment_lines(entries, day),
    )


@dataclass(frozen=True)
class HallDay:
    """One business day of the hall as the central ledger sums it (db/central/hall_sql.py): the terminals,
    the day's shifts, the money of their entries as sums, the entries that are not sums, the day's
    adjustments, and one sentence per terminal whose rows under the day failed their check."""

    terminal_ids: tuple[str, ...]
    shifts: tuple[Shift, ...]
    totals: tuple[KindTotal, ...]
    details: tuple[Entry, ...]
    adjustments: tuple[Entry, ...]
    problems: tuple[str, ...] = ()


def hall_day_report_from(ctx: Context, hall: HallDay, business_day: str) -> DayReport:
    """hall_day_report's DayReport from the central ledger's sums (the customer categories are head
    office's, as the sums were made); journal_problems are the day's check."""
    names: dict[str, str] = {}
    with ctx.read() as uow:
        for s in hall.shifts:
            names[s.clerk_id] = uow.settings.clerk_name(s.clerk_id) or s.clerk_id
    report = build_day_report_from_totals(
        ctx.terminal.hall_name,
        hall.terminal_ids,
        business_day,
        hall.shifts,
        hall.totals,
        hall.details,
        names,
        generated_at=local_text(ctx.clock.now_utc()),
        adjustments=adjustment_lines(hall.adjustments, business_day),
    )
    return replace(report, journal_problems=hall.problems)
