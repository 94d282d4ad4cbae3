"""Issue 18: head office's own records are signed and checked by the counters, and a stale signed row served
again is refused. On the embedded SQLite central and on the real PostgreSQL.

- Head office's HQ chain (adjustments, offsets, case decisions, refund orders) is pulled entry by entry; each
  must follow the one the counter checked last, hash to its content and carry the signature of head office
  (or of the certified counter whose push made it). A record slipped onto the chain without a signature, or a
  signature changed, stops the pull with one sentence; the counter's data and cursors stay as they were.
- A row's change cursor (txn) is inside its signature: a row recorded earlier and served again (a replay)
  is older than what the counter already holds and is refused; moving its txn forward breaks the signature.

Each test ends with the money accounted for: every entry in the central journal once, balances and bills
equal to the seed plus the entries (pg_fixtures.assert_consistent).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json

from sqlalchemy import select, text

from app.journal import new_entry
from app.model import Method
from app.services.payments import PayRequest, pay
from app.sync import PullPage, pull_checked
from db.central_schema import central_hq_signatures
from db.local_sync import LocalSync
from tests.integration.pg_fixtures import assert_consistent, central, central_url, make_terminal, pg_server  # noqa: F401

DAY = dt.date(2026, 11, 23)
BILL_A = dict(
    bill_id="1000000001-a", customer_no="1000000001", period="2026-09", kwh=189, due_date="2026-11-13"
)
REFUSED = "：本次下发的数据全部拒收，本机数据未改动；请信息部门核查总部账务中心的记录是否被改动。\n"


def _sync(w, capsys) -> tuple[int, str]:
    from cli.sync import cmd_sync

    capsys.readouterr()
    code = cmd_sync(w, argparse.Namespace(once=True, batch=100, json=False))
    return code, capsys.readouterr().err


def _state(w) -> tuple:
    """What a pull may change on the counter: balances, bills, and where its check of the HQ chain stands."""
    with w.store.reader() as uow:
        conn = uow.connection
        balances = dict(conn.execute(text("SELECT customer_no, balance_fen FROM customers")).all())
        bills = conn.execute(
            text("SELECT bill_id, amount_fen, principal_paid_fen FROM bills ORDER BY 1")
        ).all()
        cursors = dict(conn.execute(text("SELECT key, value FROM sync_state WHERE key LIKE 'pull.%'")).all())
    return balances, bills, cursors


def _hq_checked(w) -> int:
    return int(_state(w)[2].get("pull.hq", 0))


def test_head_offices_records_are_signed_and_a_forged_or_altered_one_is_refused(
    tmp_path, central_url, central, capsys
):
    t1, t2 = make_terminal(tmp_path, "T01", central_url), make_terminal(tmp_path, "T02", central_url)
    assert _sync(t1, capsys) == (0, "") and _sync(t2, capsys) == (0, "")
    pay(t1.ctx, PayRequest("1000000001", Method.CASH, "C01"))  # 191.10
    assert _sync(t1, capsys) == (0, "")
    pay(t2.ctx, PayRequest("1000000001", Method.WECHAT, "C01", reference="WX18H"))  # offline: 191.10 again
    assert _sync(t2, capsys) == (0, "")
    # head office's own records: a correction (adjustment), a new bill paid from the credit (offset), a refund
    [adjustment] = central.issue_bills([dict(BILL_A, amount_fen=9000)], today=DAY)
    [offset] = central.issue_bills(
        [
            dict(
                bill_id="1000000001-c",
                customer_no="1000000001",
                period="2026-11",
                kwh=60,
                amount_fen=5000,
                due_date="2026-12-10",
            )
        ],
        today=DAY,
    )
    case = next(c for c in central.review_cases() if c.bill_id == "1000000001-b")
    refund = central.resolve_case(case.case_id, "S01", "refund", "用户要求退款")
    hq = central.journal("HQ")
    assert [e.kind for e in hq] == ["adjustment", "offset", "refund_order"]
    assert [adjustment.entry_id, offset.entry_id, refund.entry_id] == [e.entry_id for e in hq]
    with central.engine.connect() as conn:
        signers = dict(
            conn.execute(select(central_hq_signatures.c.seq, central_hq_signatures.c.signer)).all()
        )
    assert signers == {1: "HQ", 2: "HQ", 3: "HQ"}
    for w in (t1, t2):
        assert _sync(w, capsys) == (0, "") and _hq_checked(w) == 3

    # a signature changed (another record's, valid for head office's key but not for this content): refused
    other = central.resolve_case(
        next(c for c in central.review_cases() if c.bill_id == "1000000001-a").case_id,
        "S01",
        "credit",
        "转预存",
    )
    with central.engine.begin() as conn:
        good = conn.execute(text("SELECT signature FROM central_hq_signatures WHERE seq = 4")).scalar_one()
        conn.execute(
            text(
                "UPDATE central_hq_signatures SET signature = (SELECT signature FROM central_hq_signatures "
                "WHERE seq = 1) WHERE seq = 4"
            )
        )
    before = _state(t1)
    code, err = _sync(t1, capsys)
    assert (
        code == 3
        and err == "总部账务中心第 4 笔总部记录（case_decision）签名校验不通过（签名后被改动）" + REFUSED
    )
    assert _state(t1) == before  # nothing applied, the HQ chain still checked up to #3
    with central.engine.begin() as conn:
        conn.execute(text("UPDATE central_hq_signatures SET signature = :s WHERE seq = 4"), {"s": good})
    assert _sync(t1, capsys) == (0, "") and _hq_checked(t1) == 4 == other.seq

    # a record slipped onto the chain by someone with the database: hash and chain right, no signature
    forged = new_entry(
        terminal_id="HQ",
        seq=5,
        kind="case_decision",
        created_at="2026-11-23T03:00:00Z",
        clerk_id="HQ",
        payload={"case_id": "x", "decision": "credit", "customer_no": "1000000001", "amount_fen": 100000},
        prev_hash=other.hash,
    )
    with central.engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO central_journal (entry_id, terminal_id, seq, kind, created_at, clerk_id, payload, prev_hash, "
                "hash, received_at, day) VALUES (:id, 'HQ', 5, 'case_decision', :at, 'HQ', :p, :prev, :h, :at, "
                "'2026-11-23')"  # day: the month partition it goes to (c0011)
            ),
            {
                "id": forged.entry_id,
                "at": forged.created_at,
                "prev": forged.prev_hash,
                "h": forged.hash,
                "p": json.dumps(forged.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False),
            },
        )
    for w in (t1, t2):
        before = _state(w)
        code, err = _sync(w, capsys)
        assert (code, err) == (3, "总部账务中心第 5 笔总部记录（case_decision）没有总部签名" + REFUSED)
        assert _state(w) == before
    # the money: each entry once centrally, the refund off the balance, the forged record moving nothing
    # T02's 191.10 credited, + 10.00 the correction took off a paid bill, - 50.00 offset, - 90.10 refunded
    assert central.balances()["1000000001"] == 19110 + 1000 - 5000 - 9010
    assert_consistent(central, [t1, t2])


def test_a_stale_signed_row_or_record_served_again_is_refused(tmp_path, central_url, central, capsys):
    t1 = make_terminal(tmp_path, "T01", central_url)
    assert _sync(t1, capsys) == (0, "")
    central.issue_bills(
        [
            dict(
                bill_id="1000000004-n",
                customer_no="1000000004",
                period="2026-11",
                kwh=50,
                amount_fen=1500,
                due_date="2026-12-10",
            )
        ],
        today=DAY,
    )  # offset from its 20.00: HQ #1
    recorded = list(central.pull({}, 1000))  # what a pull answered then, rows and HQ records signed
    assert _sync(t1, capsys) == (0, "") and _hq_checked(t1) == 1
    pay(
        t1.ctx, PayRequest("1000000004", Method.CASH, "C01", amount_fen=5000, tendered_fen=5000)
    )  # 5.00 + 50.00
    assert _sync(t1, capsys) == (0, "")
    assert _state(t1)[0]["1000000004"] == 5500 == central.balances()["1000000004"]
    before = _state(t1)
    sink = LocalSync(t1.store.engine)

    class Replay:  # a central (or whatever sits between) answering with recorded pages again
        def __init__(self, tables: tuple[str, ...], only: str = "") -> None:
            self.tables, self.only = tables, only

        def pull(self, cursors, page_size):
            return iter(
                [
                    PullPage(
                        p.table,
                        [r for r in p.rows if not self.only or r.get("customer_no") == self.only],
                        p.cursor,
                    )
                    if p.table == "customers"
                    else p
                    for p in recorded
                    if p.table in self.tables
                ]
            )

    old = next(
        r for p in recorded if p.table == "customers" for r in p.rows if r["customer_no"] == "1000000004"
    )
    assert old["balance_fen"] == 500  # signed then, and stale now
    pulled, [problem] = pull_checked(Replay(("keys", "customers"), only="1000000004"), sink)
    assert pulled == 0 and problem.kind == "pull_refused"
    floor = int(before[2]["pull.customers"])
    assert old["txn"] < floor
    assert problem.reason == (
        f"总部下发的用户 1000000004是旧版本（版本 {old['txn']}，本机已同步到版本 {floor}），疑为重放的旧数据"
        "：本次下发的数据全部拒收，本机数据未改动；请信息部门核查总部账务中心的数据是否被改动。"
    )
    for table, key, value, what in (
        ("bills", "bill_id", "1000000004-n", "账单"),
        ("policy", "key", "late_fee.grace_days", "政策参数"),
    ):
        row = next(r for p in recorded if p.table == table for r in p.rows if r[key] == value)
        page = PullPage(table, [row], 0)

        class One:  # the recorded bill or policy row alone, served again
            def pull(self, cursors, page_size, page=page):
                return iter([p for p in recorded if p.table == "keys"] + [page])

        _, [problem] = pull_checked(One(), sink)
        assert problem.reason.startswith(
            f"总部下发的{what} {value}是旧版本（版本 {row['txn']}，本机已同步到版本 "
        )
    _, [problem] = pull_checked(Replay(("keys", "hq")), sink)
    assert problem.reason.startswith(
        "总部账务中心第 1 笔总部记录（offset）是已核对过的旧记录（本机已核对到第 1 笔），疑为重放"
    )
    assert _state(t1) == before

    # the recorded row put back in the database under a new cursor, so a pull would serve it: signature broken
    with central.engine.begin() as conn:
        from db.central.sql import next_txn

        txn = next_txn(conn)
        conn.execute(
            text(
                "UPDATE central_customers SET balance_fen = :b, signer = :s, signature = :sig, txn = :t "
                "WHERE customer_no = '1000000004'"
            ),
            {"b": old["balance_fen"], "s": old["signer"], "sig": old["signature"], "t": txn},
        )
    code, err = _sync(t1, capsys)
    assert code == 3 and err.startswith("总部下发的用户 1000000004签名校验不通过（签名后被改动）")
    assert _state(t1) == before
    with central.engine.begin() as conn:  # put right (head office re-signs the true balance)
        from db.central.rowsign import sign_rows

        conn.execute(text("UPDATE central_customers SET balance_fen = 5500 WHERE customer_no = '1000000004'"))
        sign_rows(conn, lambda t: t.c.txn == txn, "HQ", central.hq)
    assert _sync(t1, capsys) == (0, "")
    assert_consistent(central, [t1])


def test_pull_page_rows_carry_their_signed_version(central):  # noqa: F811
    """Every pulled row brings the txn its signature covers; the HQ stream comes last."""
    pages = list(central.pull({}, 1000))
    assert [p.table for p in pages][0] == "keys"
    assert all(
        isinstance(r["txn"], int)
        for p in pages
        if p.table in ("policy", "customers", "bills")
        for r in p.rows
    )
