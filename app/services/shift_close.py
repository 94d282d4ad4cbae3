"""Closing a shift (结班/轧账): the cash count against expected cash, and the supervisor's sign-off.

The close form calls `close_preview` for what it shows before the count (expected cash, totals
per method, pending card writes, receipts not printed), then `close_shift` with the count. The
close is two journal entries in one transaction — the cash count by denomination and the close
itself with every figure — and the shift row is closed with them; from then on nothing posts into
the shift (the payment and reversal services need the clerk's open shift, and the store's triggers
refuse a receipt in a closed shift).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from app.cash import CashCount, over_short, split_float
from app.clock import utc_text
from app.errors import Refused
from app.journal import Entry, Kind
from app.messages import Phrase, coded
from app.money import format_fen
from app.services.adjustment_lines import AdjustmentLine, adjustment_lines
from app.services.approvals import Approver, check_supervisor, require_supervisor
from app.services.context import Context, append_entry
from app.services.day_report import DayReport
from app.services.shift_figures import Figures, shift_figures
from app.services.verify import verify_local
from app.services.wallet_day import WALLET_RECONCILIATION, DayReconciliation, day_reconciliation
from app.services.wallet_reconcile import Reconciliation, record
from app.store import ReadUnitOfWork, Shift, StoredReceipt, UnitOfWork


@dataclass(frozen=True)
class ClosePreview:
    """What the close form shows before the clerk counts."""

    shift: Shift
    figures: Figures
    threshold_fen: int  # a difference above this needs a supervisor
    pending_card_writes: tuple[str, ...]
    unprinted_receipts: tuple[StoredReceipt, ...]  # pending or failed print, this shift
    # head office's adjustments (退补/调整) of the shift's business day: no shift owns them, but a category
    # change that lowers a fee is a waiver of that day, and the status must not say the day waived nothing
    adjustments: tuple[AdjustmentLine, ...] = ()

    @property
    def expected_cash_fen(self) -> int:
        return self.figures.expected_cash_fen


@dataclass(frozen=True)
class CloseRequest:
    clerk_id: str
    count: CashCount
    reason: str = ""  # required when the count differs from expected cash
    approver_id: str = ""  # a supervisor, required when the difference is above the threshold
    approver_pin: str = ""  # the supervisor's PIN, typed at that moment


@dataclass(frozen=True)
class CloseResult:
    shift: Shift  # as closed
    figures: Figures
    count: CashCount
    difference_fen: int  # counted − expected: 长款 > 0, 短款 < 0
    kept: CashCount  # stays in the drawer as the float
    deposit: CashCount  # goes to the bank (解款)
    count_entry: Entry
    close_entry: Entry
    pending_card_writes: tuple[str, ...]
    unprinted_receipts: tuple[str, ...]
    wallet_report: Reconciliation | None = None  # the day's wallet reconciliation, recorded with the close

    @property
    def expected_cash_fen(self) -> int:
        return self.figures.expected_cash_fen

    @property
    def counted_fen(self) -> int:
        return self.count.total_fen


def difference_phrase(difference_fen: int) -> Phrase:
    """长款 (over) / 短款 (short) / 账款相符 as a code: the window and the CLI say it in their language."""
    side, amount_fen = over_short(difference_fen)
    return Phrase("shift.even") if side == "even" else Phrase(f"shift.{side}", {"amount_fen": amount_fen})


def difference_label(difference_fen: int) -> str:
    return str(difference_phrase(difference_fen))


def _open_shift(uow: ReadUnitOfWork, clerk_id: str) -> Shift:
    shift = uow.shifts.open_for(clerk_id)
    if shift is None:
        raise coded(Refused, "shift.none_to_close", clerk_id=clerk_id)
    return shift


def _shift_state(
    uow: ReadUnitOfWork, shift: Shift
) -> tuple[Figures, tuple[str, ...], tuple[StoredReceipt, ...]]:
    entries = uow.journal.for_shifts([shift.shift_id])
    customer_nos = {str(e.payload.get("customer_no", "")) for e in entries if "customer_no" in e.payload}
    figures = shift_figures(shift, entries, uow.customers.categories(customer_nos))
    unprinted = tuple(
        r
        for state in ("failed", "pending")
        for r in uow.receipts.with_state(state)
        if r.shift_id == shift.shift_id
    )
    return figures, figures.pending_card_writes, unprinted


def policy_threshold(uow: ReadUnitOfWork) -> int:
    from app.policy import Policy

    return Policy.from_values(uow.settings.policy_values()).shift_difference_supervisor_fen


def close_preview(ctx: Context, clerk_id: str) -> ClosePreview:
    """The open shift's expected cash and totals; reads only."""
    with ctx.read() as uow:
        shift = _open_shift(uow, clerk_id)
        figures, pending, unprinted = _shift_state(uow, shift)
        adjustments = adjustment_lines(uow.journal.of_kind(Kind.ADJUSTMENT), shift.business_day)
        return ClosePreview(shift, figures, policy_threshold(uow), pending, unprinted, adjustments)


