"""设置: terminal and hall, printer (test page), card reader (read test card), central ledger
(test connection), policy values read-only. Saving needs a supervisor's 工号 and is a journal entry.

Device tests run on their own worker threads; nothing here blocks the UI thread on a device. The policy
values are read, and a save (the supervisor's scrypt PIN check, the journal entry, config.toml) is
written, as store operations (ui/ops.py); the page shows the answer when it comes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.errors import HallPayError
from app.money import format_fen
from app.services.settings_change import SettingsChange, change_and_reload, policy_values
from ui.messages import error_text
from ui.ops import CollectionOp, OpChanges, Operations, QueryOp
from ui.settings_devices import DeviceTests
from ui.widgets import Banner, tr0, yuan

if TYPE_CHECKING:
    from bootstrap import Services

POLICY_LABELS = {
    "late_fee.residential_permille": "居民违约金（‰/日）",
    "late_fee.current_year_permille": "非居民当年欠费（‰/日）",
    "late_fee.past_year_permille": "非居民跨年欠费（‰/日）",
    "late_fee.grace_days": "宽限天数",
    "late_fee.minimum_fen": "违约金最低（分）",
    "allocation.fee_before_principal": "先收违约金后收电费（1 = 是）",
    "payment.partial_residential": "居民允许部分缴费（1 = 是）",
    "payment.partial_nonresidential": "非居民允许分次结算（1 = 是）",
    "card.max_purchase_fen": "单次购电上限（分）",
    "card.max_hoard_fen": "囤积金额上限（分）",
    "card.replacement_fee_fen": "补卡费（分）",
    "shift.difference_supervisor_fen": "结班差额需主管审批（分）",
    "notice.stop_after_days": "欠费多少天后可停电",
    "notice.days_residential": "居民停电通知提前天数",
    "notice.days_other": "非居民停电通知提前天数",
}


PRINTER_KINDS = (
    ("none", "不打印"),
    ("file", "保存为文件（演示、培训）"),
    ("network", "网络打印机"),
    ("usb", "USB 打印机"),
    ("serial", "串口打印机"),
)
FLAG_KEYS = (
    "allocation.fee_before_principal",
    "payment.partial_residential",
    "payment.partial_nonresidential",
)


def policy_text(key: str, raw: str, tr: Any) -> str:
    """A policy value in a clerk's words: yuan for amounts in fen, 是 / 否 for switches."""
    try:
        number = int(raw)
    except (TypeError, ValueError):
        return raw
    if key in FLAG_KEYS:
        return tr("是") if number else tr("否")
    if key.endswith("_fen"):
        return tr("%1 元").replace("%1", yuan(number))
    if key.endswith("_days") or key.endswith("days_residential") or key.endswith("days_other"):
        return tr("%1 天").replace("%1", str(number))
    return raw


def policy_label(key: str, tr: Any) -> str:
    label = POLICY_LABELS.get(key, key)
    return tr(label.replace("（分）", "（元）").replace("（1 = 是）", "")) if key in POLICY_LABELS else key


