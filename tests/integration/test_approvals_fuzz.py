"""Hypothesis over every parser of outside input: never a crash, never a change on bad input.

Amounts (parse_yuan), customer numbers (lookup, due, pay), CSV imports (customers, bills, clerks; in
UTF-8, UTF-8 with BOM and GB18030 bytes through the same decoder the `import` command uses),
receipt QR text (verify_receipt) and card records (APDU decoders, check_card).
"""

from __future__ import annotations

import sqlite3
from contextlib import closing
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.card import check_card
from app.errors import HallPayError
from app.importing import decode_import, parse_bills, parse_customers, valid_customer_no
from app.model import Method
from app.money import MAX_AMOUNT_FEN, parse_yuan
from app.ports import CardImage, ReturnWrite
from app.services.clerks import import_clerks, parse_clerks
from app.services.lookup import find_customers
from app.services.master_data import import_master_data
from app.services.payments import PayRequest, due, pay
from app.services.verify import verify_receipt
from cardreader.apdu import FormatError, decode_identity, decode_return_write, decode_wallet
from db.local_schema import MONEY_TABLES

FIXTURE = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
csv_text = st.lists(
    st.lists(
        st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=12), min_size=0, max_size=9
    ).map(",".join),
    max_size=5,
).map("\n".join)


def snapshot(w: Any) -> dict[str, list]:
    with closing(sqlite3.connect(w.data_dir / "local.db")) as conn, conn:
        tables = (*MONEY_TABLES, "clerks", "meta")
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}


@settings(max_examples=400, deadline=None)
@given(st.one_of(st.text(max_size=30), st.from_regex(r"-?[0-9]{0,14}(\.[0-9]{0,4})?", fullmatch=True)))
def test_parse_yuan_returns_fen_or_refuses(text: str) -> None:
    try:
        fen = parse_yuan(text)
    except HallPayError as error:
        assert str(error)
    else:
        assert isinstance(fen, int) and 0 < fen <= MAX_AMOUNT_FEN


@FIXTURE
@given(customer_no=st.text(max_size=24), amount=st.text(max_size=12))
def test_bad_customer_numbers_and_amounts_change_nothing(
    terminal: Any, customer_no: str, amount: str
) -> None:
    before = snapshot(terminal)
    assert valid_customer_no(customer_no) in (True, False)
    for call in (
        lambda: find_customers(terminal.ctx, customer_no),
        lambda: due(terminal.ctx, customer_no),
        lambda: pay(terminal.ctx, PayRequest(customer_no, Method.CASH, "C01", amount_fen=parse_yuan(amount))),
    ):
        try:
            call()
        except HallPayError as error:
            assert str(error)
    if customer_no not in {f"100000000{i}" for i in range(1, 6)}:
        assert snapshot(terminal) == before


@FIXTURE
@given(customers=csv_text, bills=csv_text, encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030"]))
def test_bad_csv_imports_change_nothing(terminal: Any, customers: str, bills: str, encoding: str) -> None:
    before = snapshot(terminal)
    today = terminal.ctx.today()
    for header, parse in (
        ("customer_no,name,address,phone,category,meter_no,prepaid,risk_grade\n", parse_customers),
        ("customer_no,period,kwh,amount,due_date\n", parse_bills),
    ):
        for text in (customers, header + bills):
            try:
                rows = parse(decode_import(text.encode(encoding, "replace"), "x"))
            except HallPayError as error:
                assert str(error) and "\n" not in str(
                    error
                )  # one sentence, even when the bad value has a newline
                continue
            assert isinstance(rows, list)
            assert all(r["customer_no"].isascii() and r["customer_no"].isdigit() for r in rows)
    try:
        import_master_data(
            terminal.ctx, [], parse_bills("customer_no,period,kwh,amount,due_date\n" + bills, today=today)
        )
    except HallPayError:
        assert snapshot(terminal) == before


@FIXTURE
@given(text=csv_text)
def test_bad_clerk_lists_change_nothing(terminal: Any, text: str) -> None:
    before = snapshot(terminal)
    try:
        rows = parse_clerks("clerk_id,name,role,active\n" + text)
    except HallPayError as error:
        assert str(error)
        assert snapshot(terminal) == before
    else:
        import_clerks(terminal.ctx, rows)
        assert all(r["role"] in ("clerk", "supervisor", "admin") for r in rows)


@FIXTURE
@given(
    text=st.one_of(
        st.text(max_size=200),
        st.lists(st.text(alphabet="0123456789abcdefT-:.Z", max_size=30), min_size=6, max_size=6).map(
            lambda p: "HALLPAY2|T01|" + "|".join(p[1:])
        ),
    )
)
def test_any_qr_text_is_answered_and_changes_nothing(terminal: Any, text: str) -> None:
    before = snapshot(terminal)
    check = verify_receipt(terminal.ctx, text)
    assert not check.genuine and check.reason
    assert snapshot(terminal) == before


@settings(max_examples=300, deadline=None)
@given(identity=st.binary(max_size=64), wallet=st.binary(max_size=16), rw=st.binary(max_size=24))
def test_card_record_decoders_return_or_refuse(identity: bytes, wallet: bytes, rw: bytes) -> None:
    for decode, raw in ((decode_identity, identity), (decode_wallet, wallet), (decode_return_write, rw)):
        try:
            decode(raw)
        except FormatError:
            pass


@settings(max_examples=300, deadline=None)
@given(
    serial=st.text(max_size=20),
    customer=st.text(max_size=22),
    meter=st.text(max_size=22),
    fen=st.integers(0, 2**32 - 1),
    count=st.integers(0, 2**16 - 1),
    mac=st.binary(max_size=10),
    rw=st.none()
    | st.builds(
        ReturnWrite, st.integers(-(2**31), 2**31 - 1), st.integers(0, 2**16 - 1), st.text(max_size=14)
    ),
    wanted=st.none() | st.text(max_size=12),
)
def test_any_card_image_gets_a_verdict(serial, customer, meter, fen, count, mac, rw, wanted) -> None:
    image = CardImage(serial, customer, meter, fen, count, mac, rw)
    verdict = check_card(image, customer_no=wanted, master_key=b"k" * 32, retired_serials={"X"})
    assert verdict.code in (
        "ok",
        "blank",
        "retired",
        "wrong_customer",
        "bad_mac",
        "meter_mismatch",
        "not_loaded",
    )
    assert verdict.message
