"""Signed master data (issue 18): every row a counter pulls (policy, customers, bills) carries the Ed25519
signature of whoever wrote it centrally, over one canonical encoding. Pure: no storage.

Who may write: head office (signer `HQ`, its own key) and the counters whose key head office certified
(a certificate is head office's signature over the terminal id and its public key): a counter's push moves
bills and balances centrally, so the rows it changes are signed with its own key. A counter pins head
office's public key at its first pull and refuses, with an alarm, a row that is unsigned, signed by a key
head office did not certify, or altered after signing (db/local_sync.py).
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from typing import Any

from app.journal import canonical
from app.signing import verify_hash_signature

HQ = "HQ"
NOT_SIGNED = ("signer", "signature", "basis_entry")  # pulled with the row, outside what is signed


def _plain(value: Any) -> Any:
    return int(value) if isinstance(value, bool) else value


def row_digest(stream: str, row: Mapping[str, Any], signer: str) -> str:
    """SHA-256 (hex) of the canonical encoding of one pulled row, its stream and its signer."""
    body = {"stream": stream, "signer": signer,
            "row": {k: _plain(v) for k, v in row.items() if k not in NOT_SIGNED}}
    return hashlib.sha256(canonical(body)).hexdigest()


def cert_digest(terminal_id: str, public_key: str) -> str:
    """What head office signs to certify a counter's key as a writer of master data."""
    return hashlib.sha256(canonical({"certify": terminal_id, "public_key": public_key})).hexdigest()


def writer_keys(hq_key: str, keys: Mapping[str, tuple[str, str]], own: tuple[str, str] | None = None) -> dict[str, str]:
    """signer -> public key of every writer a counter trusts: head office (its pinned key), each counter
    whose (public key, certificate) head office signed, and this counter itself."""
    trusted = {HQ: hq_key} if hq_key else {}
    for tid, (public_key, cert) in keys.items():
        if tid != HQ and hq_key and public_key and cert and verify_hash_signature(
                hq_key, cert_digest(tid, public_key), cert):
            trusted[tid] = public_key
    if own is not None and own[1]:
        trusted[own[0]] = own[1]
    return trusted


def row_problem(stream: str, row: Mapping[str, Any], trusted: Mapping[str, str]) -> str | None:
    """Why this pulled row must be refused (not signed, an unknown writer, altered), or None."""
    signer, signature = str(row.get("signer") or ""), str(row.get("signature") or "")
    if not signer or not signature:
        return "没有总部签名"
    key = trusted.get(signer)
    if key is None:
        return f"签名者 {signer} 不是总部认可的写入方"
    if not verify_hash_signature(key, row_digest(stream, row, signer), signature):
        return "签名校验不通过（签名后被改动）"
    return None
