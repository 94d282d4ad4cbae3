"""`GET /metrics` (issue 31): IT's monitoring reads head office's state in Prometheus' text format (version 0.0.4).

No login (a scraper has none): docs/install.md lets nginx pass it to the monitoring host only. It names terminal
ids and counts, never a customer, a user, a host or a key. Every value is read from the ledger at the scrape.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import Engine, func, select

from console import case_queries
from console.reading import reading
from db.central_schema import central_chain_checks, console_throttle
from db.central_schema import terminals as terminals_t

CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


def _instant(text_utc: str | None) -> dt.datetime | None:
    if not text_utc:
        return None
    try:
        return dt.datetime.fromisoformat(text_utc.replace("Z", "+00:00"))
    except ValueError:
        return None


def _family(name: str, help_: str, samples: Iterable[tuple[str, float]]) -> list[str]:
    lines = [f"# HELP {name} {help_}", f"# TYPE {name} gauge"]
    lines += [f"{name}{labels} {value:g}" for labels, value in samples]
    return lines


def metrics_text(engine: Engine, now: dt.datetime) -> str:
    t = terminals_t.c
    with reading(engine) as conn:
        rows = conn.execute(select(t.terminal_id, t.ack_seq, t.reported_head, t.last_push_at)).all()
        attempts = conn.execute(
            select(func.coalesce(func.sum(console_throttle.c.tries), 0)).where(
                console_throttle.c.key.like("addr:%")
            )
        ).scalar_one()
        checked = dict(
            conn.execute(select(central_chain_checks.c.terminal_id, central_chain_checks.c.seq)).all()
        )
    open_cases = case_queries.case_count(engine, resolved=False, money=True)
    open_alarms = case_queries.case_count(engine, resolved=False, money=False)
    waiting = [
        (f'{{terminal="{r.terminal_id}"}}', float(int(r.reported_head) - int(r.ack_seq)))
        for r in rows
        if r.reported_head is not None
    ]
    ages = []
    for r in rows:
        at = _instant(r.last_push_at)
        if at is not None:
            ages.append((f'{{terminal="{r.terminal_id}"}}', max(0.0, (now - at).total_seconds())))
    lines = [
        *_family(
            "hallpay_open_cases",
            "Double payments and other money cases finance has not decided.",
            [("", open_cases)],
        ),
        *_family(
            "hallpay_open_alarms",
            "Alarms (forks, chain breaks, refused pushes) not yet acknowledged.",
            [("", open_alarms)],
        ),
        *_family("hallpay_terminals", "Terminals registered at head office.", [("", len(rows))]),
        *_family(
            "hallpay_terminal_waiting_entries",
            "Entries a counter reported holding that head office has not acknowledged (its head - the ack).",
            waiting,
        ),
        *_family("hallpay_terminal_last_push_age_seconds", "Seconds since the terminal's last push.", ages),
        *_family(
            "hallpay_terminal_checked_seq",
            "The last entry of each chain verified from genesis (the console's checkpoint, c0017).",
            [(f'{{terminal="{tid}"}}', float(seq)) for tid, seq in sorted(checked.items())],
        ),
        *_family(
            "hallpay_console_login_attempts",
            "Console login attempts counted by the throttle in its current windows (all addresses).",
            [("", float(attempts))],
        ),
    ]
    return "\n".join(lines) + "\n"
