"""An acquirer on 127.0.0.1 for the demo terminal and the tests: Alipay's gateway and WeChat Pay's v2 API.

It checks every request's signature (Alipay: RSA2 with the app's public key; WeChat: the API key), signs
its answers (its own Alipay key; the API key), keeps the trades, cancels and refunds, serves the day's bill,
and plays a scripted scenario per payment (wallets/codes.py lists them): success, USERPAYING then success,
USERPAYING forever, SYSTEMERROR, insufficient balance, timeout with the money taken, slow (still paying
while the answer is held back), duplicate out_trade_no, a refund made but answered with a retryable error
(Alipay 40004 ACQ.SYSTEM_ERROR, WeChat BIZERR_NEED_RETRY), and a pay answered with the genuine signed
success of an earlier trade (a replay: nothing taken). Without a script the payment code's last two digits
choose. It answers refund queries (alipay.trade.fastpay.refund.query, WeChat refundquery) and serves
WeChat's downloadbill in the real ALL layout (the 27 detail columns with `应结订单金额`, backtick cells,
UTF-8 with a BOM, the totals block). Start it with `AcquirerSim().start()`; `configure(dir)` writes the keys
and the config sections. The trades are wallets/sim_trades.py's; the statements' layouts wallets/sim_bills.py's.
"""

from __future__ import annotations

import datetime as dt
import json
import threading
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

from app import durable
from app.clock import SHANGHAI
from app.money import format_fen, parse_yuan
from wallets import alipay as ali
from wallets import wechat as wx
from wallets.keys import new_rsa_pair, write_secret
from wallets.sim_bills import alipay_bill, wechat_bill
from wallets.sim_trades import Trade, TradeBook