def _difference_action(threshold: int, difference: int) -> str:
    return f"超过 {format_fen(threshold)} 元的{difference_label(difference)}"


def difference_approver(ctx: Context, req: CloseRequest) -> Approver | None:
    """The supervisor for a difference above the threshold, PIN checked before the close's write
    transaction (the scrypt never holds the write lock); None when the count needs no approval."""
    preview = close_preview(ctx, req.clerk_id)
    difference = req.count.total_fen - preview.figures.expected_cash_fen
    reason = req.reason.strip()
    if difference == 0 or not reason or abs(difference) <= preview.threshold_fen:
        return None
    return check_supervisor(
        ctx,
        req.approver_id,
        req.approver_pin,
        _difference_action(preview.threshold_fen, difference),
        {"difference_fen": difference, "reason": reason},
        clerk_id=req.clerk_id,
    )


def check_difference(
    uow: UnitOfWork,
    req: CloseRequest,
    difference: int,
    ctx: Context,
    approver: Approver | None = None,
) -> tuple[str, str]:
    """(reason, approver) for the close entry, or refuse with one sentence."""
    reason = req.reason.strip()
    if difference == 0:
        return reason, req.approver_id.strip()
    if not reason:
        raise coded(Refused, "shift.reason_needed", difference=difference_phrase(difference))
    threshold = policy_threshold(uow)
    if abs(difference) > threshold:
        action = _difference_action(threshold, difference)
        if (
            approver is None
            or approver.action != action
            or approver.detail.get("difference_fen") != difference
        ):
            raise coded(Refused, "shift.changed_meanwhile")
        return reason, require_supervisor(uow, ctx, approver).approver_id
    return reason, req.approver_id.strip()


