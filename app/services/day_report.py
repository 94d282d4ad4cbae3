"""The day report: each clerk's day and the hall's total, grouped from the day's shifts (the PDF's figures).

The figures of a shift and their sums are app/services/shift_figures.py; this module groups them by clerk,
from journal entries (build_day_report) or from sums a GROUP BY already made (build_day_report_from_totals).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from app.journal import Entry
from app.services.adjustment_lines import AdjustmentLine
from app.services.day_totals import KindTotal
from app.services.shift_figures import Figures, ShiftAccumulator, combine
from app.services.wallet_day import DayReconciliation
from app.store import Shift


@dataclass(frozen=True)
class ClerkDay:
    clerk_id: str
    clerk_name: str
    figures: Figures


@dataclass(frozen=True)
class DayReport:
    """What the day report PDF shows: each clerk's day and the hall's total."""

    hall_name: str
    terminal_ids: tuple[str, ...]
    business_day: str
    clerks: tuple[ClerkDay, ...]
    hall: Figures
    signed_off_by: str = ""  # the supervisor's id once the day is signed off
    generated_at: str = ""  # local time text
    unprinted_receipts: tuple[str, ...] = field(default=())
    adjustments: tuple[AdjustmentLine, ...] = field(default=())  # 退补/调整 of the day (no shift, no cash)
    # one sentence per journal whose chain or signature check failed (this terminal's, or a central copy for
    # the hall report): the figures may be edited, and the page says so
    journal_problems: tuple[str, ...] = field(default=())
    # the day's wallet reconciliation as last recorded at a shift close or signed off (issue 19); None: none
    wallet_reconciliation: DayReconciliation | None = None


def build_day_report(
    hall_name: str,
    terminal_ids: Iterable[str],
    business_day: str,
    shifts: Iterable[Shift],
    entries: Iterable[Entry],
    category_of: Mapping[str, str],
    clerk_names: Mapping[str, str],
    *,
    signed_off_by: str = "",
    generated_at: str = "",
    unprinted_receipts: Iterable[str] = (),
    adjustments: Iterable[AdjustmentLine] = (),
) -> DayReport:
    """Group the day's shifts by clerk, one pass over the entries."""
    shift_list, accs = _accumulators(shifts)
    for entry in entries:
        acc = accs.get(entry.payload.get("shift_id", ""))
        if acc is not None:
            acc.add(entry, category_of)
    return _assemble(
        hall_name,
        terminal_ids,
        business_day,
        shift_list,
        accs,
        clerk_names,
        signed_off_by=signed_off_by,
        generated_at=generated_at,
        unprinted_receipts=unprinted_receipts,
        adjustments=adjustments,
    )


def build_day_report_from_totals(
    hall_name: str,
    terminal_ids: Iterable[str],
    business_day: str,
    shifts: Iterable[Shift],
    totals: Iterable[KindTotal],
    details: Iterable[Entry],
    clerk_names: Mapping[str, str],
    *,
    generated_at: str = "",
    adjustments: Iterable[AdjustmentLine] = (),
) -> DayReport:
    """The same report from sums already made (a GROUP BY) and the few entries that are not sums (card
    purchases and writes, cash counts, closes: in journal order), e.g. the central ledger's hall report."""
    shift_list, accs = _accumulators(shifts)
    for t in totals:
        if t.shift_id in accs:
            accs[t.shift_id].add_total(t)
    for entry in details:
        acc = accs.get(entry.payload.get("shift_id", ""))
        if acc is not None:
            acc.add_detail(entry)
    return _assemble(
        hall_name,
        terminal_ids,
        business_day,
        shift_list,
        accs,
        clerk_names,
        generated_at=generated_at,
        adjustments=adjustments,
    )


def _accumulators(shifts: Iterable[Shift]) -> tuple[list[Shift], dict[str, ShiftAccumulator]]:
    """The day's shifts in report order (clerk, then opening), each with its empty accumulator."""
    shift_list = sorted(shifts, key=lambda s: (s.clerk_id, s.opened_at, s.shift_id))
    return shift_list, {s.shift_id: ShiftAccumulator(s) for s in shift_list}


def _assemble(
    hall_name: str,
    terminal_ids: Iterable[str],
    business_day: str,
    shift_list: list[Shift],
    accs: Mapping[str, ShiftAccumulator],
    clerk_names: Mapping[str, str],
    *,
    signed_off_by: str = "",
    generated_at: str = "",
    unprinted_receipts: Iterable[str] = (),
    adjustments: Iterable[AdjustmentLine] = (),
) -> DayReport:
    per_shift = {sid: acc.figures() for sid, acc in accs.items()}
    clerks: list[ClerkDay] = []
    for clerk_id in sorted({s.clerk_id for s in shift_list}):
        parts = [per_shift[s.shift_id] for s in shift_list if s.clerk_id == clerk_id]
        clerks.append(ClerkDay(clerk_id, clerk_names.get(clerk_id, clerk_id), combine(clerk_id, parts)))
    return DayReport(
        hall_name=hall_name,
        terminal_ids=tuple(sorted(set(terminal_ids))),
        business_day=business_day,
        clerks=tuple(clerks),
        hall=combine(hall_name, [c.figures for c in clerks]),
        signed_off_by=signed_off_by,
        generated_at=generated_at,
        unprinted_receipts=tuple(unprinted_receipts),
        adjustments=tuple(adjustments),
    )
