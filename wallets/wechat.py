"""WeChat Pay v2 付款码支付: micropay, orderquery, reverse, refund, downloadbill; XML bodies signed with
the merchant's API key (MD5 or HMAC-SHA256). A small client of the documented scheme: wechatpy would bring
requests, xmltodict and optionaldict for five calls and hard-wires the production host.

Signing string: every field but `sign` (and empty ones), sorted by name, `k=v` joined by `&`, then
`&key=API_KEY`; MD5 or HMAC-SHA256 (keyed with the API key) of it, hex, upper case. Answers are signed the
same way and checked before anything in them is believed.

reverse and refund need the merchant's client certificate at WeChat's own host (`cert_path` and
`cert_key_path` in [wechat]); the simulator does not ask for one.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import secrets
import ssl
import xml.etree.ElementTree as ET  # writing only: answers are parsed by defusedxml
from pathlib import Path

from defusedxml import ElementTree as safe_xml

from app.messages import coded
from app.money import parse_yuan
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
from wallets.transport import NoAnswer, TransportError, post, unsigned_answer

FAILURE_REASONS = {
    "NOTENOUGH": INSUFFICIENT,
    "AUTHCODEEXPIRE": CODE_INVALID,
    "AUTH_CODE_INVALID": CODE_INVALID,
    "AUTH_CODE_ERROR": CODE_INVALID,
    "OUT_TRADE_NO_USED": DUPLICATE,
    "ORDERPAID": DUPLICATE,
    "ORDERREVERSED": DUPLICATE,
    "ORDERCLOSED": DUPLICATE,
}

# Refund answers that are definite refusals. SYSTEMERROR, BIZERR_NEED_RETRY, FREQUENCY_LIMITED and any
# code not listed may hide a refund WeChat made: its refund page says to retry with the same out_refund_no.
REFUND_REFUSALS = frozenset(
    {
        "TRADE_OVERDUE",
        "ERROR",
        "USER_ACCOUNT_ABNORMAL",
        "INVALID_REQ_TOO_MUCH",
        "NOTENOUGH",
        "INVALID_TRANSACTIONID",
        "PARAM_ERROR",
        "APPID_NOT_EXIST",
        "MCHID_NOT_EXIST",
        "ORDERNOTEXIST",
        "REQUIRE_POST_METHOD",
        "SIGNERROR",
        "XML_FORMAT_ERROR",
        "APPID_MCHID_NOT_MATCH",
        "INVALID_REQUEST",
    }
)


def signature(fields: dict[str, str], api_key: str, sign_type: str = "MD5") -> str:
    text = "&".join(f"{k}={fields[k]}" for k in sorted(fields) if k != "sign" and fields[k] != "")
    text += f"&key={api_key}"
    if sign_type == "HMAC-SHA256":
        return hmac.new(api_key.encode(), text.encode("utf-8"), hashlib.sha256).hexdigest().upper()
    return hashlib.md5(text.encode("utf-8")).hexdigest().upper()


def to_xml(fields: dict[str, str]) -> bytes:
    root = ET.Element("xml")
    for k, v in fields.items():
        ET.SubElement(root, k).text = v
    return ET.tostring(root, encoding="utf-8")


def from_xml(raw: bytes) -> dict[str, str]:
    """An answer's fields. Any DTD, entity or external reference is refused by the parser itself
    (defusedxml), whatever the encoding: a byte search for `<!DOCTYPE` missed a UTF-16 answer whose
    internal entity was expanded (review 2026-12-07 F5). Raises ValueError or ET.ParseError."""
    return {child.tag: (child.text or "") for child in safe_xml.fromstring(raw, forbid_dtd=True)}


def verify(fields: dict[str, str], api_key: str, sign_type: str) -> bool:
    given = fields.get("sign", "")
    return bool(given) and hmac.compare_digest(given, signature(fields, api_key, sign_type))


class WechatWallet:
    kind = WalletKind.WECHAT

    def __init__(
        self,
        gateway: str,
        appid: str,
        mch_id: str,
        api_key: str,
        *,
        sign_type: str = "MD5",
        timeout_s: float = 10.0,
        client_ip: str = "127.0.0.1",
        cert_path: Path | None = None,
        cert_key_path: Path | None = None,
        reverse_after_s: float = 15.0,
    ) -> None:
        self.gateway = gateway.rstrip("/")
        self.appid, self.mch_id, self.sign_type, self.timeout_s = appid, mch_id, sign_type, timeout_s
        self.client_ip = client_ip
        # 付款码支付 reverse: "调用支付接口后请勿立即调用撤销订单API，建议支付后至少15s后再调用"
        self.cancel_after_s = reverse_after_s
        self._key = api_key
        self._tls: ssl.SSLContext | None = None
        if cert_path and cert_key_path:
            self._tls = ssl.create_default_context()
            self._tls.load_cert_chain(str(cert_path), str(cert_key_path))

    def _call(self, path: str, fields: dict[str, str]) -> dict[str, str]:
        """The verified answer (return_code SUCCESS and a good signature); Unreachable or NoAnswer else."""
        fields = {
            "appid": self.appid,
            "mch_id": self.mch_id,
            "nonce_str": secrets.token_hex(16),
            "sign_type": self.sign_type,
            **fields,
        }
        fields["sign"] = signature(fields, self._key, self.sign_type)
        raw = post(self.gateway + path, to_xml(fields), "text/xml; charset=utf-8", self.timeout_s)
        try:
            answer = from_xml(raw)
        except (ET.ParseError, ValueError) as error:
            raise coded(NoAnswer, "wallet.answer_not_xml") from error
        if answer.get("return_code") != "SUCCESS":
            raise NoAnswer(f"return_code={answer.get('return_code')} {answer.get('return_msg', '')}")
        if not verify(answer, self._key, self.sign_type):
            raise unsigned_answer("wechat", path)
        if answer.get("appid") != self.appid or answer.get("mch_id") != self.mch_id:
            # genuinely signed (one API key may serve several accounts) but not this account's answer
            raise coded(NoAnswer, "wallet.answer_not_ours")
        return answer

    @staticmethod
    def _foreign(out_trade_no: str, a: dict[str, str]) -> bool:
        """A SUCCESS answer names its order (out_trade_no); an answer naming another is a replay."""
        named = a.get("out_trade_no", "")
        if a.get("result_code") == "SUCCESS" and not named:
            return True
        return not_ours(named, out_trade_no)

    @staticmethod
    def _detail(a: dict[str, str]) -> str:
        return " ".join(a[k] for k in ("result_code", "err_code", "err_code_des", "trade_state") if a.get(k))

    def _trade(
        self, out_trade_no: str, a: dict[str, str], state: TradeState, reason: str = ""
    ) -> TradeResult:
        fee = a.get("total_fee", "")
        return TradeResult(
            state,
            out_trade_no,
            a.get("transaction_id", ""),
            int(fee) if fee.isdigit() else 0,
            reason,
            self._detail(a),
        )

    def pay(self, out_trade_no: str, auth_code: str, amount_fen: int, subject: str) -> TradeResult:
        try:
            a = self._call(
                "/pay/micropay",
                {
                    "body": subject[:40],
                    "out_trade_no": out_trade_no,
                    "total_fee": str(amount_fen),
                    "spbill_create_ip": self.client_ip,
                    "auth_code": auth_code,
                },
            )
        except TransportError as error:
            return pay_failed(out_trade_no, error)
        if self._foreign(out_trade_no, a):
            return foreign(out_trade_no, a.get("out_trade_no", ""))
        if a.get("result_code") == "SUCCESS":
            return self._trade(out_trade_no, a, TradeState.SUCCESS)
        err = a.get("err_code", "")
        if err == "USERPAYING":
            return self._trade(out_trade_no, a, TradeState.USERPAYING)
        if err in ("SYSTEMERROR", "BANKERROR"):
            return self._trade(out_trade_no, a, TradeState.UNKNOWN)
        return self._trade(out_trade_no, a, TradeState.FAILED, FAILURE_REASONS.get(err, REFUSED))

    def query(self, out_trade_no: str) -> TradeResult:
        try:
            a = self._call("/pay/orderquery", {"out_trade_no": out_trade_no})
        except TransportError as error:
            return query_failed(out_trade_no, error)
        if self._foreign(out_trade_no, a):
            return foreign(out_trade_no, a.get("out_trade_no", ""))
        if a.get("result_code") != "SUCCESS":
            if a.get("err_code") == "ORDERNOTEXIST":
                return self._trade(out_trade_no, a, TradeState.NOT_FOUND)
            return self._trade(out_trade_no, a, TradeState.UNKNOWN)
        state = a.get("trade_state", "")
        if state in ("SUCCESS", "REFUND"):
            return self._trade(out_trade_no, a, TradeState.SUCCESS)
        if state == "USERPAYING":
            return self._trade(out_trade_no, a, TradeState.USERPAYING)
        if state == "NOTPAY":
            return self._trade(out_trade_no, a, TradeState.NOT_FOUND)
        if state in ("CLOSED", "REVOKED", "PAYERROR"):
            return self._trade(out_trade_no, a, TradeState.FAILED, CLOSED)
        return self._trade(out_trade_no, a, TradeState.UNKNOWN)

    def cancel(self, out_trade_no: str) -> CancelResult:
        try:
            a = self._call("/secapi/pay/reverse", {"out_trade_no": out_trade_no})
        except TransportError as error:
            return cancel_failed(error)
        if a.get("result_code") == "SUCCESS" or a.get("err_code") == "ORDERNOTEXIST":
            return CancelResult(True, refunded=a.get("refunded") == "Y", detail=self._detail(a))
        return CancelResult(False, retry=a.get("recall") == "Y", detail=self._detail(a))

    def refund(
        self, out_trade_no: str, refund_no: str, amount_fen: int, total_fen: int, reason: str
    ) -> RefundResult:
        try:
            a = self._call(
                "/secapi/pay/refund",
                {
                    "out_trade_no": out_trade_no,
                    "out_refund_no": refund_no,
                    "total_fee": str(total_fen),
                    "refund_fee": str(amount_fen),
                    "refund_desc": reason[:80],
                },
            )
        except TransportError as error:
            return refund_failed(refund_no, error)
        if self._foreign(out_trade_no, a) or not_ours(a.get("out_refund_no", ""), refund_no):
            return RefundResult(False, refund_no, unknown=True, detail="应答不属于本笔退款")
        if a.get("result_code") == "SUCCESS":
            return RefundResult(True, refund_no, amount_fen, detail=self._detail(a))
        definite = a.get("err_code", "") in REFUND_REFUSALS
        return RefundResult(False, refund_no, unknown=not definite, detail=self._detail(a))

    def refund_query(self, out_trade_no: str, refund_no: str) -> RefundResult:
        """refundquery by out_refund_no: SUCCESS / PROCESSING / CHANGE is a refund made (CHANGE: WeChat
        took it from the merchant and could not pay it to the card; it is settled on WeChat's side);
        REFUNDCLOSE or REFUNDNOTEXIST: none under that number."""
        try:
            a = self._call("/pay/refundquery", {"out_trade_no": out_trade_no, "out_refund_no": refund_no})
        except TransportError as error:
            return refund_failed(refund_no, error)
        if self._foreign(out_trade_no, a):
            return RefundResult(False, refund_no, unknown=True, detail="应答不属于本笔退款")
        if a.get("result_code") != "SUCCESS":
            unknown = a.get("err_code") != "REFUNDNOTEXIST"
            return RefundResult(False, refund_no, unknown=unknown, detail=self._detail(a))
        count = int(a["refund_count"]) if a.get("refund_count", "").isdigit() else 0
        for i in range(count):
            if a.get(f"out_refund_no_{i}") != refund_no:
                continue
            status, fee = a.get(f"refund_status_{i}", ""), a.get(f"refund_fee_{i}", "")
            if status in ("SUCCESS", "PROCESSING", "CHANGE") and fee.isdigit():
                return RefundResult(True, refund_no, int(fee), detail=f"refund_status={status}")
            if status == "REFUNDCLOSE":
                return RefundResult(False, refund_no, detail=f"refund_status={status}")
            return RefundResult(False, refund_no, unknown=True, detail=f"refund_status={status}")
        return RefundResult(False, refund_no, detail="REFUNDNOTEXIST")

    def statement(self, day: dt.date) -> list[StatementLine]:
        fields = {
            "appid": self.appid,
            "mch_id": self.mch_id,
            "nonce_str": secrets.token_hex(16),
            "sign_type": self.sign_type,
            "bill_date": day.strftime("%Y%m%d"),
            "bill_type": "ALL",
        }
        fields["sign"] = signature(fields, self._key, self.sign_type)
        try:
            raw = post(
                self.gateway + "/pay/downloadbill", to_xml(fields), "text/xml; charset=utf-8", self.timeout_s
            )
        except TransportError as error:
            raise statement_failed(WALLET_LABELS[self.kind], day, error) from error
        if raw.lstrip().startswith(b"<xml"):
            answer = from_xml(raw)
            if "No Bill Exist" in answer.get("return_msg", ""):
                return []
            raise coded(WalletError, "wallet.wechat_statement_refused", detail=answer.get("return_msg", ""))
        return parse_bill(raw)


# The amount of a paid trade in the detail rows: `应结订单金额` in today's ALL layout (`应结订单总金额` is the
# totals block's column, never the detail's: review 2026-12-07 F3), `总金额` in the layout before it.
AMOUNT_COLUMNS = ("应结订单金额", "总金额")


def _decode(data: bytes) -> str:
    """WeChat serves the bill as UTF-8, often with a BOM; a bill saved from the merchant platform or
    re-exported by a spreadsheet is GBK."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("gb18030")


def _cell(text: str) -> str:
    """Every value is written after a backtick (so a spreadsheet keeps it text); headers are not."""
    return text.strip().lstrip("\ufeff").lstrip("`").strip()


def parse_bill(data: bytes) -> list[StatementLine]:
    """downloadbill ALL: a header, one row per trade (values start with a backtick), then the totals block
    (its own header, `总交易单数,应结订单总金额,…`, and one row). SUCCESS rows are payments, REFUND rows
    refunds (their 退款金额, on the day WeChat made them); a REVOKED row is a micropay reversed after it
    was paid, its money given back whole: nothing on WeChat's side, as on ours when the counter cancelled."""
    rows = [r for r in csv.reader(io.StringIO(_decode(data))) if any(c.strip() for c in r)]
    if not rows:
        return []
    head = [_cell(h) for h in rows[0]]
    amount = next((name for name in AMOUNT_COLUMNS if name in head), "")
    need = ("微信订单号", "商户订单号", "交易状态", "退款金额")
    if not amount or any(n not in head for n in need):
        raise coded(WalletError, "wallet.wechat_statement_format")
    at = {n: head.index(n) for n in (*need, amount)}
    lines = []
    for r in rows[1:]:
        cells = [_cell(c) for c in r]
        if cells[0] == "总交易单数" or len(cells) < len(head):
            break  # the totals block
        state = cells[at["交易状态"]]
        if state == "REFUND":
            fen = parse_yuan(cells[at["退款金额"]], allow_zero=True)
            lines.append(StatementLine(cells[at["商户订单号"]], cells[at["微信订单号"]], -fen, "refund"))
        elif state == "SUCCESS":
            fen = parse_yuan(cells[at[amount]], allow_zero=True)
            lines.append(StatementLine(cells[at["商户订单号"]], cells[at["微信订单号"]], fen, "pay"))
    return lines