def close_shift(ctx: Context, req: CloseRequest, wallet_report: Reconciliation | None = None) -> CloseResult:
    """wallet_report: the day's wallet reconciliation (wallet_reconcile.reconcile_for_close, made before,
    off the write lock); it is recorded in the close's transaction, pending or with its differences."""
    now = ctx.clock.now_utc()
    checked = difference_approver(ctx, req)
    with ctx.uow() as uow:
        shift = _open_shift(uow, req.clerk_id)
        figures, pending, unprinted = _shift_state(uow, shift)
        counted = req.count.total_fen
        difference = counted - figures.expected_cash_fen
        reason, approver = check_difference(uow, req, difference, ctx, checked)
        kept, deposit = split_float(req.count, shift.float_fen)
        count_entry = append_entry(
            uow,
            ctx,
            Kind.CASH_COUNT,
            req.clerk_id,
            {"shift_id": shift.shift_id, "counts": req.count.as_payload(), "counted_fen": counted},
            now,
        )
        close_entry = append_entry(
            uow,
            ctx,
            Kind.SHIFT_CLOSE,
            req.clerk_id,
            {
                "shift_id": shift.shift_id,
                "business_day": shift.business_day,
                "float_fen": shift.float_fen,
                "expected_cash_fen": figures.expected_cash_fen,
                "cash_tendered_fen": figures.cash_tendered_fen,
                "change_given_fen": figures.change_given_fen,
                "cash_refunds_fen": figures.cash_refunds_fen,
                "refund_payout_fen": figures.refund_payout_fen,
                "counted_fen": counted,
                "difference_fen": difference,
                "reason": reason,
                "approver_id": approver,
                "receipts": figures.receipts,
                "reversals": figures.reversals,
                "by_method": {
                    m.method: {
                        "count": m.count,
                        "amount_fen": m.amount_fen,
                        "refund_count": m.refund_count,
                        "refunded_fen": m.refunded_fen,
                    }
                    for m in figures.by_method
                },
                "deposit_fen": deposit.total_fen,
                "deposit_counts": deposit.as_payload(),
                "kept_counts": kept.as_payload(),
                "pending_card_writes": list(pending),
                "unprinted_receipts": [r.receipt_no for r in unprinted],
                "count_entry_seq": count_entry.seq,
            },
            now,
        )
        if wallet_report is not None:
            if wallet_report.day.isoformat() != shift.business_day:
                raise coded(
                    Refused,
                    "wallet.day_mismatch",
                    day=wallet_report.day.isoformat(),
                    business_day=shift.business_day,
                )
            record(uow, ctx, wallet_report, req.clerk_id, shift.shift_id)
        closed_at = utc_text(now)
        uow.shifts.close(shift.shift_id, closed_at)
        uow.commit()
    closed = Shift(
        shift.shift_id, shift.clerk_id, shift.opened_at, shift.business_day, shift.float_fen, closed_at
    )
    return CloseResult(
        shift=closed,
        figures=figures,
        count=req.count,
        difference_fen=difference,
        kept=kept,
        deposit=deposit,
        count_entry=count_entry,
        close_entry=close_entry,
        pending_card_writes=pending,
        unprinted_receipts=tuple(r.receipt_no for r in unprinted),
        wallet_report=wallet_report,
    )


@dataclass(frozen=True)
class SignOff:
    entry: Entry
    business_day: str
    shifts: tuple[str, ...]


def _closed_day(uow: ReadUnitOfWork, business_day: str) -> list[Shift]:
    """The day's shifts when all are closed and the day is not yet signed off; else Refused."""
    shifts = uow.shifts.for_day(business_day)
    if not shifts:
        raise coded(Refused, "day.no_shifts", business_day=business_day)
    still_open = [s.shift_id for s in shifts if s.closed_at is None]
    if still_open:
        raise coded(Refused, "day.shifts_open", shifts="、".join(still_open))
    for e in uow.journal.of_kind(Kind.APPROVAL):
        if e.payload.get("what") == "day_report" and e.payload.get("business_day") == business_day:
            raise coded(
                Refused, "day.signed_already", business_day=business_day, who=e.payload.get("approver_id")
            )
    return shifts


