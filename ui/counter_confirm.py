"""No payment by reflex (issue 16): a partial payment, or one above [counter] confirm_above_yuan, is asked
once in a dialog with 取消 focused, saying what it settles and what is still owed after it. So is cash whose
change is a 100-yuan note or more (issue 28: an extra zero booked 466.61 of change with no question).

What the service will refuse is never asked: a short tender, change no drawer gives, a partial payment the
policy does not allow for this customer; the refusal's own sentence comes at once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QWidget

from app.allocation import allocate, owed_after_fen
from app.model import METHOD_LABELS, Method
from app.services.payments import Due, kept_change_fen
from app.tender import change_needs_a_look, change_too_large
from ui.confirm import ConfirmDialog, ask
from ui.widgets import yuan


class PaymentCheck(QObject):
    """The second look before a payment; at most one dialog at a time."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self._parent = parent
        self.pending: ConfirmDialog | None = None

    @property
    def asking(self) -> bool:
        return self.pending is not None and self.pending.isVisible()

    def ask_if_needed(
        self,
        current: Due,
        policy: Any,
        method: Method,
        amount: int | None,
        tendered: int | None,
        change_mode: str,
        above_fen: int,
        go: Callable[[], None],
        cancelled: Callable[[], None],
        max_change_fen: int,
    ) -> bool:
        """True: a dialog now asks (`go` or `cancelled` follows); False: nothing to ask, the caller pays."""
        q = current.quote
        effective = amount if amount is not None else q.to_pay_fen
        cash = method is Method.CASH and tendered is not None
        short = cash and tendered is not None and tendered < effective
        too_much = cash and tendered is not None and change_too_large(effective, tendered, max_change_fen)
        partial = policy is not None and 0 < effective < q.to_pay_fen
        refused_partial = partial and not policy.allows_partial(current.customer.category.is_residential)
        odd_change = cash and tendered is not None and change_needs_a_look(effective, tendered)
        if short or too_much or refused_partial or not (partial or effective > above_fen or odd_change):
            return False  # nothing to ask, or the service refuses it with its own sentence
        c = current.customer
        text = (
            self.tr("收款 %1 元（%2）\n户号 %3  %4")
            .replace("%1", yuan(effective))
            .replace("%2", self.tr(METHOD_LABELS[method]))
            .replace("%3", c.customer_no)
            .replace("%4", c.name)
        )
        if partial:
            text += "\n\n" + self.partial_text(current, policy, effective)
        elif effective > above_fen:
            text += "\n\n" + self.settled_text(current, effective)
            text += "\n\n" + self.tr("金额较大，请核对后按 Y 确认。")
        if odd_change and tendered is not None:
            text += "\n\n" + self.tr(
                "找零 %1 元，比应收多出一张 100 元以上：请核对实收（是否多打了 0？），无误再按 Y。"
            ).replace("%1", yuan(tendered - effective))
        if tendered is not None:
            kept = kept_change_fen(tendered - effective, change_mode)
            text += "\n" + self.tr("实收 %1 元，找零 %2 元").replace("%1", yuan(tendered)).replace(
                "%2", yuan(tendered - effective - kept)
            )
            if kept:
                text += self.tr("，%1 元转预存").replace("%1", yuan(kept))
        if self.pending is not None:
            self.pending.deleteLater()
        title = (
            self.tr("确认部分缴费")
            if partial
            else self.tr("确认大额收款")
            if effective > above_fen
            else self.tr("核对找零")
        )
        self.pending = ask(self._parent, title, text, self.tr("确认收款"), go, cancelled)
        return True

    def settled_text(self, current: Due, amount: int) -> str:
        """The bills a full payment settles, as the partial dialog lists them (ux P3: the large-payment dialog
        did not, though the guide says it does), and what goes beyond them to the balance."""
        q = current.quote
        lines = [self.tr("结清以下账期：")]
        for line in q.lines:
            lines.append(
                self.tr("  %1  %2 元（结清）")
                .replace("%1", line.bill.period)
                .replace("%2", yuan(line.total_fen))
            )
        if amount > q.to_pay_fen:
            lines.append(self.tr("另 %1 元记入预存。").replace("%1", yuan(amount - q.to_pay_fen)))
        return "\n".join(lines)

    def partial_text(self, current: Due, policy: Any, amount: int) -> str:
        """Which bills a partial payment settles, and what is still owed after it (pure allocation)."""
        q = current.quote
        settlement = allocate(q, amount, policy)
        lines = [self.tr("部分缴费，按账期从早到晚结清：")]
        for a in settlement.allocations:
            paid = a.principal_paid_fen + a.fee_paid_fen
            whole = a.principal_due_fen + a.fee_due_fen
            state = (
                self.tr("结清")
                if paid >= whole
                else self.tr("部分，尚欠 %1 元").replace("%1", yuan(whole - paid))
            )
            lines.append(
                self.tr("  %1  %2 元（%3）")
                .replace("%1", a.period)
                .replace("%2", yuan(paid))
                .replace("%3", state)
            )
        lines.append(self.tr("缴后尚欠 %1 元。").replace("%1", yuan(owed_after_fen(q, settlement))))
        return "\n".join(lines)
