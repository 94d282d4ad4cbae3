"""Small widgets the pages share: money formatting, a money entry, a warning banner."""

from __future__ import annotations

from typing import TypeVar

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QRegularExpression, QSize, Qt
from PySide6.QtGui import QFont, QPainter, QPaintEvent, QPixmap, QRegularExpressionValidator
from PySide6.QtWidgets import QApplication, QFrame, QLabel, QLineEdit, QScrollArea, QStyle, QWidget

from app.money import AmountError, parse_yuan, yuan_text

W = TypeVar("W", bound=QWidget)


def tr0(text: str) -> str:
    """tr() for module-level helpers shared by pages: lupdate files their strings under the empty context."""
    return QCoreApplication.translate("", text)


def yuan(fen: int) -> str:
    """Money as the window shows it, grouped by thousands on every page: 68274.40 -> "68,274.40".

    app.money.yuan_text, the one formatter of shown and printed money; the entry fields too (MoneyEdit.set_fen),
    parse_yuan reads the grouped text back.
    """
    return yuan_text(fen)


def key_hints(text: str) -> str:
    """A line of key hints ("F2 现金  F3 银行卡  …", items two spaces apart) that wraps only between items: inside
    one, a no-break space for each space and a word joiner (U+2060) between letters, since Chinese breaks
    between any two characters (ux P3: "F9 零 / 钱转预存" wrapped mid-word)."""
    items = [item.strip() for item in text.split("  ") if item.strip()]
    return "  ".join("\u2060".join(item.replace(" ", "\u00a0")) for item in items)


def show_scaled(scroll: QScrollArea, label: QLabel, pixmap: QPixmap | None) -> None:
    """A receipt preview in `label` (the widget of `scroll`), scaled to the width it has beside the vertical
    scroll bar: a receipt is taller than the area, and scaled to the whole width before the bar came up, its
    right edge was under the bar (ux #5: 收费员：C0, ¥100.0 on the IC-card page). Call it again on a resize."""
    if pixmap is None or pixmap.isNull():
        return
    bar = scroll.style().pixelMetric(QStyle.PixelMetric.PM_ScrollBarExtent, None, scroll)
    free = max(120, scroll.contentsRect().width() - bar - 6)
    label.setPixmap(
        pixmap.scaledToWidth(min(free, pixmap.width()), Qt.TransformationMode.SmoothTransformation)
    )


class MoneyEdit(QLineEdit):
    """Text in yuan at the edge, int fen inside (Electrum's amount edit does the same with satoshis)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        font = self.font()
        font.setPointSize(16)
        self.setFont(font)
        self.setMaxLength(15)
        # digits, thousands commas and two decimals only: a letter or a minus never shows (ux P3: 实收 showed
        # "abc" until Enter); what the pattern lets through that is no amount ("1,2") parse_yuan refuses
        self.setValidator(
            QRegularExpressionValidator(QRegularExpression(r"[0-9,]{0,15}(\.[0-9]{0,2})?"), self)
        )

    def fen(self, *, allow_zero: bool = False) -> int | None:
        """None when empty; raises AmountError (one sentence) when malformed."""
        text = self.text().strip()
        if not text:
            return None
        return parse_yuan(text, allow_zero=allow_zero)

    def fen_or_none(self) -> int | None:
        try:
            return self.fen(allow_zero=True)
        except AmountError:
            return None

    def set_fen(self, fen: int | None) -> None:
        self.setText("" if fen is None else yuan_text(fen))


class Banner(QLabel):
    """A warning line: colour plus a symbol and words, so colour is never the only signal."""

    STYLES = {
        "error": "background:#fde2e1; color:#8a1c1c; border:1px solid #e0a0a0;",
        "warn": "background:#fff3cd; color:#6b4e00; border:1px solid #e6cf80;",
        "ok": "background:#e3f4e1; color:#1f5c1a; border:1px solid #a6d3a0;",
        "info": "background:#e8f0fb; color:#1d3f73; border:1px solid #a9c2e8;",
    }
    SYMBOLS = {"error": "✖ ", "warn": "⚠ ", "ok": "✔ ", "info": "ℹ "}

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setTextFormat(Qt.TextFormat.PlainText)
        font = self.font()
        font.setPointSize(12)
        self.setFont(font)
        self.topic = ""  # what the shown sentence is about ("" for a one-off sentence)
        self.hide()

    def show_message(self, level: str, text: str, topic: str = "") -> None:
        """`topic` names what the sentence is about, so a page can later clear exactly it (never by its words)."""
        self.setStyleSheet(f"QLabel {{ {self.STYLES[level]} padding:6px; border-radius:4px; }}")
        self.setText(self.SYMBOLS[level] + text)
        self.setProperty("level", level)
        self.topic = topic
        self.show()

    def clear_message(self) -> None:
        self.setText("")
        self.setProperty("level", "")
        self.topic = ""
        self.hide()


def big(widget: W, points: int = 16, bold: bool = True) -> W:
    """The widget (a label, a button) in a larger font; returned so a layout can take it in one line."""
    font = QFont(widget.font())
    font.setPointSize(points)
    font.setBold(bold)
    widget.setFont(font)
    return widget


class _FollowInner(QObject):
    """The scroll area shows and hides with its content, and scrolls to the field that takes the focus."""

    def __init__(self, area: QScrollArea, inner: QWidget) -> None:
        super().__init__(area)
        self._area, self._inner = area, inner
        inner.installEventFilter(self)
        app = QApplication.instance()
        if isinstance(app, QApplication):
            app.focusChanged.connect(self._focus)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if watched is self._inner and event.type() in (QEvent.Type.ShowToParent, QEvent.Type.HideToParent):
            self._area.setVisible(event.type() == QEvent.Type.ShowToParent)
        return False

    def _focus(self, _old: QWidget | None, new: QWidget | None) -> None:
        if new is not None and self._inner.isAncestorOf(new):
            self._area.ensureWidgetVisible(new, 10, 20)


def scrolled(inner: QWidget) -> QScrollArea:
    """inner in a frameless vertical scroll area: a tall form still fits a 768-pixel-high counter screen."""
    area = QScrollArea()
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidgetResizable(True)
    area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
    area.setWidget(inner)
    area.setVisible(not inner.isHidden())
    _FollowInner(area, inner)
    return area


class ElidedLabel(QLabel):
    """A one-line label that never widens its window: it shows what fits and ends with …; the whole text is
    its tooltip. The status bar's long sentences (a backup warning, a card reader's state) made the window
    1,248 px wide in English, past a 1024-px screen (issue 28, ux N4)."""

    def minimumSizeHint(self) -> QSize:  # noqa: N802 (Qt's name)
        hint = super().minimumSizeHint()
        return QSize(min(hint.width(), 150), hint.height())  # a short one stays whole

    def setText(self, text: str) -> None:  # noqa: N802 (Qt's name)
        super().setText(text)
        self.setToolTip(text)  # the whole sentence, however much of it the bar shows

    def paintEvent(self, _event: QPaintEvent) -> None:  # noqa: N802 (Qt's name)
        painter = QPainter(self)
        rect = self.contentsRect()
        shown = self.fontMetrics().elidedText(self.text(), Qt.TextElideMode.ElideRight, rect.width())
        painter.drawText(rect, int(self.alignment()), shown)
