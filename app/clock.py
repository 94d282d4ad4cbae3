"""Time: stored as UTC, shown and counted in business days of Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from app.errors import InputError
from app.messages import coded

SHANGHAI = ZoneInfo("Asia/Shanghai")
NOW_ENV = "HALLPAY_NOW"


class SystemClock:
    def now_utc(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass
class FixedClock:
    """A clock tests and training set by hand."""

    now: dt.datetime

    def now_utc(self) -> dt.datetime:
        return self.now.astimezone(dt.UTC)


@dataclass
class FunctionClock:
    """A clock read from a function: the web console's tests step theirs by hand."""

    read: Callable[[], dt.datetime]

    def now_utc(self) -> dt.datetime:
        return self.read().astimezone(dt.UTC)


def business_day(now_utc: dt.datetime) -> dt.date:
    return now_utc.astimezone(SHANGHAI).date()


def local_text(now_utc: dt.datetime) -> str:
    return now_utc.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def utc_text(now_utc: dt.datetime) -> str:
    return now_utc.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def clock_from_env(environ: Mapping[str, str] | None = None) -> SystemClock | FixedClock:
    """The process's one clock, for the counter and head office alike: HALLPAY_NOW (ISO 8601 with an offset)
    pins it (training, demos, tests, the simulation), else the system's. Every service, the central ledger
    included, takes its time from a clock built here, so a pinned counter and its head office agree on the
    month (the journal partitions) and the business day."""
    fixed = (os.environ if environ is None else environ).get(NOW_ENV)
    if not fixed:
        return SystemClock()
    try:
        now = dt.datetime.fromisoformat(fixed)
    except ValueError:
        now = None
    if now is None or now.tzinfo is None:
        raise coded(InputError, "clock.bad_now", value=fixed)
    return FixedClock(now)