def sign_off_day(
    ctx: Context,
    supervisor_id: str,
    business_day: str,
    clerk_id: str = "",
    pin: str = "",
    *,
    wallet_pending_ok: bool = False,
) -> SignOff:
    """The supervisor signs the day's report off: an approval entry naming what was signed.

    Refused while a shift of the day is still open, or when the day is already signed off. A day whose
    wallet reconciliation is pending (a statement not had yet) is refused with the wallets named unless the
    supervisor signs it so knowingly (`wallet_pending_ok`); the approval then records the pending wallets,
    so a day signed unreconciled says so for good (review 2026-12-07 F3).
    """
    from app.services.day_report import build_day_report

    now = ctx.clock.now_utc()
    with ctx.read() as reading:  # the report is built outside the write transaction
        shifts = _closed_day(reading, business_day)
        entries = reading.journal.for_shifts([s.shift_id for s in shifts])
        wallets = wallet_day_of(reading, business_day)
    if (
        wallets is not None and wallets.needs_signature
    ):  # the day is final only with its differences explained
        raise coded(Refused, "wallet.day_unsigned", business_day=business_day, count=len(wallets.differences))
    pending = wallets.pending if wallets is not None else ()
    if pending and not wallet_pending_ok:
        raise coded(Refused, "wallet.day_pending", business_day=business_day, wallets="；".join(pending))
    report = build_day_report(
        ctx.terminal.hall_name, [ctx.terminal.terminal_id], business_day, shifts, entries, {}, {}
    )
    hall = report.hall
    checked = check_supervisor(ctx, supervisor_id, pin, "日结签认", {}, clerk_id=clerk_id)
    with ctx.uow() as uow:
        # a closed shift's entries never change; only a shift opened meanwhile would change the report
        if [s.shift_id for s in _closed_day(uow, business_day)] != [s.shift_id for s in shifts]:
            raise coded(Refused, "day.changed_meanwhile", business_day=business_day)
        approver = require_supervisor(uow, ctx, checked, record=False).approver_id
        entry = append_entry(
            uow,
            ctx,
            Kind.APPROVAL,
            approver,
            {
                "what": "day_report",
                "business_day": business_day,
                "terminal_id": ctx.terminal.terminal_id,
                "approver_id": approver,
                "shifts": [s.shift_id for s in shifts],
                "receipts": hall.receipts,
                "net_by_method": {m.method: m.net_fen for m in hall.by_method},
                "counted_fen": hall.counted_fen,
                "difference_fen": hall.difference_fen,
                "last_seq": entries[-1].seq if entries else 0,
                "wallet_reconciliation": wallets.state if wallets is not None else "",
                "wallet_pending": list(pending),
            },
            now,
        )
        uow.commit()
    return SignOff(entry, business_day, tuple(s.shift_id for s in shifts))


def wallet_day_of(uow: ReadUnitOfWork, business_day: str) -> DayReconciliation | None:
    """The day's wallet reconciliation from the journal: the closes' records and the sign-offs."""
    return day_reconciliation(
        [*uow.journal.of_kind(WALLET_RECONCILIATION), *uow.journal.of_kind(Kind.APPROVAL)], business_day
    )


def recorded_wallet_day(ctx: Context, business_day: str) -> DayReconciliation | None:
    """What the journal now says of the day's wallet reconciliation (after a close: recorded, signed?)."""
    with ctx.read() as uow:
        return wallet_day_of(uow, business_day)


def load_day_report(ctx: Context, business_day: str | None = None) -> DayReport:
    """The day report of this terminal's day (default: today): every shift of the day, by clerk."""
    from app.clock import local_text
    from app.services.day_report import build_day_report

    day = business_day or ctx.today().isoformat()
    with ctx.read() as uow:
        shifts = uow.shifts.for_day(day)
        entries = uow.journal.for_shifts([s.shift_id for s in shifts]) if shifts else []
        customer_nos = {str(e.payload["customer_no"]) for e in entries if "customer_no" in e.payload}
        categories = uow.customers.categories(customer_nos)
        names = {s.clerk_id: uow.settings.clerk_name(s.clerk_id) or s.clerk_id for s in shifts}
        signed = ""
        for e in uow.journal.of_kind(Kind.APPROVAL):
            if e.payload.get("what") == "day_report" and e.payload.get("business_day") == day:
                signed = str(e.payload.get("approver_id", ""))
        ids = {s.shift_id for s in shifts}
        unprinted = [
            r.receipt_no
            for state in ("failed", "pending")
            for r in uow.receipts.with_state(state)
            if r.shift_id in ids
        ]
        adjustments = adjustment_lines(uow.journal.of_kind(Kind.ADJUSTMENT), day)
        wallets = wallet_day_of(uow, day)
    checked = verify_local(ctx)  # a report from an edited journal says so on the page (issue 18)
    report = build_day_report(
        ctx.terminal.hall_name,
        [ctx.terminal.terminal_id],
        day,
        shifts,
        entries,
        categories,
        names,
        signed_off_by=signed,
        generated_at=local_text(ctx.clock.now_utc()),
        unprinted_receipts=unprinted,
        adjustments=adjustments,
    )
    report = replace(report, wallet_reconciliation=wallets)
    if checked.problem is None:
        return report
    return replace(
        report,
        journal_problems=(
            f"本机流水校验未通过（{checked.problem}）：本报表的数字可能被改动，请信息部门核查。",
        ),
    )
