"""A scanned payment code at the counter (issue 19): the acquirer collects on a thread of its own while the
message counts down the customer's password entry; Esc asks for the cancel (撤销).

The wait can last a minute (the acquirer's USERPAYING), far longer than any store write, so it does not
sit on the window's writer thread: each collection has its own worker, kept alive until its answer.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import shiboken6
from PySide6.QtCore import QObject, QTimer

from app.services.wallet_pay import Hooks, WalletPayRequest, collect
from ui.tasks import DeviceWorker

if TYPE_CHECKING:
    from app.services.context import Context
    from bootstrap import Services

_LIVE_WALLET_WORKERS: set[Any] = set()  # a scanned payment's worker lives until its answer

Say = Callable[[str, str], None]  # (level, sentence) on the page's message line
Done = Callable[[Any, BaseException | None], None]  # (WalletPayResult, None) or (None, the refusal)


class WalletCollection(QObject):
    """One scanned payment at a time; `waiting` while the acquirer has not answered."""

    def __init__(self, say: Say, parent: QObject) -> None:
        super().__init__(parent)
        self._say = say
        self._state: dict[str, Any] | None = None  # while one waits: its countdown and the Esc flag

    @property
    def waiting(self) -> bool:
        return self._state is not None

    def corrected_text(self, pressed: str, charged: str) -> str:
        """The clerk pressed one wallet's key and scanned the other's code: the code's digits decided."""
        return (
            self.tr("已更正钱包：按的是%1键，付款码属于%2，已按%2收款。")
            .replace("%1", pressed)
            .replace("%2", charged)
        )

    def refuse(self, sentence: str) -> None:
        """A key the scan does not allow (another method, a confirm, the next customer): said now, and kept
        beside the countdown, which would otherwise overwrite it within 0.3 s."""
        if self._state is not None:
            self._state["note"] = sentence
            self._say("warn", sentence)

    def cancel(self) -> None:
        """Esc while the customer types the password: the service cancels at its next query."""
        if self._state is not None:
            self._state["stop"] = True
            self._say("info", self.tr("正在撤销扫码收款…"))

    def start(self, ctx: Context, wiring: Services, req: WalletPayRequest, done: Done) -> bool:
        """Collect `req` off the Qt thread; `done` runs on the Qt thread. False: one is already waiting."""
        if self._state is not None:
            return False
        state: dict[str, Any] = {"stop": False, "left": 0.0, "note": ""}
        self._state = state

        def job() -> Any:
            wallets, locks, poll = wiring.wallets()
            hooks = Hooks(
                on_wait=lambda left, _s: state.__setitem__("left", left),
                stop_requested=lambda: bool(state["stop"]),
            )
            return collect(ctx, wallets, req, polling=poll, hooks=hooks, locks=locks)

        def tick() -> None:
            left = int(state["left"] + 0.999)
            text = (
                self.tr("正在向收单机构收款…")
                if not left
                else self.tr("等待客户输入支付密码… 剩余 %1 秒（Esc 撤销）").replace("%1", str(left))
            )
            if state["note"] and not state["stop"]:
                self._say("warn", state["note"] + " " + text)
            else:
                self._say("info", text)

        timer = QTimer(self)
        timer.timeout.connect(tick)
        timer.start(300)
        tick()

        worker = DeviceWorker("wallet")  # a thread of its own for up to a minute of waiting, like an export
        _LIVE_WALLET_WORKERS.add(worker)

        def finished(value: Any, error: BaseException | None) -> None:
            worker.stop()
            _LIVE_WALLET_WORKERS.discard(worker)
            worker.deleteLater()
            if not shiboken6.isValid(self):
                return  # the page went away while the acquirer answered; the journal has the outcome
            timer.stop()
            timer.deleteLater()
            self._state = None
            done(value, error)

        worker.submit(job, finished)
        return True
