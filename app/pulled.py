"""Signed master data (issue 18): every row a counter pulls (policy, customers, bills) carries the Ed25519
signature of whoever wrote it centrally, over one canonical encoding. Pure: no storage.

Who may write: head office (signer `HQ`, its own key) and the counters whose key head office certified
(a certificate is head office's signature over the terminal id and its public key): a counter's push moves
bills and balances centrally, so the rows it changes are signed with its own key. A counter pins head
office's public key at its first pull and refuses, with an alarm, a row that is unsigned, signed by a key
head office did not certify, or altered after signing (db/pull_checks.py).

Replay (a validly signed but stale row served again): each row's change cursor `txn` is inside what is
signed, and a counter already holds every row up to its cursor of that stream, so a row older than that
cursor is refused (stale_row); moving its txn forward breaks the signature.

Head office's own journal (terminal id HQ: offsets, adjustments, case decisions, refund orders) is pulled
too, entry by entry in sequence: each must carry on the chain the counter last checked (next seq, previous
hash), hash to its content and be signed by head office or a counter it certified (the push that made an
offset). hq_entry_problem says why one is refused; an older sequence than the one checked is a replay.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from app.journal import Entry, canonical, entry_hash
from app.messages import Phrase
from app.signing import verify_hash_signature

HQ = "HQ"
NOT_SIGNED = ("signer", "signature", "basis_entry")  # pulled with the row, outside what is signed
# columns added after rows were signed: left out of the digest while NULL, so those signatures stay valid
OPTIONAL = ("pin_kind", "pin_version", "pin_set_at", "pin_set_by", "fees_signed")
# columns a row carried before they were signed (issue 29): covered only when the row's marker says its
# signature covers them (c0018: a bill's late fee paid and waived). The marker is signed too, so a signature
# made with them never verifies once the marker is dropped to make it look older.
SIGNED_WHEN = {"fees_signed": ("fee_paid_fen", "fee_waived_fen")}


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def row_digest(stream: str, row: Mapping[str, Any], signer: str) -> str:
    """SHA-256 (hex) of the canonical encoding of one pulled row, its stream and its signer."""
    unsigned = {c for marker, cols in SIGNED_WHEN.items() if row.get(marker) is None for c in cols}
    body = {
        "stream": stream,
        "signer": signer,
        "row": {
            k: _plain(v)
            for k, v in row.items()
            if k not in NOT_SIGNED and k not in unsigned and not (v is None and k in OPTIONAL)
        },
    }
    return hashlib.sha256(canonical(body)).hexdigest()


def stale_row(row: Mapping[str, Any], cursor: int) -> Phrase | None:
    """Why this row is older than what the counter already holds (its stream's cursor), or None."""
    version = row.get("txn")
    if not isinstance(version, int) or isinstance(version, bool):
        return Phrase("pull.no_version")
    if version < cursor:
        return Phrase("pull.stale", {"version": version, "cursor": cursor})
    return None


ENTRY_FIELDS = (
    "entry_id",
    "terminal_id",
    "seq",
    "kind",
    "created_at",
    "clerk_id",
    "payload",
    "prev_hash",
    "hash",
)


def hq_entry_problem(
    row: Mapping[str, Any], checked: tuple[int, str], trusted: Mapping[str, str]
) -> Phrase | None:
    """Why a pulled HQ journal entry must be refused, or None. `checked` is the (seq, hash) of the last HQ
    entry this counter verified (0 and the genesis hash before the first)."""
    try:
        entry = Entry(**{k: row[k] for k in ENTRY_FIELDS})
    except (KeyError, TypeError):
        return Phrase("pull.incomplete")
    if entry.terminal_id != HQ:
        return Phrase("pull.not_hq")
    if entry.seq <= checked[0]:
        return Phrase("pull.replayed", {"seq": checked[0]})
    if entry.seq != checked[0] + 1 or entry.prev_hash != checked[1]:
        return Phrase("pull.broken", {"seq": checked[0]})
    if entry_hash(entry.body()) != entry.hash:
        return Phrase("pull.altered")
    signer, signature = str(row.get("signer") or ""), str(row.get("signature") or "")
    if not signer or not signature:
        return Phrase("pull.unsigned")
    key = trusted.get(signer)
    if key is None:
        return Phrase("pull.unknown_signer", {"signer": signer})
    if not verify_hash_signature(key, entry.hash, signature):
        return Phrase("pull.bad_signature")
    return None


def cert_digest(terminal_id: str, public_key: str) -> str:
    """What head office signs to certify a counter's key as a writer of master data."""
    return hashlib.sha256(canonical({"certify": terminal_id, "public_key": public_key})).hexdigest()


def writer_keys(
    hq_key: str, keys: Mapping[str, tuple[str, str]], own: tuple[str, str] | None = None
) -> dict[str, str]:
    """signer -> public key of every writer a counter trusts: head office (its pinned key), each counter
    whose (public key, certificate) head office signed, and this counter itself."""
    trusted = {HQ: hq_key} if hq_key else {}
    for tid, (public_key, cert) in keys.items():
        if (
            tid != HQ
            and hq_key
            and public_key
            and cert
            and verify_hash_signature(hq_key, cert_digest(tid, public_key), cert)
        ):
            trusted[tid] = public_key
    if own is not None and own[1]:
        trusted[own[0]] = own[1]
    return trusted


def row_problem(stream: str, row: Mapping[str, Any], trusted: Mapping[str, str]) -> Phrase | None:
    """Why this pulled row must be refused (not signed, an unknown writer, altered), or None."""
    signer, signature = str(row.get("signer") or ""), str(row.get("signature") or "")
    if not signer or not signature:
        return Phrase("pull.unsigned")
    key = trusted.get(signer)
    if key is None:
        return Phrase("pull.unknown_signer", {"signer": signer})
    if not verify_hash_signature(key, row_digest(stream, row, signer), signature):
        return Phrase("pull.bad_signature")
    return None
