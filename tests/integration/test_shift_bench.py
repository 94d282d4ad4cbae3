"""The shift-close benchmark runs end to end (the 10,000-payment figure is measured by `bench`)."""

from __future__ import annotations

from pathlib import Path

from bench.shift_close import bench_shift_close


def test_bench_shift_close_small(tmp_path: Path) -> None:
    result = bench_shift_close(400, tmp_path)
    assert result["payments"] == result["receipts"] == 400
    assert result["reversals"] == 8
    assert result["close_s"] < 1.0 and (tmp_path / "reports" / "day.pdf").is_file()
