"""One pushed batch, inside one central transaction: check, store, project, acknowledge.

The terminal's row is locked first (pushes of one terminal are serial; different terminals run in
parallel). Entries at or below the acknowledgement are compared with what is stored: identical is a
duplicate and changes nothing; different is an alarm, never an overwrite. New entries must continue
the sequence and the hash chain exactly; the first one that does not stops the batch, is recorded as
an alarm, and nothing after it is taken. Payment entries update bills and balances in the same
transaction; a principal paid on a bill that another hall already settled becomes the customer's
balance and a review case. Bill and customer rows are locked in key order, so two terminals paying
for the same customer cannot dead-lock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import Connection, any_, bindparam, func, select, text, update
from sqlalchemy.dialects import postgresql, sqlite

from app.journal import Entry
from app.money import format_fen
from app.sync import Ack, Problem, PushReport
from db.central_schema import PULLED_TABLES, central_bills, central_customers, central_journal, review_cases
from db.central_schema import terminals as terminals_t


def _canon(value: Any) -> bytes:
    """app.journal.canonical's bytes without its float scan: an entry with a float cannot match its
    hash anyway (canonical refused it when the entry was made)."""
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False).encode("utf-8")


def payload_text(e: Entry) -> str:
    """The canonical payload text: as stored locally when the outbox sent it along, else re-encoded."""
    text_ = getattr(e, "payload_text", None)
    return text_ if text_ is not None else _canon(e.payload).decode("utf-8")


def body_hash(e: Entry) -> str:
    """SHA-256 of the entry's canonical body (app.journal.entry_hash), built around the payload text."""
    s = json.dumps
    body = (f'{{"clerk_id":{s(e.clerk_id, ensure_ascii=False)},"created_at":{s(e.created_at, ensure_ascii=False)},'
            f'"entry_id":{s(e.entry_id, ensure_ascii=False)},"kind":{s(e.kind, ensure_ascii=False)},'
            f'"payload":{payload_text(e)},"prev_hash":{s(e.prev_hash, ensure_ascii=False)},"seq":{int(e.seq)},'
            f'"terminal_id":{s(e.terminal_id, ensure_ascii=False)}}}')
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


def _in(conn: Connection, column: Any, values: list[Any]) -> Any:
    """column IN values; on PostgreSQL one array parameter (`= ANY`), not one parameter per value."""
    if _pg(conn):
        return column == any_(bindparam(None, list(values), type_=postgresql.ARRAY(column.type)))
    return column.in_(values)


def _pg(conn: Connection) -> bool:
    return conn.dialect.name == "postgresql"


def insert_ignore(conn: Connection, table: Any, rows: list[dict[str, Any]], keys: list[str]) -> None:
    """INSERT … ON CONFLICT DO NOTHING on PostgreSQL and SQLite alike."""
    if not rows:
        return
    dialect = postgresql if conn.dialect.name == "postgresql" else sqlite
    conn.execute(dialect.insert(table).on_conflict_do_nothing(index_elements=keys), rows)


def next_txn(conn: Connection) -> int:
    """The pull cursor value of this transaction (see db/central_schema.py)."""
    if conn.dialect.name == "postgresql":
        return int(conn.execute(text("SELECT pg_current_xact_id()::text::bigint")).scalar_one())
    return 1 + max(int(conn.execute(select(func.coalesce(func.max(t.c.txn), 0))).scalar_one())
                   for t in PULLED_TABLES)


def _lock_terminal(conn: Connection, terminal_id: str, hall_name: str) -> Ack:
    insert_ignore(conn, terminals_t, [{"terminal_id": terminal_id, "hall_name": hall_name}], ["terminal_id"])
    row = conn.execute(
        select(terminals_t.c.ack_seq, terminals_t.c.ack_hash)
        .where(terminals_t.c.terminal_id == terminal_id)
        .with_for_update()
    ).one()
    return Ack(int(row.ack_seq), row.ack_hash)


