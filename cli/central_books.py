"""`central verify`, `central verify-books` and `central verify-books --repair`: head office's checks of the
books and the chains, and the one way out for a held customer (split off cli/central.py)."""

from __future__ import annotations

import argparse
from typing import Any

from app.messages import message
from app.money import format_fen
from cli.output import say
from cli.render import emit_json


def _shown(field: str, value: Any) -> str:
    if value is None:
        return "-"
    return format_fen(int(value)) if field.endswith("_fen") else str(value)


def verify_chains(store: Any, args: argparse.Namespace) -> int:
    """Every chain whole (db/central/chain_checks.py full=True): catches an edit below the console's checkpoints
    and sets them to what is intact."""
    from app.clock import utc_text
    from db.central.chain_checks import check_chains

    states = check_chains(store.engine, utc_text(store.clock.now_utc()), full=True)
    bad = [s for s in states if s.problem]
    if args.json:
        emit_json(
            {
                "ok": not bad,
                "chains": [
                    {
                        "terminal_id": s.terminal_id,
                        "head": s.head,
                        "checked_seq": s.checked_seq,
                        "problem": s.problem,
                    }
                    for s in states
                ],
            }
        )
        return 3 if bad else 0
    for s in bad:
        say(message("chains.damaged", terminal_id=s.terminal_id, problem=s.problem))
    if not bad:
        say(message("chains.ok", count=len(states), entries=sum(s.head for s in states)))
    return 3 if bad else 0


def verify_books_cmd(store: Any, args: argparse.Namespace) -> int:
    """Every stored customer and bill value the fold of the journals does not give (db/central/books.py)."""
    from db.central.books import verify_books

    found = verify_books(store.engine)
    if args.json:
        emit_json(
            {
                "ok": not found,
                "differences": [
                    {
                        "stream": d.stream,
                        "key": d.key,
                        "field": d.field,
                        "stored": d.stored,
                        "recomputed": d.recomputed,
                    }
                    for d in found
                ],
            }
        )
        return 3 if found else 0
    for d in found:
        say(
            message(
                "books.difference",
                stream=d.stream,
                key=d.key,
                field=d.field,
                stored=_shown(d.field, d.stored),
                recomputed=_shown(d.field, d.recomputed),
            )
        )
    say(message("books.differ", count=len(found)) if found else message("books.ok"))
    return 3 if found else 0


def repair(store: Any, args: argparse.Namespace, who: str) -> int:
    """A held customer's rows from the fold of the journals, signed by head office (db/central/repair.py)."""
    from db.central.repair import repair_books

    done = repair_books(store, args.customer, who, args.reason)
    if args.json:
        emit_json(
            {
                "customer_no": done.customer_no,
                "repaired": done.record is not None,
                "record_seq": done.record.seq if done.record is not None else None,
                "values": [
                    {
                        "stream": d.stream,
                        "key": d.key,
                        "field": d.field,
                        "stored": d.stored,
                        "recomputed": d.recomputed,
                    }
                    for d in done.values
                ],
                "released": done.released,
                "opened": [c["case_id"] for c in done.opened],
                "offsets": [e.entry_id for e in done.offsets],
            }
        )
        return 0
    if done.record is None:
        say(message("books.repair_nothing", customer_no=done.customer_no))
        return 0
    for d in done.values:
        say(
            message(
                "books.difference",
                stream=d.stream,
                key=d.key,
                field=d.field,
                stored=_shown(d.field, d.stored),
                recomputed=_shown(d.field, d.recomputed),
            )
        )
    say(
        message(
            "books.repaired",
            customer_no=done.customer_no,
            values=len(done.values),
            released=len(done.released),
            opened=len(done.opened),
            seq=done.record.seq,
        )
    )
    return 0