class SettingsPage(QWidget):
    saved = Signal(object)  # SettingsChange
    tested = Signal(str, bool, str)  # what ("printer" | "card" | "central"), ok, sentence

    def __init__(
        self,
        wiring: Services,
        workers: dict[str, Any],
        clerk_id: str,
        parent: QWidget | None = None,
        *,
        ops: Operations | None = None,
    ) -> None:
        super().__init__(parent)
        self._w = wiring
        self.clerk_id = clerk_id
        self.ops = ops if ops is not None else Operations(wiring.ctx, parent=self)
        self.saving = False
        # the test buttons' work, on the devices' threads; their sentence on the message line
        self.device_tests = DeviceTests(
            wiring, workers, lambda level, text: self.message.show_message(level, text), self
        )
        self.device_tests.tested.connect(self.tested)
        outer = QVBoxLayout(self)
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        body = QWidget()
        scroll.setWidget(body)
        outer.addWidget(scroll, 1)
        grid = QGridLayout(body)
        self.edits: dict[str, QLineEdit | QComboBox | QCheckBox] = {}

        term = QGroupBox(self.tr("终端与营业厅"))
        f = QFormLayout(term)
        self._line(f, "terminal_id", self.tr("终端号"))
        self._line(f, "hall_name", self.tr("营业厅名称"))
        self._line(f, "clerk", self.tr("默认收费员"))
        self._combo(
            f, "language", self.tr("界面语言（重启后生效）"), [("zh_CN", "简体中文"), ("en", "English")]
        )
        grid.addWidget(term, 0, 0)

        printer = QGroupBox(self.tr("打印机"))
        f = QFormLayout(printer)
        self._combo(f, "printer.kind", self.tr("类型"), [(k, self.tr(text)) for k, text in PRINTER_KINDS])
        self._line(f, "printer.host", self.tr("地址"))
        self._line(f, "printer.port", self.tr("端口"))
        self._combo(f, "printer.width_mm", self.tr("纸宽(mm)"), [("58", "58"), ("80", "80")])
        self._combo(
            f, "printer.mode", self.tr("模式"), [("text", self.tr("文字")), ("image", self.tr("图像"))]
        )
        self._line(f, "printer.timeout_s", self.tr("超时(秒)"))
        box = QCheckBox(self.tr("现金收款时弹出钱箱"))
        self.edits["printer.cash_drawer"] = box
        f.addRow("", box)
        self.test_print = QPushButton(self.tr("打印测试页  [Ctrl+T]"))
        self.test_print.setObjectName("test_print")
        self.test_print.clicked.connect(self.print_test_page)
        f.addRow("", self.test_print)
        grid.addWidget(printer, 0, 1)

        card = QGroupBox(self.tr("读卡器"))
        f = QFormLayout(card)
        self._combo(f, "card.kind", self.tr("类型"), [("simulated", self.tr("模拟")), ("pcsc", "PC/SC")])
        self._line(f, "card.reader", self.tr("读卡器名称"))
        self.test_card = QPushButton(self.tr("读测试卡  [Ctrl+K]"))
        self.test_card.setObjectName("test_card")
        self.test_card.clicked.connect(self.read_test_card)
        f.addRow("", self.test_card)
        grid.addWidget(card, 1, 0)

        central = QGroupBox(self.tr("总部账务中心"))
        f = QFormLayout(central)
        self._line(f, "central.url", self.tr("数据库地址（空 = 本机中心库）"))
        self._line(f, "central.interval_s", self.tr("同步间隔(秒)"))
        self.test_central = QPushButton(self.tr("测试连接  [Ctrl+J]"))
        self.test_central.setObjectName("test_central")
        self.test_central.clicked.connect(self.test_connection)
        f.addRow("", self.test_central)
        grid.addWidget(central, 1, 1)

        safety = QGroupBox(self.tr("备份与柜台安全"))
        f = QFormLayout(safety)
        backup = self._line(f, "backup.path", self.tr("备份位置（U 盘或网络共享，如 E:/HallPay备份）"))
        backup.setPlaceholderText(self.tr("未设置：流水只存在本机，请设置第二块盘"))
        self._line(f, "idle_lock_s", self.tr("无操作自动锁屏（秒，0 = 不锁）"))
        self._line(f, "counter.confirm_above_yuan", self.tr("大额收款需再确认（元以上）"))
        self._line(f, "counter.max_change_yuan", self.tr("找零上限（元，超过即拒收）"))
        grid.addWidget(safety, 2, 0, 1, 2)
        self._defaults: dict[str, str] = {}

        policy = QGroupBox(self.tr("收费政策（由总部下发，只读）"))
        self.policy_form = QFormLayout(policy)
        grid.addWidget(policy, 3, 0, 1, 2)

        save_row = QHBoxLayout()
        save_row.addWidget(QLabel(self.tr("主管工号")))
        self.supervisor = QLineEdit()
        self.supervisor.setObjectName("settings_supervisor")
        self.supervisor.setMaximumWidth(120)
        save_row.addWidget(self.supervisor)
        save_row.addWidget(QLabel(self.tr("主管密码")))
        self.supervisor_pin = QLineEdit()
        self.supervisor.returnPressed.connect(self.supervisor_pin.setFocus)
        self.supervisor_pin.setObjectName("settings_supervisor_pin")
        self.supervisor_pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.supervisor_pin.setMaximumWidth(120)
        self.supervisor_pin.returnPressed.connect(self.save)
        save_row.addWidget(self.supervisor_pin)
        self.save_button = QPushButton(self.tr("保存设置（需主管审批）  [Ctrl+S]"))
        self.save_button.setObjectName("save_settings")
        self.save_button.clicked.connect(self.save)
        save_row.addWidget(self.save_button)
        save_row.addStretch(1)
        outer.addLayout(save_row)
        self.message = Banner(self)
        self.message.setObjectName("settings_message")
        outer.addWidget(self.message)
        for key, slot in (
            ("Ctrl+S", self.save),
            ("Ctrl+T", self.print_test_page),
            ("Ctrl+K", self.read_test_card),
            ("Ctrl+J", self.test_connection),
        ):
            QShortcut(QKeySequence(key), self, slot, context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.load()

    # ---------------------------------------------------------------- form

    def _line(self, form: QFormLayout, key: str, label: str) -> QLineEdit:
        edit = QLineEdit()
        edit.setObjectName("setting_" + key.replace(".", "_"))
        self.edits[key] = edit
        form.addRow(label, edit)
        return edit

    def _combo(self, form: QFormLayout, key: str, label: str, items: list[tuple[str, str]]) -> None:
        combo = QComboBox()
        combo.setObjectName("setting_" + key.replace(".", "_"))
        for value, text in items:
            combo.addItem(text, value)
        self.edits[key] = combo
        form.addRow(label, combo)

    def _current(self) -> dict[str, Any]:
        return self._w.config.data

    def load(self) -> None:
        data = self._current()
        for key, widget in self.edits.items():
            section, _, name = key.rpartition(".")
            value = (data.get(section, {}) if section else data).get(name, "")
            if isinstance(widget, QCheckBox):
                widget.setChecked(bool(value))
            elif isinstance(widget, QComboBox):
                i = widget.findData(str(value))
                widget.setCurrentIndex(max(i, 0))
            else:
                widget.setText(str(value))
        from ui.lock_screen import idle_seconds

        self._defaults = {
            "idle_lock_s": str(idle_seconds(self._w.config)),
            "counter.confirm_above_yuan": format_fen(self._w.config.confirm_above_fen),
            "counter.max_change_yuan": format_fen(self._w.config.max_change_fen),
        }
        for key, shown in self._defaults.items():  # what applies today, also when the file does not say it
            edit = self.edits[key]
            if isinstance(edit, QLineEdit) and not edit.text():
                edit.setText(shown)
        QueryOp(self.ops, policy_values, self._show_policy, parent=self).run()

    def _show_policy(self, values: dict[str, str]) -> None:
        while self.policy_form.rowCount():
            self.policy_form.removeRow(0)
        for key in sorted(
            values,
            key=lambda k: (
                k not in POLICY_LABELS,
                list(POLICY_LABELS).index(k) if k in POLICY_LABELS else 0,
                k,
            ),
        ):
            label = policy_label(key, tr0)
            value = QLabel(policy_text(key, values[key], tr0))
            value.setObjectName("policy_" + key)
            self.policy_form.addRow(label, value)

    def wanted(self) -> dict[str, Any]:
        """The form as config data, typed like the file (numbers as int, flags as bool)."""
        current = self._current()
        out: dict[str, Any] = {k: (dict(v) if isinstance(v, dict) else v) for k, v in current.items()}
        for key, widget in self.edits.items():
            section, _, name = key.rpartition(".")
            target = out.setdefault(section, {}) if section else out
            old = (current.get(section, {}) if section else current).get(name)
            if isinstance(widget, QCheckBox):
                value: Any = widget.isChecked()
            elif isinstance(widget, QComboBox):
                value = widget.currentData()
            else:
                value = widget.text().strip()
            if old is None and (value == self._defaults.get(key) or value == ""):
                continue  # a default shown, not a change: the file stays as it was
            if (
                isinstance(old, int)
                and not isinstance(old, bool)
                or name in ("port", "width_mm", "interval_s", "idle_lock_s")
            ):
                try:
                    value = int(value)
                except (TypeError, ValueError):
                    pass
            target[name] = value
        return out

    # ---------------------------------------------------------------- actions

    def set_clerk(self, clerk_id: str) -> None:
        """ClerkSession.switched: a settings change is asked for by the clerk signed in now."""
        self.clerk_id = clerk_id

    def save(self) -> None:
        if self.saving:  # Ctrl+S again while the supervisor's PIN is checked
            return
        try:
            wanted = self.wanted()
        except ValueError as error:
            self.message.show_message("error", error_text(error))
            return
        path, current, clerk = self._w.config.path, self._current(), self.clerk_id
        supervisor, pin = self.supervisor.text(), self.supervisor_pin.text()
        self.supervisor_pin.clear()
        self._set_saving(True)

        def refused(error: BaseException) -> None:
            self._set_saving(False)
            if not isinstance(error, HallPayError | ValueError):
                raise error
            self.message.show_message("error", error_text(error))
            if getattr(error, "code", "") == "approve.missing":  # 主管工号 is 17 Tabs away: go there (ux P3)
                self.supervisor.setFocus()

        CollectionOp(
            self.ops,
            lambda ctx: change_and_reload(ctx, path, current, wanted, clerk, supervisor, pin),
            self._saved,
            changes=OpChanges(settings=True),
            parent=self,
        ).failure(refused).run()

    def _set_saving(self, saving: bool) -> None:
        self.saving = saving
        self.save_button.setEnabled(not saving)
        if saving:
            self.message.show_message("info", self.tr("正在核对主管密码并保存…"))

    def _saved(self, answer: tuple[SettingsChange, dict[str, Any] | None]) -> None:
        self._set_saving(False)
        result, data = answer
        self.message.show_message(
            "ok",
            self.tr("已保存 %1 项设置（流水 %2）。打印机、读卡器、语言的更改在重启后生效。")
            .replace("%1", str(len(result.changed)))
            .replace("%2", str(result.entry.seq)),
        )
        self.supervisor.clear()
        if data is not None:  # the file as it now reads; None when it could not be read back
            self._w.config.data = data
        self.saved.emit(result)

    def print_test_page(self) -> None:
        self.device_tests.print_test_page()

    def read_test_card(self) -> None:
        self.device_tests.read_test_card()

    def test_connection(self) -> None:
        self.device_tests.test_connection()
