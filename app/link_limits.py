"""The bounds on every wait a counter or head office has on the central PostgreSQL (issue 25)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LinkLimits:
    """How long anything may wait on head office's PostgreSQL (issue 25): every wait has an end.

    The server ends what a dead client leaves behind: a session idle inside a transaction (the client stopped
    talking mid-push) is ended after `idle_in_transaction_s`, releasing its row locks. A push waiting for
    another's locks waits `lock_s` at most, longer than a dead holder can hold them, so it outlives it; no
    statement runs longer than `statement_s`. The counter ends what the server cannot: a request with no
    answer for `answer_s` (a link that went silent while the TCP connection stays open: a NAT that forgot
    the flow, Wi-Fi gone, a proxy that hangs) means the link is dead; the sync gives up, the status bar says
    offline, and the next attempt reconnects (connecting gives up after `connect_s`). Defaults in config.toml
    [central]; README "Head office link" and docs/install.md say what they mean."""

    connect_s: int = 3
    idle_in_transaction_s: int = 10
    lock_s: int = 15
    statement_s: int = 20
    answer_s: float = 25.0

    def __post_init__(self) -> None:
        # the order that makes each bound the right one to fire: a dead holder goes before its waiters,
        # a waiter's lock wait ends inside its statement, the server answers before the counter gives up
        if not (0 < self.idle_in_transaction_s < self.lock_s <= self.statement_s < self.answer_s):
            raise ValueError(f"central link limits out of order: {self}")
        if self.connect_s <= 0:
            raise ValueError(f"central connect timeout must be positive: {self}")
