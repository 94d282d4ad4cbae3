"""Issue 17's pure rules: ids and roles, one-time PINs, key history, rebuilding tables from a journal."""

from __future__ import annotations

import dataclasses

import pytest

from app import auth
from app.errors import InputError
from app.journal import GENESIS_HASH, Kind, new_entry
from app.messages import spoken
from app.provisioning import (
    KeyHistory,
    check_id,
    check_role,
    fingerprint,
    new_one_time_pin,
    verify_with_history,
)
from app.services.rebuild import rebuild
from app.signing import Ed25519Signer


def test_ids_roles_and_one_time_pins():
    assert check_id(" T07 ", "终端号") == "T07"
    for bad in ("", "T 07", "终端", "x" * 17):
        with pytest.raises(InputError):
            check_id(bad, "终端号")
    with pytest.raises(InputError, match="角色须为"):
        check_role("cashier")
    with pytest.raises(InputError) as caught:  # said in an English terminal's words too (issue 16)
        check_id("T 07", "终端号")
    assert spoken(caught.value, "en") == 'The terminal id "T 07" is invalid: 1 to 16 letters, digits, - or _.'
    pins = {new_one_time_pin() for _ in range(50)}
    assert all(auth.check_new_pin(p) == p and p != "111111" for p in pins) and len(pins) > 40


def _chain(keys: list[tuple[int, Ed25519Signer]], n: int) -> list:
    entries, prev = [], GENESIS_HASH
    for seq in range(1, n + 1):
        signer = [s for start, s in keys if start <= seq][-1]
        e = new_entry(
            terminal_id="T07",
            seq=seq,
            kind=Kind.SHIFT_OPEN,
            created_at="2026-11-23T02:00:00Z",
            clerk_id="C11",
            payload={"shift_id": f"S{seq}", "float_fen": 0, "business_day": "2026-11-23"},
            prev_hash=prev,
        )
        e = dataclasses.replace(e, signature=signer.sign_hash(e.hash))
        entries.append(e)
        prev = e.hash
    return entries


def test_key_history_verifies_each_entry_with_the_key_of_its_time():
    old, new = Ed25519Signer.generate(), Ed25519Signer.generate()
    entries = _chain([(1, old), (3, new)], 5)
    history = KeyHistory.of([(1, old.public_key_hex)]).added(3, new.public_key_hex)
    assert KeyHistory.parse(history.as_text()) == history and history.current == new.public_key_hex
    assert verify_with_history(entries, "T07", history) is None
    problem = verify_with_history(entries, "T07", KeyHistory.of([(1, old.public_key_hex)]))
    assert problem is not None and problem.seq == 3 and fingerprint(old.public_key_hex) in problem.reason


def test_rebuild_keeps_the_open_shift_and_the_receipt_counter():
    e = _chain([(1, Ed25519Signer.generate())], 1)[0]
    pay = dataclasses.replace(
        e,
        seq=2,
        kind=Kind.PAYMENT,
        payload={
            "receipt_no": "T07-20261123-0007",
            "customer_no": "1",
            "shift_id": "S1",
            "business_day": "2026-11-23",
            "method": "cash",
            "amount_fen": 1000,
            "tendered_fen": 1000,
            "change_fen": 0,
            "balance_before_fen": 0,
            "balance_after_fen": 0,
            "allocations": [
                {
                    "bill_id": "b",
                    "period": "2026-10",
                    "kwh": 1,
                    "days_overdue": 0,
                    "principal_due_fen": 1000,
                    "fee_due_fen": 0,
                    "principal_paid_fen": 1000,
                    "fee_paid_fen": 0,
                }
            ],
        },
    )
    done = rebuild([e, pay], "城东营业厅", {"1": {"name": "王", "address": "路"}})
    assert [s.closed_at for s in done.shifts] == [None]
    assert done.counters == {"2026-11-23": 7}
    [r] = done.receipts
    assert (r.receipt_no, r.print_state, r.amount_fen) == ("T07-20261123-0007", "printed", 1000)


def test_rebuild_keeps_a_card_write_pending_until_its_written_entry():
    e = _chain([(1, Ed25519Signer.generate())], 1)[0]

    def purchase(seq: int, no: str) -> object:
        return dataclasses.replace(
            e,
            seq=seq,
            kind=Kind.CARD_PURCHASE,
            payload={
                "receipt_no": no,
                "customer_no": "1",
                "shift_id": "S1",
                "business_day": "2026-11-23",
                "method": "cash",
                "amount_fen": 5000,
                "tendered_fen": 5000,
                "change_fen": 0,
                "balance_before_fen": 0,
                "balance_after_fen": 0,
                "serial": "SN1",
                "meter_no": "M1",
                "purchase_fen": 5000,
                "purchase_count": seq,
                "mac": "ab" * 4,
            },
        )

    written = dataclasses.replace(
        e, seq=4, kind=Kind.CARD_WRITTEN, payload={"receipt_no": "T07-20261123-0001"}
    )
    done = rebuild([e, purchase(2, "T07-20261123-0001"), purchase(3, "T07-20261123-0002"), written], "厅", {})
    assert [w["receipt_no"] for w in done.card_writes] == ["T07-20261123-0002"]
    assert done.card_writes[0]["purchase_count"] == 3 and done.counters == {"2026-11-23": 2}


def test_key_history_has_one_key_per_start_the_later_given_wins():
    assert KeyHistory.of([(1, "a"), (3, "b"), (3, "c")]).keys == ((1, "a"), (3, "c"))
    assert KeyHistory.of([(3, "c"), (1, "a")]).key_for(2) == "a"