def _alarm(kind: str, e: Entry, terminal_id: str, reason: str) -> Problem:
    return Problem(kind, terminal_id, e.seq, e.entry_id, reason)


def _check_old(conn: Connection, terminal_id: str, old: list[Entry]) -> tuple[int, list[Problem]]:
    stored = {
        int(r.seq): r
        for r in conn.execute(
            select(central_journal.c.seq, central_journal.c.entry_id, central_journal.c.hash)
            .where(central_journal.c.terminal_id == terminal_id)
            .where(_in(conn, central_journal.c.seq, [e.seq for e in old]))
        )
    }
    duplicates = 0
    for e in old:
        s = stored.get(e.seq)
        if s is not None and s.entry_id == e.entry_id and s.hash == e.hash:
            duplicates += 1
            continue
        return duplicates, [_alarm("content_mismatch", e, terminal_id,
                                   f"终端 {terminal_id} 第 {e.seq} 笔流水（{e.entry_id}）再次上传时内容与总部留存的不同；"
                                   "总部保留原记录，请信息部门核查。")]
    return duplicates, []


def _check_new(terminal_id: str, ack: Ack, new: list[Entry]) -> tuple[list[Entry], list[Problem]]:
    accepted: list[Entry] = []
    seq, prev = ack.seq + 1, ack.hash
    for e in new:
        if e.terminal_id != terminal_id:
            return accepted, [_alarm("foreign_entry", e, terminal_id,
                                     f"终端 {terminal_id} 上传了属于终端 {e.terminal_id} 的流水 #{e.seq}，已拒收。")]
        if e.seq != seq:
            return accepted, [_alarm("sequence_gap", e, terminal_id,
                                     f"终端 {terminal_id} 的流水缺号：应为第 {seq} 笔，收到第 {e.seq} 笔；"
                                     f"第 {seq} 笔起暂停接收，请信息部门核查。")]
        if e.prev_hash != prev:
            return accepted, [_alarm("chain_break", e, terminal_id,
                                     f"终端 {terminal_id} 第 {e.seq} 笔流水与前一笔不衔接（哈希链断开），已停止接收。")]
        if body_hash(e) != e.hash:
            return accepted, [_alarm("bad_hash", e, terminal_id,
                                     f"终端 {terminal_id} 第 {e.seq} 笔流水内容与其哈希不符（被改动），已停止接收。")]
        accepted.append(e)
        seq, prev = e.seq + 1, e.hash
    return accepted, []


def _check_ids(conn: Connection, terminal_id: str, accepted: list[Entry]) -> tuple[list[Entry], list[Problem]]:
    """A UUID already stored under another (terminal, seq) is an alarm, never a second row."""
    if not accepted:
        return accepted, []
    clash = set(conn.execute(
        select(central_journal.c.entry_id).where(_in(conn, central_journal.c.entry_id, [e.entry_id for e in accepted]))
    ).scalars())
    for i, e in enumerate(accepted):
        if e.entry_id in clash:
            return accepted[:i], [_alarm("content_mismatch", e, terminal_id,
                                         f"终端 {terminal_id} 第 {e.seq} 笔流水的编号 {e.entry_id} 已被另一笔流水使用；"
                                         "总部保留原记录，请信息部门核查。")]
    return accepted, []


def _case(kind: str, e: Entry, now: str, detail: str, customer_no: str | None = None,
          bill_id: str | None = None, amount_fen: int = 0) -> dict[str, Any]:
    return {"case_id": f"{kind}:{e.entry_id}:{bill_id or ''}", "kind": kind, "terminal_id": e.terminal_id,
            "seq": e.seq, "entry_id": e.entry_id, "customer_no": customer_no, "bill_id": bill_id,
            "amount_fen": amount_fen, "detail": detail, "created_at": now}


