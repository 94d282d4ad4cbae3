"""Collection responsibility report (收费责任制): per area and per responsible clerk, for one month.

Figures, all from this terminal's journal and store:
- collected: money received by payments (Kind.PAYMENT ``amount_fen``) from the area's customers in the
  month, payments later reversed left out;
- recovered: the part of it that paid principal of bills already past due when paid (arrears recovered);
- arrears assigned: unpaid principal past due now (``uow.risk.owed_by_area``), with the customers owing;
  a clerk answers for the areas ``uow.risk.area_clerks`` gives them;
- recovery rate: recovered ÷ (recovered + arrears assigned), in tenths of a percent, half-up;
- waivers: late-fee waivers (Kind.WAIVER) granted to the area's customers, count and amount;
- month over month: the same collected / recovered / waiver figures for the month before.

A payment is counted by the customer's area, not by who stood at the counter: the responsibility
follows the customer. Areas nobody answers for are listed under the clerk id "" (未分配).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from app.errors import InputError
from app.journal import Kind
from app.messages import coded
from app.money import format_fen
from app.services.context import Context
from app.store import ReadUnitOfWork

UNASSIGNED = "未分配"
TOTAL_LABEL = "合计"  # the total row's label (the window translates both)
MONTH = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


@dataclass(frozen=True)
class Figures:
    """One month's money of an area or clerk (fen)."""

    collected_fen: int = 0
    payments: int = 0
    recovered_fen: int = 0
    waived_fen: int = 0
    waivers: int = 0

    def __add__(self, other: Figures) -> Figures:
        return Figures(
            self.collected_fen + other.collected_fen,
            self.payments + other.payments,
            self.recovered_fen + other.recovered_fen,
            self.waived_fen + other.waived_fen,
            self.waivers + other.waivers,
        )


@dataclass(frozen=True)
class CollectionLine:
    key: str  # area name, or clerk id ("" for unassigned areas)
    label: str  # what a person reads: the area, or "C01 张三"
    clerk_id: str
    areas: tuple[str, ...]
    customers_in_arrears: int
    arrears_fen: int
    month: Figures
    previous: Figures = field(default_factory=Figures)

    @property
    def recovery_permille(self) -> int | None:
        """Recovered ÷ (recovered + arrears assigned) in ‰, half-up; None when both are zero."""
        return rate_permille(self.month.recovered_fen, self.month.recovered_fen + self.arrears_fen)

    @property
    def recovery_text(self) -> str:
        return permille_text(self.recovery_permille)

    @property
    def change_fen(self) -> int:
        """Collected this month minus the month before."""
        return self.month.collected_fen - self.previous.collected_fen


@dataclass(frozen=True)
class CollectionReport:
    month: str
    previous_month: str
    business_day: str
    by_area: list[CollectionLine]
    by_clerk: list[CollectionLine]
    total: CollectionLine


def rate_permille(part: int, whole: int) -> int | None:
    if whole <= 0:
        return None
    return (part * 2000 + whole) // (2 * whole)


def permille_text(permille: int | None) -> str:
    if permille is None:
        return "—"
    return f"{permille // 10}.{permille % 10}%"


def parse_month(text: str | None, today: dt.date) -> str:
    if not text:
        return f"{today:%Y-%m}"
    text = text.strip()
    if not MONTH.match(text):
        raise coded(InputError, "collection.month", text=text, example=f"{today:%Y-%m}")
    return text


def previous_month(month: str) -> str:
    year, mon = int(month[:4]), int(month[5:])
    return f"{year - 1}-12" if mon == 1 else f"{year}-{mon - 1:02d}"


