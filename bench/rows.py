"""A bench row: a path's timings beside the baseline measured in the same run, and the table they make."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass
class Row:
    path: str
    n: int
    median_ms: float
    p99_ms: float
    baseline: str
    baseline_median_ms: float | None
    baseline_p99_ms: float | None
    goal: str
    met: bool | None

    @property
    def ratio(self) -> float | None:
        if not self.baseline_p99_ms:
            return None
        return self.p99_ms / self.baseline_p99_ms


def timings(fn: Callable[[int], Any], n: int) -> list[float]:
    out = []
    for i in range(n):
        started = time.perf_counter()
        fn(i)
        out.append((time.perf_counter() - started) * 1000)
    return out


def interleaved(
    ours: Callable[[int], Any], base: Callable[[int], Any], n: int
) -> tuple[list[float], list[float]]:
    """One of ours, one of the baseline, in turn: on a shared machine a burst of someone else's disk or CPU
    work then lands on both series alike instead of on whichever happened to be running."""
    mine: list[float] = []
    theirs: list[float] = []
    for i in range(n):
        for fn, out in ((ours, mine), (base, theirs)):
            started = time.perf_counter()
            fn(i)
            out.append((time.perf_counter() - started) * 1000)
    return mine, theirs


def p99(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(0.99 * (len(ordered) - 1))))]


def row(
    path: str,
    ours: list[float],
    baseline: str,
    base: list[float] | None,
    goal: str,
    check: Callable[[float, float | None], bool] | None,
) -> Row:
    r = Row(
        path,
        len(ours),
        statistics.median(ours),
        p99(ours),
        baseline,
        statistics.median(base) if base else None,
        p99(base) if base else None,
        goal,
        None,
    )
    if check is not None:
        r.met = check(r.p99_ms, r.baseline_p99_ms)
    return r


def format_table(rows: list[Row], header: dict[str, Any]) -> str:
    lines = [
        f"HallPay bench — {header['customers']} customers × {header['months']} months, "
        f"seed {header['seed']}, {header['samples']} samples per path",
        "| path | n | median ms | p99 ms | baseline | base median | base p99 | ratio (p99) | goal | met |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]

    def f(x: float | None) -> str:
        return "—" if x is None else f"{x:.2f}"

    for r in rows:
        met = "—" if r.met is None else ("yes" if r.met else "NO")
        lines.append(
            f"| {r.path} | {r.n} | {f(r.median_ms)} | {f(r.p99_ms)} | {r.baseline} | "
            f"{f(r.baseline_median_ms)} | {f(r.baseline_p99_ms)} | {f(r.ratio)} | {r.goal} | {met} |"
        )
    return "\n".join(lines)