class AcquirerSim(TradeBook):
    def __init__(
        self,
        *,
        delay_s: float = 2.0,
        paying_queries: int = 2,
        appid: str = "wxsim0000000000001",
        mch_id: str = "1900000109",
        app_id: str = "2021000000000001",
        api_key: str = "",
    ) -> None:
        super().__init__(delay_s=delay_s, paying_queries=paying_queries)
        self.appid, self.mch_id, self.app_id = appid, mch_id, app_id
        self.api_key = api_key or "simkey" + "0" * 26
        self._own_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.app_private_pem, app_public_pem = new_rsa_pair()
        self._app_public = serialization.load_pem_public_key(app_public_pem)
        self.requests: list[tuple[str, str, str]] = []  # (wallet, method, out_trade_no)
        self.client_ips: list[str] = []  # WeChat micropay's spbill_create_ip, as sent
        self.times: list[tuple[str, float]] = []  # (method or path, time.monotonic()) of each request
        self.bad_signatures = 0
        self._server: ThreadingHTTPServer | None = None

    # ---------------------------------------------------------------- control

    def reset(self) -> None:
        """Forget every trade, script and counter (a fresh acquirer on the same port and keys)."""
        with self._lock:
            self.trades.clear()
            self.requests.clear()
            self.client_ips.clear()
            self.times.clear()
            self._script.clear()
            self._last_success.clear()
            self.bad_signatures = 0

    @property
    def port(self) -> int:
        assert self._server is not None
        return int(self._server.server_address[1])

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, port: int = 0) -> AcquirerSim:
        sim = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:  # noqa: N802
                body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
                sim._handle(self, body)

            def do_GET(self) -> None:  # noqa: N802
                sim._bill(self)

            def log_message(self, *args: Any) -> None:
                pass

        self._server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, name="acquirer-sim", daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
            self._server = None

    def configure(self, key_dir: Path, *, timeout_s: float = 1.0, sign_type: str = "MD5") -> dict[str, dict]:
        """Write the terminal's key files (0600) and return its [alipay] and [wechat] sections."""
        write_secret(key_dir / "alipay_app_private.pem", self.app_private_pem)
        durable.write_bytes(
            key_dir / "alipay_public.pem",
            self._own_key.public_key().public_bytes(
                serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
            ),
        )
        write_secret(key_dir / "wechat_api_key", self.api_key.encode())
        return {
            "alipay": {
                "gateway": f"{self.url}/alipay/gateway.do",
                "app_id": self.app_id,
                "app_private_key_path": str(key_dir / "alipay_app_private.pem"),
                "alipay_public_key_path": str(key_dir / "alipay_public.pem"),
                "timeout_s": timeout_s,
            },
            "wechat": {
                "gateway": f"{self.url}/wechat",
                "appid": self.appid,
                "mch_id": self.mch_id,
                "api_key_path": str(key_dir / "wechat_api_key"),
                "sign_type": sign_type,
                "timeout_s": timeout_s,
            },
        }

    # ---------------------------------------------------------------- HTTP

    def _send(
        self, handler: BaseHTTPRequestHandler, body: bytes, content_type: str, delay: float = 0.0
    ) -> None:
        if delay:
            time.sleep(delay)
        try:
            handler.send_response(200)
            handler.send_header("Content-Type", content_type)
            handler.send_header("Content-Length", str(len(body)))
            handler.end_headers()
            handler.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the counter gave up waiting (or died): the trade stays as it is

    def _handle(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        path = handler.path
        if path.startswith("/alipay/"):
            self._alipay(handler, body)
        elif path.startswith("/wechat/"):
            self._wechat(handler, path[len("/wechat") :], body)
        else:
            handler.send_error(404)

    # Alipay ------------------------------------------------------------

    def _alipay(self, handler: BaseHTTPRequestHandler, body: bytes) -> None:
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode(), keep_blank_values=True).items()}
        method = params.get("method", "")

        def answer(fields: dict[str, Any], delay: float = 0.0) -> None:
            self._send(
                handler,
                ali.signed_response(method, fields, self._own_key),
                "application/json;charset=utf-8",
                delay,
            )

        assert isinstance(self._app_public, rsa.RSAPublicKey)
        if params.get("app_id") != self.app_id or not ali.rsa2_verify(
            ali.signing_string(params), params.get("sign", ""), self._app_public
        ):
            self.bad_signatures += 1
            return answer(
                {
                    "code": "40002",
                    "msg": "Invalid Arguments",
                    "sub_code": "isv.invalid-signature",
                    "sub_msg": "验签出错",
                }
            )
        biz = json.loads(params.get("biz_content", "{}"))
        number = str(biz.get("out_trade_no", ""))
        self.requests.append(("alipay", method, number))
        self.times.append((method, time.monotonic()))
        ok = {"code": "10000", "msg": "Success", "out_trade_no": number}

        def trade_fields(t: Trade) -> dict[str, Any]:
            return {
                "trade_no": t.trade_no,
                "total_amount": format_fen(t.amount_fen),
                "buyer_logon_id": "sim***@sim",
            }

        failed = {"code": "40004", "msg": "Business Failed"}
        if method == "alipay.trade.pay":
            amount = parse_yuan(str(biz.get("total_amount", "0")), allow_zero=True)
            outcome, trade, delay = self._pay("alipay", number, amount, str(biz.get("auth_code", "")))
            if outcome == "replayed":  # byte for byte an earlier trade's genuine answer
                return self._send(handler, self._replay("alipay"), "application/json;charset=utf-8")
            if outcome == "success" and trade:
                fields = {
                    **ok,
                    **trade_fields(trade),
                    "gmt_payment": dt.datetime.now(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
                }
                raw = self._remember("alipay", ali.signed_response(method, fields, self._own_key))
                return self._send(handler, raw, "application/json;charset=utf-8", delay)
            if outcome == "slow" and trade:
                time.sleep(delay)
                if self._finish_slow(trade) == "success":
                    return answer({**ok, **trade_fields(trade)})
                return answer({**failed, "sub_code": "ACQ.TRADE_HAS_CLOSE", "sub_msg": "交易已关闭"})
            if outcome == "paying" and trade:
                return answer(
                    {
                        "code": "10003",
                        "msg": "order success pay inprocess",
                        "out_trade_no": number,
                        **trade_fields(trade),
                    }
                )
            if outcome == "systemerror":
                return answer(
                    {
                        "code": "20000",
                        "msg": "Service Currently Unavailable",
                        "sub_code": "aop.ACQ.SYSTEM_ERROR",
                        "sub_msg": "系统繁忙",
                    }
                )
            if outcome == "insufficient":
                return answer(
                    {**failed, "sub_code": "ACQ.BUYER_BALANCE_NOT_ENOUGH", "sub_msg": "买家余额不足"}
                )
            return answer({**failed, "sub_code": "ACQ.TRADE_HAS_SUCCESS", "sub_msg": "交易已被支付"})
        if method == "alipay.trade.query":
            trade = self._query("alipay", number)
            if trade is None:
                return answer({**failed, "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "交易不存在"})
            status = {"PAYING": "WAIT_BUYER_PAY", "SUCCESS": "TRADE_SUCCESS", "CLOSED": "TRADE_CLOSED"}[
                trade.state
            ]
            return answer({**ok, **trade_fields(trade), "trade_status": status})
        if method == "alipay.trade.cancel":
            action, trade = self._cancel("alipay", number)
            return answer({**ok, "trade_no": trade.trade_no, "retry_flag": "N", "action": action})
        if method == "alipay.trade.refund":
            amount = parse_yuan(str(biz.get("refund_amount", "0")))
            result = self._refund("alipay", number, str(biz.get("out_request_no", "")), amount)
            if result == "ok":
                return answer({**ok, "fund_change": "Y", "refund_fee": format_fen(amount)})
            sub = {
                "retryable": ("ACQ.SYSTEM_ERROR", "系统错误"),
                "over": ("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"),
                "mismatch": ("ACQ.DISCORDANT_REPEAT_REQUEST", "不一致的请求"),
            }.get(result, ("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"))
            return answer({**failed, "sub_code": sub[0], "sub_msg": sub[1]})
        if method == "alipay.trade.fastpay.refund.query":
            refund_no = str(biz.get("out_request_no", ""))
            trade, made = self._refund_made("alipay", number, refund_no)
            if trade is None:
                return answer({**failed, "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "交易不存在"})
            found = {"out_request_no": refund_no, "trade_no": trade.trade_no}
            if made is None:  # Alipay: success, without a refund amount, when the refund does not exist
                return answer({**ok, **found})
            return answer(
                {
                    **ok,
                    **found,
                    "total_amount": format_fen(trade.amount_fen),
                    "refund_amount": format_fen(made),
                    "refund_status": "REFUND_SUCCESS",
                }
            )
        if method == "alipay.data.dataservice.bill.downloadurl.query":
            day = str(biz.get("bill_date", ""))
            return answer(
                {"code": "10000", "msg": "Success", "bill_download_url": f"{self.url}/alipay/bill/{day}.zip"}
            )
        return answer({"code": "40004", "msg": "Business Failed", "sub_code": "isv.invalid-method"})

    def _bill(self, handler: BaseHTTPRequestHandler) -> None:
        day = handler.path.rsplit("/", 1)[-1].removesuffix(".zip")
        self._send(handler, alipay_bill(day, *self.statement_events("alipay", day)), "application/zip")

    # WeChat ------------------------------------------------------------

    def _wechat(self, handler: BaseHTTPRequestHandler, path: str, body: bytes) -> None:
        try:
            fields = wx.from_xml(body)
        except Exception:  # noqa: BLE001 - a malformed request is refused, as the real API does
            fields = {}
        sign_type = fields.get("sign_type", "MD5")

        def signed(result: dict[str, str]) -> dict[str, str]:
            out = {
                "return_code": "SUCCESS",
                "return_msg": "OK",
                "appid": self.appid,
                "mch_id": self.mch_id,
                "nonce_str": f"{time.monotonic_ns()}",
                **result,
            }
            out["sign"] = wx.signature(out, self.api_key, sign_type)
            return out

        def answer(result: dict[str, str], delay: float = 0.0) -> None:
            self._send(handler, wx.to_xml(signed(result)), "text/xml; charset=utf-8", delay)

        if (
            fields.get("appid") != self.appid
            or fields.get("mch_id") != self.mch_id
            or not wx.verify(fields, self.api_key, sign_type)
        ):
            self.bad_signatures += 1
            return self._send(
                handler, wx.to_xml({"return_code": "FAIL", "return_msg": "签名错误"}), "text/xml"
            )
        number = fields.get("out_trade_no", "")
        self.requests.append(("wechat", path, number))
        self.times.append((path, time.monotonic()))
        ok = {"result_code": "SUCCESS", "out_trade_no": number}

        def fail(code: str, text: str, **extra: str) -> dict[str, str]:
            return {"result_code": "FAIL", "err_code": code, "err_code_des": text, **extra}

        def trade_fields(t: Trade) -> dict[str, str]:
            return {"transaction_id": t.trade_no, "total_fee": str(t.amount_fen), "trade_type": "MICROPAY"}

        if path == "/pay/micropay":
            self.client_ips.append(fields.get("spbill_create_ip", ""))
            outcome, trade, delay = self._pay(
                "wechat", number, int(fields.get("total_fee", "0")), fields.get("auth_code", "")
            )
            if outcome == "replayed":  # byte for byte an earlier trade's genuine answer
                return self._send(handler, self._replay("wechat"), "text/xml; charset=utf-8")
            if outcome == "success" and trade:
                raw = self._remember("wechat", wx.to_xml(signed({**ok, **trade_fields(trade)})))
                return self._send(handler, raw, "text/xml; charset=utf-8", delay)
            if outcome == "slow" and trade:
                time.sleep(delay)
                if self._finish_slow(trade) == "success":
                    return answer({**ok, **trade_fields(trade)})
                return answer(fail("ORDERREVERSED", "订单已撤销"))
            if outcome == "paying":
                return answer(fail("USERPAYING", "需要用户输入支付密码"))
            if outcome == "systemerror":
                return answer(fail("SYSTEMERROR", "系统超时"))
            if outcome == "insufficient":
                return answer(fail("NOTENOUGH", "余额不足"))
            return answer(fail("OUT_TRADE_NO_USED", "商户订单号重复"))
        if path == "/pay/orderquery":
            trade = self._query("wechat", number)
            if trade is None:
                return answer(fail("ORDERNOTEXIST", "此交易订单号不存在"))
            state = {"PAYING": "USERPAYING", "SUCCESS": "SUCCESS", "CLOSED": "REVOKED"}[trade.state]
            return answer({**ok, **trade_fields(trade), "trade_state": state})
        if path == "/secapi/pay/reverse":
            action, trade = self._cancel("wechat", number)
            return answer({**ok, "recall": "N", "refunded": "Y" if action == "refund" else "N"})
        if path == "/secapi/pay/refund":
            refund_no = fields.get("out_refund_no", "")
            result = self._refund("wechat", number, refund_no, int(fields.get("refund_fee", "0")))
            if result == "ok":
                return answer({**ok, "out_refund_no": refund_no, "refund_fee": fields.get("refund_fee", "0")})
            code = {
                "retryable": ("BIZERR_NEED_RETRY", "退款业务流程错误，需要商户触发重试来解决"),
                "over": ("ERROR", "订单已全额退款"),
                "mismatch": ("INVALID_REQUEST", "参数错误"),
            }.get(result, ("ERROR", "订单状态错误"))
            return answer(fail(*code))
        if path == "/pay/refundquery":
            refund_no = fields.get("out_refund_no", "")
            trade, made = self._refund_made("wechat", number, refund_no)
            if trade is None or made is None:
                return answer(fail("REFUNDNOTEXIST", "退款订单查询失败"))
            return answer(
                {
                    **ok,
                    "transaction_id": trade.trade_no,
                    "total_fee": str(trade.amount_fen),
                    "refund_count": "1",
                    "out_refund_no_0": refund_no,
                    "refund_fee_0": str(made),
                    "refund_status_0": "SUCCESS",
                }
            )
        if path == "/pay/downloadbill":
            when = fields.get("bill_date", "")
            day = f"{when[:4]}-{when[4:6]}-{when[6:]}"
            return self._send(handler, self._wechat_bill(day), "text/plain; charset=utf-8")
        return answer(fail("INVALID_REQUEST", "未知接口"))

    def _wechat_bill(self, day: str) -> bytes:
        return wechat_bill(day, self.appid, self.mch_id, *self.statement_events("wechat", day))
