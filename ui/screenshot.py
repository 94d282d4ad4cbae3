"""`python main.py screenshot --page P [--lang zh_CN|en] OUT.png`: a page rendered offscreen, for the
README and the guide (docs/guide.md; `make docs` renders every page in both languages).

The history and shift pages need a day with payments: with no receipts today, the screenshot takes two
showcase payments first. `main.py screenshot` always renders on a throwaway copy of the data directory
(db/scratch_copy.py) with a file printer, so the real journal, receipts and printer are never touched.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QWidget

from app.errors import InputError
from app.messages import coded
from app.services.history import day_history
from app.services.lookup import find_customers
from ui.ops import QueryOp, idle

if TYPE_CHECKING:
    from app.services.context import Context
    from bootstrap import Services

SHOWCASE_CUSTOMER = "1000000002"  # commercial, a bill across the year end: every fee rule visible
RECHARGE_CUSTOMER = "1000000003"  # a prepaid (费控) showcase customer with a card
PAGES = (
    "counter",
    "paid",
    "empty",
    "history",
    "shift",
    "settings",
    "display",
    "keys",
    "arrears",
    "login",
    "lock",
    "audit",
    "recharge",
    "void",
    "collection",
)


def _day_is_empty(ctx: Context) -> bool:
    """No receipt today, and the demo customers are there to pay (a store read: on the reader thread)."""
    return not any(r.is_receipt for r in day_history(ctx, ctx.today())[0]) and any(
        c.customer_no == "1000000001" for c in find_customers(ctx, "1000000001")
    )


def _demo_day(window: Any) -> None:
    """Two payments through the counter itself, when a demo terminal has none today."""
    empty: list[bool] = []
    QueryOp(window.ops, _day_is_empty, empty.append).run()
    _drain(window)
    if empty != [True]:
        return
    page = window.counter
    for customer, method, tendered, reference in (
        ("1000000001", 0, "200", ""),
        ("1000000005", 2, "", "WX2026112300017"),
    ):
        page.search.setText(customer)
        page.do_search()
        _drain(window)  # the lookup runs on the store's reader thread
        page._choose_method(method)
        page.tendered.setText(tendered)
        page.reference.setText(reference)
        page._pay(page.amount.fen(), page.tendered.fen())  # past the large-payment question: a scratch copy
        _drain(window)
    _drain(window)


def _drain(window: Any) -> None:
    deadline = 200
    while (
        not idle() or any(w.busy for w in window.workers.values())
    ) and deadline:  # every dialog's store too
        QApplication.processEvents()
        window.printer_worker._thread.wait(20)
        deadline -= 1
    QApplication.processEvents()


def _settle(widget: QWidget) -> None:
    for _ in range(8):
        QApplication.processEvents()


def render_page(wiring: Services, page: str, out: Path, language: str | None = None) -> None:
    from ui.app import make_application
    from ui.main_window import MainWindow

    if page not in PAGES:
        raise coded(InputError, "screenshot.no_page", page=page, pages=", ".join(PAGES))
    make_application(language or str(wiring.config.data.get("language", "zh_CN")))
    window = MainWindow(wiring, start_sync=False, open_files=False)
    window.resize(1366, 768)  # a counter PC screen (issue 16)
    target: QWidget = window
    if page in ("history", "shift", "audit"):
        _demo_day(window)
    if page == "paid":  # the counter just after a cash payment: paid, tendered, change large; printer news
        window.counter.search.setText(SHOWCASE_CUSTOMER)
        window.counter.do_search()
        _drain(window)
        window.counter.tendered.setText("3100")
        window.counter.confirm()
        _drain(window)
    elif page == "recharge":
        window.show_page("recharge")
        from ui.recharge_page import RechargePage

        recharge = window.pages.currentWidget()  # not a RechargePage when the card wiring failed: it says why
        if isinstance(recharge, RechargePage) and wiring.insert_demo_card(recharge.reader, RECHARGE_CUSTOMER):
            recharge.read_card()
            _drain(window)
            recharge.amount.setText("100")
            recharge.tendered.setText("100")
    elif page == "void":
        _demo_day(window)
        window.show_page("history")
        window.history.refresh()
        _drain(window)
        window.history.table.selectRow(0)
        window.history.void_selected()
    elif page == "counter":
        window.counter.search.setText(SHOWCASE_CUSTOMER)
        window.counter.do_search()
        _drain(window)
        window.counter.tendered.setText("3100")
    elif page == "history":
        window.show_page("history")
        _drain(window)
    elif page == "shift":
        window.show_page("shift")
        window.shift.refresh()
        _drain(window)
        for denomination, pieces in ((10000, "6"), (5000, "1"), (2000, "2"), (100, "1"), (10, "1")):
            if denomination in window.shift.pieces:
                window.shift.pieces[denomination].setText(pieces)
    elif page == "settings":
        window.show_page("settings")
    elif page == "arrears":
        window.show_page("arrears")
    elif page == "collection":
        _demo_day(window)
        window.show_page("collection")
        _drain(window)
    elif page == "audit":  # as the demo supervisor would see it (no PIN typed: nothing is recorded)
        window.clerk_controls.assume("S01")
        _drain(window)
        window.show_page("audit")
        _drain(window)
    elif page == "display":
        window.counter.search.setText(SHOWCASE_CUSTOMER)
        window.counter.do_search()
        _drain(window)
        window.counter.tendered.setText("3100")
        target = window.display
        target.resize(800, 480)
    window.show()
    _drain(window)  # what showing a page asked of the store (history, shift figures)
    if page == "display":
        target.show()
    if page == "keys":
        _settle(window)
        window.show_keys()
        target = window.key_dialog
    if page == "lock":
        _settle(window)
        window.clerk_controls.lock()
    if page == "void":
        _settle(window)
        target = window.history.void_dialog or window
    if page == "login":
        from ui.login_dialog import LoginDialog

        target = LoginDialog(wiring, window)
        target.show()
        _drain(window)  # the dialog asks the store whether this is a demo terminal
    _settle(target)
    out.parent.mkdir(parents=True, exist_ok=True)
    if not target.grab().save(str(out), "PNG"):
        raise coded(InputError, "screenshot.unwritable", out=out)
    window.close()
