"""The supervisors' audit page (审计): approvals, reprints, failed logins, lock-outs, settings changes.

Rows come from app.services.clerks.audit_trail (the journal's approval and print entries, the audit
table's login events), newest first. The tab exists only while a supervisor or admin is the acting
clerk (`sync_audit_page`); the page itself also refuses to show rows to anyone else, so reaching it
by its key after a switch shows nothing. F5 refreshes; typing in the filter narrows the rows. The rows
are read on the store's reader thread (ui/ops.py); the page fills when they arrive.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.clock import local_text
from app.services.clerks import Session, audit_trail
from ui.ops import Operations, QueryOp

if TYPE_CHECKING:
    from bootstrap import Services

# event -> (category, text); categories are the filter's choices
EVENTS: dict[str, tuple[str, str]] = {
    "approval": ("approval", "主管审批"),
    "signoff": ("approval", "日结签字"),
    "adjustment": ("approval", "总部退补调整"),
    "approval_refused": ("approval", "审批被拒"),
    "role_refused": ("approval", "越权被拒"),
    "reprint": ("reprint", "打印/重打凭证"),
    "login_failed": ("login", "登录失败"),
    "locked": ("login", "密码错误过多，锁定"),
    "login": ("login", "登录"),
    "switch": ("login", "切换收费员"),
    "unlock": ("login", "解锁屏幕"),
    "unlocked": ("login", "主管解除锁定"),
    "pin_changed": ("login", "修改密码"),
    "pin_set": ("login", "设置他人密码"),
    "settings": ("settings", "设置修改"),
    "clerks_imported": ("settings", "导入人员"),
}
WHY = {
    "wrong_pin": "密码错误",
    "unknown": "工号不存在",
    "inactive": "已停用",
    "locked": "锁定中",
    "no_pin": "未设置密码",
    "self": "经办人自批",
    "role": "不是主管",
    "missing": "未填主管",
}
COLUMNS = ("时间", "事件", "经办人", "对象", "详情")


def _local(at: str) -> str:
    try:
        return local_text(dt.datetime.fromisoformat(at.replace("Z", "+00:00")))
    except (ValueError, AttributeError):
        return str(at)


class AuditPage(QWidget):
    def __init__(
        self, wiring: Services, session: Session, ops: Operations, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("audit_page")
        self._w = wiring
        self._ops = ops
        self.session = session
        self.clerk_id = session.clerk_id
        self.rows: list[dict[str, Any]] = []
        layout = QVBoxLayout(self)
        top = QHBoxLayout()
        self.filter = QLineEdit()
        self.filter.setObjectName("audit_filter")
        self.filter.setPlaceholderText(self.tr("按工号、凭证号、事件或详情筛选"))
        self.category = QComboBox()
        self.category.setObjectName("audit_category")
        self.category.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        for key, text in (
            ("", self.tr("全部")),
            ("approval", self.tr("审批")),
            ("reprint", self.tr("重打")),
            ("login", self.tr("登录与密码")),
            ("settings", self.tr("设置")),
        ):
            self.category.addItem(text, key)
        top.addWidget(QLabel(self.tr("审计记录")))
        top.addWidget(self.filter, 1)
        top.addWidget(self.category)
        layout.addLayout(top)
        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("audit_table")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().setVisible(False)
        header = self.table.horizontalHeader()
        for i in range(len(COLUMNS) - 1):
            header.setSectionResizeMode(i, QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        layout.addWidget(self.table, 1)
        self.summary = QLabel()
        self.summary.setObjectName("audit_summary")
        layout.addWidget(self.summary)
        self.filter.textChanged.connect(lambda _t: self.fill())
        self.category.currentIndexChanged.connect(lambda _i: self.fill())
        QShortcut(QKeySequence("F5"), self, self.refresh, Qt.ShortcutContext.WidgetWithChildrenShortcut)

    @property
    def allowed(self) -> bool:
        return self.session.is_supervisor

    def set_session(self, session: Session) -> None:
        self.session = session
        self.clerk_id = session.clerk_id
        self.refresh()

    def refresh(self) -> None:
        if not self.allowed:
            self.rows = []
            self.fill()
            return
        asked_for = self.session

        def arrived(rows: list[dict[str, Any]]) -> None:
            if self.session == asked_for:  # a clerk switched meanwhile sees none of the supervisor's rows
                self.rows = rows
                self.fill()

        QueryOp(self._ops, audit_trail, arrived, parent=self).run()

    def describe(self, row: dict[str, Any]) -> tuple[str, str, str, str, str]:
        event = str(row.get("event", ""))
        name = self.tr(EVENTS.get(event, ("", event))[1])
        d = dict(row.get("detail") or {})
        parts: list[str] = []
        if d.get("action"):
            parts.append(self.tr("事项：%1").replace("%1", str(d["action"])))
        if d.get("purpose"):
            parts.append(self.tr("用途：%1").replace("%1", str(d["purpose"])))
        if d.get("why"):
            parts.append(self.tr(WHY.get(str(d["why"]), str(d["why"]))))
        if event == "reprint":
            parts.append(self.tr("已打印") if d.get("printed") else self.tr("未打印"))
        if d.get("detail") and isinstance(d["detail"], dict):
            parts.append(", ".join(f"{k}={v}" for k, v in d["detail"].items()))
        if d.get("count"):
            parts.append(self.tr("%1 人").replace("%1", str(d["count"])))
        if d.get("seq"):
            parts.append(self.tr("流水 #%1").replace("%1", str(d["seq"])))
        subject = str(row.get("subject", ""))
        if event in ("approval", "signoff", "settings", "adjustment") and subject:
            subject = self.tr("审批人 %1").replace("%1", subject)
        return _local(str(row.get("at", ""))), name, str(row.get("clerk_id", "")), subject, "；".join(parts)

    def fill(self) -> None:
        if not self.allowed:
            self.table.setRowCount(0)
            self.summary.setText(self.tr("审计记录仅限主管或系统管理员查看。"))
            return
        wanted = self.category.currentData() or ""
        needle = self.filter.text().strip().lower()
        shown = []
        for row in self.rows:
            if wanted and EVENTS.get(str(row.get("event")), ("", ""))[0] != wanted:
                continue
            cells = self.describe(row)
            if needle and not any(needle in c.lower() for c in cells):
                continue
            shown.append((row, cells))
        self.table.setRowCount(len(shown))
        alarm = {"login_failed", "locked", "approval_refused", "role_refused"}
        for r, (row, cells) in enumerate(shown):
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if row.get("event") in alarm:
                    item.setForeground(Qt.GlobalColor.darkRed)
                self.table.setItem(r, c, item)
        failed = sum(1 for row in self.rows if row.get("event") in ("login_failed", "locked"))
        self.summary.setText(
            self.tr("共 %1 条，显示 %2 条；其中登录失败 %3 次")
            .replace("%1", str(len(self.rows)))
            .replace("%2", str(len(shown)))
            .replace("%3", str(failed))
        )

    def showEvent(self, event: Any) -> None:  # noqa: N802 (Qt's name)
        super().showEvent(event)
        self.refresh()
        self.filter.setFocus()
