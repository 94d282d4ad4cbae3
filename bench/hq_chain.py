"""The counter's check of head office's signed HQ chain on a pull (issue 18), beside its bare cryptography.

An embedded central ledger gets `n` HQ records (offset-shaped, signed by head office as a transaction of
its own signs them); a fresh counter pulls the chain. Ours: db/local_sync.check_pages over the pulled pages
(chain, hash, Ed25519 signature of every record). Baseline: the same SHA-256 and Ed25519 verification of
each record and nothing else, the floor any such check pays. Reading the pages is reported beside them.
A counter pays this once for the whole chain; later pulls bring only the new records.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from app.journal import Entry, Kind, entry_hash
from app.pulled import ENTRY_FIELDS
from app.signing import verify_hash_signature
from db.central.hq import append_hq
from db.central.rowsign import sign_written
from db.central.sql import next_txn
from db.central.store import CentralStore
from db.local_store import open_local_store
from db.local_sync import LocalSync


def bench_hq_chain(n: int, repeats: int = 3) -> dict[str, Any]:
    with tempfile.TemporaryDirectory(prefix="hallpay-hqbench-") as tmp:
        central = CentralStore.open("", Path(tmp))
        local = open_local_store(Path(tmp) / "local.db")
        try:
            with central.engine.begin() as conn:
                mark = next_txn(conn)
                for i in range(n):
                    append_hq(
                        conn,
                        Kind.OFFSET,
                        {
                            "customer_no": f"9{i:09d}",
                            "cause": "issue",
                            "amount_fen": 0,
                            "balance_before_fen": 100,
                            "balance_after_fen": 0,
                            "allocations": [],
                        },
                        "2026-11-23T02:00:00Z",
                    )
                sign_written(conn, mark, "HQ", central.hq)
            sink = LocalSync(local.engine)
            key = central.hq.public_key_hex if central.hq is not None else ""
            reads, checks, floors = [], [], []
            for _ in range(repeats):
                started = time.perf_counter()
                pages = list(central.pull({"hq": 0}, 1000))
                reads.append(time.perf_counter() - started)
                started = time.perf_counter()
                problems = sink.check_pages(pages)
                checks.append(time.perf_counter() - started)
                records = [r for p in pages if p.table == "hq" for r in p.rows]
                started = time.perf_counter()
                bare = [
                    verify_hash_signature(
                        key, entry_hash(Entry(**{k: r[k] for k in ENTRY_FIELDS}).body()), r["signature"]
                    )
                    for r in records
                ]
                floors.append(time.perf_counter() - started)
                if problems or len(records) != n or not all(bare):
                    raise RuntimeError(f"hq chain bench: {problems or 'records missing or unsigned'}")
        finally:
            local.close()
            central.close()
    return {
        "records": n,
        "read_ms": statistics.median(reads) * 1000,
        "check_ms": statistics.median(checks) * 1000,
        "bare_ms": statistics.median(floors) * 1000,
    }
