"""Alipay 当面付 条码支付 over the OpenAPI gateway: RSA2 (SHA256withRSA) request signatures, response
signatures checked with Alipay's public key. A small client of the documented scheme with `cryptography`:
python-alipay-sdk fixes the gateway to Alipay's own hosts, reads a 15 s timeout into every call and brings
pycryptodomex, while the counter needs its own gateway (the simulator), short timeouts and to tell a refused
connection from a lost answer.

Signing string: every parameter but `sign` (and empty ones), sorted by name, `k=v` joined by `&`, raw
values. A response `{"<method>_response": {...}, "sign": "..."}` is signed over the exact text of the
`<method>_response` value as sent.
"""

from __future__ import annotations

import base64
import csv
import datetime as dt
import io
import json
import urllib.parse
import zipfile
from typing import Any

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

from app.clock import SHANGHAI
from app.messages import coded
from app.money import format_fen, parse_yuan
from app.wallet import (
    CLOSED,
    CODE_INVALID,
    DUPLICATE,
    INSUFFICIENT,
    REFUSED,
    WALLET_LABELS,
    CancelResult,
    RefundResult,
    StatementLine,
    TradeResult,
    TradeState,
    WalletError,
    WalletKind,
)
from wallets.answers import (
    cancel_failed,
    foreign,
    not_ours,
    pay_failed,
    query_failed,
    refund_failed,
    statement_failed,
)
from wallets.transport import TransportError, get, post, unsigned_answer

FAILURE_REASONS = {
    "ACQ.BUYER_BALANCE_NOT_ENOUGH": INSUFFICIENT,
    "ACQ.PAYMENT_AUTH_CODE_INVALID": CODE_INVALID,
    "ACQ.TRADE_HAS_SUCCESS": DUPLICATE,
    "ACQ.TRADE_HAS_CLOSE": DUPLICATE,
    "ACQ.TRADE_HAS_FINISHED": DUPLICATE,
}

# Refund answers that are definite refusals: nothing was refunded under that number, and sending it again
# would be refused again. Any other failure (ACQ.SYSTEM_ERROR, 20000, a code not listed) may hide a refund
# the acquirer made: Alipay's refund page says to call again with the same out_request_no.
REFUND_REFUSALS = frozenset(
    {
        "ACQ.INVALID_PARAMETER",
        "ACQ.SELLER_BALANCE_NOT_ENOUGH",
        "ACQ.REFUND_AMT_NOT_EQUAL_TOTAL",
        "ACQ.REASON_TRADE_BEEN_FREEZEN",
        "ACQ.TRADE_NOT_EXIST",
        "ACQ.TRADE_HAS_FINISHED",
        "ACQ.TRADE_STATUS_ERROR",
        "ACQ.DISCORDANT_REPEAT_REQUEST",
        "ACQ.REASON_TRADE_REFUND_FEE_ERR",
        "ACQ.TRADE_NOT_ALLOW_REFUND",
        "ACQ.REFUND_FEE_ERROR",
        "ACQ.CUSTOMER_VALIDATE_ERROR",
        "ACQ.NOT_ALLOW_PARTIAL_REFUND",
        "ACQ.ONLINE_TRADE_VOUCHER_NOT_ALLOW_REFUND",
    }
)


def signing_string(params: dict[str, str]) -> str:
    return "&".join(f"{k}={params[k]}" for k in sorted(params) if k != "sign" and params[k] != "")


