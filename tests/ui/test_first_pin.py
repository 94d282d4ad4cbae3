"""The window's first login with a one-time PIN (issue 17): the clerk sets their own PIN in a dialog whose
PIN check runs off the window's thread; afterwards the one-time PIN opens nothing."""

from __future__ import annotations

import pytest

from app.errors import Refused
from app.provisioning import must_change_key
from app.services.clerks import login
from ui.first_pin_dialog import FirstPinDialog


def test_one_time_pin_is_replaced_in_the_dialog(qtbot, terminal):
    with terminal.ctx.uow() as uow:  # C01's 111111 plays head office's one-time PIN
        uow.settings.set(must_change_key("C01"), "1")
        uow.commit()
    with pytest.raises(Refused, match="一次性密码"):
        login(terminal.ctx, "C01", "111111")
    dialog = FirstPinDialog(terminal.ctx, "C01", "111111")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new.setText("246802")
    dialog.again.setText("246801")
    dialog.attempt()
    assert "不一致" in dialog.message.text() and dialog.session is None
    dialog.new.setText("246802")
    dialog.again.setText("246802")
    dialog.attempt()
    assert not dialog.isEnabled() and dialog.message.text() == "正在设置密码…"  # on the store's writer thread
    qtbot.waitUntil(lambda: dialog.session is not None, timeout=10000)
    assert dialog.session.clerk_id == "C01"
    assert login(terminal.ctx, "C01", "246802").clerk_id == "C01"
    with pytest.raises(Refused):
        login(terminal.ctx, "C01", "111111")


def test_the_login_dialog_offers_the_new_pin_dialog_for_a_one_time_pin(qtbot, terminal):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication

    from ui.login_dialog import LoginDialog

    with terminal.ctx.uow() as uow:
        uow.settings.set(must_change_key("C01"), "1")
        uow.commit()
    login_dialog = LoginDialog(terminal)
    qtbot.addWidget(login_dialog)
    login_dialog.show()

    def fill() -> None:
        first = next(
            (w for w in QApplication.topLevelWidgets() if isinstance(w, FirstPinDialog) and w.isVisible()),
            None,
        )
        if first is None:  # the PIN check runs on the store's writer: the dialog comes with its answer
            QTimer.singleShot(50, fill)
            return
        first.new.setText("246802")
        first.again.setText("246802")
        first.attempt()

    QTimer.singleShot(100, fill)
    login_dialog.clerk.setText("C01")
    login_dialog.pin.setText("111111")
    login_dialog.attempt()  # the answer opens the new-PIN dialog, which fill() completes
    qtbot.waitUntil(lambda: login_dialog.session is not None, timeout=10000)
    assert login_dialog.session is not None and login_dialog.session.clerk_id == "C01"
    assert login(terminal.ctx, "C01", "246802").clerk_id == "C01"
