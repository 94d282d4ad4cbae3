"""The demo window's own acquirer simulator (issue 19): a demo terminal with no acquirer configured gets one
on loopback for the window's life, config.toml untouched; its trades outlive the window, so a shift closed
after a restart reconciles clean; a production terminal, or configured acquirers, never get one."""

from __future__ import annotations

import urllib.error
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from app.config import save_config
from app.model import Method
from app.services.wallet_pay import WalletPayRequest, collect
from app.services.wallet_reconcile import reconcile_day
from app.wallet import WalletKind
from tests.integration.wallet_fixtures import DAY, FAST, _hall_template, hall  # noqa: F401
from wallets.codes import payment_code


def _listening(url: str) -> bool:
    try:
        urllib.request.urlopen(url + "/nothing", timeout=2)  # noqa: S310 (loopback)
    except urllib.error.HTTPError:
        return True  # it answered
    except (urllib.error.URLError, OSError):
        return False
    return True


def test_demo_window_gets_a_simulator_and_its_trades_outlive_the_window(hall: Any) -> None:
    config_before = hall.config.path.read_bytes()
    assert hall.wallets()[0] == {}  # nothing configured
    first = hall.start_demo_acquirer()
    assert first is not None and first.sim.url.startswith("http://127.0.0.1:")
    url = first.sim.url
    try:
        wallets = hall.wallets()[0]
        assert set(wallets) == {WalletKind.ALIPAY, WalletKind.WECHAT}
        paid = [
            collect(
                hall.ctx,
                wallets,
                WalletPayRequest("1000000004", Method(k.value), payment_code(k), "C01", amount_fen=6_66),
                polling=FAST,
            )
            for k in WalletKind
        ]
    finally:
        first.stop()  # the window closed
    assert not _listening(url)
    assert hall.config.path.read_bytes() == config_before  # never written to config.toml

    second = hall.start_demo_acquirer()  # the next window: another port, the same trades
    assert second is not None
    try:
        report = reconcile_day(hall.ctx, hall.wallets()[0], DAY)
        assert report.clean and [len(w.matched) for w in report.wallets] == [1, 1]
        assert {d.trade_no for w in report.wallets for d in w.matched} == {p.trade_no for p in paid}
        again = collect(
            hall.ctx,
            hall.wallets()[0],
            WalletPayRequest(
                "1000000004", Method.ALIPAY, payment_code(WalletKind.ALIPAY), "C01", amount_fen=1_00
            ),
            polling=FAST,
        )
        assert again.trade_no not in {p.trade_no for p in paid}  # trade numbers go on
    finally:
        second.stop()


@pytest.mark.parametrize(
    "change", [{"mode": "production"}, {"alipay": {"gateway": "https://acquirer.invalid/gw"}}]
)
def test_production_or_configured_acquirers_get_no_simulator(hall: Any, change: dict, tmp_path: Path) -> None:
    if "mode" in change:
        hall.config.data["mode"] = change["mode"]
    else:
        hall.config = save_config(hall.config.path, change)
    assert hall.start_demo_acquirer() is None


def test_the_gui_command_starts_it_for_the_window_and_stops_it_after(hall: Any, monkeypatch: Any) -> None:
    import argparse

    import ui.app
    from cli.gui import cmd_gui

    seen: dict[str, Any] = {}

    def window(w: Any) -> int:  # the window's whole life: F4/F5 find both acquirers on loopback
        wallets = w.wallets()[0]
        seen["kinds"] = set(wallets)
        seen["url"] = w._wallet_sections["alipay"]["gateway"].rsplit("/alipay", 1)[0]
        seen["listening"] = _listening(seen["url"])
        return 0

    monkeypatch.setattr(ui.app, "run_gui", window)
    assert cmd_gui(hall, argparse.Namespace()) == 0
    assert seen["kinds"] == {WalletKind.ALIPAY, WalletKind.WECHAT} and seen["listening"]
    assert not _listening(seen["url"])  # stopped with the window
