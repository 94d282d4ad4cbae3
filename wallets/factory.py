"""The configured acquirers: [alipay] and [wechat] of config.toml (a section without a gateway: not used).

    [alipay]
    gateway = "https://openapi.alipay.com/gateway.do"
    app_id = "2021..."
    app_private_key_path = "keys/alipay_app_private.pem"   # 0600; relative paths: the data directory
    alipay_public_key_path = "keys/alipay_public.pem"
    [wechat]
    gateway = "https://api.mch.weixin.qq.com"
    appid = "wx..."
    mch_id = "19..."
    api_key_path = "keys/wechat_api_key"                    # 0600
    sign_type = "MD5"                                       # or HMAC-SHA256
    cert_path = "keys/apiclient_cert.pem"                   # reverse and refund: the merchant certificate
    cert_key_path = "keys/apiclient_key.pem"                # 0600, like the other keys
    client_ip = "10.20.0.11"                                # spbill_create_ip; default: this PC's address
    reverse_after_s = 15                                    # WeChat: no reverse sooner after the micropay
    [wallet]
    interval_s = 3      # query every … while the customer enters the password
    deadline_s = 60     # then cancel (撤销)

Key contents are never logged; a key file readable by others is refused with a sentence.
"""

from __future__ import annotations

import socket
import urllib.parse
from pathlib import Path
from typing import Any

from app.config import Config
from app.services.wallet_pay import Polling
from app.wallet import Wallet, WalletKind
from wallets.keys import load_private_key, load_public_key, read_secret


def _path(config: Config, raw: Any) -> Path:
    p = Path(str(raw)).expanduser()
    return p if p.is_absolute() else config.data_dir / p


def counter_ip(gateway: str) -> str:
    """The address this PC reaches the gateway from (WeChat's spbill_create_ip is "the IP of the machine
    calling the API"): the local end of a UDP socket pointed at the gateway. No packet is sent; a gateway
    that cannot be resolved (no network yet) gives 127.0.0.1, and [wechat] client_ip overrides it."""
    host = urllib.parse.urlsplit(gateway).hostname or "127.0.0.1"
    try:
        with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
            probe.connect((host, 443))
            return str(probe.getsockname()[0])
    except OSError:
        return "127.0.0.1"


def make_wallets(config: Config) -> dict[WalletKind, Wallet]:
    wallets: dict[WalletKind, Wallet] = {}
    a = config.section("alipay")
    if str(a.get("gateway", "")).strip():
        from wallets.alipay import AlipayWallet

        wallets[WalletKind.ALIPAY] = AlipayWallet(
            str(a["gateway"]),
            str(a.get("app_id", "")),
            load_private_key(_path(config, a.get("app_private_key_path", "")), "支付宝应用私钥"),
            load_public_key(_path(config, a.get("alipay_public_key_path", "")), "支付宝公钥"),
            timeout_s=float(a.get("timeout_s", 10)),
        )
    w = config.section("wechat")
    if str(w.get("gateway", "")).strip():
        from wallets.wechat import WechatWallet

        key = read_secret(_path(config, w.get("api_key_path", "")), "微信支付 API 密钥").decode().strip()
        cert, cert_key = w.get("cert_path"), w.get("cert_key_path")
        if cert_key:  # the merchant certificate's key moves money (refunds) as the API key does: 0600 too
            read_secret(_path(config, cert_key), "微信支付商户证书私钥")
        wallets[WalletKind.WECHAT] = WechatWallet(
            str(w["gateway"]),
            str(w.get("appid", "")),
            str(w.get("mch_id", "")),
            key,
            sign_type=str(w.get("sign_type", "MD5")),
            timeout_s=float(w.get("timeout_s", 10)),
            cert_path=_path(config, cert) if cert else None,
            cert_key_path=_path(config, cert_key) if cert_key else None,
            client_ip=str(w.get("client_ip", "")).strip() or counter_ip(str(w["gateway"])),
            reverse_after_s=float(w.get("reverse_after_s", 15)),
        )
    return wallets


def polling(config: Config) -> Polling:
    s = config.section("wallet")
    return Polling(
        interval_s=float(s["interval_s"]),
        deadline_s=float(s["deadline_s"]),
        cancel_tries=int(s["cancel_tries"]),
    )  # defaults: app.config.WalletSettings, via section()
