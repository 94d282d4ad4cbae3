"""What `simulate` prints: the summary table (text) or one JSON object, a violation's seed, day and events,
and the progress bar on stderr."""

from __future__ import annotations

import datetime as dt
from typing import Any, TextIO

from bench.simulate.runner import Outcome


def as_json(out: Outcome) -> dict[str, Any]:
    o = out.options
    v = out.violation
    return {
        "seed": o.seed,
        "options": {
            "days": o.days,
            "halls": o.halls,
            "terminals": o.terminals,
            "clerks": o.clerks,
            "customers": o.customers,
            "faults": o.faults,
            "central": "postgresql" if o.central else "embedded",
            "start": o.start.isoformat(),
            "full_check_every": out.full_every,
        },
        "days_run": out.days_run,
        "stopped_at_time_limit": out.out_of_time,
        "last_day": (o.start + dt.timedelta(days=max(out.days_run - 1, 0))).isoformat(),
        "terminals": o.halls * o.terminals,
        "entries": out.entries,
        "events": dict(sorted(out.stats.items())),
        "faults": dict(sorted(out.faults.items())),
        "invariant_checks": out.checks,
        "full_checks": out.full_checks,
        "entries_read": out.read,
        "violations": 0 if v is None else len(v.problems),
        "violation": None
        if v is None
        else {"seed": v.seed, "day": v.day.isoformat(), "problems": v.problems, "events": v.events},
        "digest": out.digest,
        "seconds": round(out.seconds, 1),
        "cpu_seconds": round(out.cpu_seconds, 1),
    }


def as_text(out: Outcome) -> str:
    data = as_json(out)
    o = data["options"]
    faults = ", ".join(f"{k} {n}" for k, n in data["faults"].items()) or "none"
    rows = [
        (
            "days",
            f"{data['days_run']} of {o['days']} ({o['start']} to {data['last_day']})"
            + (", stopped at --time-limit" if data["stopped_at_time_limit"] else ""),
        ),
        (
            "terminals",
            f"{data['terminals']} ({o['halls']} halls × {o['terminals']}, {o['clerks']} clerks each)",
        ),
        ("central", o["central"]),
        ("journal entries at head office", str(data["entries"])),
        ("faults injected", f"{sum(data['faults'].values())}: {faults}"),
        (
            "invariant checks",
            f"{data['invariant_checks']} (8 a day; {data['full_checks']} days also re-read every journal whole)",
        ),
        ("violations", str(data["violations"])),
        ("run time", f"{data['seconds']} s (CPU {data['cpu_seconds']} s)"),
        ("digest", data["digest"] or "-"),
    ]
    lines = [
        f"HallPay simulation — seed {data['seed']}, faults {'on' if o['faults'] else 'off'}",
        "| | |",
        "|---|---|",
        *[f"| {k} | {v} |" for k, v in rows],
        "events: " + ", ".join(f"{k} {n}" for k, n in data["events"].items()),
    ]
    v = data["violation"]
    if v is not None:
        lines.append(f"VIOLATION — seed {v['seed']}, day {v['day']}:")
        lines += [f"  {p}" for p in v["problems"][:20]]
        lines.append("events of that day that show it:")
        lines += [f"  {e}" for e in v["events"][-40:]]
    return "\n".join(lines)


def progress_bar(stream: TextIO, width: int = 30) -> Any:
    """A progress callback for run(): one line redrawn on `stream` (a terminal) or a line every tenth of the
    run (a log file), with the day, entries, faults and the time left at the pace so far."""
    shown = [-1]

    def show(out: Outcome) -> None:
        total = out.options.days
        done = out.days_run
        tenth = done * 10 // total
        if not stream.isatty() and tenth == shown[0] and done < total:
            return
        shown[0] = tenth
        filled = width * done // total
        left = out.seconds / done * (total - done) if done else 0.0
        day = out.options.start + dt.timedelta(days=done - 1)
        line = (
            f"[{'#' * filled}{'.' * (width - filled)}] day {done}/{total} {day} · {out.entries} entries · "
            f"{sum(out.faults.values())} faults · {out.seconds:.0f} s, ~{left:.0f} s left"
        )
        end = "\n" if done == total or not stream.isatty() else ""
        print(("\r" if stream.isatty() else "") + line, end=end, file=stream, flush=True)

    return show
