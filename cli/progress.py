"""A progress bar for long commands on a terminal (tqdm: rate and time left), plain lines otherwise.

`with progress_bar("导入用户", total, "户") as progress: work(progress=progress)`. On a terminal the bar
redraws on stderr; when stderr is a file or a pipe (a log, CI, `--json` read by a script) it prints one
line at most every PLAIN_EVERY_S seconds and one at the end, so a log shows the pace without a wall of
carriage returns; work shorter than that prints nothing. stdout is never touched: `--json` stays one object.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from app.progress import Progress

PLAIN_EVERY_S = 5.0


class PlainLines:
    """Progress as a line every few seconds: done/total, percent, rate, time left."""

    def __init__(self, description: str, unit: str, out: TextIO, every_s: float | None = None) -> None:
        self._description, self._unit, self._out = description, unit, out
        self._every_s = PLAIN_EVERY_S if every_s is None else every_s
        self._started = self._last = time.monotonic()
        self._done: int = 0
        self._total: int | None = None

    def __call__(self, done: int, total: int | None) -> None:
        self._done, self._total = done, total
        now = time.monotonic()
        if now - self._last >= self._every_s:
            self._last = now
            self._line(now)

    def close(self) -> None:
        """The closing line, for work long enough to have shown one on the way (a short command stays
        silent on stderr, as it always was)."""
        now = time.monotonic()
        if now - self._started >= self._every_s:
            self._line(now, final=True)

    def _line(self, now: float, final: bool = False) -> None:
        elapsed = max(now - self._started, 1e-9)
        rate = self._done / elapsed
        text = f"{self._description}: {self._done}"
        if self._total:
            text += f"/{self._total} {self._unit} ({100 * self._done / self._total:.0f}%)"
        else:
            text += f" {self._unit}"
        # slow steps (a bench row takes a minute) read as seconds per step, not "0 步/s"
        text += (
            f", {rate:,.0f} {self._unit}/s"
            if rate >= 1 or not self._done
            else f", {1 / rate:,.0f} s/{self._unit}"
        )
        if final:
            text += f", {elapsed:.1f} s"
        elif self._total and rate > 0:
            text += f", about {max(0.0, (self._total - self._done) / rate):.0f} s left"
        print(text, file=self._out, flush=True)


class Bar:
    """tqdm's bar, fed absolute counts."""

    def __init__(self, description: str, unit: str, out: TextIO) -> None:
        from tqdm import tqdm

        self._bar = tqdm(
            desc=description, unit=unit, file=out, unit_scale=True, dynamic_ncols=True, leave=True
        )

    def __call__(self, done: int, total: int | None) -> None:
        if total is not None and self._bar.total != total:
            self._bar.total = total
            self._bar.refresh()
        if done > self._bar.n:
            self._bar.update(done - self._bar.n)

    def close(self) -> None:
        self._bar.close()


@contextmanager
def progress_bar(description: str, unit: str = "", out: TextIO | None = None) -> Iterator[Progress]:
    stream = out if out is not None else sys.stderr
    shown: Bar | PlainLines = (
        Bar(description, unit, stream) if stream.isatty() else PlainLines(description, unit, stream)
    )
    try:
        yield shown
    finally:
        shown.close()
