"""Ed25519 over entry hashes, the signed chain, and the receipt QR parser (pure)."""

from __future__ import annotations

import dataclasses

from hypothesis import given, settings
from hypothesis import strategies as st

from app.journal import GENESIS_HASH, Entry, entry_hash, new_entry, verify_chain
from app.receipt import parse_qr, signed_qr
from app.signing import Ed25519Signer, verify_hash_signature

KEY = Ed25519Signer.generate()
OTHER = Ed25519Signer.generate()


def chain(n: int = 5, signer: Ed25519Signer = KEY) -> list[Entry]:
    out, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        e = new_entry(
            terminal_id="T01",
            seq=seq,
            kind="payment",
            created_at=f"2026-11-23T02:00:0{seq}.000000Z",
            clerk_id="C01",
            payload={"receipt_no": f"T01-20261123-{seq:04d}", "amount_fen": 100 * seq},
            prev_hash=prev,
        )
        e = dataclasses.replace(e, signature=signer.sign_hash(e.hash))
        out.append(e)
        prev = e.hash
    return out


def rehash(e: Entry, signer: Ed25519Signer | None = None, **changes) -> Entry:
    e = dataclasses.replace(e, **changes)
    e = dataclasses.replace(e, hash=entry_hash(e.body()))
    return dataclasses.replace(e, signature=(signer or KEY).sign_hash(e.hash))


def test_signature_verifies_only_with_its_key_and_hash():
    h = "ab" * 32
    sig = KEY.sign_hash(h)
    assert verify_hash_signature(KEY.public_key_hex, h, sig)
    assert not verify_hash_signature(OTHER.public_key_hex, h, sig)
    assert not verify_hash_signature(KEY.public_key_hex, "ac" * 32, sig)
    assert not verify_hash_signature(KEY.public_key_hex, h, "zz")
    assert KEY.private_bytes().hex() not in repr(KEY)


def test_a_signed_chain_verifies():
    assert verify_chain(chain(), "T01", KEY.public_key_hex) is None


def test_an_entry_resigned_with_another_key_is_named():
    entries = chain()
    entries[2] = dataclasses.replace(entries[2], signature=OTHER.sign_hash(entries[2].hash))
    problem = verify_chain(entries, "T01", KEY.public_key_hex)
    assert problem is not None and problem.seq == 3 and "signature" in problem.reason


def test_an_edit_rehashed_and_resigned_with_another_key_is_named_at_the_edit():
    entries = chain()
    forged = rehash(entries[1], OTHER, payload={**entries[1].payload, "amount_fen": 1})
    rest = [forged]
    prev = forged.hash
    for e in entries[2:]:
        e = rehash(e, OTHER, prev_hash=prev)
        rest.append(e)
        prev = e.hash
    problem = verify_chain([entries[0], *rest], "T01", KEY.public_key_hex)
    assert problem is not None and problem.seq == 2 and "signature" in problem.reason
    assert verify_chain([entries[0], *rest], "T01") is None  # the hash chain alone cannot see it


def test_an_unsigned_entry_is_named():
    entries = chain()
    entries[3] = dataclasses.replace(entries[3], signature="")
    problem = verify_chain(entries, "T01", KEY.public_key_hex)
    assert problem is not None and problem.seq == 4 and "not signed" in problem.reason


def test_qr_round_trip_and_forgeries_do_not_parse_or_differ():
    e = chain(1)[0]
    text = signed_qr(e, "T01-20261123-0001", 12345)
    f = parse_qr(text)
    assert f is not None and (f.terminal_id, f.receipt_no, f.amount_fen, f.created_at) == (
        "T01",
        "T01-20261123-0001",
        12345,
        e.created_at,
    )
    assert e.hash.startswith(f.hash_prefix) and verify_hash_signature(KEY.public_key_hex, e.hash, f.signature)
    assert parse_qr(text.replace("HALLPAY2", "HALLPAY3")) is None
    assert parse_qr(text + "|extra") is None
    assert parse_qr(text.replace("123.45", "123.4")) is None


@settings(max_examples=300, deadline=None)
@given(
    st.one_of(
        st.text(max_size=300),
        st.binary(max_size=50),
        st.integers(),
        st.none(),
        st.lists(st.text(alphabet="0123456789abcdefTZ:.-|HALPY2", max_size=40), max_size=8).map(
            lambda parts: "HALLPAY2|" + "|".join(parts)
        ),
    )
)
def test_qr_parser_never_crashes(text):
    f = parse_qr(text)
    assert f is None or (isinstance(f.amount_fen, int) and f.receipt_no)
