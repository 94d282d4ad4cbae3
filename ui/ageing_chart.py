"""The arrears ageing chart (0–30, 31–60, 61–90, 90+ days), drawn with QPainter.

Every bar carries its bucket, amount in 元, customer count and share as text, so nothing is told by
colour alone; the same text is the tooltip and the accessible description.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QBrush, QColor, QFont, QPainter, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from app.risk import AGE_BUCKETS, ArrearsTotals
from ui.widgets import tr0
from ui.widgets import yuan as grouped  # the window's one money formatter


def short_yuan(fen: int) -> str:
    """The chart's amounts: one unit (元) for every bar, grouped by thousands, so they compare at a glance."""
    return tr0("%1 元").replace("%1", grouped(fen))  # ¥ 1,234.00 in English


class AgeingChart(QWidget):
    """Horizontal bars of unpaid principal per ageing bucket, each labelled with days, 元, 户 and share."""

    COLORS = ("#9ccc9c", "#f2c66d", "#ec9a5b", "#c94c4c")  # a gradient from young to old; text says it too

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("ageing_chart")
        self.totals: ArrearsTotals | None = None
        self.setMinimumSize(360, 300)
        self.setMaximumWidth(390)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)

    def sizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        return QSize(460, 340)

    def set_totals(self, totals: ArrearsTotals) -> None:
        self.totals = totals
        lines = [self.bar_text(i) for i in range(len(AGE_BUCKETS))]
        self.setAccessibleName(self.tr("欠费账龄图"))
        self.setAccessibleDescription("；".join(lines))
        self.setToolTip("\n".join(lines))
        self.update()

    def bar_text(self, i: int) -> str:
        t = self.totals
        if t is None:
            return ""
        fen, n = t.bucket_fen[i], t.bucket_customers[i]
        share = (fen * 1000 * 2 + t.owed_fen) // (2 * t.owed_fen) if t.owed_fen else 0
        return (
            self.tr("%1：%2，%3 户，占 %4")
            .replace("%1", self.tr(AGE_BUCKETS[i][2]))
            .replace("%2", short_yuan(fen))
            .replace("%3", str(n))
            .replace("%4", f"{share // 10}.{share % 10}%")
        )

    def paintEvent(self, _event: Any) -> None:  # noqa: N802 (Qt's name)
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        r = QRectF(self.rect()).adjusted(12, 10, -12, -10)
        p.fillRect(self.rect(), QColor("#ffffff"))
        title = QFont(self.font())
        title.setPointSize(13)
        title.setBold(True)
        p.setFont(title)
        p.setPen(QColor("#202020"))
        p.drawText(
            QRectF(r.left(), r.top(), r.width(), 26),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("欠费账龄（按最早一笔欠费的逾期天数）"),
        )
        body = QFont(self.font())
        body.setPointSize(11)
        p.setFont(body)
        t = self.totals
        if t is None or t.customers == 0:
            p.drawText(r.adjusted(0, 40, 0, 0), Qt.AlignmentFlag.AlignLeft, self.tr("没有符合条件的欠费。"))
            p.end()
            return
        p.setPen(QColor("#404040"))
        p.drawText(
            QRectF(r.left(), r.top() + 28, r.width(), 22),
            Qt.AlignmentFlag.AlignLeft,
            self.tr("合计 %1，%2 户").replace("%1", short_yuan(t.owed_fen)).replace("%2", str(t.customers)),
        )
        label_w = 86.0
        top = r.top() + 62
        rows = len(AGE_BUCKETS)
        row_h = max(48.0, min(64.0, (r.bottom() - top - 40) / rows))
        bar_h = row_h * 0.42
        biggest = max(t.bucket_fen) or 1
        bar_max = r.width() - label_w - 8
        for i, (_lo, _hi, name) in enumerate(AGE_BUCKETS):
            y = top + i * row_h
            p.setPen(QColor("#202020"))
            bold = QFont(body)
            bold.setBold(True)
            p.setFont(bold)
            p.drawText(
                QRectF(r.left(), y, label_w, bar_h),
                Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft,
                self.tr(name),
            )
            p.setFont(body)
            width = bar_max * t.bucket_fen[i] / biggest
            bar = QRectF(r.left() + label_w, y, max(width, 2.0), bar_h)
            p.setPen(QPen(QColor("#505050"), 1))
            p.setBrush(QBrush(QColor(self.COLORS[i])))
            p.drawRect(bar)
            p.setPen(QColor("#202020"))
            share = (t.bucket_fen[i] * 2000 + t.owed_fen) // (2 * t.owed_fen) if t.owed_fen else 0
            text = (
                self.tr("%1　%2 户　占 %3")
                .replace("%1", short_yuan(t.bucket_fen[i]))
                .replace("%2", str(t.bucket_customers[i]))
                .replace("%3", f"{share // 10}.{share % 10}%")
            )
            p.drawText(
                QRectF(r.left() + label_w, y + bar_h + 1, bar_max, row_h - bar_h - 2),
                Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop,
                text,
            )
        note = QFont(self.font())
        note.setPointSize(9)
        p.setFont(note)
        p.setPen(QColor("#606060"))
        p.drawText(
            QRectF(r.left(), top + rows * row_h + 4, r.width(), 36),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            self.tr("条形长度按欠费本金（不含违约金）；户数按最早一笔欠费的账龄归类。"),
        )
        p.end()
