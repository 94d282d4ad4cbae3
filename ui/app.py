"""Starting the Qt application: font for Chinese, translator, the main window."""

from __future__ import annotations

import gc
import sys
from typing import TYPE_CHECKING

from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from bootstrap import Services

CJK_FONTS = ("WenQuanYi Micro Hei", "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC")


def make_application(language: str = "zh_CN") -> QApplication:
    from ui.i18n import install

    app = QApplication.instance()
    if app is None:
        app = QApplication(sys.argv[:1])
    assert isinstance(app, QApplication)
    app.setApplicationName("HallPay")
    families = set(QFontDatabase.families())
    for family in CJK_FONTS:
        if family in families:
            app.setFont(QFont(family, 11))
            break
    install(app, language)
    return app


def settle_heap() -> None:
    """What was built to open the window lives as long as the window: gc.freeze() takes it out of the
    collector's walks. A full collection otherwise walks every object of the process while holding the
    GIL: during a 100,000-entry sync that was the Qt thread's one 170–460 ms stall (bench)."""
    gc.freeze()


def run_gui(wiring: Services) -> int:
    from ui.main_window import MainWindow

    app = make_application(str(wiring.config.data.get("language", "zh_CN")))
    from ui.login_dialog import LoginDialog, autologin_allowed

    session = None
    if not autologin_allowed(wiring):  # HALLPAY_AUTOLOGIN=1 skips it on a demo terminal only
        login = LoginDialog(wiring)
        if login.exec() != LoginDialog.DialogCode.Accepted.value or login.session is None:
            return 0
        session = login.session
    window = MainWindow(wiring)
    if session is not None:
        window.clerk_controls.set_session(session)
    screen = app.primaryScreen()
    if screen is not None:  # the whole screen even where no window manager honours "maximized"
        window.setGeometry(screen.availableGeometry())
    window.showMaximized()  # a counter PC: 1366×768 or 1024×768, the whole screen (issue 16)
    if len(app.screens()) > 1:
        window.display.place()  # 客显 on the second screen; Ctrl+D shows it beside the counter otherwise
    settle_heap()
    return int(app.exec())
