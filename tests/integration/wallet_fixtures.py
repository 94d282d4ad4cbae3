"""An acquirer simulator on loopback and a demo terminal wired to it (issue 19 tests)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from app.config import save_config
from app.services.wallet_pay import Polling
from app.wallet import WalletKind
from wallets.sim import AcquirerSim

DAY = dt.date(2026, 11, 23)
FAST = Polling(interval_s=0.05, deadline_s=0.6, cancel_tries=2)


@pytest.fixture(scope="session")
def _sim_server() -> Any:
    s = AcquirerSim(delay_s=0.8, paying_queries=2).start()
    s.today = lambda: DAY
    yield s
    s.stop()


@pytest.fixture
def sim(_sim_server: AcquirerSim) -> Any:
    """The session's simulator with no trades, script or counters left from an earlier test."""
    _sim_server.reset()
    return _sim_server


@pytest.fixture(scope="session")
def _hall_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    import bootstrap

    with pytest.MonkeyPatch.context() as mp:  # a session fixture has no monkeypatch of its own
        mp.setenv("HALLPAY_NOW", "2026-11-23T10:00:00+08:00")
        where = tmp_path_factory.mktemp("wallet-template") / "T01"
        bootstrap.open_terminal(where, generated_customers=0).store.close()
    return where


@pytest.fixture
def hall(_hall_template: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Any:
    """A demo terminal (a copy of one made once per session) on the fixed business day."""
    import shutil

    import bootstrap

    monkeypatch.setenv("HALLPAY_NOW", "2026-11-23T10:00:00+08:00")
    shutil.copytree(_hall_template, tmp_path / "T01")
    wiring = bootstrap.open_terminal(tmp_path / "T01", generated_customers=0)
    yield wiring
    wiring.store.close()


def wire(
    data_dir: Path,
    sim: AcquirerSim,
    *,
    timeout_s: float = 0.4,
    sign_type: str = "MD5",
    deadline_s: float = 0.6,
    reverse_after_s: float = 0.2,
) -> dict:
    """Point a terminal's config.toml at the simulator; returns the sections written. WeChat's reverse
    waits reverse_after_s after the micropay (15 s in production; short here so the suite stays fast)."""
    sections = sim.configure(data_dir / "keys", timeout_s=timeout_s, sign_type=sign_type)
    sections["wechat"]["reverse_after_s"] = reverse_after_s
    save_config(
        data_dir / "config.toml",
        {**sections, "wallet": {"interval_s": 0.05, "deadline_s": deadline_s, "cancel_tries": 2}},
    )
    return sections


def wallets_for(hall: Any, sim: AcquirerSim, **kw: Any) -> dict[WalletKind, Any]:
    from app.config import load_config as load
    from wallets.factory import make_wallets

    wire(hall.data_dir, sim, **kw)
    return make_wallets(load(hall.data_dir / "config.toml"))
