"""Our Alipay and WeChat clients against the reference SDKs (python-alipay-sdk, wechatpy), both directions.

A reference acquirer on loopback checks every request our clients sign with the SDK's own code (Alipay: the
SDK's signing string and SHA256withRSA verification, and its signature of the same string byte for byte;
WeChat: wechatpy's calculate_signature / calculate_signature_hmac over the request as xmltodict reads it)
and answers with what the SDK signs (Alipay: the SDK's RSA2 over the `<method>_response` text; WeChat:
wechatpy's dict_to_xml with CDATA cells and its signature). Our clients must accept those answers and refuse
them with one byte changed. The product's simulator signs with our own code, so without this file a drift of
the wire format in both would go unnoticed (review 2026-12-07 asked for the fake acquirer to be the SDKs').
"""

from __future__ import annotations

import json
import threading
import urllib.parse
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
import xmltodict
from alipay import AliPay
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from wechatpy.pay.utils import calculate_signature, calculate_signature_hmac, dict_to_xml

from app.wallet import TradeState
from wallets.alipay import AlipayWallet
from wallets.keys import new_rsa_pair
from wallets.wechat import WechatWallet

APP_ID, APPID, MCH_ID = "2021000000000042", "wx0000000000000042", "1900000042"
API_KEY = "0123456789abcdef0123456789abcdef"
NUMBER, TRADE_NO, REFUND_NO = "HPT010000000007", "2026112322001400000000000042", "HPRT010000000009"


@dataclass
class Reference:
    """The acquirer's side, in the SDKs' code: what it verified, and whether its next answers are spoilt."""

    acquirer: AliPay  # signs with the acquirer's key, verifies with the app's public key
    app_side: AliPay  # the app's key: the SDK's own request signature, to compare byte for byte
    app_private_pem: bytes
    acquirer_public_pem: bytes
    verified: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)
    same_bytes: list[str] = field(default_factory=list)
    tamper: bool = False
    server: ThreadingHTTPServer | None = None

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    # Alipay ------------------------------------------------------------

    def alipay(self, body: bytes) -> bytes:
        params = {k: v[0] for k, v in urllib.parse.parse_qs(body.decode(), keep_blank_values=True).items()}
        sign = params.pop("sign", "")
        method = params["method"]
        message = "&".join(f"{k}={v}" for k, v in self.acquirer._ordered_data(dict(params)))
        (self.verified if self.acquirer._verify(message, sign) else self.refused).append(method)
        if self.app_side._sign(message) == sign:
            self.same_bytes.append(method)
        biz = json.loads(params["biz_content"])
        common = {"code": "10000", "msg": "Success", "out_trade_no": biz["out_trade_no"]}
        answers: dict[str, dict[str, Any]] = {
            "alipay.trade.pay": {**common, "trade_no": TRADE_NO, "total_amount": "12.34"},
            "alipay.trade.query": {
                **common,
                "trade_no": TRADE_NO,
                "total_amount": "12.34",
                "trade_status": "TRADE_SUCCESS",
            },
            "alipay.trade.cancel": {**common, "trade_no": TRADE_NO, "retry_flag": "N", "action": "close"},
            "alipay.trade.refund": {**common, "trade_no": TRADE_NO, "fund_change": "Y", "refund_fee": "5.00"},
            "alipay.trade.fastpay.refund.query": {
                **common,
                "trade_no": TRADE_NO,
                "out_request_no": biz.get("out_request_no", ""),
                "total_amount": "12.34",
                "refund_amount": "5.00",
                "refund_status": "REFUND_SUCCESS",
            },
        }
        text = json.dumps(answers[method], ensure_ascii=False, separators=(",", ":"))
        signature = self.acquirer._sign(text)
        if self.tamper:
            text = text.replace("12.34", "12.35").replace("5.00", "5.01").replace("close", "clos3")
        name = method.replace(".", "_") + "_response"
        return f'{{"{name}":{text},"sign":"{signature}"}}'.encode()

    # WeChat ------------------------------------------------------------

    def wechat(self, path: str, body: bytes) -> bytes:
        fields = dict(xmltodict.parse(body.decode("utf-8"))["xml"])
        sign, sign_type = fields.pop("sign", ""), fields.get("sign_type", "MD5")
        sign_with = calculate_signature_hmac if sign_type == "HMAC-SHA256" else calculate_signature
        (self.verified if sign_with(fields, API_KEY) == sign else self.refused).append(path)
        common = {
            "return_code": "SUCCESS",
            "return_msg": "OK",
            "appid": APPID,
            "mch_id": MCH_ID,
            "nonce_str": "5K8264ILTKCH16CQ2502SI8ZNMTM67VS",
            "result_code": "SUCCESS",
            "out_trade_no": fields["out_trade_no"],
        }
        paid = {"transaction_id": "4200000042202611230000000042", "total_fee": "1234"}
        answers: dict[str, dict[str, str]] = {
            "/pay/micropay": {**common, **paid, "trade_type": "MICROPAY", "bank_type": "CMC"},
            "/pay/orderquery": {**common, **paid, "trade_state": "SUCCESS"},
            "/secapi/pay/reverse": {**common, "recall": "N"},
            "/secapi/pay/refund": {
                **common,
                **paid,
                "out_refund_no": fields.get("out_refund_no", ""),
                "refund_id": "50000000422026112300000000042",
                "refund_fee": "500",
            },
            "/pay/refundquery": {
                **common,
                **paid,
                "refund_count": "1",
                "out_refund_no_0": fields.get("out_refund_no", ""),
                "refund_fee_0": "500",
                "refund_status_0": "SUCCESS",
            },
        }
        answer = answers[path]
        xml = dict_to_xml(answer, sign=sign_with(answer, API_KEY))
        if self.tamper:
            xml = xml.replace("1234", "1235").replace("[N]", "[Y]")
        return xml.encode("utf-8")


