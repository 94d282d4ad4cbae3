"""`bench --quick` runs end to end so the benchmark cannot rot; it asserts shape, never speed."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.e2e.cli import ROOT

PATHS = [
    "lookup by customer number",
    "lookup by phone",
    "name / address substring",
    "durable payment commit",
    "payment while an arrears export of the whole terminal runs",
    "scan → receipt bytes ready",
    "arrears list filter",
    "cold start",
    "resident memory",
    "card recharge",
    "shift close and day report",
    "sync drain",
    "sync drain at 500-entry batches, service projector, vs raw COPY",
    "4 terminals pushing 500 entries at once, service projector",
    "projector throughput",
    "central audit --recompute rate",
    "projector lag during 4 terminals pushing",
    "projector, one terminal",
    "projector, burst, 4 terminals",
    "central audit --recompute, burst",
    "start-up + payment with a silent head office",
    "longest UI-thread stall during a sync",
    "longest UI-thread stall during",
    "scan payment code → receipt bytes",
    "longest UI-thread stall during an arrears export",
    "longest UI-thread stall during `verify`",
    "longest UI-thread stall during 5 logins",
    "province: 10 terminals",
    "province: 50 terminals",
    "province: one push",
    "hall day report in SQL",
    "console overview",
    "console case queue",
    "console terminals",
]


@pytest.mark.slow
@pytest.mark.timeout(360)  # the subprocess itself is given 300 s
def test_bench_quick_reports_every_path_with_its_baseline():
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "HALLPAY_BENCH_NO_CARD": "1"}
    out = subprocess.run(
        [sys.executable, "main.py", "bench", "--quick", "--json"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    rows = {r["path"]: r for r in report["rows"]}
    for path in PATHS:
        assert any(name.startswith(path) for name in rows), f"bench lost the row {path!r}"
    for row in rows.values():
        if row["baseline"].startswith("skipped"):
            continue
        assert row["n"] > 0 and row["median_ms"] >= 0 and row["p99_ms"] >= row["median_ms"] * 0.999
        if row["baseline_p99_ms"] is not None:
            assert row["ratio"] == row["p99_ms"] / row["baseline_p99_ms"]
