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
UTF-8 with a BOM, the totals block). Start it with `AcquirerSim().start()`; `configure(dir)` writes the keys and the config sections.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import threading
import time
import urllib.parse
import zipfile
from collections import deque
from dataclasses import dataclass, field
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
from wallets.codes import scenario_of
from wallets.keys import new_rsa_pair, write_secret


@dataclass
class Trade:
    wallet: str
    out_trade_no: str
    trade_no: str
    amount_fen: int
    state: str  # PAYING | SUCCESS | CLOSED | NOTPAY
    day: str
    queries_to_success: int | None = None  # PAYING: becomes SUCCESS after this many queries; None: never
    refunds: dict[str, int] = field(default_factory=dict)
    cancel_refunded: bool = False
    refund_trouble: int = 0  # the next refunds made but answered with a retryable error (refund_retryable)
    refund_days: dict[str, str] = field(default_factory=dict)  # refund number -> the day it was made


class AcquirerSim:
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
        self.delay_s, self.paying_queries = delay_s, paying_queries
        self.appid, self.mch_id, self.app_id = appid, mch_id, app_id
        self.api_key = api_key or "simkey" + "0" * 26
        self._own_key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
        self.app_private_pem, app_public_pem = new_rsa_pair()
        self._app_public = serialization.load_pem_public_key(app_public_pem)
        self.trades: dict[tuple[str, str], Trade] = {}
        self.requests: list[tuple[str, str, str]] = []  # (wallet, method, out_trade_no)
        self.client_ips: list[str] = []  # WeChat micropay's spbill_create_ip, as sent
        self.times: list[tuple[str, float]] = []  # (method or path, time.monotonic()) of each request
        self.bad_signatures = 0
        self._script: deque[str] = deque()
        self._last_success: dict[str, bytes] = {}  # wallet -> the raw signed answer of its last paid pay
        self._lock = threading.Lock()
        self._seq = 0
        self._server: ThreadingHTTPServer | None = None
        self.today = lambda: dt.datetime.now(SHANGHAI).date()

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

    def script(self, *scenarios: str) -> None:
        """The scenarios of the next payments, in order (then the payment code decides)."""
        with self._lock:
            self._script.extend(scenarios)

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

    def trade(self, wallet: str, out_trade_no: str) -> Trade | None:
        with self._lock:
            return self.trades.get((wallet, out_trade_no))

    def taken(self, wallet: str | None = None) -> list[Trade]:
        """Trades whose money the acquirer holds (paid and neither cancelled nor fully refunded)."""
        with self._lock:
            return [
                t
                for t in self.trades.values()
                if t.state == "SUCCESS"
                and (wallet in (None, t.wallet))
                and sum(t.refunds.values()) < t.amount_fen
            ]

    # ---------------------------------------------------------------- the trades

    def _next_trade_no(self, wallet: str) -> str:
        self._seq += 1
        stamp = self.today().strftime("%Y%m%d")
        return f"{stamp}22001{self._seq:011d}" if wallet == "alipay" else f"4200{stamp}{self._seq:014d}"

    def _pay(self, wallet: str, number: str, amount: int, code: str) -> tuple[str, Trade | None, float]:
        """(outcome, trade, seconds to hold the answer back). Outcomes: success, paying, systemerror,
        insufficient, duplicate."""
        with self._lock:
            scenario = self._script.popleft() if self._script else scenario_of(code)
            key = (wallet, number)
            if scenario == "duplicate" and key not in self.trades:
                self.trades[key] = Trade(
                    wallet,
                    number,
                    self._next_trade_no(wallet),
                    amount + 100,
                    "SUCCESS",
                    self.today().isoformat(),
                )
            if key in self.trades:
                return "duplicate", self.trades[key], 0.0
            if scenario in ("systemerror", "insufficient"):
                return scenario, None, 0.0
            if scenario == "replayed" and wallet in self._last_success:
                return "replayed", None, 0.0
            trade = Trade(
                wallet, number, self._next_trade_no(wallet), amount, "SUCCESS", self.today().isoformat()
            )
            self.trades[key] = trade
            if scenario == "userpaying_then_success":
                trade.state, trade.queries_to_success = "PAYING", self.paying_queries
                return "paying", trade, 0.0
            if scenario == "userpaying_forever":
                trade.state = "PAYING"
                return "paying", trade, 0.0
            if scenario == "timeout_taken":
                return "success", trade, self.delay_s
            if scenario == "slow":
                trade.state = "PAYING"
                return "slow", trade, self.delay_s
            if scenario == "refund_retryable":
                trade.refund_trouble = 1
            return "success", trade, 0.0

    def _finish_slow(self, trade: Trade) -> str:
        with self._lock:
            if trade.state == "PAYING":
                trade.state = "SUCCESS"
            return "success" if trade.state == "SUCCESS" else "closed"

    def _query(self, wallet: str, number: str) -> Trade | None:
        with self._lock:
            trade = self.trades.get((wallet, number))
            if trade and trade.state == "PAYING" and trade.queries_to_success is not None:
                trade.queries_to_success -= 1
                if trade.queries_to_success <= 0:
                    trade.state = "SUCCESS"
            return trade

    def _cancel(self, wallet: str, number: str) -> tuple[str, Trade]:
        """close | refund: a paid trade's money goes back; an unknown number is closed for good."""
        with self._lock:
            trade = self.trades.get((wallet, number))
            if trade is None:
                trade = Trade(wallet, number, "", 0, "CLOSED", self.today().isoformat())
                self.trades[(wallet, number)] = trade
                return "close", trade
            if trade.state == "SUCCESS":
                trade.state, trade.cancel_refunded = "CLOSED", True
                return "refund", trade
            trade.state = "CLOSED"
            return "refund" if trade.cancel_refunded else "close", trade

    def _refund(self, wallet: str, number: str, refund_no: str, amount: int) -> str:
        """ok | retryable (made, answered with an error to retry) | a refusal: state, mismatch, over."""
        with self._lock:
            trade = self.trades.get((wallet, number))
            if trade is None or trade.state != "SUCCESS":
                return "state"
            if refund_no in trade.refunds:
                return "ok" if trade.refunds[refund_no] == amount else "mismatch"
            if sum(trade.refunds.values()) + amount > trade.amount_fen:
                return "over"
            trade.refunds[refund_no] = amount
            trade.refund_days[refund_no] = self.today().isoformat()
            if trade.refund_trouble > 0:
                trade.refund_trouble -= 1
                return "retryable"
            return "ok"

    def _refund_made(self, wallet: str, number: str, refund_no: str) -> tuple[Trade | None, int | None]:
        """(the trade, the amount refunded under this refund number or None)."""
        with self._lock:
            trade = self.trades.get((wallet, number))
            return trade, (trade.refunds.get(refund_no) if trade else None)

    def _remember(self, wallet: str, answer: bytes) -> bytes:
        with self._lock:
            self._last_success[wallet] = answer
        return answer

    def _replay(self, wallet: str) -> bytes:
        with self._lock:
            return self._last_success[wallet]

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
        out = io.StringIO()
        out.write("#支付宝业务明细查询\n#账号：[20880000000000000156]\n")
        out.write(
            "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,订单金额（元）,商家实收（元）,退款批次号/请求号\n"
        )
        pays, refunds = self.statement_events("alipay", day)
        backs = [*refunds, *((t, "cancel", t.amount_fen) for t in pays if t.cancel_refunded)]
        for t in pays:
            out.write(
                f"{t.trade_no}\t,{t.out_trade_no}\t,交易,电费,,,{format_fen(t.amount_fen)},"
                f"{format_fen(t.amount_fen)},\n"
            )
        for t, no, fen in backs:
            out.write(
                f"{t.trade_no}\t,{t.out_trade_no}\t,退款,电费,,,-{format_fen(fen)},-{format_fen(fen)},{no}\n"
            )
        out.write("#业务明细列表结束\n")
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w") as z:
            z.writestr(
                f"20880000000000000156_{day.replace('-', '')}_业务明细.csv", out.getvalue().encode("gb18030")
            )
        self._send(handler, buf.getvalue(), "application/zip")

    def statement_trades(self, wallet: str, day: str) -> list[Trade]:
        return self.statement_events(wallet, day)[0]

    def statement_events(self, wallet: str, day: str) -> tuple[list[Trade], list[tuple[Trade, str, int]]]:
        """(the trades paid that day, the refunds made that day: trade, refund number, fen). A refund is
        reported on the day it was made, whatever the day of its payment."""
        with self._lock:
            mine = [t for t in self.trades.values() if t.wallet == wallet and t.trade_no]
            pays = [t for t in mine if t.day == day and (t.state == "SUCCESS" or t.cancel_refunded)]
            refunds = [
                (t, no, fen)
                for t in mine
                for no, fen in t.refunds.items()
                if t.refund_days.get(no, t.day) == day
            ]
            return pays, refunds

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
        """downloadbill ALL as WeChat serves it: UTF-8 with a BOM, the 27 detail columns (`应结订单金额`;
        `应结订单总金额` is only in the totals block), every cell after a backtick; a reversed (撤销) trade
        is one REVOKED row; a refund is a REFUND row on the day it was made."""
        pays, refunds = self.statement_events("wechat", day)
        if not pays and not refunds:
            return wx.to_xml({"return_code": "FAIL", "return_msg": "No Bill Exist"})
        head = (
            "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
            "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
            "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
        )

        def row(t: Trade, state: str, settled: int, refund_no: str = "", refund: int = 0) -> str:
            cells = [
                f"{day} 10:00:00",
                self.appid,
                self.mch_id,
                "0",
                "T01",
                t.trade_no,
                t.out_trade_no,
                "oSim0000000000000000000000001",
                "MICROPAY",
                state,
                "OTHERS",
                "CNY",
                format_fen(settled),
                "0.00",
                f"50000{refund_no[-10:]}" if refund_no else "0",
                refund_no or "0",
                format_fen(refund),
                "0.00",
                "ORIGINAL" if refund_no else "",
                "SUCCESS" if refund_no else "",
                "电费",
                "",
                "0.00",
                "0.60%",
                format_fen(t.amount_fen),
                format_fen(refund),
                "",
            ]
            return ",".join("`" + c for c in cells)

        rows = [row(t, "REVOKED" if t.cancel_refunded else "SUCCESS", t.amount_fen) for t in pays]
        rows += [row(t, "REFUND", 0, no, fen) for t, no, fen in refunds]
        paid = sum(t.amount_fen for t in pays if not t.cancel_refunded)
        back = sum(fen for _, _, fen in refunds)
        tail = (
            "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n"
            f"`{len(rows)},`{format_fen(paid)},`{format_fen(back)},`0.00,`0.00,`{format_fen(paid)},"
            f"`{format_fen(back)}\n"
        )
        return ("\ufeff" + head + "\n" + "\n".join(rows) + "\n" + tail).encode("utf-8")
