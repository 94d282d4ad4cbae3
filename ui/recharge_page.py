"""IC卡购电: insert the card → the customer with warnings → the meter's balance → amount within the limits →
payment → write → read back → receipt with the purchase count. 补写卡 happens by itself on insertion;
补卡 takes a blank card. Card I/O runs on the card DeviceWorker; insert/remove events arrive as a signal.

An insertion is split: the card is read and its owed writes finished (补写卡) on the card's thread, then
whose card it is and what may be sold is a QueryOp on the store's reader, and remembering a good card a
CollectionOp on its writer. A purchase (and a 补卡) stays ONE operation on the card's thread, its journal write included: the card
write must follow the commit of its pending-write record, and no other card job (a re-read that would
补写 the same purchase) may run between the two; a store writer thread in the middle would open that gap.
What it changed is announced as OpChanges, like any write of ui/ops.py, so History, the shift page and
the counter refresh.

Keys: F9 read the card again, F2–F7 payment method, Enter/F12 write the purchase, Esc clear.
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal
from PySide6.QtGui import QKeySequence, QResizeEvent, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from app.errors import HallPayError
from app.model import Method
from app.money import AmountError
from app.ports import CardImage, CardReader
from app.services.card_view import CardView, card_view, inserted_card, remember_card, worth_remembering
from app.services.recharge import RechargeRequest, RechargeResult, recharge
from ui.messages import error_text, spoken, warning_text
from ui.messages import text as message_text
from ui.ops import CollectionOp, OpChanges, Operations, QueryOp
from ui.recharge_card import CardPanel
from ui.recharge_demo import DemoReaderBox
from ui.recharge_form import METHOD_KEYS, PurchaseBox
from ui.recharge_receipt import ReceiptPreview
from ui.recharge_replace import CardReplacement, money_changed
from ui.widgets import Banner, big, yuan

if TYPE_CHECKING:
    from bootstrap import Services
    from ui.tasks import Worker


class RechargePage(QWidget):
    card_event = Signal(bool)  # present; emitted from the reader's watcher thread
    recharged = Signal(str)  # receipt number

    def __init__(
        self,
        wiring: Services,
        card_worker: Worker,
        reader: CardReader,
        master_key: bytes,
        *,
        printer_worker: Worker | None = None,
        clerk_id: str | None = None,
        ops: Operations | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self._w, self._ctx = wiring, wiring.ctx
        self.ops = ops if ops is not None else Operations(wiring.ctx, parent=self)  # announces what changed
        self._worker, self._printer_worker = card_worker, printer_worker
        self._reader, self._key = reader, master_key
        self.clerk_id = clerk_id or wiring.config.clerk
        self.view: CardView | None = None
        self._insertion = 0  # which insertion a card view belongs to: a pulled card's late view is dropped
        self.last_result: RechargeResult | None = None
        self._build()
        self._keys()
        self.replacement = CardReplacement(
            self.ops, card_worker, reader, master_key, self.banner.show_message, self.read_card, self
        )
        self.card_event.connect(self._on_card)
        reader.watch(self.card_event.emit)

    @property
    def reader(self) -> CardReader:
        """The card reader this page uses (the screenshot puts a demo card into the simulator)."""
        return self._reader

    # ---------------------------------------------------------------- layout

    def _build(self) -> None:
        root = QVBoxLayout(self)
        top = QHBoxLayout()
        self.reader_label = big(QLabel(self.tr("请插入IC卡")), 14)
        self.reader_label.setObjectName("reader_label")
        top.addWidget(self.reader_label, 1)
        self.read_button = QPushButton(self.tr("重新读卡 F9"))
        self.read_button.clicked.connect(self.read_card)
        top.addWidget(self.read_button)
        root.addLayout(top)

        self.demo_box = DemoReaderBox(
            self._w, self._worker, self._reader, lambda e: self.banner.show_message("error", error_text(e))
        )
        self.demo_customer = self.demo_box.customer
        root.addWidget(self.demo_box)

        self.banner = Banner()
        self.banner.setObjectName("banner")
        root.addWidget(self.banner)
        self.warnings: list[Banner] = []
        self.warning_box = QVBoxLayout()
        root.addLayout(self.warning_box)

        body = QHBoxLayout()
        self.card = CardPanel()
        self.fields = self.card.fields
        body.addWidget(self.card, 3)

        self.form = f = PurchaseBox(
            lambda: self.view is not None and self.view.check.ok, self.confirm, self.replace
        )
        self.amount, self.method, self.tendered, self.reference = f.amount, f.method, f.tendered, f.reference
        self.change, self.confirm_button = f.change, f.confirm_button
        self.replace_button, self.replace_customer = f.replace_button, f.replace_customer
        body.addWidget(f, 2)
        self.preview_scroll = ReceiptPreview()  # the receipt, as at the counter (issue 16)
        self.preview = self.preview_scroll.label
        body.addWidget(self.preview_scroll, 2)
        root.addLayout(body, 1)
        self.result = big(QLabel(""), 14)
        self.result.setObjectName("result")
        self.result.setWordWrap(True)
        root.addWidget(self.result)
        self.form.method_changed()
        self._enable(False)

    def _keys(self) -> None:
        QShortcut(QKeySequence("F9"), self, self.read_card)
        QShortcut(QKeySequence("F12"), self, self.confirm)
        QShortcut(QKeySequence("Escape"), self, self.clear)
        for index, (_m, key) in enumerate(METHOD_KEYS):
            QShortcut(QKeySequence(key), self, lambda i=index: self.method.setCurrentIndex(i))

    # ---------------------------------------------------------------- card events

    def _on_card(self, present: bool) -> None:
        self._insertion += 1
        if present:
            self.read_card()
        else:
            self.view = None
            self.reader_label.setText(self.tr("请插入IC卡"))
            self._enable(False)

    def insert_demo_card(self, blank: bool) -> None:
        self.demo_box.insert(blank)

    def set_clerk(self, clerk_id: str) -> None:
        """ClerkSession.switched: this page acts for the clerk signed in now."""
        self.clerk_id = clerk_id
        self._ctx = dataclasses.replace(self._ctx, clerk_id=clerk_id)

    def read_card(self) -> None:
        """The card's I/O on its thread; then the account view on the store's reader (_card_read)."""
        self.reader_label.setText(self.tr("正在读卡…"))
        ctx, reader, key, clerk = self._ctx, self._reader, self._key, self.clerk_id
        self._insertion += 1
        insertion = self._insertion
        self._worker.submit(
            lambda: inserted_card(ctx, reader, key, clerk),
            lambda read, error: self._card_io_done(insertion, read, error),
        )

    def _card_io_done(
        self, insertion: int, read: tuple[CardImage, tuple[str, ...]] | None, error: BaseException | None
    ) -> None:
        if error is not None or read is None:
            self._read_failed(error)
            return
        image, completed = read
        if completed:  # 补写卡 wrote card_written entries: the journal moved
            self.ops.changed.emit(OpChanges(receipts=True, customer=image.customer_no))
        key = self._key
        QueryOp(
            self.ops,
            lambda ctx: card_view(ctx, image, key, completed),
            lambda view: self._card_read(insertion, view),
            parent=self,
        ).failure(self._read_failed).run()

    def _read_failed(self, error: BaseException | None) -> None:
        self._clear_warnings()
        self.view = None
        self._enable(False)
        self.reader_label.setText(self.tr("读卡未完成"))
        if error is not None:
            self.banner.show_message("error", error_text(error))

    def _card_read(self, insertion: int, view: CardView) -> None:
        if insertion != self._insertion:  # the card was pulled (or read again) meanwhile
            return
        if worth_remembering(view):
            image = view.image
            CollectionOp(
                self.ops,
                lambda ctx: remember_card(ctx, image),
                changes=OpChanges(customer=image.customer_no),
                parent=self,
            ).failure(lambda error: self.banner.show_message("error", error_text(error))).run()
        self._clear_warnings()
        self.view = view
        self.form.clear()
        self.result.setText("")
        self.preview_scroll.clear()
        check = view.check
        self.reader_label.setText(self.tr("卡已读取"))
        self.card.show_card(view)
        for w in view.warnings:
            if w.code == "warn.prepaid":  # "use the IC-card page": this is it
                continue
            banner = Banner(self)  # parented first: a parentless banner would flash as a top-level window
            self.warning_box.addWidget(banner)
            banner.show_message(w.level, warning_text(w))
            self.warnings.append(banner)
        if view.completed:
            self.banner.show_message(
                "ok", self.tr("已自动补写卡：凭证 %1，未重复收费。").replace("%1", "、".join(view.completed))
            )
        else:
            self.banner.show_message(
                "ok" if check.ok else "error", message_text(check.message_code, check.params) or check.message
            )
        if check.code == "blank":
            self.replace_customer.setFocus()
        self._enable(check.ok)
        if check.ok:
            self.replace_customer.setText("")
            self.amount.setFocus()
            self.amount.selectAll()

    # ---------------------------------------------------------------- payment

    def _enable(self, on: bool, *, clear: bool = True) -> None:
        self.form.set_enabled(on)
        if not on and clear:
            self.card.clear()

    def _method(self) -> Method:
        return self.form.chosen()

    def confirm(self) -> None:
        view = self.view
        if view is None or not view.check.ok or self._worker.busy:
            return
        try:
            amount = self.amount.fen()
            tendered = self.tendered.fen() if self._method() is Method.CASH else None
        except AmountError as error:
            self.banner.show_message("error", error_text(error))
            return
        if amount is None:
            self.banner.show_message("error", self.tr("请输入购电金额。"))
            self.amount.setFocus()
            return
        if tendered is None and self._method() is Method.CASH:  # an empty 实收 never pays (issue 16)
            self.banner.show_message("warn", self.tr("请输入顾客交来的现金（实收）。"))
            self.tendered.setFocus()
            return
        req = RechargeRequest(
            view.image.customer_no, amount, self._method(), self.clerk_id, tendered, self.reference.text()
        )
        ctx, reader, key = self._ctx, self._reader, self._key
        self.confirm_button.setEnabled(False)
        self.result.setText(self.tr("正在写卡，请勿拔卡…"))
        self._worker.submit(lambda: recharge(ctx, reader, key, req), self._recharged)

    def _recharged(self, result: RechargeResult | None, error: BaseException | None) -> None:
        if error is not None or result is None:
            self.result.setText("")
            if error is not None:
                self.banner.show_message("error", error_text(error))
            self.confirm_button.setEnabled(True)
            return
        self.last_result = result
        r = result.receipt
        if result.card_state == "written":
            self.banner.show_message(
                "ok",
                self.tr("购电成功，已写卡并读回核对：第 %1 次购电 %2 元。")
                .replace("%1", str(result.purchase_count))
                .replace("%2", yuan(r.amount_fen)),
            )
        else:
            self.banner.show_message(
                "warn", spoken(result.card_why) if result.card_why else result.card_message
            )
        self.result.setText(
            self.tr("凭证 %1　购电 %2 元　第 %3 次　找零 %4 元　%5")
            .replace("%1", r.receipt_no)
            .replace("%2", yuan(r.amount_fen))
            .replace("%3", str(result.purchase_count))
            .replace("%4", yuan(r.change_fen))
            .replace("%5", self.tr("已写卡") if result.card_state == "written" else self.tr("待写卡"))
        )
        self._idle_focus()  # before the fields are disabled: Qt would move focus on into the 补卡 field
        self._enable(False, clear=False)  # the card and the customer stay on screen until the card is pulled
        self.fields["count"].setText(str(result.purchase_count))
        self.ops.changed.emit(money_changed(r.customer_no))  # committed, whether the card has it yet or not
        self.recharged.emit(r.receipt_no)
        self.preview_scroll.print(
            self._printer_worker or self._worker, self._ctx, self._w, r, self._not_printed
        )

    def _not_printed(self, reason: str) -> None:
        self.result.setText(self.result.text() + "\n" + self.tr("凭证未打印：%1").replace("%1", reason))

    def resizeEvent(self, event: QResizeEvent) -> None:  # noqa: N802 (Qt's name)
        super().resizeEvent(event)
        self.preview_scroll.rescale()

    def replace(self) -> None:
        """补卡: the blank card in the reader for the customer typed beside the button."""
        self.replacement.start(self._ctx, self.replace_customer, self.clerk_id)

    def _idle_focus(self) -> None:
        """Where the next key goes with no purchase under way: the demo reader's 户号, or 重新读卡 (F9)."""
        (self.demo_customer if self.demo_box.isVisibleTo(self) else self.read_button).setFocus()

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        """Ctrl+5 lands where the next key goes: the amount for a card already read, else the reader."""
        super().showEvent(event)
        if self.view is not None and self.amount.isEnabled():
            self.amount.setFocus()
        else:
            self._idle_focus()

    def clear(self) -> None:
        self.preview_scroll.clear()
        self.amount.clear()
        self.tendered.clear()
        self.reference.clear()
        self.result.setText("")
        self.banner.clear_message()

    def _clear_warnings(self) -> None:
        for b in self.warnings:
            b.deleteLater()
        self.warnings = []

    def closeEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        self._reader.stop_watching()
        super().closeEvent(event)


def make_recharge_page(
    wiring: Services,
    card_worker: Worker,
    *,
    printer_worker: Worker | None = None,
    reader: CardReader | None = None,
    master_key: bytes | None = None,
    ops: Operations | None = None,
) -> QWidget:
    """The IC卡购电 page for the main window: the reader and the card key come from the wiring."""
    try:
        reader = reader if reader is not None else wiring.card_reader()
        key = master_key if master_key is not None else wiring.card_key()
    except (
        HallPayError,
        AttributeError,
    ) as error:  # no card wiring: the page says so, the window still opens
        page = QWidget()
        box = QVBoxLayout(page)
        banner = Banner(page)
        box.addWidget(banner)
        box.addStretch(1)
        banner.show_message(
            "error", error_text(error) if isinstance(error, HallPayError) else page.tr("读卡器未配置。")
        )
        return page
    return RechargePage(wiring, card_worker, reader, key, printer_worker=printer_worker, ops=ops)