def rsa2_sign(text: str, key: rsa.RSAPrivateKey) -> str:
    return base64.b64encode(key.sign(text.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa2_verify(text: str, sign: str, key: rsa.RSAPublicKey) -> bool:
    try:
        key.verify(base64.b64decode(sign), text.encode("utf-8"), padding.PKCS1v15(), hashes.SHA256())
        return True
    except (InvalidSignature, ValueError):
        return False


def response_key(method: str) -> str:
    return method.replace(".", "_") + "_response"


def signed_response(method: str, body: dict[str, Any], key: rsa.RSAPrivateKey) -> bytes:
    """What the gateway (the simulator) answers: the body's exact JSON text signed, then wrapped."""
    text = json.dumps(body, ensure_ascii=False, separators=(",", ":"))
    return f'{{"{response_key(method)}":{text},"sign":"{rsa2_sign(text, key)}"}}'.encode()


def verified_body(raw: str, method: str, key: rsa.RSAPublicKey) -> dict[str, Any] | None:
    """The response body when its signature verifies over the exact text sent, else None."""
    decoder = json.JSONDecoder()
    try:
        whole = json.loads(raw)
    except ValueError:
        return None
    for name in (response_key(method), "error_response"):
        marker = f'"{name}"'
        at = raw.find(marker)
        if at < 0 or name not in whole:
            continue
        start = raw.index(":", at + len(marker)) + 1
        while raw[start] in " \t\r\n":
            start += 1
        body, end = decoder.raw_decode(raw, start)
        sign = whole.get("sign", "")
        if isinstance(body, dict) and sign and rsa2_verify(raw[start:end], str(sign), key):
            return body
        return None
    return None


class AlipayWallet:
    kind = WalletKind.ALIPAY
    cancel_after_s = 0.0  # alipay.trade.cancel may follow the pay at once

    def __init__(
        self,
        gateway: str,
        app_id: str,
        app_private_key: rsa.RSAPrivateKey,
        alipay_public_key: rsa.RSAPublicKey,
        *,
        timeout_s: float = 10.0,
    ) -> None:
        self.gateway, self.app_id, self.timeout_s = gateway, app_id, timeout_s
        self._key, self._alipay_key = app_private_key, alipay_public_key

    # ---------------------------------------------------------------- one call

    def _call(self, method: str, biz: dict[str, Any]) -> dict[str, Any]:
        """The verified response body. Raises Unreachable or NoAnswer (also for a bad signature)."""
        params = {
            "app_id": self.app_id,
            "method": method,
            "format": "JSON",
            "charset": "utf-8",
            "sign_type": "RSA2",
            "version": "1.0",
            "timestamp": dt.datetime.now(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S"),
            "biz_content": json.dumps(biz, ensure_ascii=False, separators=(",", ":")),
        }
        params["sign"] = rsa2_sign(signing_string(params), self._key)
        raw = post(
            self.gateway,
            urllib.parse.urlencode(params).encode(),
            "application/x-www-form-urlencoded;charset=utf-8",
            self.timeout_s,
        )
        body = verified_body(raw.decode("utf-8", "replace"), method, self._alipay_key)
        if body is None:
            raise unsigned_answer("alipay", method)
        return body

    @staticmethod
    def _foreign(out_trade_no: str, body: dict[str, Any], code: str) -> bool:
        """A success must name this order (Alipay's answers carry out_trade_no); any answer naming another
        is a replay or misrouted. (Alipay's answers carry no app id: its key is the app's own.)"""
        named = str(body.get("out_trade_no", ""))
        if code in ("10000", "10003") and not named:
            return True
        return not_ours(named, out_trade_no)

    @staticmethod
    def _detail(body: dict[str, Any]) -> str:
        return " ".join(str(body.get(k, "")) for k in ("code", "sub_code", "sub_msg") if body.get(k))

    def _trade(
        self, out_trade_no: str, body: dict[str, Any], state: TradeState, reason: str = ""
    ) -> TradeResult:
        amount = body.get("total_amount")
        return TradeResult(
            state,
            out_trade_no,
            str(body.get("trade_no", "")),
            parse_yuan(str(amount), allow_zero=True) if amount else 0,
            reason,
            self._detail(body),
        )

    # ---------------------------------------------------------------- the port

    def pay(self, out_trade_no: str, auth_code: str, amount_fen: int, subject: str) -> TradeResult:
        try:
            body = self._call(
                "alipay.trade.pay",
                {
                    "out_trade_no": out_trade_no,
                    "scene": "bar_code",
                    "auth_code": auth_code,
                    "total_amount": format_fen(amount_fen),
                    "subject": subject,
                },
            )
        except TransportError as error:
            return pay_failed(out_trade_no, error)
        code, sub = str(body.get("code", "")), str(body.get("sub_code", ""))
        if self._foreign(out_trade_no, body, code):
            return foreign(out_trade_no, str(body.get("out_trade_no", "")))
        if code == "10000":
            return self._trade(out_trade_no, body, TradeState.SUCCESS)
        if code == "10003":
            return self._trade(out_trade_no, body, TradeState.USERPAYING)
        if code == "20000" or sub in ("ACQ.SYSTEM_ERROR", "ACQ.TRADE_STATUS_ERROR"):
            return self._trade(out_trade_no, body, TradeState.UNKNOWN)
        return self._trade(out_trade_no, body, TradeState.FAILED, FAILURE_REASONS.get(sub, REFUSED))

    def query(self, out_trade_no: str) -> TradeResult:
        try:
            body = self._call("alipay.trade.query", {"out_trade_no": out_trade_no})
        except TransportError as error:
            return query_failed(out_trade_no, error)
        code, sub = str(body.get("code", "")), str(body.get("sub_code", ""))
        if self._foreign(out_trade_no, body, code):
            return foreign(out_trade_no, str(body.get("out_trade_no", "")))
        if code == "10000":
            status = str(body.get("trade_status", ""))
            if status in ("TRADE_SUCCESS", "TRADE_FINISHED"):
                return self._trade(out_trade_no, body, TradeState.SUCCESS)
            if status == "WAIT_BUYER_PAY":
                return self._trade(out_trade_no, body, TradeState.USERPAYING)
            if status == "TRADE_CLOSED":
                return self._trade(out_trade_no, body, TradeState.FAILED, CLOSED)
        if sub == "ACQ.TRADE_NOT_EXIST":
            return self._trade(out_trade_no, body, TradeState.NOT_FOUND)
        return self._trade(out_trade_no, body, TradeState.UNKNOWN)

    def cancel(self, out_trade_no: str) -> CancelResult:
        try:
            body = self._call("alipay.trade.cancel", {"out_trade_no": out_trade_no})
        except TransportError as error:
            return cancel_failed(error)
        retry = str(body.get("retry_flag", "N")) == "Y"
        if str(body.get("code")) == "10000":
            return CancelResult(
                True, refunded=body.get("action") == "refund", detail="action=" + str(body.get("action", ""))
            )
        if str(body.get("sub_code")) == "ACQ.TRADE_NOT_EXIST":  # the pay never arrived: nothing to cancel
            return CancelResult(True, detail=self._detail(body))
        return CancelResult(False, retry=retry or str(body.get("code")) == "20000", detail=self._detail(body))

    def refund(
        self, out_trade_no: str, refund_no: str, amount_fen: int, total_fen: int, reason: str
    ) -> RefundResult:
        try:
            body = self._call(
                "alipay.trade.refund",
                {
                    "out_trade_no": out_trade_no,
                    "out_request_no": refund_no,
                    "refund_amount": format_fen(amount_fen),
                    "refund_reason": reason,
                },
            )
        except TransportError as error:
            return refund_failed(refund_no, error)
        code, sub = str(body.get("code", "")), str(body.get("sub_code", ""))
        if not_ours(str(body.get("out_trade_no", "")), out_trade_no):
            return RefundResult(False, refund_no, unknown=True, detail="应答不属于本笔退款")
        if code == "10000" and body.get("fund_change", "Y") in ("Y", "N"):
            return RefundResult(True, refund_no, amount_fen, detail=self._detail(body))
        definite = (
            code == "40004" and sub in REFUND_REFUSALS or code.startswith("4") and sub.startswith("isv.")
        )
        return RefundResult(False, refund_no, unknown=not definite, detail=self._detail(body))

    def refund_query(self, out_trade_no: str, refund_no: str) -> RefundResult:
        """alipay.trade.fastpay.refund.query: a success with refund_amount is a refund made; a success
        without one (or an unknown trade) is none under that number."""
        try:
            body = self._call(
                "alipay.trade.fastpay.refund.query",
                {"out_trade_no": out_trade_no, "out_request_no": refund_no},
            )
        except TransportError as error:
            return refund_failed(refund_no, error)
        code, sub = str(body.get("code", "")), str(body.get("sub_code", ""))
        if not_ours(str(body.get("out_trade_no", "")), out_trade_no) or not_ours(
            str(body.get("out_request_no", "")), refund_no
        ):
            return RefundResult(False, refund_no, unknown=True, detail="应答不属于本笔退款")
        if code == "10000":
            amount, status = body.get("refund_amount"), str(body.get("refund_status", "REFUND_SUCCESS"))
            if amount and status == "REFUND_SUCCESS":
                return RefundResult(True, refund_no, parse_yuan(str(amount)), detail=self._detail(body))
            return RefundResult(False, refund_no, detail=self._detail(body) or "no refund")
        if sub == "ACQ.TRADE_NOT_EXIST":
            return RefundResult(False, refund_no, detail=self._detail(body))
        return RefundResult(False, refund_no, unknown=True, detail=self._detail(body))

    def statement(self, day: dt.date) -> list[StatementLine]:
        try:
            body = self._call(
                "alipay.data.dataservice.bill.downloadurl.query",
                {"bill_type": "trade", "bill_date": day.isoformat()},
            )
            url = str(body.get("bill_download_url", ""))
            if str(body.get("code")) != "10000" or not url:
                raise coded(WalletError, "wallet.alipay_statement_refused", detail=self._detail(body))
            data = get(url, self.timeout_s)
        except TransportError as error:
            raise statement_failed(WALLET_LABELS[self.kind], day, error) from error
        return parse_bill(data)


def parse_bill(data: bytes) -> list[StatementLine]:
    """The trade detail CSV of Alipay's bill (a zip of GBK CSVs; the 业务明细 file), '#' lines are notes."""

    def decode(raw: bytes) -> str:
        try:
            return raw.decode("utf-8-sig")
        except UnicodeDecodeError:
            return raw.decode("gb18030", "replace")

    text = ""
    if data[:2] == b"PK":  # member names are GBK without the UTF-8 flag: pick the detail file by its header
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            for name in z.namelist():
                member = decode(z.read(name))
                if "支付宝交易号" in member and "业务类型" in member:
                    text = member
                    break
    else:
        text = decode(data)
    rows = [r for r in csv.reader(io.StringIO(text)) if r and not r[0].lstrip().startswith("#")]
    if not rows:
        return []
    head = [h.strip() for h in rows[0]]
    at = {
        name: head.index(name)
        for name in ("支付宝交易号", "商户订单号", "业务类型", "订单金额（元）")
        if name in head
    }
    if len(at) < 4:
        raise coded(WalletError, "wallet.alipay_statement_format")
    lines = []
    for r in rows[1:]:
        cells = [c.strip().lstrip("`\t") for c in r]
        if len(cells) < len(head) or not cells[at["支付宝交易号"]]:
            continue
        amount = cells[at["订单金额（元）"]]
        negative = amount.startswith("-")
        fen = parse_yuan(amount.lstrip("-"), allow_zero=True)
        kind = "refund" if cells[at["业务类型"]] == "退款" or negative else "pay"
        lines.append(
            StatementLine(
                cells[at["商户订单号"]], cells[at["支付宝交易号"]], -fen if kind == "refund" else fen, kind
            )
        )
    return lines
