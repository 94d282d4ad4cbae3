"""The synchronous checks of a push (db/central/push.py), before anything is appended: the entries' hashes
(the canonical body rebuilt around the payload text), the terminal's key history, the stored tail of its chain,
the sequence and linkage of what it offers, and entry-id clashes. Each failure is one alarm (app/sync.Problem),
never an overwrite; nothing after the first is taken."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from typing import Any

from sqlalchemy import Connection, select

from app.journal import Entry
from app.signing import must_verify, verify_hash_signature
from app.sync import Ack, Problem
from db.central.sql import in_values
from db.central_schema import central_journal, terminal_keys

_in = in_values


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


def _check_links(terminal_id: str, ack: Ack, new: list[Entry]) -> tuple[list[Entry], list[Problem]]:
    """The entries (in seq order) that continue the chain from `ack` with intact hashes, and the first that
    does not (an alarm)."""
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
        accepted.append(e)
        seq, prev = e.seq + 1, e.hash
    return accepted, []


def _check_new(
    terminal_id: str,
    ack: Ack,
    new: list[Entry],
    key: str | None = None,
    key_for: Callable[[int], str | None] | None = None,
) -> tuple[list[Entry], list[Problem]]:
    """The new entries that continue the stored chain, up to the first problem (an alarm). Every entry's
    sequence, link and hash are checked; signatures by app/signing's rule: the last entry taken and the
    last under each key. A signature that fails takes back the entries it was to authenticate (those after
    the last signature that verified) and is the alarm."""
    linked, alarms = _check_links(terminal_id, ack, new)
    signer_of = key_for if key_for is not None else (lambda _seq: key)
    head = linked[-1].seq if linked else None
    good = 0  # entries authenticated so far
    for i, e in enumerate(linked):
        signer = signer_of(e.seq)
        if signer is None:
            good = i + 1
            continue
        if not must_verify(e.seq, signer_of, head):
            continue
        if not verify_hash_signature(signer, e.hash, e.signature or ""):
            # the entry before it may still vouch for the entries before it (as when each entry was checked)
            before = linked[i - 1] if i > good else None
            if before is not None and signer_of(before.seq) == signer:
                if verify_hash_signature(signer, before.hash, before.signature or ""):
                    good = i
            return linked[:good], [_signature_alarm(terminal_id, e)]
        good = i + 1
    return linked, alarms


def _signature_alarm(terminal_id: str, e: Entry) -> Problem:
    return _alarm(
        "bad_signature",
        e,
        terminal_id,
        f"终端 {terminal_id} 第 {e.seq} 笔流水的签名"
        f"{'缺失' if not e.signature else '无法用总部登记的终端公钥验证'}"
        "（被改动或用其他密钥签名），已停止接收，请信息部门核查。",
    )


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
    acknowledged hash, and carry the terminal's signature where app/signing's rule requires one. An edited or re-hashed row stops the push
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
    return tail_problem(rows, terminal_id, ack, key, key_for)


def tail_problem(
    rows: Sequence[Any],
    terminal_id: str,
    ack: Ack,
    key: str | None,
    key_for: Callable[[int], str | None] | None = None,
) -> Problem | None:
    """_check_stored_tail's checks on the rows it reads (in seq order; db/central/push_pg.py reads them with
    the push's other state)."""
    if ack.seq == 0:
        return None
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
    signer_of = key_for if key_for is not None else (lambda _seq: key)
    prev = None
    for r in rows:
        if row_hash(r, r.payload) != r.hash:
            return alarm(r, "的内容与其哈希不符（被改动）")
        if prev is not None and r.prev_hash != prev:
            return alarm(r, "与前一笔不衔接")
        signer = signer_of(int(r.seq))
        if (
            signer is not None
            and r.signature
            and must_verify(int(r.seq), signer_of, ack.seq)  # app/signing's rule, as the push checked it
            and not verify_hash_signature(signer, r.hash, r.signature)
        ):
            return alarm(r, "的签名无法用终端公钥验证（被重新签名或伪造）")
        prev = r.hash
    return None
