"""The acquirer simulator a demo or training terminal's window starts by itself (issue 19), so F4/F5 and a
payment code from `wallet code` work out of the box, with no [alipay] / [wechat] configuration.

It listens on a free 127.0.0.1 port for the life of the window. Its sections are handed to the terminal's
wiring in memory, never written to config.toml: the next start takes another port, and a terminal that
gets real acquirers configured never starts it. Its trades are kept in the data directory between
windows (wallet-sim/trades.json, written when the window closes), so a shift closed after a restart
reconciles against the same trades the counter recorded.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path
from typing import Any

from app.config import write_private_text
from wallets.sim import AcquirerSim, Trade


class DemoAcquirer:
    def __init__(self, data_dir: Path, today: Callable[[], dt.date]) -> None:
        self.home = data_dir / "wallet-sim"
        self.sim = AcquirerSim(delay_s=2.0)
        self.sim.today = today  # the terminal's business day dates the statements (HALLPAY_NOW in training)
        self.sections: dict[str, dict[str, Any]] = {}

    @property
    def trades_path(self) -> Path:
        return self.home / "trades.json"

    def start(self) -> DemoAcquirer:
        if self.trades_path.exists():
            saved = json.loads(self.trades_path.read_text(encoding="utf-8"))
            for t in saved["trades"]:
                trade = Trade(**t)
                self.sim.trades[(trade.wallet, trade.out_trade_no)] = trade
            self.sim._seq = int(saved["seq"])  # trade numbers go on, never repeat an earlier window's
        self.sim.start()
        self.sections = self.sim.configure(self.home / "keys", timeout_s=5.0)
        return self

    def stop(self) -> None:
        """Stop listening, then keep the trades for the next window."""
        self.sim.stop()
        with self.sim._lock:
            data = {"seq": self.sim._seq, "trades": [asdict(t) for t in self.sim.trades.values()]}
        self.home.mkdir(parents=True, exist_ok=True)
        write_private_text(self.trades_path, json.dumps(data, ensure_ascii=False))
