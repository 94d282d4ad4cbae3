"""`python main.py central audit --recompute [--customer N] [--json]` (issue 29 step 3): fold every journal
from the beginning again and list every stored row that differs from the fold.

Streamed (db/central/books_fold.py: a pass per range of customers, a page of entries at a time), in one read
snapshot, with a progress bar on stderr. One sentence per difference on stdout, then one that sums up; with
--json one object (`ok`, counts, every difference with its code) and no sentence. Exit 3 when anything
differs, as `central verify-books`. The result is kept for the console's audit page (db/central/audit_record.py),
and each customer whose stored rows differ gets a `tampered_row` case that holds it (db/central/audit_alarm.py):
run nightly, it is the alarm for an edit no push reads (a fully paid bill's late fee, its cursor kept).
"""

from __future__ import annotations

import argparse
from typing import Any

from app.clock import utc_text
from app.messages import message
from cli.output import say, warn
from cli.progress import progress_bar
from cli.render import emit_json
from db.central.books import Difference


def run_audit(store: Any, args: argparse.Namespace) -> int:
    from db.central.audit_alarm import ROW_STREAMS, raise_alarms
    from db.central.audit_record import as_json, recompute_books, said

    rows: list[Difference] = []  # every one, not only those the result keeps: each alarms its customer

    def each(d: Difference) -> None:
        if d.stream in ROW_STREAMS:
            rows.append(d)
        if not args.json:
            code, params = said(d)
            say(message(code, **params))

    with progress_bar("重算总部账目", "批") as progress:
        result = recompute_books(
            store.engine,
            utc_text(store.clock.now_utc()),
            args.customer or None,
            each=each,
            progress=progress,
        )
    alarmed = raise_alarms(store.engine, rows, utc_text(store.clock.now_utc()))
    if args.json:
        out = as_json(result)
        out["differences_kept"] = len(out["differences"])
        out["alarmed"] = alarmed
        emit_json(out)
    else:
        counts = {"customers": result.customers, "entries": result.entries, "seconds": result.seconds}
        say(
            message("audit.differ", count=result.count, **counts)
            if result.count
            else message("audit.ok", **counts)
        )
        if alarmed:
            warn(message("audit.alarmed", count=len(alarmed), customers=", ".join(alarmed[:20])))
    return 3 if result.count else 0
