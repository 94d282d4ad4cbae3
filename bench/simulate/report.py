"""What `simulate` prints: the summary table (text) or one JSON object, and a violation's seed, day and events."""

from __future__ import annotations

from typing import Any

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
            "faults": o.faults,
            "central": "postgresql" if o.central else "embedded",
            "start": o.start.isoformat(),
        },
        "days_run": out.days_run,
        "entries": out.entries,
        "events": dict(sorted(out.stats.items())),
        "faults": dict(sorted(out.faults.items())),
        "invariant_checks": out.checks,
        "violations": 0 if v is None else len(v.problems),
        "violation": None
        if v is None
        else {"seed": v.seed, "day": v.day.isoformat(), "problems": v.problems, "events": v.events},
        "digest": out.digest,
        "seconds": round(out.seconds, 1),
    }


def as_text(out: Outcome) -> str:
    data = as_json(out)
    o = data["options"]
    lines = [
        f"HallPay simulation — seed {data['seed']}, {o['halls']} halls × {o['terminals']} terminals, "
        f"{o['clerks']} clerks per hall, from {o['start']}, faults {'on' if o['faults'] else 'off'}, "
        f"{o['central']} central",
        "| days | entries | faults injected | invariant checks | violations | run time |",
        "|---|---|---|---|---|---|",
        f"| {data['days_run']}/{o['days']} | {data['entries']} | "
        f"{', '.join(f'{k} {n}' for k, n in data['faults'].items()) or '0'} | {data['invariant_checks']} | "
        f"{data['violations']} | {data['seconds']} s |",
        "events: " + ", ".join(f"{k} {n}" for k, n in data["events"].items()),
    ]
    v = data["violation"]
    if v is not None:
        lines.append(f"VIOLATION — seed {v['seed']}, day {v['day']}:")
        lines += [f"  {p}" for p in v["problems"][:20]]
        lines.append("events of that day that show it:")
        lines += [f"  {e}" for e in v["events"][-40:]]
    lines.append(f"digest {data['digest']}")
    return "\n".join(lines)
