"""Opening a shift (开班) with a float. Closing and the day report: app/services/shift_close.py."""

from __future__ import annotations

from app.clock import utc_text
from app.errors import Refused
from app.journal import Kind
from app.messages import coded
from app.money import format_fen
from app.services.context import Context, append_entry
from app.store import Shift


def open_shift(ctx: Context, clerk_id: str, float_fen: int) -> Shift:
    if float_fen < 0:
        raise coded(Refused, "shift.negative_float")
    now = ctx.clock.now_utc()
    day = ctx.today()
    with ctx.uow() as uow:
        if uow.settings.clerk_role(clerk_id) is None:
            raise coded(Refused, "shift.unknown_clerk", clerk_id=clerk_id)
        current = uow.shifts.open_for(clerk_id)
        if current is not None:
            raise coded(Refused, "shift.already_open", clerk_id=clerk_id, shift_id=current.shift_id)
        n = uow.shifts.count_for_day(clerk_id, day.isoformat()) + 1
        shift = Shift(
            shift_id=f"{ctx.terminal.terminal_id}-{clerk_id}-{day:%Y%m%d}-{n}",
            clerk_id=clerk_id,
            opened_at=utc_text(now),
            business_day=day.isoformat(),
            float_fen=float_fen,
            closed_at=None,
        )
        uow.shifts.add(shift)
        append_entry(
            uow,
            ctx,
            Kind.SHIFT_OPEN,
            clerk_id,
            {"shift_id": shift.shift_id, "float_fen": float_fen, "business_day": shift.business_day},
            now,
        )
        uow.commit()
    return shift


def describe(shift: Shift) -> str:
    return f"{shift.shift_id}（备用金 {format_fen(shift.float_fen)} 元）"
