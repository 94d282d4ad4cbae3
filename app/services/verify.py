"""Walk the journal's hash chain and signatures: the first damaged entry, or None. `verify_central`
does the same for this terminal's copy in the central ledger (the caller reads it through db/).

Also answers whether a receipt's QR text is genuine (`verify_receipt`): the receipt number must be
in the journal, its amount, time and terminal must match the entry, the hash prefix must be the
entry's, and the signature must verify with the terminal's public key over the entry's hash.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from app.journal import ChainProblem, Entry, entry_hash, verify_chain
from app.provisioning import KEY_HISTORY, KeyHistory, verify_with_history
from app.receipt import QrFields, parse_qr
from app.services.context import Context
from app.signing import must_verify, verify_hash_signature


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    head_hash: str
    problem: ChainProblem | None
    signed: bool = False  # signatures were checked against the terminal's public key

    @property
    def ok(self) -> bool:
        return self.problem is None


def _key_history(ctx: Context) -> KeyHistory | None:
    """A provisioned terminal's keys by sequence number (after a re-key), or None (one key)."""
    with ctx.read() as reader:
        settings = getattr(reader, "settings", None)  # a bare journal-only fake in unit tests has none
        text = settings.get(KEY_HISTORY) if settings is not None else ""
    history = KeyHistory.parse(text)
    return history if history.keys else None


def verify_local(ctx: Context, public_key: str | None = None) -> VerifyReport:
    """Chain and, when the terminal has a key (or one is given), every entry's signature; after a
    re-key each entry with the key that was the terminal's when it was made."""
    history = _key_history(ctx) if public_key is None else None
    if history is not None:
        with ctx.read() as reader:
            entries = list(reader.journal.entries())
        problem = verify_with_history(entries, ctx.terminal.terminal_id, history)
        return VerifyReport(len(entries), entries[-1].hash if entries else "", problem, True)
    count = 0
    head = ""
    key = public_key or (ctx.signer.public_key_hex if ctx.signer is not None else None)

    def counted():  # type: ignore[no-untyped-def]
        nonlocal count, head
        for entry in uow.journal.entries():
            count += 1
            head = entry.hash
            yield entry

    with ctx.read() as uow:
        problem = verify_chain(counted(), ctx.terminal.terminal_id, key)
    return VerifyReport(count, head, problem, key is not None)


@dataclass(frozen=True)
class ReceiptCheck:
    genuine: bool
    reason: str  # one sentence: why genuine, or what does not match
    fields: QrFields | None = None


def verify_receipt(ctx: Context, qr_text: str, public_key: str | None = None) -> ReceiptCheck:
    fields = parse_qr(qr_text)
    if fields is None:
        return ReceiptCheck(False, "二维码内容不是本系统的收费凭证格式。")
    key = public_key or (ctx.signer.public_key_hex if ctx.signer is not None else None)
    if fields.terminal_id != ctx.terminal.terminal_id:
        return ReceiptCheck(
            False,
            f"凭证属于终端 {fields.terminal_id}，不是本终端 {ctx.terminal.terminal_id}；"
            "请在该终端或总部核验。",
            fields,
        )
    with ctx.read() as uow:
        stored = uow.receipts.get(fields.receipt_no)
        entry = uow.journal.get(stored.entry_seq) if stored is not None else None
    if stored is None or entry is None:
        return ReceiptCheck(False, f"流水中没有凭证 {fields.receipt_no}；该凭证不是本终端开具的。", fields)
    if entry_hash(entry.body()) != entry.hash:
        return ReceiptCheck(False, f"凭证 {fields.receipt_no} 的流水已被改动；请立即报告信息部门。", fields)
    if not entry.hash.startswith(fields.hash_prefix) or len(fields.hash_prefix) < 16:
        return ReceiptCheck(False, f"凭证 {fields.receipt_no} 的校验码与流水不符；凭证不是真的。", fields)
    if (
        int(entry.payload.get("amount_fen", -1)) != fields.amount_fen
        or stored.amount_fen != fields.amount_fen
    ):
        return ReceiptCheck(False, f"凭证 {fields.receipt_no} 上的金额与流水不符；凭证不是真的。", fields)
    if entry.created_at != fields.created_at:
        return ReceiptCheck(False, f"凭证 {fields.receipt_no} 上的时间与流水不符；凭证不是真的。", fields)
    history = _key_history(ctx) if public_key is None else None
    if history is not None:  # after a re-key: the key this terminal had when the receipt was issued
        key = history.key_for(entry.seq)
    if key is None or not verify_hash_signature(key, entry.hash, fields.signature):
        return ReceiptCheck(
            False, f"凭证 {fields.receipt_no} 的签名无法用本终端的公钥验证；凭证不是真的。", fields
        )
    if stored.entry_seq != entry.seq or entry.payload.get("receipt_no") != fields.receipt_no:
        return ReceiptCheck(False, f"凭证 {fields.receipt_no} 与流水不对应；凭证不是真的。", fields)
    return ReceiptCheck(
        True, f"凭证 {fields.receipt_no} 是真的：与第 {entry.seq} 号流水一致，签名有效。", fields
    )


