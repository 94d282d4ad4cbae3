"""How fast the arrears list filters a big data directory (goal: each filter under 1 s at 1M customers).

A benchmark, apart from db/risk_repos.py: it opens a store, and the repositories must not import the
store that builds them (that was the local_store → uow → risk_repos → local_store import cycle).
"""

from __future__ import annotations

import datetime as dt
import time
from pathlib import Path
from typing import Any

from sqlalchemy import text

from app.clock import business_day
from app.risk import ArrearsFilter
from db.local_store import open_local_store
from db.risk_repos import SqlRisk


def bench_arrears(data_dir: Path, today: dt.date | None = None, rounds: int = 3) -> dict[str, Any]:
    """Time the arrears list filters over the data directory's store (goal: each under 1 s at 1M customers).

    Returns {"customers", "in_arrears", "<filter>_ms": best of `rounds`, "max_ms"}.
    """
    store = open_local_store(Path(data_dir) / "local.db")
    today = today or business_day(dt.datetime.now(dt.UTC))
    filters = {
        "all": ArrearsFilter(),
        "grade_II": ArrearsFilter(grade="II"),
        "over_90_days": ArrearsFilter(min_days=91),
        "commercial_over_1000": ArrearsFilter(category="commercial", min_fen=100000),
        "area_by_age": ArrearsFilter(area="城东区", sort="age_desc"),
        "no_notice_30_days": ArrearsFilter(min_days=31, notice_state="none"),
    }
    out: dict[str, Any] = {}
    try:
        with store.reader() as uow:
            repo = SqlRisk(uow.connection)
            out["customers"] = uow.connection.execute(text("SELECT COUNT(*) FROM customers")).scalar()
            out["in_arrears"] = repo.arrears_totals(ArrearsFilter(), today).customers
            for name, f in filters.items():
                best = float("inf")
                for _ in range(rounds):
                    started = time.perf_counter()
                    repo.arrears_totals(f, today)
                    repo.arrears_page(f, today)
                    best = min(best, time.perf_counter() - started)
                out[f"{name}_ms"] = round(best * 1000, 1)
    finally:
        store.close()
    out["max_ms"] = max(v for k, v in out.items() if k.endswith("_ms"))
    return out
