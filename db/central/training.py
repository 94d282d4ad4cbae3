"""The central ledger as a training terminal (培训模式, issue 17) sees it: master data comes down, nothing
goes up. Its journal stays on the PC: `push` takes nothing and says so, the acknowledgement stays at 0."""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from app.journal import Entry
from app.sync import Ack, Problem, PullPage, PushReport, ReviewCase

TRAINING = "培训终端：流水只留在本机，不上传总部账务。"


class PullOnlyCentral:
    def __init__(self, central: Any) -> None:
        self._central = central

    @property
    def embedded(self) -> bool:
        return True  # never seed: is_empty() says no

    def is_empty(self) -> bool:
        return False

    def load_master_data(
        self,
        customers: list[dict[str, Any]],
        bills: list[dict[str, Any]],
        policy: dict[str, str] | None = None,
    ) -> None:
        return None

    def ack(self, terminal_id: str) -> Ack:
        return Ack()

    def push(
        self,
        terminal_id: str,
        hall_name: str,
        entries: Sequence[Entry],
        public_key: str = "",
        head_seq: int | None = None,
    ) -> PushReport:
        if not entries:  # the heartbeat: a training journal's head is nobody's business at head office
            return PushReport(0, 0, Ack())
        first = entries[0] if entries else None
        return PushReport(
            0,
            0,
            Ack(),
            (
                Problem(
                    "training",
                    terminal_id,
                    first.seq if first else 0,
                    first.entry_id if first else "",
                    TRAINING,
                ),
            ),
            0,
        )

    def pull(self, cursors: Mapping[str, int], page_size: int) -> Iterator[PullPage]:
        return self._central.pull(cursors, page_size)

    def review_cases(self, *, open_only: bool = True, customer_no: str | None = None) -> list[ReviewCase]:
        return []

    def close(self) -> None:
        self._central.close()