def _project(conn: Connection, entries: list[Entry], now: str) -> list[dict[str, Any]]:
    """Bills paid and balances from the payment entries; returns the review cases opened."""
    pays = [e for e in entries if e.kind == "payment"]
    if not pays:
        return []
    bill_ids = sorted({a["bill_id"] for e in pays for a in e.payload.get("allocations", [])})
    cnos = sorted({e.payload["customer_no"] for e in pays})
    bills: dict[str, list[int]] = {}
    if bill_ids:
        for r in conn.execute(select(central_bills.c.bill_id, central_bills.c.amount_fen,
                                     central_bills.c.principal_paid_fen, central_bills.c.fee_paid_fen)
                              .where(_in(conn, central_bills.c.bill_id, bill_ids))
                              .order_by(central_bills.c.bill_id).with_for_update()):
            bills[r.bill_id] = [int(r.amount_fen), int(r.principal_paid_fen), int(r.fee_paid_fen)]
    balances = {r.customer_no: int(r.balance_fen) for r in conn.execute(
        select(central_customers.c.customer_no, central_customers.c.balance_fen)
        .where(_in(conn, central_customers.c.customer_no, cnos))
        .order_by(central_customers.c.customer_no).with_for_update())}
    touched_bills: set[str] = set()
    touched_customers: set[str] = set()
    cases: list[dict[str, Any]] = []
    for e in pays:
        p = e.payload
        cno = p["customer_no"]
        if cno not in balances:
            cases.append(_case("unknown_customer", e, now,
                               f"户号 {cno} 不在总部档案中，终端 {e.terminal_id} 第 {e.seq} 笔收取 "
                               f"{format_fen(p['amount_fen'])} 元暂挂待查。", cno, None, p["amount_fen"]))
            continue
        surplus = 0
        for a in p.get("allocations", []):
            principal, fee, bill_id = a["principal_paid_fen"], a["fee_paid_fen"], a["bill_id"]
            b = bills.get(bill_id)
            if b is None:
                surplus += principal + fee
                cases.append(_case("unknown_bill", e, now,
                                   f"账单 {bill_id} 不在总部档案中；终端 {e.terminal_id} 第 {e.seq} 笔对其收取的 "
                                   f"{format_fen(principal + fee)} 元已转入用户 {cno} 预存，请核查。",
                                   cno, bill_id, principal + fee))
                continue
            applied = min(principal, max(0, b[0] - b[1]))
            over = principal - applied
            over_fee = fee if over > 0 and applied == 0 else 0
            b[1] += applied
            b[2] += fee - over_fee
            touched_bills.add(bill_id)
            if over or over_fee:
                surplus += over + over_fee
                cases.append(_case("double_payment", e, now,
                                   f"账单 {bill_id}（{a.get('period', '')}）已在其他营业厅缴清，终端 {e.terminal_id} "
                                   f"第 {e.seq} 笔又收取 {format_fen(over + over_fee)} 元，已转入用户 {cno} 预存余额；"
                                   "请核查后联系用户（保留预存或退费）。", cno, bill_id, over + over_fee))
        delta = p["balance_after_fen"] - p["balance_before_fen"]
        balances[cno] += delta + surplus
        touched_customers.add(cno)
        if delta < 0 and balances[cno] < 0:
            cases.append(_case("balance_overdrawn", e, now,
                               f"用户 {cno} 的预存余额在两处同时使用，总部余额为 {format_fen(balances[cno])} 元；"
                               "请核查并向用户追收。", cno, None, -balances[cno]))
    txn = next_txn(conn)
    b_rows = [{"b_id": k, "b_paid": bills[k][1], "b_fee": bills[k][2]} for k in sorted(touched_bills)]
    c_rows = [{"c_no": k, "c_bal": balances[k]} for k in sorted(touched_customers)]
    if _pg(conn):  # one statement per table and batch: UPDATE … FROM unnest(arrays)
        if b_rows:
            conn.execute(text(
                "UPDATE central_bills AS b SET principal_paid_fen = v.paid, fee_paid_fen = v.fee, txn = :txn "
                "FROM unnest(CAST(:ids AS text[]), CAST(:paid AS bigint[]), CAST(:fee AS bigint[])) AS v(id, paid, fee) "
                "WHERE b.bill_id = v.id"),
                {"txn": txn, "ids": [r["b_id"] for r in b_rows], "paid": [r["b_paid"] for r in b_rows],
                 "fee": [r["b_fee"] for r in b_rows]})
        if c_rows:
            conn.execute(text(
                "UPDATE central_customers AS c SET balance_fen = v.bal, txn = :txn "
                "FROM unnest(CAST(:nos AS text[]), CAST(:bal AS bigint[])) AS v(no, bal) WHERE c.customer_no = v.no"),
                {"txn": txn, "nos": [r["c_no"] for r in c_rows], "bal": [r["c_bal"] for r in c_rows]})
        return cases
    if b_rows:
        conn.execute(update(central_bills).where(central_bills.c.bill_id == bindparam("b_id")).values(
            principal_paid_fen=bindparam("b_paid"), fee_paid_fen=bindparam("b_fee"), txn=txn), b_rows)
    if c_rows:
        conn.execute(update(central_customers).where(central_customers.c.customer_no == bindparam("c_no"))
                     .values(balance_fen=bindparam("c_bal"), txn=txn), c_rows)
    return cases