@pytest.fixture(scope="module")
def _keys() -> tuple[tuple[bytes, bytes], tuple[bytes, bytes]]:
    return new_rsa_pair(), new_rsa_pair()  # (the app's, the acquirer's): made once, 2048-bit keys are slow


@pytest.fixture
def ref(_keys: tuple[tuple[bytes, bytes], tuple[bytes, bytes]]) -> Iterator[Reference]:
    (app_private, app_public), (acquirer_private, acquirer_public) = _keys
    reference = Reference(
        AliPay(
            APP_ID,
            app_private_key_string=acquirer_private.decode(),
            alipay_public_key_string=app_public.decode(),
        ),
        AliPay(
            APP_ID,
            app_private_key_string=app_private.decode(),
            alipay_public_key_string=acquirer_public.decode(),
        ),
        app_private,
        acquirer_public,
    )

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            if self.path.startswith("/wechat/"):
                out = reference.wechat(self.path[len("/wechat") :], body)
            else:
                out = reference.alipay(body)
            self.send_response(200)
            self.send_header("Content-Length", str(len(out)))
            self.end_headers()
            self.wfile.write(out)

        def log_message(self, *args: Any) -> None:
            pass

    reference.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=reference.server.serve_forever, args=(0.02,), daemon=True).start()
    yield reference
    reference.server.shutdown()
    reference.server.server_close()


def _alipay(ref: Reference, app_private: bytes | None = None) -> AlipayWallet:
    key = serialization.load_pem_private_key(app_private or ref.app_private_pem, password=None)
    public = serialization.load_pem_public_key(ref.acquirer_public_pem)
    assert isinstance(key, rsa.RSAPrivateKey) and isinstance(public, rsa.RSAPublicKey)
    return AlipayWallet(ref.url + "/alipay/gateway.do", APP_ID, key, public, timeout_s=2.0)


def _run_alipay(client: AlipayWallet) -> list[Any]:
    return [
        client.pay(NUMBER, "281234567890123456", 1234, "电费 户号1000000004 <&>\"'"),
        client.query(NUMBER),
        client.cancel(NUMBER),
        client.refund(NUMBER, REFUND_NO, 500, 1234, "多缴 退回，客户要求"),
        client.refund_query(NUMBER, REFUND_NO),
    ]