def verify_central(ctx: Context, entries: Iterable[Entry], registered_key: str | None) -> VerifyReport:
    """This terminal's central copy (from the central ledger): chain, hashes and signatures.

    The key is the terminal's own (its signer); the key head office registered must be the same one.
    A central row pushed before the central ledger stored signatures has none: it passes only when it
    is, hash for hash, the local entry at that sequence and that entry's signature verifies.
    """
    central = list(entries)
    history = _key_history(ctx)
    if history is not None:  # a provisioned terminal: every key it had, each from its sequence number
        problem = verify_chain(central, ctx.terminal.terminal_id) or _first_bad_signature(
            ctx, central, history.key_for
        )
        if (
            problem is None
            and central
            and registered_key
            and registered_key not in {k for _, k in history.keys}
        ):
            problem = ChainProblem(
                central[0].seq,
                central[0].entry_id,
                "the central ledger registered a key this terminal never had",
            )
        return VerifyReport(len(central), central[-1].hash if central else "", problem, True)
    key = ctx.signer.public_key_hex if ctx.signer is not None else registered_key
    problem = verify_chain(central, ctx.terminal.terminal_id)
    if problem is None and central and key is not None:
        if registered_key is not None and registered_key != key:
            e = central[0]
            problem = ChainProblem(
                e.seq, e.entry_id, "the central ledger registered another public key for this terminal"
            )
        else:
            problem = _first_bad_signature(ctx, central, lambda _seq: key)
    return VerifyReport(len(central), central[-1].hash if central else "", problem, key is not None)


def _first_bad_signature(
    ctx: Context, central: list[Entry], key_for: Callable[[int], str | None]
) -> ChainProblem | None:
    """The signatures of a central copy whose chain is intact, by app/signing's rule as the push checked them:
    the head's and each key's last entry's must verify; any other one must be what this journal holds (an
    Ed25519 signature is deterministic: another one is a re-signing, unless it verifies). A row pushed before
    the central ledger stored signatures has none: it passes only when it is, hash for hash, the local entry
    at that sequence and that entry's signature verifies."""
    local: dict[int, Entry] | None = None

    def mine(seq: int) -> Entry | None:
        nonlocal local
        if local is None:
            with ctx.read() as uow:
                local = {x.seq: x for x in uow.journal.entries()}
        return local.get(seq)

    head = central[-1].seq if central else None
    for e in central:
        key = key_for(e.seq)
        if key is None:
            continue
        if e.signature:
            if not must_verify(e.seq, key_for, head):
                own = mine(e.seq)
                if own is not None and own.hash == e.hash and own.signature == e.signature:
                    continue
            if not verify_hash_signature(key, e.hash, e.signature):
                return ChainProblem(
                    e.seq,
                    e.entry_id,
                    "signature does not verify with the terminal's key (re-signed or forged)",
                )
            continue
        own = mine(e.seq)
        if own is None or own.hash != e.hash or not verify_hash_signature(key, own.hash, own.signature):
            return ChainProblem(e.seq, e.entry_id, "is not signed")
    return None
