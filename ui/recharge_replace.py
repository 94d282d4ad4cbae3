"""补卡 on the IC-card page: a blank card in the reader becomes the customer's card with their last purchase,
their old cards are retired and the 工本费 is booked. Like a purchase it is ONE job on the card's thread (the
card write follows the commit of its pending-write record); what it changed is announced as OpChanges."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLineEdit

from app.services.card_replace import ReplaceRequest, ReplaceResult, replace_card
from ui.messages import error_text, spoken
from ui.ops import OpChanges, Operations
from ui.widgets import yuan

if TYPE_CHECKING:
    from app.ports import CardReader
    from app.services.context import Context
    from ui.tasks import Worker


def money_changed(customer_no: str) -> OpChanges:
    """A purchase or a 补卡 fee: a receipt, cash in the shift, the customer's card."""
    return OpChanges(receipts=True, shift=True, customer=customer_no)


class CardReplacement(QObject):
    """`say(level, text)` speaks on the page's banner; `done()` runs after a 补卡 (the page reads the card)."""

    def __init__(
        self,
        ops: Operations,
        card_worker: Worker,
        reader: CardReader,
        master_key: bytes,
        say: Callable[[str, str], None],
        done: Callable[[], None],
        parent: QObject,
    ) -> None:
        super().__init__(parent)
        self._ops, self._worker, self._reader, self._key = ops, card_worker, reader, master_key
        self._say, self._done = say, done

    def start(self, ctx: Context, customer: QLineEdit, clerk_id: str) -> None:
        """The blank card in the reader for the customer whose 户号 is in `customer`."""
        no = customer.text().strip()
        if not no:
            self._say("error", self.tr("补卡请先输入用户户号，并插入一张空白卡。"))
            customer.setFocus()
            return
        reader, key = self._reader, self._key
        req = ReplaceRequest(no, clerk_id)
        self._worker.submit(lambda: replace_card(ctx, reader, key, req), self._replaced)

    def _replaced(self, result: ReplaceResult | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            if error is not None:
                self._say("error", error_text(error))
            return
        self._ops.changed.emit(
            money_changed(str(result.entry.payload.get("customer_no", "")))
        )  # 工本费: the shift
        level = "ok" if result.card_state == "written" else "warn"
        text = (
            self.tr("补卡完成：新卡 %1，原卡 %2 已作废，卡内第 %3 次购电，工本费 %4 元。")
            .replace("%1", result.new_serial)
            .replace("%2", "、".join(result.retired) or self.tr("（无）"))
            .replace("%3", str(result.purchase_count))
            .replace("%4", yuan(result.fee_fen))
        )
        self._say(
            level,
            text if level == "ok" else spoken(result.card_why) if result.card_why else result.card_message,
        )
        self._done()