def test_alipay_requests_verify_with_the_sdk_and_its_signed_answers_are_accepted(ref: Reference) -> None:
    pay, query, cancel, refund, refund_query = _run_alipay(_alipay(ref))
    methods = [
        "alipay.trade.pay",
        "alipay.trade.query",
        "alipay.trade.cancel",
        "alipay.trade.refund",
        "alipay.trade.fastpay.refund.query",
    ]
    assert ref.verified == methods and ref.refused == []
    assert ref.same_bytes == methods  # PKCS#1 v1.5 is deterministic: the SDK's signature of our string
    assert (pay.state, pay.trade_no, pay.amount_fen) == (TradeState.SUCCESS, TRADE_NO, 1234)
    assert (query.state, query.amount_fen) == (TradeState.SUCCESS, 1234)
    assert cancel.done and not cancel.refunded
    assert (refund.done, refund.amount_fen) == (True, 500)
    assert (refund_query.done, refund_query.amount_fen) == (True, 500)


def test_alipay_answers_changed_after_the_sdk_signed_them_are_refused(ref: Reference) -> None:
    ref.tamper = True
    pay, query, cancel, refund, refund_query = _run_alipay(_alipay(ref))
    assert pay.state is TradeState.UNKNOWN and query.state is TradeState.UNKNOWN
    assert not cancel.done and not refund.done and refund.unknown
    assert not refund_query.done and refund_query.unknown


def test_a_request_signed_with_another_key_fails_the_sdk_verification(ref: Reference) -> None:
    stranger, _ = new_rsa_pair()
    _alipay(ref, stranger).query(NUMBER)
    assert ref.refused == ["alipay.trade.query"] and ref.verified == [] and ref.same_bytes == []


def _run_wechat(ref: Reference, sign_type: str, key: str = API_KEY) -> list[Any]:
    client = WechatWallet(
        ref.url + "/wechat", APPID, MCH_ID, key, sign_type=sign_type, timeout_s=2.0, client_ip="10.20.0.11"
    )
    return [
        client.pay(NUMBER, "134567890123456789", 1234, "电费 户号1000000004 <&>\"']]>"),
        client.query(NUMBER),
        client.cancel(NUMBER),
        client.refund(NUMBER, REFUND_NO, 500, 1234, "多缴 退回 <&>"),
        client.refund_query(NUMBER, REFUND_NO),
    ]


@pytest.mark.parametrize("sign_type", ["MD5", "HMAC-SHA256"])
def test_wechat_requests_verify_with_wechatpy_and_its_signed_answers_are_accepted(
    ref: Reference, sign_type: str
) -> None:
    pay, query, cancel, refund, refund_query = _run_wechat(ref, sign_type)
    assert ref.verified == [
        "/pay/micropay",
        "/pay/orderquery",
        "/secapi/pay/reverse",
        "/secapi/pay/refund",
        "/pay/refundquery",
    ]
    assert ref.refused == []
    assert (pay.state, pay.amount_fen) == (TradeState.SUCCESS, 1234)
    assert pay.trade_no == "4200000042202611230000000042"
    assert (query.state, query.amount_fen) == (TradeState.SUCCESS, 1234)
    assert cancel.done
    assert (refund.done, refund.amount_fen) == (True, 500)
    assert (refund_query.done, refund_query.amount_fen) == (True, 500)


@pytest.mark.parametrize("sign_type", ["MD5", "HMAC-SHA256"])
def test_wechat_answers_changed_after_wechatpy_signed_them_are_refused(
    ref: Reference, sign_type: str
) -> None:
    ref.tamper = True
    pay, query, cancel, refund, refund_query = _run_wechat(ref, sign_type)
    assert pay.state is TradeState.UNKNOWN and query.state is TradeState.UNKNOWN
    assert not cancel.done and not refund.done and refund.unknown and refund_query.unknown


def test_a_wechat_request_signed_with_another_key_fails_wechatpy(ref: Reference) -> None:
    _run_wechat(ref, "MD5", key="f" * 32)
    assert len(ref.refused) == 5 and ref.verified == []


