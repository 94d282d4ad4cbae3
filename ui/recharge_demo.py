"""The simulated reader's controls (培训 / 演示): type a 户号 and Enter to insert that customer's card, insert a
blank card for a 补卡, or pull the card. Shown only when the reader is the simulator; its I/O runs on the
card's worker like any other card job."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QGroupBox, QHBoxLayout, QLineEdit, QPushButton

from app.ports import CardReader

if TYPE_CHECKING:
    from bootstrap import Services
    from ui.tasks import Worker


class DemoReaderBox(QGroupBox):
    def __init__(
        self,
        wiring: Services,
        card_worker: Worker,
        reader: CardReader,
        failed: Callable[[BaseException], None],
    ) -> None:
        super().__init__()
        self.setTitle(self.tr("模拟读卡器（培训 / 演示）"))
        self._w, self._worker, self._reader, self._failed = wiring, card_worker, reader, failed
        demo = QHBoxLayout(self)
        self.customer = QLineEdit()
        self.customer.setObjectName("demo_customer")
        self.customer.setPlaceholderText(self.tr("户号，如 1000000003，回车插入该用户的卡"))
        self.customer.returnPressed.connect(lambda: self.insert(False))
        demo.addWidget(self.customer, 1)
        for text, blank in ((self.tr("插入该用户的卡"), False), (self.tr("插入空白卡"), True)):
            b = QPushButton(text)
            b.clicked.connect(lambda _=False, blank=blank: self.insert(blank))
            demo.addWidget(b)
        pull = QPushButton(self.tr("拔卡"))
        # no customer: the simulator's card is pulled and none put back
        pull.clicked.connect(
            lambda: self._worker.submit(lambda: self._w.insert_demo_card(self._reader, None), lambda *_: None)
        )
        demo.addWidget(pull)
        self.setVisible(hasattr(reader, "insert"))

    def insert(self, blank: bool) -> None:
        """The typed customer's card (or a blank one) into the simulator, on the card's thread."""
        no = self.customer.text().strip()
        self._worker.submit(lambda: self._w.insert_demo_card(self._reader, no, blank=blank), self._after_io)

    def _after_io(self, _result: Any, error: BaseException | None) -> None:
        if error is not None:
            self._failed(error)
