"""Every terminal's central copy, each checked: what a report built from the central ledger reads
(`shift report --hall`), and one sentence per damaged copy it must show."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from sqlalchemy import Engine

from app.journal import Entry
from app.ports import Clock


class CentralCopies(Protocol):
    """What this reads of db/central/store.CentralStore (a protocol: no import back into the store)."""

    engine: Engine
    clock: Clock

    def terminal_ids(self) -> list[str]: ...
    def journal(self, terminal_id: str) -> list[Entry]: ...
    def public_key(self, terminal_id: str) -> str | None: ...


def _one_key(key: str | None) -> Callable[[int], str | None]:
    return lambda _seq: key


def checked_journals(store: CentralCopies) -> tuple[dict[str, list[Entry]], list[str]]:
    """Every terminal's central copy, each checked (chain and signatures, db/central/chain_checks.copy_problem):
    what a report built from the central ledger reads, and one sentence per damaged copy it must show."""
    journals: dict[str, list[Entry]] = {}
    problems: list[str] = []
    from db.central.admin import CentralAdmin
    from db.central.chain_checks import copy_problem

    admin = CentralAdmin(store.engine, clock=store.clock)
    for tid in store.terminal_ids():
        journals[tid] = store.journal(tid)
        history = admin.key_history(tid)  # after a re-key: each entry with the key of its time
        # app/signing's rule, as the push checked the copy (a signature at each key's last entry and the head)
        key_for = history.key_for if history.keys else _one_key(store.public_key(tid))
        problem = copy_problem(journals[tid], tid, key_for)
        if problem is not None:
            problems.append(
                f"总部留存的终端 {tid} 流水校验未通过（{problem}）：本报表的数字可能被改动，请信息部门核查。"
            )
    return journals, problems
