"""The close's cash count (结班点钞): one line per denomination (100 元 … 1 角, and the 5, 2, 1 分 coins, so a
drawer that gave change to the fen balances), the running total and the difference against expected cash on
every keystroke, then the difference's reason and the supervisor's 工号 and PIN.

Enter on a line moves to the next one (an empty line is none of that note), from the last to the reason.
The shift page owns what the count is compared with (`expected_fen`) and what Enter in the PIN does.
"""

from __future__ import annotations

from PySide6.QtCore import QRegularExpression, Qt
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QLineEdit

from app.cash import DENOMINATIONS_FEN, CashCount
from app.services import shift_close as sc
from ui.messages import denomination, spoken
from ui.widgets import big, yuan


class CashCountBox(QGroupBox):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("结班点钞（按券别填写张数，回车到下一行）"))
        self.expected_fen: int | None = None  # the open shift's expected cash; None: no open shift
        grid = QGridLayout(self)
        self.pieces: dict[int, QLineEdit] = {}
        self.line_totals: dict[int, QLabel] = {}
        for row, d in enumerate(DENOMINATIONS_FEN):
            edit = QLineEdit()
            edit.setObjectName(f"pieces_{d}")
            # empty is acceptable (none of this note), so Enter on an empty line moves on
            edit.setValidator(QRegularExpressionValidator(QRegularExpression(r"\d{0,5}"), edit))
            edit.setAlignment(Qt.AlignmentFlag.AlignRight)
            edit.setPlaceholderText("0")
            edit.setMaximumWidth(140)
            edit.textChanged.connect(self.update_count)
            edit.returnPressed.connect(lambda r=row: self._next_line(r))
            total = QLabel("0.00")
            total.setAlignment(Qt.AlignmentFlag.AlignRight)
            grid.addWidget(QLabel(denomination(d)), row, 0)
            grid.addWidget(edit, row, 1)
            grid.addWidget(QLabel(self.tr("张")), row, 2)
            grid.addWidget(total, row, 3)
            self.pieces[d] = edit
            self.line_totals[d] = total
        n = len(DENOMINATIONS_FEN)
        self.counted = big(QLabel("0.00"), 16)
        self.counted.setObjectName("counted")
        self.expected = big(QLabel("0.00"), 16)
        self.expected.setObjectName("expected")
        self.difference = big(QLabel(""), 16)
        self.difference.setObjectName("difference")
        for i, (text, label) in enumerate(
            [
                (self.tr("实点现金"), self.counted),
                (self.tr("应有现金"), self.expected),
                (self.tr("差额"), self.difference),
            ]
        ):
            grid.addWidget(QLabel(text), n + i, 0)
            grid.addWidget(label, n + i, 1, 1, 3, Qt.AlignmentFlag.AlignRight)
        self.reason = QLineEdit()
        self.reason.setObjectName("reason")
        self.reason.setPlaceholderText(self.tr("有差额时必填"))
        self.supervisor = QLineEdit()
        self.reason.returnPressed.connect(self.supervisor.setFocus)
        self.supervisor.setObjectName("supervisor")
        self.supervisor.setPlaceholderText(self.tr("差额超过限额时由主管填写工号"))
        self.supervisor_pin = QLineEdit()
        self.supervisor.returnPressed.connect(self.supervisor_pin.setFocus)
        self.supervisor_pin.setObjectName("supervisor_pin")
        self.supervisor_pin.setEchoMode(QLineEdit.EchoMode.Password)
        grid.addWidget(QLabel(self.tr("差额原因")), n + 3, 0)
        grid.addWidget(self.reason, n + 3, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("主管工号")), n + 4, 0)
        grid.addWidget(self.supervisor, n + 4, 1, 1, 3)
        grid.addWidget(QLabel(self.tr("主管密码")), n + 5, 0)
        grid.addWidget(self.supervisor_pin, n + 5, 1, 1, 3)

    def count(self) -> CashCount:
        return CashCount.of({d: int(e.text() or 0) for d, e in self.pieces.items()})

    def update_count(self) -> None:
        count = self.count()
        for d, n in count.pieces:
            self.line_totals[d].setText(yuan(d * n))
        self.counted.setText(yuan(count.total_fen))
        if self.expected_fen is None:
            return
        diff = count.total_fen - self.expected_fen
        self.difference.setText(spoken(sc.difference_phrase(diff)))
        colour = "#1f5c1a" if diff == 0 else "#b3261e"
        self.difference.setStyleSheet(f"color:{colour};")

    def first(self) -> QLineEdit:
        return self.pieces[DENOMINATIONS_FEN[0]]

    def clear(self) -> None:
        """After a close: nothing of the last count stays for the next shift."""
        for e in (*self.pieces.values(), self.reason, self.supervisor, self.supervisor_pin):
            e.clear()

    def _next_line(self, row: int) -> None:
        if row + 1 < len(DENOMINATIONS_FEN):
            nxt = self.pieces[DENOMINATIONS_FEN[row + 1]]
            nxt.setFocus()
            nxt.selectAll()
        else:
            self.reason.setFocus()
