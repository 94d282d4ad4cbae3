"""Approvals, lock-out and tamper evidence on a real SQLite store (the `terminal` demo fixture).

Every supervisor-only action tried with a clerk as approver, a wrong PIN or no PIN is refused and
leaves the money tables byte-for-byte unchanged; a journal row edited, deleted, reordered or re-signed
with another key makes verify name it; a forged receipt QR is not genuine.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from app import auth
from app.cash import parse_count
from app.clock import FixedClock
from app.errors import HallPayError, Refused
from app.journal import Kind, entry_hash
from app.model import Method
from app.receipt import parse_qr
from app.services import clerks
from app.services.approvals import check_supervisor
from app.services.payments import PayRequest, pay
from app.services.receipts import reprint
from app.services.reversal import ReversalRequest, reverse
from app.services.shift_close import CloseRequest, close_shift, sign_off_day
from app.services.verify import verify_local, verify_receipt
from app.signing import Ed25519Signer
from db.local_schema import MONEY_TABLES

S01_PIN, C02_PIN, C01_PIN = "999999", "222222", "111111"


def db(w: Any) -> Path:
    return w.data_dir / "local.db"


def money(w: Any) -> dict[str, list]:
    with closing(sqlite3.connect(db(w))) as conn, conn:
        return {t: conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in MONEY_TABLES}


def refused_leaving_nothing(w: Any, action: Any, *needles: str) -> str:
    before = money(w)
    with pytest.raises(Refused) as info:
        action()
    assert money(w) == before
    for needle in needles:
        assert needle in str(info.value)
    return str(info.value)


def cash(w: Any, customer_no: str = "1000000001") -> Any:
    return pay(w.ctx, PayRequest(customer_no, Method.CASH, "C01", tendered_fen=300_00))


# ------------------------------------------------------------------ supervisor-only actions


def test_reversal_refused_to_a_clerk_without_pin_and_by_oneself(terminal: Any) -> None:
    no = cash(terminal).receipt.receipt_no

    def rev(who: str, pin: str, clerk: str = "C01") -> Any:
        return lambda: reverse(terminal.ctx, ReversalRequest(no, clerk, who, "录错", approver_pin=pin))

    refused_leaving_nothing(terminal, rev("C02", C02_PIN), "不是主管")
    refused_leaving_nothing(terminal, rev("S01", ""), "密码不正确")
    refused_leaving_nothing(terminal, rev("S01", "123456"), "密码不正确")
    refused_leaving_nothing(terminal, rev("", ""), "主管")
    with pytest.raises(Refused, match="自己审批"):  # a supervisor approving their own action
        check_supervisor(terminal.ctx, "S01", S01_PIN, "冲正", {}, clerk_id="S01")
    result = reverse(terminal.ctx, ReversalRequest(no, "C01", "S01", "录错", approver_pin=S01_PIN))
    with terminal.store.uow() as uow:
        approval = uow.journal.get(result.entry.seq - 1)
    assert approval is not None and approval.kind == Kind.APPROVAL
    assert approval.payload["approver_id"] == "S01" and approval.payload["action"] == "冲正"
    assert S01_PIN not in json.dumps(approval.payload)


def test_shift_difference_above_threshold_needs_a_supervisor_pin(terminal: Any) -> None:
    short = parse_count("100x1")  # 400.00 short of the 500.00 float

    def close(who: str, pin: str) -> Any:
        return lambda: close_shift(
            terminal.ctx, CloseRequest("C01", short, reason="少收", approver_id=who, approver_pin=pin)
        )

    refused_leaving_nothing(terminal, close("", ""), "主管")
    refused_leaving_nothing(terminal, close("C02", C02_PIN), "不是主管")
    refused_leaving_nothing(terminal, close("S01", "000000"), "密码不正确")
    assert close("S01", S01_PIN)().difference_fen == -400_00


def test_day_signoff_needs_a_supervisor_pin(terminal: Any) -> None:
    close_shift(terminal.ctx, CloseRequest("C01", parse_count("100x5")))
    day = terminal.ctx.today().isoformat()
    refused_leaving_nothing(terminal, lambda: sign_off_day(terminal.ctx, "C02", day, pin=C02_PIN), "不是主管")
    refused_leaving_nothing(terminal, lambda: sign_off_day(terminal.ctx, "S01", day), "密码不正确")
    assert sign_off_day(terminal.ctx, "S01", day, pin=S01_PIN).entry.payload["approver_id"] == "S01"


def test_reprint_after_the_shift_closed_needs_a_supervisor(terminal: Any) -> None:
    paid = cash(terminal)
    no = paid.receipt.receipt_no
    reprint(terminal.ctx, terminal.printer(), no, "C01")  # shift open: the clerk alone may
    close_shift(
        terminal.ctx,
        CloseRequest(
            "C01",
            parse_count("100x6,50x1,20x2,1x1,0.1x1"),
            reason="x",
            approver_id="S01",
            approver_pin=S01_PIN,
        ),
    )
    printer = terminal.printer()
    refused_leaving_nothing(terminal, lambda: reprint(terminal.ctx, printer, no, "C01"), "主管")
    refused_leaving_nothing(
        terminal, lambda: reprint(terminal.ctx, printer, no, "C01", "C02", C02_PIN), "不是主管"
    )
    copy, _ = reprint(terminal.ctx, printer, no, "C01", "S01", S01_PIN)
    assert copy.reprint
    events = [r["event"] for r in clerks.audit_trail(terminal.ctx)]
    assert "approval" in events and "reprint" in events and "approval_refused" in events


def test_admin_only_and_supervisor_only_clerk_management(terminal: Any) -> None:
    refused_leaving_nothing(
        terminal, lambda: clerks.set_pin(terminal.ctx, "S01", S01_PIN, "C02", "480815"), "管理员"
    )
    refused_leaving_nothing(
        terminal, lambda: clerks.unlock_clerk(terminal.ctx, "C01", C01_PIN, "C02"), "不是主管"
    )
    clerks.set_pin(terminal.ctx, "A01", "000000", "C02", "480815")
    assert clerks.login(terminal.ctx, "C02", "480815").clerk_id == "C02"


# ------------------------------------------------------------------ lock-out


def test_wrong_pins_lock_the_supervisor_and_the_lock_survives_rollback(terminal: Any) -> None:
    no = cash(terminal).receipt.receipt_no

    def attempt(pin: str, ctx: Any = terminal.ctx) -> Any:
        return lambda: reverse(ctx, ReversalRequest(no, "C01", "S01", "录错", approver_pin=pin))

    for left in range(auth.MAX_FAILURES - 1, 0, -1):
        refused_leaving_nothing(terminal, attempt("000001"), f"再错 {left} 次")
    refused_leaving_nothing(terminal, attempt("000001"), "已锁定")
    refused_leaving_nothing(terminal, attempt(S01_PIN), "已锁定")  # even the right PIN, while locked
    with terminal.store.uow() as uow:
        assert uow.settings.clerk("S01").locked_until is not None
        assert (
            sum(e["event"] == "login_failed" and e["subject"] == "S01" for e in uow.settings.audit_events())
            >= 5
        )
    later = dataclasses.replace(
        terminal.ctx,
        clock=FixedClock(terminal.ctx.clock.now_utc() + dt.timedelta(minutes=auth.LOCK_MINUTES + 1)),
    )
    assert reverse(later, ReversalRequest(no, "C01", "S01", "录错", approver_pin=S01_PIN)).refund_fen > 0


def test_login_lockout_and_supervisor_unlock(terminal: Any) -> None:
    for _ in range(auth.MAX_FAILURES):
        with pytest.raises(Refused):
            clerks.login(terminal.ctx, "C02", "000002")
    with pytest.raises(Refused, match="已锁定"):
        clerks.login(terminal.ctx, "C02", C02_PIN)
    clerks.unlock_clerk(terminal.ctx, "S01", S01_PIN, "C02")
    assert clerks.login(terminal.ctx, "C02", C02_PIN).role == "clerk"
    with pytest.raises(Refused, match="没有工号"):
        clerks.login(terminal.ctx, "X99", "123456")


def test_imported_clerks_have_no_default_pin(terminal: Any) -> None:
    rows = clerks.parse_clerks("clerk_id,name,role,active\nC10,周敏,clerk,1\nS10,吴刚,supervisor,1\n")
    assert clerks.import_clerks(terminal.ctx, rows) == 2
    for cid in ("C10", "S10"):
        for pin in ("111111", "999999", "000000", ""):
            with pytest.raises(Refused, match="尚未设置密码"):
                clerks.login(terminal.ctx, cid, pin)
    with pytest.raises(HallPayError, match="明文"):
        clerks.parse_clerks("clerk_id,name,role,active,pin_hash\nC11,钱进,clerk,1,123456\n")


# ------------------------------------------------------------------ tamper evidence


def tamper(w: Any, *sql: str) -> None:
    # someone with the file: the triggers are no obstacle to them
    with closing(sqlite3.connect(db(w))) as conn, conn:
        conn.execute("DROP TRIGGER IF EXISTS journal_no_update")
        conn.execute("DROP TRIGGER IF EXISTS journal_no_delete")
        for statement in sql:
            conn.execute(statement)


def three_payments(w: Any) -> list[int]:
    return [
        pay(w.ctx, PayRequest(c, Method.WECHAT, "C01", reference=f"R{c}")).entry.seq
        for c in ("1000000001", "1000000002", "1000000005")
    ]


def test_an_edited_row_is_named(terminal: Any) -> None:
    seqs = three_payments(terminal)
    assert verify_local(terminal.ctx).ok
    tamper(
        terminal,
        f'UPDATE journal SET payload = replace(payload, \'"method":"wechat"\', \'"method":"cash"\') '
        f"WHERE seq = {seqs[1]}",
    )
    problem = verify_local(terminal.ctx).problem
    assert problem is not None and problem.seq == seqs[1] and "edited" in problem.reason


def test_a_deleted_row_is_named(terminal: Any) -> None:
    seqs = three_payments(terminal)
    tamper(terminal, "PRAGMA foreign_keys = OFF", f"DELETE FROM journal WHERE seq = {seqs[1]}")
    problem = verify_local(terminal.ctx).problem
    assert problem is not None and problem.seq == seqs[2] and "gap" in problem.reason


def test_reordered_rows_are_named(terminal: Any) -> None:
    a, b, _ = three_payments(terminal)
    tamper(
        terminal,
        "PRAGMA foreign_keys = OFF",
        f"UPDATE journal SET seq = -1 WHERE seq = {a}",
        f"UPDATE journal SET seq = {a} WHERE seq = {b}",
        f"UPDATE journal SET seq = {b} WHERE seq = -1",
    )
    problem = verify_local(terminal.ctx).problem
    assert problem is not None and problem.seq == a


def test_a_row_rehashed_and_resigned_with_another_key_is_named(terminal: Any) -> None:
    seqs = three_payments(terminal)
    with terminal.store.uow() as uow:
        e = uow.journal.get(seqs[2])  # the last one: its rehash breaks no later prev_hash
    forged = dataclasses.replace(e, payload={**e.payload, "amount_fen": 1})
    forged = dataclasses.replace(forged, hash=entry_hash(forged.body()))
    other = Ed25519Signer.generate()
    payload = json.dumps(forged.payload, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    tamper(
        terminal,
        f"UPDATE journal SET payload = '{payload}', hash = '{forged.hash}', "
        f"signature = '{other.sign_hash(forged.hash)}' WHERE seq = {e.seq}",
    )
    problem = verify_local(terminal.ctx).problem
    assert problem is not None and problem.seq == e.seq and "signature" in problem.reason


# ------------------------------------------------------------------ receipt QR


def test_genuine_and_forged_receipt_qr(terminal: Any) -> None:
    paid = cash(terminal)
    qr = paid.receipt.qr_text
    assert verify_receipt(terminal.ctx, qr).genuine
    f = parse_qr(qr)
    assert f is not None
    amount = f"{f.amount_fen // 100}.{f.amount_fen % 100:02d}"
    other = Ed25519Signer.generate()
    with terminal.store.uow() as uow:
        entry = uow.journal.get(paid.entry.seq)
    forgeries = [
        qr.replace(f"|{amount}|", f"|{f.amount_fen // 100 + 100}.{f.amount_fen % 100:02d}|"),  # amount
        qr.replace(f.signature, other.sign_hash(entry.hash)),  # signed by someone else
        qr.replace(f.hash_prefix, "0" * 16),  # another hash
        qr.replace(f.receipt_no, f.receipt_no[:-4] + "0999"),  # a receipt never issued
        qr.replace(f.created_at, "2026-11-23T03:00:00.000000Z"),  # another time
        qr.replace("|T01|", "|T02|"),
        "HALLPAY1|" + f.receipt_no + "|" + entry.hash,  # the old unsigned format
        "随便什么文字",
    ]
    for forged in forgeries:
        check = verify_receipt(terminal.ctx, forged)
        assert not check.genuine, forged
        assert check.reason
