"""The central ledger's entry hash (db/central/push.row_hash) quotes strings without the JSON encoder when
they need no escaping: it must stay byte-for-byte app.journal's canonical hash for every string."""

from __future__ import annotations

import json
import random

from app.journal import GENESIS_HASH, new_entry
from db.central.push import _q, body_hash

TRICKY = [
    "",
    "T01",
    'a"b',
    "a\\b",
    "中文 营业厅",
    "a\nb",
    "\x00",
    "\x1f",
    "\x7f",
    "\u2028",
    "é\t",
    "😀",
    "\ud7ff",
]


def test_quoting_is_json_dumps_for_every_kind_of_string():
    rng = random.Random(20)
    alphabet = [chr(c) for c in (*range(0, 0x80), 0x2028, 0x4E2D, 0x1F600, 0xA0, 0xAD)]
    samples = TRICKY + ["".join(rng.choice(alphabet) for _ in range(rng.randrange(12))) for _ in range(3000)]
    for s in samples:
        assert _q(s) == json.dumps(s, ensure_ascii=False), repr(s)


def test_body_hash_is_the_journal_hash_with_tricky_fields():
    for i, s in enumerate(TRICKY):
        e = new_entry(
            terminal_id=f"T{s}",
            seq=i + 1,
            kind="payment",
            created_at=f"2026-11-23T10:00:0{i % 10}Z",
            clerk_id=s or "C01",
            payload={"note": s, "amount_fen": 100},
            prev_hash=GENESIS_HASH,
        )
        assert body_hash(e) == e.hash
