"""Bench row (issue 19): scan of a payment code to receipt bytes through the acquirer simulator on loopback,
beside the cash path timed in the same run on the same terminal."""

from __future__ import annotations

import sqlite3
from typing import Any

from app.model import Method
from app.services.lookup import find_customers
from app.services.payments import PayRequest, due, pay
from app.services.wallet_pay import Polling, WalletPayRequest, collect
from app.wallet import WalletKind
from bench.rows import timings

MIN_SAMPLES = 100  # p99 of fewer samples is the maximum of a handful


def wallet_timings(w: Any, samples: int) -> tuple[list[float], list[float]]:
    """(scanned payment ms, cash ms) per sample, on the same terminal, the acquirer simulator on loopback."""
    from printing.escpos_bytes import encode_receipt
    from printing.layout import layout_receipt
    from wallets.alipay import AlipayWallet
    from wallets.codes import payment_code
    from wallets.keys import load_private_key, load_public_key
    from wallets.sim import AcquirerSim
    from wallets.wechat import WechatWallet

    samples = max(samples, MIN_SAMPLES)
    sim = AcquirerSim().start()
    sim.today = w.ctx.today
    try:
        keys = w.data_dir / "bench-keys"
        s = sim.configure(keys, timeout_s=5.0)
        a, x = s["alipay"], s["wechat"]
        wallets: dict[WalletKind, Any] = {
            WalletKind.ALIPAY: AlipayWallet(
                a["gateway"],
                a["app_id"],
                load_private_key(keys / "alipay_app_private.pem", "k"),
                load_public_key(keys / "alipay_public.pem", "k"),
                timeout_s=5.0,
            ),
            WalletKind.WECHAT: WechatWallet(
                x["gateway"], x["appid"], x["mch_id"], sim.api_key, timeout_s=5.0
            ),
        }
        con = sqlite3.connect(w.store.path)
        nos = [
            r[0]
            for r in con.execute(
                "SELECT customer_no FROM customers WHERE customer_no LIKE '31%' ORDER BY random() LIMIT ?",
                (samples * 2,),
            )
        ]
        con.close()
        # one wallet per sample, alternating, each charged under its own key (the corrected-key path is not
        # what is timed); "success" codes: the acquirer answers at once, no USERPAYING wait
        kinds = [WalletKind.ALIPAY if i % 2 else WalletKind.WECHAT for i in range(samples)]
        codes = [payment_code(kind) for kind in kinds]

        def receipt_bytes(receipt: Any, drawer: bool) -> None:
            encode_receipt(layout_receipt(receipt, 48), columns=48, open_drawer=drawer)

        def scan_wallet(i: int) -> None:
            [customer] = find_customers(w.ctx, nos[i])
            amount = due(w.ctx, customer.customer_no).quote.to_pay_fen or 1000
            done = collect(
                w.ctx,
                wallets,
                WalletPayRequest(
                    customer.customer_no, Method(kinds[i].value), codes[i], "C01", amount_fen=amount
                ),
                polling=Polling(0.05, 5.0),
            )
            assert not done.corrected and done.paid.receipt.reference == done.trade_no
            receipt_bytes(done.paid.receipt, False)

        def scan_cash(i: int) -> None:
            [customer] = find_customers(w.ctx, nos[samples + i])
            amount = due(w.ctx, customer.customer_no).quote.to_pay_fen or 1000
            result = pay(
                w.ctx,
                PayRequest(
                    customer.customer_no, Method.CASH, "C01", amount_fen=amount, tendered_fen=amount + 5000
                ),
            )
            receipt_bytes(result.receipt, True)

        # interleaved, so a busy moment of a shared machine falls on both paths alike
        cash: list[float] = []
        ours: list[float] = []
        for i in range(samples):
            cash += timings(lambda _n: scan_cash(i), 1)  # noqa: B023 (called at once, inside this turn)
            ours += timings(lambda _n: scan_wallet(i), 1)  # noqa: B023
    finally:
        sim.stop()
    return ours, cash
