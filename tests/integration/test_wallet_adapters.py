"""The adapters' edges: the simulator refuses a badly signed request, key files must be 0600, config gaps."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from app.config import load_config
from app.errors import HallPayError, Refused
from app.model import Method
from app.services.wallet_pay import WalletPayRequest, collect
from app.wallet import TradeState, WalletKind
from tests.integration.wallet_fixtures import _hall_template, _sim_server, hall, sim, wallets_for, wire  # noqa: F401
from wallets.codes import payment_code
from wallets.factory import make_wallets


def test_a_request_signed_with_another_key_is_refused_by_the_acquirer(hall: Any, sim: Any) -> None:
    from wallets.alipay import AlipayWallet
    from wallets.keys import load_private_key, new_rsa_pair, write_secret
    from wallets.wechat import WechatWallet

    wallets = wallets_for(hall, sim)
    a, w = wallets[WalletKind.ALIPAY], wallets[WalletKind.WECHAT]
    write_secret(hall.data_dir / "other.pem", new_rsa_pair()[0])
    stranger = AlipayWallet(
        a.gateway, a.app_id, load_private_key(hall.data_dir / "other.pem", "k"), a._alipay_key, timeout_s=0.5
    )
    result = stranger.pay("HPX1", payment_code(WalletKind.ALIPAY), 100, "电费")
    assert result.state is TradeState.FAILED and "invalid-signature" in result.detail
    impostor = WechatWallet(w.gateway, w.appid, w.mch_id, "wrong-key", timeout_s=0.5)
    assert impostor.pay("HPX2", payment_code(WalletKind.WECHAT), 100, "电费").state is TradeState.UNKNOWN
    assert sim.bad_signatures == 2 and sim.trades == {}


def test_key_files_must_be_private(hall: Any, sim: Any) -> None:
    wire(hall.data_dir, sim)
    key = hall.data_dir / "keys" / "wechat_api_key"
    os.chmod(key, 0o644)
    with pytest.raises(HallPayError) as caught:
        make_wallets(load_config(hall.data_dir / "config.toml"))
    assert "chmod 600" in str(caught.value) and sim.api_key not in str(caught.value)


def test_a_wallet_without_config_is_refused_before_anything_is_written(hall: Any) -> None:
    with pytest.raises(Refused) as caught:
        collect(
            hall.ctx,
            {},
            WalletPayRequest(
                "1000000004", Method.WECHAT, payment_code(WalletKind.WECHAT), "C01", amount_fen=100
            ),
        )
    assert "未配置微信收单" in str(caught.value)
    assert make_wallets(load_config(hall.data_dir / "config.toml")) == {}


def test_the_log_never_holds_a_key_or_a_whole_payment_code(hall: Any, sim: Any, caplog: Any) -> None:
    import logging

    caplog.set_level(logging.DEBUG)
    wallets = wallets_for(hall, sim)
    code = payment_code(WalletKind.ALIPAY)
    collect(hall.ctx, wallets, WalletPayRequest("1000000004", Method.ALIPAY, code, "C01", amount_fen=100))
    text = caplog.text + "".join(Path(p).read_text() for p in (hall.data_dir / "logs").glob("*.log"))
    assert code not in text and sim.api_key not in text and "PRIVATE KEY" not in text


def test_a_wechat_answer_signed_for_another_merchant_is_no_answer() -> None:
    """Review F2: an answer genuinely signed with the API key but naming another appid / mch_id (a key
    shared by two accounts, a misrouted answer) is not believed, whatever its out_trade_no says."""
    import threading
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    from wallets import wechat as wx

    key = "k" * 32

    class Other(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            asked = wx.from_xml(self.rfile.read(int(self.headers["Content-Length"])))
            out = {
                "return_code": "SUCCESS",
                "appid": asked["appid"],
                "mch_id": "1900000999",
                "nonce_str": "n",
                "result_code": "SUCCESS",
                "out_trade_no": asked["out_trade_no"],
                "transaction_id": "4200OTHER",
                "total_fee": asked.get("total_fee", "100"),
                "trade_state": "SUCCESS",
            }
            out["sign"] = wx.signature(out, key)
            body = wx.to_xml(out)
            self.send_response(200)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Other)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        ours = wx.WechatWallet(f"http://127.0.0.1:{server.server_address[1]}", "wx1", "1900000109", key)
        assert ours.pay("HPX1", payment_code(WalletKind.WECHAT), 100, "电费").state is TradeState.UNKNOWN
        assert ours.query("HPX1").state is TradeState.UNKNOWN
    finally:
        server.shutdown()
        server.server_close()


def _merchant_certificate(where: Path) -> tuple[Path, Path]:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "1900000109")])
    start = dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(1)
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=3650))
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = where / "apiclient_cert.pem", where / "apiclient_key.pem"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return cert_path, key_path


def test_the_merchant_certificate_key_must_be_private_too(hall: Any, sim: Any) -> None:
    """Review F9: apiclient_key.pem at 0644 was loaded while the two other keys were refused."""
    from app.config import save_config

    sections = wire(hall.data_dir, sim)
    cert, key = _merchant_certificate(hall.data_dir / "keys")
    os.chmod(key, 0o644)
    sections["wechat"] |= {"cert_path": str(cert), "cert_key_path": str(key)}
    save_config(hall.data_dir / "config.toml", sections)
    with pytest.raises(HallPayError) as caught:
        make_wallets(load_config(hall.data_dir / "config.toml"))
    assert "chmod 600" in str(caught.value) and "商户证书私钥" in str(caught.value)
    os.chmod(key, 0o600)
    assert WalletKind.WECHAT in make_wallets(load_config(hall.data_dir / "config.toml"))


def test_spbill_create_ip_is_the_counters_address(hall: Any, sim: Any) -> None:
    """Review F8: micropay's spbill_create_ip is the address of the PC calling the API ([wechat]
    client_ip, else the address the gateway is reached from), not a constant 127.0.0.1."""
    from app.config import save_config
    from wallets.factory import counter_ip

    sections = wire(hall.data_dir, sim)
    sections["wechat"]["client_ip"] = "10.20.0.11"
    save_config(hall.data_dir / "config.toml", sections)
    wallets = make_wallets(load_config(hall.data_dir / "config.toml"))
    wallets[WalletKind.WECHAT].pay("HPX3", payment_code(WalletKind.WECHAT), 100, "电费")
    assert sim.client_ips == ["10.20.0.11"]
    assert counter_ip(sim.url) == "127.0.0.1"  # the simulator is reached over loopback
    assert counter_ip("https://192.0.2.7/pay") not in ("", "0.0.0.0")  # an interface's address, or loopback
