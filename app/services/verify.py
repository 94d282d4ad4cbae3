"""Walk the journal's hash chain: the first damaged entry, or None."""

from __future__ import annotations

from dataclasses import dataclass

from app.journal import ChainProblem, verify_chain
from app.services.context import Context


@dataclass(frozen=True)
class VerifyReport:
    entries: int
    head_hash: str
    problem: ChainProblem | None

    @property
    def ok(self) -> bool:
        return self.problem is None


def verify_local(ctx: Context) -> VerifyReport:
    count = 0
    head = ""

    def counted():  # type: ignore[no-untyped-def]
        nonlocal count, head
        for entry in uow.journal.entries():
            count += 1
            head = entry.hash
            yield entry

    with ctx.uow() as uow:
        problem = verify_chain(counted(), ctx.terminal.terminal_id)
    return VerifyReport(count, head, problem)