def _month_figures(uow: ReadUnitOfWork, months: tuple[str, ...]) -> dict[tuple[str, str], Figures]:
    """(month, area) -> figures, from the journal's payments and waivers of those months."""
    reversed_receipts = {str(e.payload.get("receipt_no", "")) for e in uow.journal.of_kind(Kind.REVERSAL)}
    areas: dict[str, str] = {}

    def area_of(customer_no: str) -> str:
        if customer_no not in areas:
            c = uow.customers.get(customer_no)
            areas[customer_no] = c.area if c is not None else ""
        return areas[customer_no]

    out: dict[tuple[str, str], Figures] = {}
    for kind in (Kind.PAYMENT, Kind.WAIVER):
        for e in uow.journal.of_kind(kind):
            p = e.payload
            month = str(p.get("business_day", ""))[:7]
            if month not in months or str(p.get("receipt_no", "")) in reversed_receipts:
                continue
            key = (month, area_of(str(p.get("customer_no", ""))))
            if kind == Kind.PAYMENT:
                recovered = sum(
                    int(a.get("principal_paid_fen", 0))
                    for a in p.get("allocations", [])
                    if int(a.get("days_overdue", 0)) > 0
                )
                add = Figures(collected_fen=int(p.get("amount_fen", 0)), payments=1, recovered_fen=recovered)
            else:
                add = Figures(waived_fen=int(p.get("waived_fen", 0)), waivers=1)
            out[key] = out.get(key, Figures()) + add
    return out


def collection_report(ctx: Context, month: str | None = None) -> CollectionReport:
    today = ctx.today()
    month = parse_month(month, today)
    before = previous_month(month)
    with ctx.read() as uow:
        figures = _month_figures(uow, (month, before))
        owed = uow.risk.owed_by_area(today)
        clerks = uow.risk.area_clerks()
        names = {c: uow.settings.clerk_name(c) or "" for c in set(clerks.values())}
    all_areas = sorted({*owed, *clerks, *(a for _, a in figures)})
    by_area = [
        CollectionLine(
            key=area,
            label=area or "（无区域）",
            clerk_id=clerks.get(area, ""),
            areas=(area,),
            customers_in_arrears=owed.get(area, (0, 0))[0],
            arrears_fen=owed.get(area, (0, 0))[1] or 0,
            month=figures.get((month, area), Figures()),
            previous=figures.get((before, area), Figures()),
        )
        for area in all_areas
    ]
    by_clerk = [
        _sum(
            clerk,
            f"{clerk} {names.get(clerk, '')}".strip() if clerk else UNASSIGNED,
            clerk,
            [line for line in by_area if line.clerk_id == clerk],
        )
        for clerk in sorted({line.clerk_id for line in by_area}, key=lambda c: (c == "", c))
    ]
    return CollectionReport(
        month, before, today.isoformat(), by_area, by_clerk, _sum("", TOTAL_LABEL, "", by_area)
    )


def _sum(key: str, label: str, clerk_id: str, lines: list[CollectionLine]) -> CollectionLine:
    month, previous = Figures(), Figures()
    for line in lines:
        month, previous = month + line.month, previous + line.previous
    return CollectionLine(
        key=key,
        label=label,
        clerk_id=clerk_id,
        areas=tuple(line.key for line in lines),
        customers_in_arrears=sum(line.customers_in_arrears for line in lines),
        arrears_fen=sum(line.arrears_fen for line in lines),
        month=month,
        previous=previous,
    )


def responsible_clerks(ctx: Context) -> list[tuple[str, str]]:
    """(clerk id, name) of the clerks who answer for an area, for the arrears page's clerk filter."""
    with ctx.read() as uow:
        ids = sorted(set(uow.risk.area_clerks().values()))
        return [(c, uow.settings.clerk_name(c) or "") for c in ids]


def report_text(r: CollectionReport) -> str:
    """The report as plain text columns (the command line)."""
    head = f"{'':14}{'本月实收':>12}{'收回欠费':>12}{'当前欠费':>12}{'回收率':>8}{'减免':>10}{'上月实收':>12}{'环比':>12}"

    def row(x: CollectionLine) -> str:
        return (
            f"{x.label:14}{format_fen(x.month.collected_fen):>12}{format_fen(x.month.recovered_fen):>12}"
            f"{format_fen(x.arrears_fen):>12}{x.recovery_text:>8}"
            f"{format_fen(x.month.waived_fen) + f'/{x.month.waivers}笔':>10}"
            f"{format_fen(x.previous.collected_fen):>12}{format_fen(x.change_fen):>12}"
        )

    lines = [
        f"收费责任制报表 {r.month}（上月 {r.previous_month}；欠费截至 {r.business_day}）",
        "",
        "按责任人",
        head,
    ]
    lines += [row(x) for x in r.by_clerk]
    lines += ["", "按区域", head] + [row(x) for x in r.by_area] + ["", row(r.total)]
    return "\n".join(lines)
