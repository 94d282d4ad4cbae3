"""History, settings, customer display and the key map, as a clerk and a supervisor use them."""

from __future__ import annotations

import tomllib

from PySide6.QtCore import Qt

from app.journal import Kind
from tests.ui.kbd import Keyboard, open_window


def test_customer_display_follows_the_counter_live(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys, display = Keyboard(qtbot), window.display
    assert display.values["due"].text() == "—"
    keys.scan("1000000002")
    assert display.values["due"].text() == "3,041.00 元" and display.customer.text() == "宏达机械厂"
    keys.type("3100")
    assert display.values["change"].text() == "59.00 元"
    keys.press(Qt.Key.Key_F4)  # WeChat: the display asks for the payment code
    assert "扫码" in display.prompt.text()
    keys.press(Qt.Key.Key_F2)
    keys.type("3100")
    with qtbot.waitSignal(window.counter.printer_state, timeout=10000):
        keys.enter()
    assert "谢谢" in display.prompt.text() and display.values["change"].text() == "59.00 元"


def test_settings_save_needs_a_supervisor_and_is_journalled(qtbot, terminal):
    window = open_window(qtbot, terminal)
    page, store = window.settings, Keyboard(qtbot)
    window.show_page("settings")
    page.edits["hall_name"].setText("城西营业厅")
    page.edits["printer.width_mm"].setCurrentIndex(page.edits["printer.width_mm"].findData("58"))
    page.save()  # no supervisor
    store.settle()  # the save is a store operation: the answer comes back on the Qt thread
    assert "主管" in page.message.text()
    assert tomllib.loads((terminal.data_dir / "config.toml").read_text())["hall_name"] != "城西营业厅"
    page.supervisor.setText("S01")
    page.supervisor_pin.setText("000001")  # wrong PIN
    page.save()
    assert page.message.text().endswith("正在核对主管密码并保存…") and not page.save_button.isEnabled()
    store.settle()
    assert page.message.property("level") == "error" and page.save_button.isEnabled()
    page.supervisor.setText("S01")
    page.supervisor_pin.setText("999999")
    page.save()
    store.settle()
    assert page.message.property("level") == "ok", page.message.text()
    assert terminal.config.data["hall_name"] == "城西营业厅"  # the window reads the file back
    data = tomllib.loads((terminal.data_dir / "config.toml").read_text())
    assert data["hall_name"] == "城西营业厅" and data["printer"]["width_mm"] == 58
    assert data["printer"]["kind"] == "file" and data["central"]["interval_s"] == 30  # the rest kept, typed
    with terminal.ctx.uow() as uow:
        approvals = [e.payload for e in uow.journal.of_kind(Kind.APPROVAL)]
    assert any("城西营业厅" in str(p) and "S01" in str(p) for p in approvals)


def test_history_writes_a_pdf_copy_and_settings_print_a_test_page(qtbot, terminal):
    window = open_window(qtbot, terminal)
    keys = Keyboard(qtbot)
    keys.scan("1000000001")
    with qtbot.waitSignal(window.counter.printer_state, timeout=10000):
        keys.press(Qt.Key.Key_F8)  # exact cash is its own key (an empty tendered never pays)
    keys.ctrl(Qt.Key.Key_2)
    with qtbot.waitSignal(window.history.pdf_written, timeout=10000) as written:
        keys.ctrl(Qt.Key.Key_P)
    assert open(written.args[0], "rb").read(5) == b"%PDF-"
    window.show_page("settings")
    with qtbot.waitSignal(window.settings.tested, timeout=10000) as tested:
        window.settings.print_test_page()
    assert tested.args[:2] == ["printer", True]
    assert (terminal.data_dir / "receipts" / "T01-TEST.bin").exists() or any(
        p.name.startswith("T01-TEST") for p in (terminal.data_dir / "receipts").iterdir()
    )


def test_f1_shows_every_page_key(qtbot, terminal):
    window = open_window(qtbot, terminal)
    Keyboard(qtbot).press(Qt.Key.Key_F1)
    text = (
        window.key_dialog.findChild(type(window.key_dialog.children()[-1])).toPlainText()
        if hasattr(window.key_dialog.children()[-1], "toPlainText")
        else ""
    )
    keys = [k for k, _ in window.key_map()]
    for needed in ("F2 … F7", "Esc", "Ctrl+R", "Ctrl+P / F5", "Ctrl+Enter", "Ctrl+S", "Ctrl+D"):
        assert needed in keys
        assert needed in text


def test_english_translation_loads_and_renders_the_counter(qtbot, terminal, tmp_path):
    from PySide6.QtWidgets import QApplication

    from ui.i18n import install
    from ui.screenshot import render_page

    app = QApplication.instance()
    try:
        assert install(app, "en") is not None, "ui/i18n/hallpay_en.qm missing: run make translations"
        assert app.translate("MainWindow", "收费") == "Counter"
        render_page(terminal, "counter", tmp_path / "counter-en.png", "en")
        assert (tmp_path / "counter-en.png").stat().st_size > 10000
    finally:
        install(app, "zh_CN")
    assert app.translate("MainWindow", "收费") == "收费"
