"""verify_central: chain, hashes and signatures of this terminal's central copy, first bad entry named."""

from __future__ import annotations

import dataclasses
from types import SimpleNamespace
from typing import Any

from app.journal import GENESIS_HASH, Entry, new_entry
from app.services.context import Context, Terminal
from app.services.verify import verify_central
from app.signing import Ed25519Signer

SIGNER = Ed25519Signer.generate()


def _journal(n: int) -> list[Entry]:
    entries, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        e = new_entry(
            terminal_id="T01",
            seq=seq,
            kind="payment",
            created_at="2026-11-23T02:00:00Z",
            clerk_id="C01",
            payload={"customer_no": "1", "amount_fen": seq * 100},
            prev_hash=prev,
        )
        e = dataclasses.replace(e, signature=SIGNER.sign_hash(e.hash))
        entries.append(e)
        prev = e.hash
    return entries


def _ctx(local: list[Entry]) -> Context:
    class Uow:
        journal = SimpleNamespace(entries=lambda after=0: iter(local))

        def __enter__(self) -> Any:
            return self

        def __exit__(self, *exc: Any) -> None:
            return None

    return Context(Uow, SimpleNamespace(), Terminal("T01", "厅"), signer=SIGNER)  # type: ignore[arg-type]


def test_an_intact_signed_copy_verifies():
    local = _journal(4)
    report = verify_central(_ctx(local), local[:3], SIGNER.public_key_hex)
    assert report.ok and report.entries == 3 and report.signed and report.head_hash == local[2].hash


def test_a_row_re_signed_with_another_key_is_named():
    local = _journal(4)
    other = Ed25519Signer.generate()
    copy = [*local[:2], dataclasses.replace(local[2], signature=other.sign_hash(local[2].hash)), local[3]]
    problem = verify_central(_ctx(local), copy, SIGNER.public_key_hex).problem
    assert problem is not None and problem.seq == 3 and "signature" in problem.reason


def test_rows_pushed_unsigned_before_c0002_pass_only_when_they_are_the_signed_local_entry():
    local = _journal(3)
    unsigned = [dataclasses.replace(e, signature="") for e in local]
    assert verify_central(_ctx(local), unsigned, None).ok
    tampered_local = [local[0], dataclasses.replace(local[1], signature="00" * 64), local[2]]
    problem = verify_central(_ctx(tampered_local), unsigned, None).problem
    assert problem is not None and problem.seq == 2 and problem.reason == "is not signed"


def test_another_registered_key_is_reported():
    local = _journal(2)
    problem = verify_central(_ctx(local), local, Ed25519Signer.generate().public_key_hex).problem
    assert problem is not None and "another public key" in problem.reason
