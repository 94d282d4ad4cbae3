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
    dialog = FirstPinDialog(terminal, "C01", "111111")
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.new.setText("246802")
    dialog.again.setText("246801")
    dialog.attempt()
    assert "不一致" in dialog.message.text() and dialog.session is None
    dialog.new.setText("246802")
    dialog.again.setText("246802")
    dialog.attempt()
    assert not dialog.isEnabled()  # the check runs on the dialog's worker thread
    qtbot.waitUntil(lambda: dialog.session is not None, timeout=10000)
    assert dialog.session.clerk_id == "C01"
    assert login(terminal.ctx, "C01", "246802").clerk_id == "C01"
    with pytest.raises(Refused):
        login(terminal.ctx, "C01", "111111")
