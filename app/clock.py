"""Time: stored as UTC, shown and counted in business days of Asia/Shanghai."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

SHANGHAI = ZoneInfo("Asia/Shanghai")


class SystemClock:
    def now_utc(self) -> dt.datetime:
        return dt.datetime.now(dt.UTC)


@dataclass
class FixedClock:
    """A clock tests and training set by hand."""

    now: dt.datetime

    def now_utc(self) -> dt.datetime:
        return self.now.astimezone(dt.UTC)


def business_day(now_utc: dt.datetime) -> dt.date:
    return now_utc.astimezone(SHANGHAI).date()


def local_text(now_utc: dt.datetime) -> str:
    return now_utc.astimezone(SHANGHAI).strftime("%Y-%m-%d %H:%M:%S")


def utc_text(now_utc: dt.datetime) -> str:
    return now_utc.astimezone(dt.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
