"""One pushed batch, inside one central transaction: check, store, project, acknowledge.

The terminal's row is locked first (pushes of one terminal are serial; different terminals run in
parallel). Entries at or below the acknowledgement are compared with what is stored: identical is a
duplicate and changes nothing; different is an alarm, never an overwrite. New entries must continue
the sequence and the hash chain exactly; the first one that does not stops the batch, is recorded as
an alarm, and nothing after it is taken. Once the terminal has a registered Ed25519 public key (its
first push registers the key it offers), every new entry's signature over its hash must verify; one
that does not is an alarm too, and the signature is stored with the entry. Payments, reversals,
waivers and the balance moves of other entries update bills and balances in the same transaction
(db/central/project.py); a principal paid on a bill that another hall already settled becomes the
customer's balance and a review case. Bill and customer rows are locked in key order, so two
terminals paying for the same customer cannot dead-lock.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, select, update

from app.journal import Entry, Kind
from app.messages import message
from app.signing import verify_hash_signature
from app.sync import Ack, Problem, PushReport
from db.central.case_place import name_settlers
from db.central.certify import uncertified_refusal
from db.central.clerk_pins import project_pins
from db.central.partitions import journal_day, shift_of
from db.central.project import project
from db.central.rowcheck import TAMPERED
from db.central.sql import in_values, insert_ignore, is_pg, next_txn  # noqa: F401  (next_txn: re-exported)
from db.central.stage import stage_and_insert
from db.central_schema import central_journal, central_quarantine, review_cases, terminal_keys
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
    return row_hash(e, payload_text(e))


def _q(value: str) -> str:
    """json.dumps(value, ensure_ascii=False) for a str: only '"', backslash and control characters are
    escaped, so a string free of them is itself in quotes (the common case, without the encoder's setup)."""
    if '"' in value or "\\" in value or not value.isprintable():
        return json.dumps(value, ensure_ascii=False)
    return f'"{value}"'


def row_hash(e: Any, payload: str) -> str:
    """body_hash of anything with the entry's fields (an Entry, a stored row) and its payload text."""
    body = (
        f'{{"clerk_id":{_q(e.clerk_id)},"created_at":{_q(e.created_at)},"entry_id":{_q(e.entry_id)},'
        f'"kind":{_q(e.kind)},"payload":{payload},"prev_hash":{_q(e.prev_hash)},"seq":{int(e.seq)},'
        f'"terminal_id":{_q(e.terminal_id)}}}'
    )
    return hashlib.sha256(body.encode("utf-8")).hexdigest()


_in = in_values  # the names this module has always offered
_pg = is_pg


def _lock_terminal(
    conn: Connection, terminal_id: str, hall_name: str, public_key: str
) -> tuple[Ack, str | None]:
    """Lock the terminal's row; its acknowledgement and registered public key. A terminal's first push
    that offers a key registers it (trust on first use), unless head office provisioned the terminal
    (`central terminal add`: its key is registered by `terminal init`); a registered key is never
    replaced here (a re-key is db/central/admin.register_key)."""
    insert_ignore(conn, terminals_t, [{"terminal_id": terminal_id, "hall_name": hall_name}], ["terminal_id"])
    row = conn.execute(
        select(terminals_t.c.ack_seq, terminals_t.c.ack_hash, terminals_t.c.public_key, terminals_t.c.hall_id)
        .where(terminals_t.c.terminal_id == terminal_id)
        .with_for_update()
    ).one()
    key = row.public_key
    if not key and public_key and not row.hall_id:
        conn.execute(
            update(terminals_t).where(terminals_t.c.terminal_id == terminal_id).values(public_key=public_key)
        )
        insert_ignore(
            conn,
            terminal_keys,
            [
                {
                    "terminal_id": terminal_id,
                    "public_key": public_key,
                    "fingerprint": public_key[:16],
                    "state": "active",
                    "from_seq": 1,
                    "registered_at": "",
                }
            ],
            ["terminal_id", "public_key"],
        )
        key = public_key
    return Ack(int(row.ack_seq), row.ack_hash), key or None


def _key_states(conn: Connection, terminal_id: str) -> list[Any]:
    k = terminal_keys.c
    return list(conn.execute(select(k.public_key, k.state, k.from_seq).where(k.terminal_id == terminal_id)))


def _key_refusal(
    terminal_id: str, public_key: str, registered: str | None, states: list[Any], entries: Sequence[Entry]
) -> Problem | None:
    """A push under a key head office retired (a stolen PC) or has not approved yet is refused whole."""
    if not public_key or not entries:
        return None
    first = min(entries, key=lambda e: e.seq)
    state = next((s.state for s in states if s.public_key == public_key), None)
    fp = public_key[:16]
    if state == "retired":
        return _alarm(
            "retired_key",
            first,
            terminal_id,
            f"终端 {terminal_id} 用总部已停用的密钥 {fp} 上传流水，已全部拒收：可能是丢失或被盗的电脑，"
            "请信息部门核查。",
        )
    if state == "pending":
        return _alarm(
            "key_pending",
            first,
            terminal_id,
            f"终端 {terminal_id} 的新密钥 {fp} 尚待总部批准，流水暂不上传（不会丢失）；"
            f"请总部执行 central terminal approve {terminal_id} --fingerprint {fp}。",
        )
    if registered is None:
        return _alarm(
            "key_pending",
            first,
            terminal_id,
            f"终端 {terminal_id} 的密钥 {fp} 尚未在总部登记，流水暂不上传（不会丢失）；"
            f"请在本机执行 python main.py terminal init 或由总部批准。",
        )
    return None


def _key_for(states: list[Any], key: str | None) -> Callable[[int], str | None]:
    """The key that signed entry #seq: the terminal's key history (terminal_keys), or its one key."""
    from app.provisioning import KEY_STATE_RANK  # the same order as db/central/admin.key_history

    history = [
        (int(s.from_seq), s.public_key)
        for s in sorted(
            (s for s in states if s.state in KEY_STATE_RANK),
            key=lambda s: (int(s.from_seq), KEY_STATE_RANK[s.state]),
        )
    ]
    history = sorted({start: k for start, k in history}.items())

    def key_for(seq: int) -> str | None:
        found = key if not history else None
        for from_seq, k in history:
            if from_seq <= seq:
                found = k
        return found

    return key_for


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
        return duplicates, [
            _alarm(
                "content_mismatch",
                e,
                terminal_id,
                f"终端 {terminal_id} 第 {e.seq} 笔流水（{e.entry_id}）再次上传时内容与总部留存的不同；"
                "总部保留原记录，请信息部门核查。",
            )
        ]
    return duplicates, []


def _check_new(
    terminal_id: str,
    ack: Ack,
    new: list[Entry],
    key: str | None = None,
    key_for: Callable[[int], str | None] | None = None,
) -> tuple[list[Entry], list[Problem]]:
    accepted: list[Entry] = []
    seq, prev = ack.seq + 1, ack.hash
    for e in new:
        if e.terminal_id != terminal_id:
            return accepted, [
                _alarm(
                    "foreign_entry",
                    e,
                    terminal_id,
                    f"终端 {terminal_id} 上传了属于终端 {e.terminal_id} 的流水 #{e.seq}，已拒收。",
                )
            ]
        if e.seq != seq:
            return accepted, [
                _alarm(
                    "sequence_gap",
                    e,
                    terminal_id,
                    f"终端 {terminal_id} 的流水缺号：应为第 {seq} 笔，收到第 {e.seq} 笔；"
                    f"第 {seq} 笔起暂停接收，请信息部门核查。",
                )
            ]
        if e.prev_hash != prev:
            return accepted, [
                _alarm(
                    "chain_break",
                    e,
                    terminal_id,
                    f"终端 {terminal_id} 第 {e.seq} 笔流水与前一笔不衔接（哈希链断开），已停止接收。",
                )
            ]
        if body_hash(e) != e.hash:
            return accepted, [
                _alarm(
                    "bad_hash",
                    e,
                    terminal_id,
                    f"终端 {terminal_id} 第 {e.seq} 笔流水内容与其哈希不符（被改动），已停止接收。",
                )
            ]
        signer = key_for(e.seq) if key_for is not None else key
        if signer is not None and not verify_hash_signature(signer, e.hash, e.signature or ""):
            return accepted, [
                _alarm(
                    "bad_signature",
                    e,
                    terminal_id,
                    f"终端 {terminal_id} 第 {e.seq} 笔流水的签名"
                    f"{'缺失' if not e.signature else '无法用总部登记的终端公钥验证'}"
                    "（被改动或用其他密钥签名），已停止接收，请信息部门核查。",
                )
            ]
        accepted.append(e)
        seq, prev = e.seq + 1, e.hash
    return accepted, []


def _check_ids(
    conn: Connection, terminal_id: str, accepted: list[Entry]
) -> tuple[list[Entry], list[Problem]]:
    """A UUID already stored under another (terminal, seq) is an alarm, never a second row."""
    if not accepted:
        return accepted, []
    clash = set(
        conn.execute(
            select(central_journal.c.entry_id).where(
                _in(conn, central_journal.c.entry_id, [e.entry_id for e in accepted])
            )
        ).scalars()
    )
    for i, e in enumerate(accepted):
        if e.entry_id in clash:
            return accepted[:i], [_clash_alarm(terminal_id, e)]
    return accepted, []


def _clash_alarm(terminal_id: str, e: Entry) -> Problem:
    return _alarm(
        "content_mismatch",
        e,
        terminal_id,
        f"终端 {terminal_id} 第 {e.seq} 笔流水的编号 {e.entry_id} 已被另一笔流水使用；总部保留原记录，请信息部门核查。",
    )


def journal_row(e: Entry, now: str) -> tuple[Any, ...]:
    """The central journal row of an entry, in db/central/stage.JOURNAL_COLS' order (for COPY)."""
    return (
        e.entry_id,
        e.terminal_id,
        e.seq,
        e.kind,
        e.created_at,
        e.clerk_id,
        payload_text(e),
        e.prev_hash,
        e.hash,
        now,
        e.signature or None,
        journal_day(e.created_at, e.payload),
        shift_of(e.payload),
    )


def _row(e: Entry, now: str) -> dict[str, Any]:
    return {
        "entry_id": e.entry_id,
        "terminal_id": e.terminal_id,
        "seq": e.seq,
        "kind": e.kind,
        "created_at": e.created_at,
        "clerk_id": e.clerk_id,
        "payload": payload_text(e),
        "prev_hash": e.prev_hash,
        "hash": e.hash,
        "received_at": now,
        "signature": e.signature or None,
        "day": journal_day(e.created_at, e.payload),
        "shift_id": shift_of(e.payload),
    }


def _store_entries(
    conn: Connection, terminal_id: str, accepted: list[Entry], now: str
) -> tuple[list[Entry], list[Problem]]:
    """Store the accepted entries, up to the first whose UUID is already stored under another (terminal, seq)
    (an alarm, never a second row). PostgreSQL: COPY into staging and one INSERT … SELECT (db/central/stage.py)."""
    if not accepted:
        return accepted, []
    if _pg(conn):
        clash = stage_and_insert(conn, [journal_row(e, now) for e in accepted])
        cut = len(accepted) if clash is None else next(i for i, e in enumerate(accepted) if e.seq == clash)
        taken, problems = (
            accepted[:cut],
            ([] if clash is None else [_clash_alarm(terminal_id, accepted[cut])]),
        )
        return taken, problems
    taken, problems = _check_ids(conn, terminal_id, accepted)
    if taken:
        conn.execute(central_journal.insert(), [_row(e, now) for e in taken])
    return taken, problems


def _quarantine(
    conn: Connection,
    terminal_id: str,
    public_key: str,
    entries: Sequence[Entry],
    now: str,
    same_key: bool = False,
) -> PushReport:
    """A fork: a second machine pushes under a terminal id whose registered key is another's, or (same_key)
    an old copy of this machine's own store (a disk image) took money under sequence numbers head office
    already holds. The entries (each signed by the key that pushes them, hash intact) are kept in
    central_quarantine, once per entry id, never counted; one review case per key carries their money."""
    fp = public_key[:16]
    good = [
        e
        for e in sorted(entries, key=lambda e: e.seq)
        if body_hash(e) == e.hash and verify_hash_signature(public_key, e.hash, e.signature or "")
    ]
    insert_ignore(
        conn,
        central_quarantine,
        [
            {
                "terminal_id": terminal_id,
                "public_key": public_key,
                "seq": e.seq,
                "entry_id": e.entry_id,
                "kind": e.kind,
                "created_at": e.created_at,
                "clerk_id": e.clerk_id,
                "payload": payload_text(e),
                "prev_hash": e.prev_hash,
                "hash": e.hash,
                "signature": e.signature,
                "received_at": now,
            }
            for e in good
        ],
        ["entry_id"],
    )
    q = central_quarantine.c
    rows = conn.execute(
        select(q.kind, q.payload).where(q.terminal_id == terminal_id).where(q.public_key == public_key)
    ).all()
    held = len(rows)
    money = sum(
        int(json.loads(r.payload).get("amount_fen", 0))
        for r in rows
        if r.kind in (Kind.PAYMENT, Kind.CARD_PURCHASE)
    )
    code = "sync.fork_stale_copy" if same_key else "sync.fork_two_pcs"
    params: dict[str, Any] = {"terminal_id": terminal_id, "held": held, "money_fen": money}
    if not same_key:
        params["fingerprint"] = fp
    reason = message(code, **params)
    first = good[0] if good else sorted(entries, key=lambda e: e.seq)[0]
    case = {
        "case_id": f"fork:{terminal_id}:{fp}",
        "kind": "fork",
        "terminal_id": terminal_id,
        "seq": first.seq,
        "entry_id": first.entry_id,
        "customer_no": None,
        "bill_id": None,
        "amount_fen": money,
        "fee_fen": 0,
        "detail": reason,
        "created_at": now,
    }
    insert_ignore(conn, review_cases, [case], ["case_id"])
    conn.execute(
        update(review_cases)
        .where(review_cases.c.case_id == case["case_id"])
        .values(amount_fen=money, detail=reason)
    )
    ack = conn.execute(
        select(terminals_t.c.ack_seq, terminals_t.c.ack_hash).where(terminals_t.c.terminal_id == terminal_id)
    ).one()
    return PushReport(
        0,
        0,
        Ack(int(ack.ack_seq), ack.ack_hash),
        (Problem("fork", terminal_id, first.seq, first.entry_id, reason, code, params),),
        1,
    )


TAIL_CHECK = 64  # stored entries re-checked before each append: the last link and a window behind it


def _check_stored_tail(
    conn: Connection,
    terminal_id: str,
    ack: Ack,
    key: str | None,
    key_for: Callable[[int], str | None] | None = None,
) -> Problem | None:
    """Before appending, the stored end of this terminal's central chain must still be what was
    acknowledged: the last TAIL_CHECK rows hash to their content, chain to each other, end at the
    acknowledged hash, and carry the terminal's signature. An edited or re-hashed row stops the push
    (never append past a break); `verify` checks the whole chain."""
    if ack.seq == 0:
        return None
    c = central_journal.c
    rows = conn.execute(
        select(central_journal)
        .where(c.terminal_id == terminal_id)
        .where(c.seq > ack.seq - TAIL_CHECK)
        .where(c.seq <= ack.seq)
        .order_by(c.seq)
    ).all()
    last = rows[-1] if rows else None

    def alarm(r: Any, what: str) -> Problem:
        return Problem(
            "central_tampered",
            terminal_id,
            int(r.seq) if r is not None else ack.seq,
            r.entry_id if r is not None else "",
            f"总部留存的终端 {terminal_id} 第 {int(r.seq) if r is not None else ack.seq} 笔流水{what}："
            "总部账务记录可能被改动，已停止接收本终端的新流水，请信息部门核查（python main.py verify）。",
        )

    if last is None or int(last.seq) != ack.seq or last.hash != ack.hash:
        return alarm(last, "与总部确认的记录不符")
    prev = None
    for r in rows:
        if row_hash(r, r.payload) != r.hash:
            return alarm(r, "的内容与其哈希不符（被改动）")
        if prev is not None and r.prev_hash != prev:
            return alarm(r, "与前一笔不衔接")
        signer = key_for(int(r.seq)) if key_for is not None else key
        if signer is not None and r.signature and not verify_hash_signature(signer, r.hash, r.signature):
            return alarm(r, "的签名无法用终端公钥验证（被重新签名或伪造）")
        prev = r.hash
    return None


def _record_alarms(conn: Connection, terminal_id: str, alarms: list[Problem], now: str) -> None:
    insert_ignore(
        conn,
        review_cases,
        [
            {
                "case_id": f"{a.kind}:{terminal_id}:{a.seq}:{a.entry_id}",
                "kind": a.kind,
                "terminal_id": terminal_id,
                "seq": a.seq,
                "entry_id": a.entry_id,
                "customer_no": None,
                "bill_id": None,
                "amount_fen": 0,
                "detail": a.reason,
                "created_at": now,
            }
            for a in alarms
        ],
        ["case_id"],
    )


def push_batch(
    conn: Connection,
    terminal_id: str,
    hall_name: str,
    entries: Sequence[Entry],
    now: str,
    public_key: str = "",
) -> PushReport:
    """Inside the caller's transaction. The returned ack is what this transaction wrote.

    With a registered public key (or `public_key` registered now) every new entry's signature must verify;
    one that does not is an alarm and nothing from it on is stored. A push that offers another key than
    the registered one comes from a second machine with the same terminal id: its entries go to the
    quarantine (never counted) with a `fork` alarm and review case."""
    ack, key = _lock_terminal(conn, terminal_id, hall_name, public_key)
    states = _key_states(conn, terminal_id)
    refused = _key_refusal(terminal_id, public_key, key, states, entries)
    refused = refused or uncertified_refusal(conn, terminal_id, public_key, entries)
    if refused is not None:
        _record_alarms(conn, terminal_id, [refused], now)
        return PushReport(0, 0, ack, (refused,), 0)
    key_for = _key_for(states, key)
    if key is not None and public_key and public_key != key and entries:
        return _quarantine(conn, terminal_id, public_key, entries, now)
    ordered = sorted(entries, key=lambda e: e.seq)
    broken = (
        _check_stored_tail(conn, terminal_id, ack, key, key_for)
        if any(e.seq > ack.seq for e in ordered)
        else None
    )
    if broken is not None:
        _record_alarms(conn, terminal_id, [broken], now)
        return PushReport(0, 0, ack, (broken,), 0)
    old = [e for e in ordered if e.seq <= ack.seq]
    new = [e for e in ordered if e.seq > ack.seq]
    duplicates, alarms = _check_old(conn, terminal_id, old) if old else (0, [])
    if alarms and key is not None and public_key in ("", key):
        changed = [e for e in ordered if e.seq >= alarms[0].seq]
        first = changed[0]
        if body_hash(first) == first.hash and verify_hash_signature(key, first.hash, first.signature or ""):
            return _quarantine(
                conn, terminal_id, key, changed, now, same_key=True
            )  # signed here: an old copy
    accepted: list[Entry] = []
    if not alarms:
        accepted, alarms = _check_new(terminal_id, ack, new, key, key_for)
        accepted, more = _store_entries(conn, terminal_id, accepted, now)
        alarms = alarms or more
    cases: list[dict[str, Any]] = []
    if accepted:
        cases = project(conn, accepted, now) + project_pins(conn, terminal_id, accepted, now)
        cases = name_settlers(conn, cases)  # a double payment names who settled the bill (case_place.py)
        ack = Ack(accepted[-1].seq, accepted[-1].hash)
        conn.execute(
            update(terminals_t)
            .where(terminals_t.c.terminal_id == terminal_id)
            .values(ack_seq=ack.seq, ack_hash=ack.hash, last_push_at=now)
        )
    insert_ignore(conn, review_cases, cases, ["case_id"])
    _record_alarms(conn, terminal_id, list(alarms), now)
    # entries held on a row that does not verify: stored and acknowledged, each already a review case; the
    # counter is told (the push went through: it goes on with its next batch)
    held = _held_alarms(terminal_id, [c for c in cases if c["kind"] == TAMPERED])
    return PushReport(len(accepted), duplicates, ack, (*alarms, *held), len(cases))


def _held_alarms(terminal_id: str, cases: list[dict[str, Any]]) -> list[Problem]:
    """One alarm per customer whose entries this push could not book (db/central/rowcheck.py)."""
    by_customer: dict[str, list[dict[str, Any]]] = {}
    for c in cases:
        by_customer.setdefault(str(c["customer_no"]), []).append(c)
    return [
        Problem.coded(
            TAMPERED,
            terminal_id,
            int(held[0]["seq"]),
            str(held[0]["entry_id"]),
            "sync.tampered_row",
            customer_no=cno,
            held=len(held),
            money_fen=sum(int(c["amount_fen"]) for c in held),
        )
        for cno, held in sorted(by_customer.items())
    ]
