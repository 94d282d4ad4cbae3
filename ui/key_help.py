"""F1: every key a clerk has, by page, in a dialog over the window (the guide prints the same list, and
tests/ui press each key in it)."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QTabWidget, QTextBrowser, QVBoxLayout, QWidget

PAGE_KEYS = ("Ctrl+1", "Ctrl+2", "Ctrl+3", "Ctrl+4", "Ctrl+5", "Ctrl+6", "Ctrl+7", "Ctrl+8")


class KeyHelp(QObject):
    """The key map of the window whose tabs are `pages` (their titles name the page keys)."""

    def __init__(self, pages: QTabWidget, parent: QWidget) -> None:
        super().__init__(parent)
        self._pages = pages

    def rows(self) -> list[tuple[str, str]]:
        """(keys, what they do) for every key a clerk has."""
        pages = " · ".join(
            f"{PAGE_KEYS[i]} {self._pages.tabText(i).rsplit('  ', 1)[0]}"
            for i in range(min(self._pages.count(), len(PAGE_KEYS)))
        )
        return [
            (self.tr("页面"), pages),
            (
                self.tr("扫描 / 输入 + 回车"),
                self.tr("收费：查找用户（户号、卡号、电话、姓名、地址）；只查找，不收款"),
            ),
            (self.tr("↑ ↓ 回车"), self.tr("收费：在多个结果中选择")),
            ("Ctrl+F", self.tr("收费：回到查找框")),
            ("F2 … F7", self.tr("现金、银行卡、微信、支付宝、云闪付、支票（收费、IC卡购电）")),
            (self.tr("实收 + 回车 / F12"), self.tr("收费：确认收款（实收为空时不收款）")),
            ("F8", self.tr("收费：收足额现金（实收 = 缴费金额）")),
            ("F9", self.tr("收费：找零 → 零钱转预存（角分）→ 全部转预存，每位用户从“找零”开始")),
            ("Y", self.tr("确认大额收款、结班（回车或 Esc 取消）")),
            ("Ctrl+R", self.tr("收费：重打上一张凭证；历史：重打选中的凭证")),
            (
                "Ctrl+Shift+V",
                self.tr("收费：冲正上一张；历史：冲正选中的凭证（主管工号、密码、原因，Ctrl+Enter 确认）"),
            ),
            ("Ctrl+Shift+R", self.tr("收费：支付总部退款（退款待领；按两次，现金出钱箱，客户在凭证上签字）")),
            ("Esc", self.tr("收费：下一位用户（清除找零和凭证预览）；IC卡购电：清空")),
            ("Ctrl+P / F5", self.tr("历史：打开 PDF 副本 / 刷新")),
            ("Alt+← / Alt+→ / Alt+Home", self.tr("历史：前一天 / 后一天 / 今天（或在日期框输入营业日）")),
            (self.tr("↑ ↓ 回车"), self.tr("历史：在筛选框中也可上下选择；回车重打（冲正行不重打原凭证）")),
            (self.tr("数字 + 回车"), self.tr("班次：按券别填写张数，回车到下一行")),
            ("Ctrl+Enter", self.tr("班次：结班（再按 Y 确认）")),
            ("F9 / F12", self.tr("IC卡购电：重新读卡 / 收款并写卡")),
            ("Ctrl+↑ / Ctrl+↓", self.tr("欠费：回到筛选 / 到清单")),
            ("Ctrl+Shift+C / X / P", self.tr("欠费：导出 CSV / Excel / PDF")),
            ("Ctrl+Shift+N", self.tr("收费：对屏幕上的用户提出停电通知；欠费：对选中用户提出停电通知")),
            ("Ctrl+PgDown / Ctrl+PgUp", self.tr("欠费：停电通知 / 欠费清单")),
            ("Ctrl+Shift+A / S / P", self.tr("停电通知：审批 / 登记送达 / 通知书 PDF")),
            (
                self.tr("月份 + 回车 / Ctrl+Shift+P"),
                self.tr("责任制：查询收费责任制报表 / 生成 PDF（打开、打印按钮）"),
            ),
            ("Ctrl+S", self.tr("设置：保存（需主管工号）")),
            ("Ctrl+T / Ctrl+K / Ctrl+J", self.tr("设置：打印测试页 / 读测试卡 / 测试总部连接")),
            ("Ctrl+D", self.tr("打开或关闭客显")),
            ("Ctrl+L", self.tr("锁屏（本人或主管密码解锁；空闲时自动锁屏）")),
            ("Ctrl+Shift+L", self.tr("切换收费员")),
            ("Ctrl+8", self.tr("审计（仅主管登录时）")),
            ("F1", self.tr("本帮助")),
        ]

    def show(self, parent: QWidget) -> QDialog:
        """The key map in a dialog over `parent` (QDialog.open: window-modal, the event loop goes on)."""
        dialog = QDialog(parent)
        dialog.setObjectName("key_map")
        dialog.setWindowTitle(self.tr("快捷键"))
        layout = QVBoxLayout(dialog)
        view = QTextBrowser()
        rows = "".join(
            f"<tr><td style='padding:3px 12px'><b>{k}</b></td><td>{v}</td></tr>" for k, v in self.rows()
        )
        view.setHtml(f"<table>{rows}</table>")
        layout.addWidget(view)
        dialog.resize(760, 620)
        dialog.open()
        return dialog