# The product's simulator (wallets/sim.py, the demo's and the suite's acquirer) against the same SDKs: requests
# the SDKs build and sign are taken, and the simulator's answers pass the SDKs' own verification.


@pytest.fixture
def product_sim() -> Iterator[Any]:
    from wallets.sim import AcquirerSim

    sim = AcquirerSim(delay_s=0.1).start()
    yield sim
    sim.stop()


def _post(url: str, body: bytes, content_type: str) -> str:
    import urllib.request

    request = urllib.request.Request(url, body, {"Content-Type": content_type})
    with urllib.request.urlopen(request, timeout=5) as answer:
        return str(answer.read().decode("utf-8"))


def test_the_simulator_takes_what_python_alipay_sdk_signs_and_signs_what_it_verifies(
    product_sim: Any,
) -> None:
    sim_public = product_sim._own_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    sdk = AliPay(
        product_sim.app_id,
        app_private_key_string=product_sim.app_private_pem.decode(),
        alipay_public_key_string=sim_public.decode(),
    )
    product_sim.script("success")
    calls = [
        (
            "alipay.trade.pay",
            {
                "out_trade_no": NUMBER,
                "scene": "bar_code",
                "auth_code": "281234567890123400",
                "total_amount": "12.34",
                "subject": "电费",
            },
        ),
        ("alipay.trade.query", {"out_trade_no": NUMBER}),
        (
            "alipay.trade.refund",
            {"out_trade_no": NUMBER, "out_request_no": REFUND_NO, "refund_amount": "12.34"},
        ),
        ("alipay.trade.fastpay.refund.query", {"out_trade_no": NUMBER, "out_request_no": REFUND_NO}),
    ]
    answers = []
    for method, biz in calls:
        body = sdk.sign_data(sdk.build_body(method, biz)).encode()
        raw = _post(
            product_sim.url + "/alipay/gateway.do", body, "application/x-www-form-urlencoded;charset=utf-8"
        )
        answers.append(sdk._verify_and_return_sync_response(raw, method.replace(".", "_") + "_response"))
    assert product_sim.bad_signatures == 0
    assert [a["code"] for a in answers] == ["10000"] * 4
    assert answers[1]["trade_status"] == "TRADE_SUCCESS" and answers[3]["refund_amount"] == "12.34"


@pytest.mark.parametrize("sign_type", ["MD5", "HMAC-SHA256"])
def test_the_simulator_takes_what_wechatpy_signs_and_signs_what_it_verifies(
    product_sim: Any, sign_type: str
) -> None:
    sign_with = calculate_signature_hmac if sign_type == "HMAC-SHA256" else calculate_signature
    product_sim.script("success")
    calls = [
        (
            "/pay/micropay",
            {
                "body": "电费",
                "out_trade_no": NUMBER,
                "total_fee": "1234",
                "spbill_create_ip": "10.20.0.11",
                "auth_code": "134567890123456700",
            },
        ),
        ("/pay/orderquery", {"out_trade_no": NUMBER}),
        (
            "/secapi/pay/refund",
            {"out_trade_no": NUMBER, "out_refund_no": REFUND_NO, "total_fee": "1234", "refund_fee": "1234"},
        ),
        ("/pay/refundquery", {"out_trade_no": NUMBER, "out_refund_no": REFUND_NO}),
    ]
    answers = []
    for path, fields in calls:
        request = {
            "appid": product_sim.appid,
            "mch_id": product_sim.mch_id,
            "nonce_str": "N" * 32,
            "sign_type": sign_type,
            **fields,
        }
        xml = dict_to_xml(request, sign=sign_with(request, product_sim.api_key))
        raw = _post(product_sim.url + "/wechat" + path, xml.encode("utf-8"), "text/xml; charset=utf-8")
        answer = dict(xmltodict.parse(raw)["xml"])
        sign = answer.pop("sign")
        assert sign == sign_with(answer, product_sim.api_key), path
        answers.append(answer)
    assert product_sim.bad_signatures == 0
    assert [a["result_code"] for a in answers] == ["SUCCESS"] * 4
    assert answers[1]["trade_state"] == "SUCCESS" and answers[3]["refund_fee_0"] == "1234"
