"""`central audit --recompute` and the console's audit page (issue 29 step 3): run the streamed recompute of
db/central/books.py in one read snapshot, and keep its result where IT finds it later.

The result is kept in central_meta (`books_audit`): when, of which customer (or all), how many passes,
customers and entries were folded, how many values differ, and the first KEEP of them. Keeping it is the
one write an audit makes, in its own short transaction after the snapshot; nothing counters pull changes.

Each difference is said as a code with parameters (app/message_table_office.py `audit.*`): the edge (the
command line, the console page) makes the sentence.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from typing import Any

from sqlalchemy import Engine, select

from app.money import format_fen
from app.progress import Progress, no_progress
from db.central.books import BUCKET, Audit, Difference, audit, snapshot
from db.central.engine import guarded
from db.central.sql import insert_ignore
from db.central_schema import central_meta

AUDIT_KEY = "books_audit"
KEEP = 200  # differences kept with the last result (the command line lists every one)
BILL_SAID = ("principal_paid_fen", "fee_paid_fen", "fee_waived_fen", "due_date", "amount_fen")


@dataclass
class AuditResult:
    at: str
    customer_no: str | None
    passes: int = 0
    customers: int = 0
    entries: int = 0
    count: int = 0
    seconds: float = 0.0
    differences: list[Difference] = field(default_factory=list)  # the first KEEP

    @property
    def ok(self) -> bool:
        return self.count == 0


def recompute_books(
    engine: Engine,
    now: str,
    customer_no: str | None = None,
    *,
    each: Callable[[Difference], None] = lambda _d: None,
    progress: Progress = no_progress,
    bucket: int = BUCKET,
    keep: bool = True,
) -> AuditResult:
    """Fold every journal again (of one customer when named), call `each` on every difference found, and
    keep the result (unless `keep` is False)."""
    cno = customer_no.strip() if customer_no else None
    result = AuditResult(now, cno or None)
    tally = Audit()
    started = time.monotonic()
    with guarded(), snapshot(engine) as conn:
        for d in audit(conn, cno or None, bucket=bucket, progress=progress, tally=tally):
            if len(result.differences) < KEEP:
                result.differences.append(d)
            each(d)
    result.seconds = round(time.monotonic() - started, 3)
    result.passes, result.customers, result.entries, result.count = (
        tally.passes,
        tally.customers,
        tally.entries,
        tally.differences,
    )
    if keep:
        with guarded(), engine.begin() as conn:
            conn.execute(central_meta.delete().where(central_meta.c.key == AUDIT_KEY))
            insert_ignore(
                conn, central_meta, [{"key": AUDIT_KEY, "value": json.dumps(as_json(result))}], ["key"]
            )
    return result


def as_json(result: AuditResult) -> dict[str, Any]:
    out = asdict(result)
    out["ok"] = result.ok
    out["differences"] = [{**asdict(d), "code": said(d)[0]} for d in result.differences]
    return out


def last_audit(engine: Engine) -> AuditResult | None:
    """The result the last audit kept, or None."""
    with guarded(), engine.connect() as conn:
        value = conn.execute(select(central_meta.c.value).where(central_meta.c.key == AUDIT_KEY)).scalar()
    if value is None:
        return None
    v = json.loads(value)
    diffs = [
        Difference(d["stream"], d["key"], d["field"], d["stored"], d["recomputed"]) for d in v["differences"]
    ]
    return AuditResult(
        v["at"], v["customer_no"], v["passes"], v["customers"], v["entries"], v["count"], v["seconds"], diffs
    )


def _shown(field_name: str, value: Any) -> str:
    if value is None:
        return "-"
    return format_fen(int(value)) if field_name.endswith("_fen") else str(value)


def said(d: Difference) -> tuple[str, dict[str, Any]]:
    """The message code and parameters of one difference (one sentence, app/message_table_office.py)."""
    base = {"key": d.key, "stored": _shown(d.field, d.stored), "recomputed": _shown(d.field, d.recomputed)}
    if d.stream == "journal":
        return "audit.unordered", {"key": d.key, "kind": d.recomputed}
    if d.field == "seed":
        return "audit.no_seed", {"stream": d.stream, "key": d.key}
    if d.field == "row":
        return "audit.no_row", {"stream": d.stream, "key": d.key}
    if d.stream == "customers":
        return ("audit.balance" if d.field == "balance_fen" else "audit.category"), base
    if d.stream == "bills":
        if d.field in BILL_SAID:
            return f"audit.bill_{d.field.removesuffix('_fen')}", base
        return "audit.bill_other", {**base, "field": d.field}
    if d.field == "order":
        return "audit.refund_no_order", {"key": d.key, "stored": _shown("amount_fen", d.stored)}
    return "audit.refund", {**base, "field": d.field}
