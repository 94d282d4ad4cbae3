"""What a counter refuses in a pull (DOMAIN.md: a bill is never silently changed; app/pulled.py).

Every pulled row must be signed by a writer head office trusts, head office's key the one pinned at the
first pull, and head office's own journal chain must follow the entry checked before it. A pulled bill whose
amount, due date or kWh differ from this counter's must bring the adjustment record that explains them; one
not yet acknowledged adjustment here keeps the local values instead (db/pull_merge.py). Each refusal is one
sentence for the whole pull: the first refused record, and how many there are.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from app.journal import GENESIS_HASH, Entry, Kind, entry_hash
from app.messages import Phrase
from app.money import format_fen
from app.pulled import ENTRY_FIELDS, HQ, hq_entry_problem, row_problem, stale_row, writer_keys
from app.sync import Problem, PullPage
from db.local_repos import SqlJournal
from db.local_schema import bills
from db.pull_merge import adjusted_here
from db.pull_position import unapplied_from
from db.sync_state import HQ_HASH, HQ_KEY, HQ_STREAM, ROW_STREAMS, read_state


def pull_problems(conn: Any, pages: Sequence[PullPage]) -> list[Problem]:
    """Why these pages must be refused (at most one problem), or []."""
    signed = signature_problem(conn, pages)
    if signed is not None:
        return [signed]
    return bill_problems(conn, pages)


def bill_problems(conn: Any, pages: Sequence[PullPage]) -> list[Problem]:
    """A pulled bill whose amount, due date or kWh differ from this counter's must bring the adjustment
    record that explains them (DOMAIN.md: a bill is never silently changed); one not yet acknowledged
    adjustment here keeps the local values instead (apply_page)."""
    rows = [r for page in pages if page.table == "bills" for r in page.rows]
    if not rows:
        return []
    local = {
        r.bill_id: r
        for r in conn.execute(
            select(bills.c.bill_id, bills.c.amount_fen, bills.c.due_date, bills.c.kwh).where(
                bills.c.bill_id.in_([r["bill_id"] for r in rows])
            )
        )
    }
    mine = adjusted_here(SqlJournal(conn).entries(unapplied_from(conn, pages)))
    refused = [
        r
        for r in rows
        if r["bill_id"] in local
        and r["bill_id"] not in mine
        and _values(r) != _values(local[r["bill_id"]]._mapping)
        and not _explained(r)
    ]
    return [bill_refusal(refused[0], local[refused[0]["bill_id"]], len(refused))] if refused else []


def signature_problem(conn: Any, pages: Sequence[PullPage]) -> Problem | None:
    """Every pulled row signed by a writer head office trusts (app/pulled.py), head office's key the one
    pinned at the first pull; one sentence for the first refused row and how many there are."""
    offered = {
        str(r["signer"]): (str(r.get("public_key") or ""), str(r.get("cert") or ""))
        for page in pages
        if page.table == "keys"
        for r in page.rows
    }
    rows = [(page.table, r) for page in pages if page.table in ROW_STREAMS for r in page.rows]
    entries = [r for page in pages if page.table == HQ_STREAM for r in page.rows]
    if not rows and not entries:
        return None
    pinned = read_state(conn, HQ_KEY, "")
    floors = {s: int(read_state(conn, f"pull.{s}", "0")) for s in ROW_STREAMS}
    checked = (int(read_state(conn, f"pull.{HQ_STREAM}", "0")), read_state(conn, HQ_HASH, GENESIS_HASH))
    hq = offered.get(HQ, ("", ""))[0]
    if pinned and hq and hq != pinned:
        return Problem.coded("pull_refused", HQ, 0, "", "pull.hq_key_changed")
    trusted = writer_keys(pinned or hq, offered)
    refused = [
        (table, r, why)
        for table, r in rows
        if (why := row_problem(table, r, trusted) or stale_row(r, floors[table])) is not None
    ]
    for r in entries:  # head office's chain, in order: each follows the one checked before it
        if (why := hq_entry_problem(r, checked, trusted)) is not None:
            return Problem.coded(
                "pull_refused",
                HQ,
                int(r.get("seq") or 0),
                str(r.get("entry_id") or ""),
                "pull.hq_entry",
                seq=r.get("seq"),
                kind=r.get("kind"),
                why=why,
            )
        checked = (int(r["seq"]), str(r["hash"]))
    if not refused:
        return None
    table, r, why = refused[0]
    key = {
        "policy": "key",
        "customers": "customer_no",
        "bills": "bill_id",
        "clerks": "clerk_id",
        "refunds": "refund_id",
    }[table]
    subject = Phrase(f"pull.subject.{table}", {"key": r.get(key)})
    # a registered counter with no certificate at all is a set-up step left undone, not tampering
    waiting = {tid for tid, (pk, cert) in offered.items() if tid != HQ and pk and not cert}
    signers = {str(x.get("signer") or "") for _t, x, _w in refused}
    if all(w.code == "pull.unknown_signer" for _t, _x, w in refused) and signers <= waiting:
        signer = min(signers)
        return Problem.coded(
            "uncertified",
            signer,
            0,
            "",
            "pull.uncertified",
            subject=subject,
            count=len(refused),
            signer=signer,
        )
    if len(refused) > 1:
        return Problem.coded(
            "pull_refused", HQ, 0, "", "pull.rows", subject=subject, why=why, count=len(refused)
        )
    return Problem.coded("pull_refused", HQ, 0, "", "pull.row", subject=subject, why=why)


def _values(row: Any) -> tuple[int, str, int]:
    return int(row["amount_fen"]), str(row["due_date"]), int(row["kwh"])


def _explained(row: dict[str, Any]) -> bool:
    """The pulled bill row brings the adjustment record that gives it these values, intact (its hash)."""
    e = row.get("basis_entry")
    if not e:
        return False
    try:
        entry = Entry(**{k: e[k] for k in ENTRY_FIELDS})
    except (KeyError, TypeError):
        return False
    new = entry.payload.get("new", {})
    return (
        entry.entry_id == row.get("basis")
        and entry_hash(entry.body()) == entry.hash
        and entry.kind == Kind.ADJUSTMENT
        and entry.payload.get("bill_id") == row["bill_id"]
        and isinstance(new, dict)
        and set(new) >= {"amount_fen", "due_date", "kwh"}
        and _values(new) == _values(row)
    )


def bill_refusal(row: dict[str, Any], mine: Any, count: int) -> Problem:
    """One sentence for the whole pull: the first refused bill, and how many there are."""
    changes = tuple(
        Phrase("pull.change", {"field": label, "old": old, "new": new})
        for label, old, new in (
            ("金额", format_fen(int(mine.amount_fen)), format_fen(int(row["amount_fen"]))),
            ("缴费截止日", mine.due_date, row["due_date"]),
            ("电量", mine.kwh, row["kwh"]),
        )
        if str(old) != str(new)
    )
    more = Phrase("pull.more_bills", {"count": count}) if count > 1 else Phrase("plain", {"text": ""})
    return Problem.coded(
        "pull_refused",
        "HQ",
        0,
        str(row.get("basis") or ""),
        "pull.bill_changed",
        bill_id=row["bill_id"],
        period=row.get("period", ""),
        changes=changes,
        more_clause=more,
    )
