"""The arrears list's filters: nine fields three a row (风险等级, 类别, 账龄, 本金 ≥ / ≤, 区域, 责任收费员, 停电通知,
排序), Enter in any of them applies them, and what they say as an ArrearsFilter or, for the PDF, in words.

The areas and clerks to choose from are read by the page (a store read, off the Qt thread) and shown here.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QComboBox, QGridLayout, QLabel, QLineEdit, QWidget

from app.model import CATEGORY_LABELS, Category
from app.money import AmountError, parse_yuan
from app.risk import GRADE_LABELS, NOTICE_STATE_LABELS, ArrearsFilter
from ui.messages import error_text
from ui.widgets import tr0

# (label, min_days, max_days) of the age filter
AGES: tuple[tuple[str, int, int | None], ...] = (
    ("全部", 0, None),
    ("0–30 天", 0, 30),
    ("31–60 天", 31, 60),
    ("61–90 天", 61, 90),
    ("90 天以上", 91, None),
    ("超过 30 天（可提停电）", 31, None),
)
SORT_LABELS = (("owed_desc", "欠费金额从高到低"), ("age_desc", "账龄从长到短"), ("customer_no", "户号"))


class _EnterApplies(QObject):
    """Enter in any filter applies the filters (a combo box would otherwise swallow or ignore it)."""

    def __init__(self, apply: Callable[[], None], parent: QObject) -> None:
        super().__init__(parent)
        self._apply = apply

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:  # noqa: N802 (Qt's name)
        if (
            event.type() == QEvent.Type.KeyPress
            and isinstance(event, QKeyEvent)
            and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not (isinstance(obj, QComboBox) and obj.view().isVisible())
        ):
            self._apply()
            return True
        return False


def _combo(name: str, items: Sequence[tuple[str, object]]) -> QComboBox:
    box = QComboBox()
    box.setObjectName(f"arrears_{name}")
    # the longest choice ("60 days or more, not yet served") must not widen the page past 1024 px in
    # English (issue 28, ux N4): the box is 12 characters wide, its list shows every choice whole
    box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    box.setMinimumContentsLength(12)
    for text, data in items:
        box.addItem(text, data)
    box.view().setMinimumWidth(box.view().sizeHintForColumn(0) + 24)
    return box


class ArrearsFilters(QObject):
    """The filter fields, laid out in `grid` for the page to place; `apply` runs on Enter in any of them."""

    def __init__(self, apply: Callable[[], None], parent: QWidget) -> None:
        super().__init__(parent)
        tr = tr0  # a local alias: lupdate files these strings under the empty context, so translate there
        self.grade = _combo(
            "grade", [(tr("全部"), "")] + [(tr(GRADE_LABELS[g]), g) for g in ("I", "II", "III")]
        )
        self.category = _combo(
            "category", [(tr("全部"), "")] + [(tr(CATEGORY_LABELS[c]), c.value) for c in Category]
        )
        self.age = _combo("age", [(tr(label), i) for i, (label, _lo, _hi) in enumerate(AGES)])
        self.min_amount = QLineEdit()
        self.min_amount.setObjectName("arrears_min_amount")
        self.min_amount.setPlaceholderText(tr("不限"))
        self.max_amount = QLineEdit()
        self.max_amount.setObjectName("arrears_max_amount")
        self.max_amount.setPlaceholderText(tr("不限"))
        self.area = _combo("area", [(tr("全部"), "")])
        self.clerk = _combo("clerk", [(tr("全部"), "")])
        self.notice = _combo(
            "notice",
            [(tr("全部"), "")]
            + [
                (tr(NOTICE_STATE_LABELS[s]), s)
                for s in ("none", "proposed", "approved", "served", "reminded")
            ],
        )
        self.sort = _combo("sort", [(tr(label), key) for key, label in SORT_LABELS])
        cells = [
            (tr("风险等级(&G)"), self.grade),
            (tr("用户类别"), self.category),
            (tr("账龄"), self.age),
            (tr("欠费本金 ≥ 元"), self.min_amount),
            (tr("≤ 元"), self.max_amount),
            (tr("区域"), self.area),
            (tr("责任收费员"), self.clerk),
            (tr("停电通知"), self.notice),
            (tr("排序"), self.sort),
        ]
        self.grid = QGridLayout()
        enter = _EnterApplies(apply, parent)
        for i, (text, widget) in enumerate(cells):
            row, col = divmod(i, 3)  # three a row: five did not fit 1024 px in English (issue 28)
            label = QLabel(text)
            label.setBuddy(widget)
            self.grid.addWidget(label, row, col * 2)
            self.grid.addWidget(widget, row, col * 2 + 1)
            widget.installEventFilter(enter)
        self.widgets: list[QWidget] = [w for _, w in cells]

    def show_choices(self, choices: tuple[list[str], list[tuple[str, str]]]) -> None:
        """The areas and the responsible clerks the store knows, after 全部; a choice made stays chosen."""
        found_areas, clerks = choices
        for box, items in (
            (self.area, [(a, a) for a in found_areas if a]),
            (self.clerk, [(f"{c} {name}".strip(), c) for c, name in clerks]),
        ):
            current = box.currentData()
            while box.count() > 1:
                box.removeItem(1)
            for text, data in items:
                box.addItem(text, data)
            index = box.findData(current)
            box.setCurrentIndex(max(index, 0))

    def current_filter(self, limit: int = 200) -> ArrearsFilter:
        """The filter the widgets say; raises HallPayError for a malformed amount."""
        _label, lo, hi = AGES[int(self.age.currentData())]

        def amount(edit: QLineEdit, what: str) -> int | None:
            text = edit.text().strip()
            if not text:
                return None
            try:
                return parse_yuan(text, allow_zero=True)
            except AmountError as error:
                raise AmountError(
                    self.tr("%1：%2").replace("%1", what).replace("%2", error_text(error))
                ) from None

        min_fen = amount(self.min_amount, self.tr("最低欠费金额")) or 0
        max_fen = amount(self.max_amount, self.tr("最高欠费金额"))
        return ArrearsFilter(
            grade=str(self.grade.currentData()),
            category=str(self.category.currentData()),
            area=str(self.area.currentData()),
            clerk_id=str(self.clerk.currentData()),
            min_days=lo,
            max_days=hi,
            min_fen=min_fen,
            max_fen=max_fen,
            notice_state=str(self.notice.currentData()),
            sort=str(self.sort.currentData()),
            limit=limit,
        )

    def filter_text(self) -> str:
        """The filters in words, for the PDF's heading."""
        parts = []
        for label, box in (
            (self.tr("等级"), self.grade),
            (self.tr("类别"), self.category),
            (self.tr("账龄"), self.age),
            (self.tr("区域"), self.area),
            (self.tr("责任人"), self.clerk),
            (self.tr("停电通知"), self.notice),
        ):
            if box.currentIndex() > 0:
                parts.append(f"{label} {box.currentText()}")
        if self.min_amount.text().strip():
            parts.append(self.tr("本金 ≥ %1 元").replace("%1", self.min_amount.text().strip()))
        if self.max_amount.text().strip():
            parts.append(self.tr("本金 ≤ %1 元").replace("%1", self.max_amount.text().strip()))
        return "，".join(parts)