def _row(e: Entry, now: str) -> dict[str, Any]:
    return {"entry_id": e.entry_id, "terminal_id": e.terminal_id, "seq": e.seq, "kind": e.kind,
            "created_at": e.created_at, "clerk_id": e.clerk_id, "payload": payload_text(e),
            "prev_hash": e.prev_hash, "hash": e.hash, "received_at": now}


_JOURNAL_COLS = ("entry_id", "terminal_id", "seq", "kind", "created_at", "clerk_id", "payload", "prev_hash", "hash",
                 "received_at")


def _insert_entries(conn: Connection, rows: list[dict[str, Any]]) -> None:
    """On PostgreSQL straight through psycopg's executemany (pipeline mode), in this transaction."""
    if not _pg(conn):
        conn.execute(central_journal.insert(), rows)
        return
    sql = (f"INSERT INTO central_journal ({', '.join(_JOURNAL_COLS)}) "
           f"VALUES ({', '.join('%s' for _ in _JOURNAL_COLS)})")
    raw = conn.connection.driver_connection
    assert raw is not None
    with raw.cursor() as cur:
        cur.executemany(sql, [tuple(r[c] for c in _JOURNAL_COLS) for r in rows])


def push_batch(conn: Connection, terminal_id: str, hall_name: str, entries: Sequence[Entry], now: str) -> PushReport:
    """Inside the caller's transaction. The returned ack is what this transaction wrote."""
    ack = _lock_terminal(conn, terminal_id, hall_name)
    ordered = sorted(entries, key=lambda e: e.seq)
    old = [e for e in ordered if e.seq <= ack.seq]
    new = [e for e in ordered if e.seq > ack.seq]
    duplicates, alarms = _check_old(conn, terminal_id, old) if old else (0, [])
    accepted: list[Entry] = []
    if not alarms:
        accepted, alarms = _check_new(terminal_id, ack, new)
        accepted, more = _check_ids(conn, terminal_id, accepted)
        alarms = alarms or more
    cases: list[dict[str, Any]] = []
    if accepted:
        _insert_entries(conn, [_row(e, now) for e in accepted])
        cases = _project(conn, accepted, now)
        ack = Ack(accepted[-1].seq, accepted[-1].hash)
        conn.execute(update(terminals_t).where(terminals_t.c.terminal_id == terminal_id)
                     .values(ack_seq=ack.seq, ack_hash=ack.hash, last_push_at=now))
    alarm_rows = [{"case_id": f"{a.kind}:{terminal_id}:{a.seq}:{a.entry_id}", "kind": a.kind,
                   "terminal_id": terminal_id, "seq": a.seq, "entry_id": a.entry_id, "customer_no": None,
                   "bill_id": None, "amount_fen": 0, "detail": a.reason, "created_at": now} for a in alarms]
    insert_ignore(conn, review_cases, cases + alarm_rows, ["case_id"])
    return PushReport(len(accepted), duplicates, ack, tuple(alarms), len(cases))
