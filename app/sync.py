"""Sync orchestration: push the journal (the outbox) to the central ledger, pull master data back.

Pure Python: the local outbox, the central ledger and the local master-data sink are ports
(Protocols) that db/ implements. One run (`sync_once`) pushes every entry above the central
acknowledgement in batches, stores the acknowledgement the central ledger reads back after each
commit, then pulls changed customers, bills and policy values page by page. `SyncWorker`
(app/sync_worker.py) repeats that on a plain thread. A counter never waits for any of this to take a payment.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Protocol

from app.applied import POSITION, Applied, Position
from app.errors import HallPayError
from app.journal import GENESIS_HASH, Entry
from app.messages import coded, message
from app.progress import Progress, no_progress

PUSH_BATCH = 500
PULL_PAGE = 1000


class CentralUnavailable(HallPayError):
    """The central ledger cannot be reached now; the sentence never names host, user or password."""


class CentralRefused(HallPayError):
    """The central ledger answered but refused the request (a defect or a damaged entry)."""


@dataclass(frozen=True)
class Ack:
    """The highest contiguous sequence the central ledger holds for a terminal, and its hash."""

    seq: int = 0
    hash: str = GENESIS_HASH


# the kind of alarm a push reports with its entries all taken: they are stored at head office, but held from
# the books because a stored row they would move does not verify (db/central/rowcheck.py); the push goes on
TAMPERED_ROW = "tampered_row"


@dataclass(frozen=True)
class Problem:
    """Something a supervisor must see: an alarm that stops a push, or a case for review."""

    kind: str  # content_mismatch | sequence_gap | chain_break | bad_hash | foreign_entry | fork | ...
    terminal_id: str
    seq: int
    entry_id: str
    reason: str  # one sentence, Chinese (kept with a review case, logged)
    code: str = ""  # app/message_table.py: decide by the code, say it in the reader's language
    params: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __str__(self) -> str:
        return self.reason

    @classmethod
    def coded(
        cls, kind: str, terminal_id: str, seq: int, entry_id: str, code: str, /, **params: Any
    ) -> Problem:
        return cls(kind, terminal_id, seq, entry_id, message(code, **params), code, params)


@dataclass(frozen=True)
class PushReport:
    accepted: int
    duplicates: int
    ack: Ack
    alarms: tuple[Problem, ...] = ()  # the push stopped here; nothing after the first alarm was taken
    cases: int = 0  # review cases opened (double payments ...); the money is kept, the case flagged


@dataclass(frozen=True)
class PullPage:
    table: str  # customers | bills | policy
    rows: list[dict[str, Any]]
    cursor: int  # the table's cursor to store once this page is applied


@dataclass(frozen=True)
class ReviewCase:
    case_id: str
    kind: str
    terminal_id: str
    seq: int
    entry_id: str
    customer_no: str | None
    bill_id: str | None
    amount_fen: int
    detail: str
    created_at: str
    resolved_at: str | None


class Outbox(Protocol):
    """The local journal seen as the outbox, and where the acknowledgement is kept."""

    def entries_after(self, seq: int, limit: int) -> list[Entry]: ...

    def head_seq(self) -> int: ...

    def hash_at(self, seq: int) -> str | None: ...

    def local_ack(self) -> Ack: ...

    def record_ack(self, ack: Ack) -> None: ...

    def note_central(self, ack: Ack) -> None:
        """Keep what the central ledger last said it holds for this terminal id, whether or not it is this
        journal's: the start-up check compares the journal with it, locally, without the network."""
        ...

    def pending(self) -> int: ...


class CentralLedger(Protocol):
    def ack(self, terminal_id: str) -> Ack: ...

    def push(
        self,
        terminal_id: str,
        hall_name: str,
        entries: Sequence[Entry],
        public_key: str = "",
        head_seq: int | None = None,
    ) -> PushReport:
        """One batch. Entries travel with their signatures; `public_key` (the terminal's Ed25519 key,
        hex) is registered on the first push, and a signature that does not verify is an alarm.
        `head_seq`: the counter's last local sequence number, kept centrally only to show how many entries
        are still waiting there (a claim, never used for money); an empty batch carries just that."""
        ...

    def pull(self, cursors: Mapping[str, int], page_size: int) -> Iterator[PullPage]: ...


class MasterSink(Protocol):
    """The local store's side of pull: cursors, and one transaction per applied page."""

    def pull_cursors(self) -> dict[str, int]: ...

    def apply_page(self, page: PullPage) -> int: ...

    def check_pages(self, pages: Sequence[PullPage]) -> list[Problem]:
        """What in these pages the counter must refuse (a bill changed with no record that explains it);
        when anything is refused, no page is applied."""
        ...


@dataclass(frozen=True)
class SyncResult:
    pushed: int
    duplicates: int
    pulled: int
    pending: int
    ack: Ack
    alarms: tuple[Problem, ...] = ()
    cases: int = 0
    # head office's books: how far they applied this counter (app/applied.py); None when it did not say
    applied: Applied | None = None


def push_pending(
    outbox: Outbox,
    central: CentralLedger,
    terminal_id: str,
    hall_name: str,
    batch_size: int = PUSH_BATCH,
    public_key: str = "",
    progress: Progress = no_progress,
) -> tuple[int, int, Ack, tuple[Problem, ...], int]:
    """Push entries above the central acknowledgement; returns (pushed, duplicates, ack, alarms, cases).

    An acknowledgement becomes this terminal's own (record_ack, which `pending` counts from) only when it
    names an entry of this journal: after a fork alarm, what the other machine got acknowledged is never
    taken for this one's, so "待上传" keeps counting what this machine's central copy lacks."""
    ack = central.ack(terminal_id)
    outbox.note_central(ack)
    alarms = _check_ack(outbox, terminal_id, ack)
    if alarms:
        local = outbox.local_ack()
        # offer this journal's own entries anyway: under another machine's key they are quarantined
        # centrally (never lost, never counted); under this key they are refused as changed. Without a
        # key, only the head goes: head office sees this disk's head below its acknowledgement.
        batch = outbox.entries_after(local.seq, batch_size) if public_key else []
        report = central.push(terminal_id, hall_name, batch, public_key, head_seq=outbox.head_seq())
        return 0, report.duplicates, local, report.alarms + alarms, report.cases
    outbox.record_ack(ack)
    total = max(0, outbox.head_seq() - ack.seq)
    progress(0, total)
    return _drain(outbox, batch_size, central, terminal_id, hall_name, public_key, ack, total, progress)


def _drain(
    outbox: Outbox,
    batch_size: int,
    central: CentralLedger,
    terminal_id: str,
    hall_name: str,
    public_key: str,
    ack: Ack,
    total: int,
    progress: Progress,
) -> tuple[int, int, Ack, tuple[Problem, ...], int]:
    pushed = duplicates = cases = 0
    told: tuple[Problem, ...] = ()  # alarms of batches taken whole
    while True:
        batch, head = outbox.entries_after(ack.seq, batch_size), outbox.head_seq()
        if not batch and (pushed or duplicates):
            break  # the last batch's push already reported the head
        # an empty batch is the heartbeat: the head of a terminal with nothing waiting, so head office
        # can show it is up to date
        report = central.push(terminal_id, hall_name, batch, public_key, head_seq=head)
        if not batch:
            break
        pushed += report.accepted
        duplicates += report.duplicates
        cases += report.cases
        if report.alarms and all(a.kind == TAMPERED_ROW for a in report.alarms):
            # every entry taken, some held for review at head office (a tampered row): say so, go on
            outbox.record_ack(report.ack)  # notes the central ledger's word with it (one local write)
            outbox.note_central(report.ack)
            told += report.alarms
        elif report.alarms:
            outbox.note_central(report.ack)
            mine = report.ack.seq == 0 or outbox.hash_at(report.ack.seq) == report.ack.hash
            if mine:
                outbox.record_ack(report.ack)
            return (
                pushed,
                duplicates,
                report.ack if mine else outbox.local_ack(),
                (*told, *report.alarms),
                cases,
            )
        else:
            outbox.record_ack(report.ack)
            outbox.note_central(report.ack)
        progress(pushed + duplicates, max(total, pushed + duplicates))
        if report.ack.seq <= ack.seq:
            raise coded(CentralRefused, "sync.not_accepted", seq=batch[0].seq)
        ack = report.ack
    return pushed, duplicates, ack, told, cases


def _check_ack(outbox: Outbox, terminal_id: str, ack: Ack) -> tuple[Problem, ...]:
    """The central copy must be a prefix of this journal; otherwise stop and say so."""
    if ack.seq == 0:
        return ()
    head = outbox.head_seq()
    if ack.seq > head:
        return (Problem.coded("ahead", terminal_id, ack.seq, "", "sync.ahead", seq=ack.seq, head=head),)
    if outbox.hash_at(ack.seq) != ack.hash:
        return (Problem.coded("fork", terminal_id, ack.seq, "", "sync.fork_local", seq=ack.seq),)
    return ()


def pull_checked(
    central: CentralLedger, sink: MasterSink, page_size: int = PULL_PAGE
) -> tuple[int, tuple[Problem, ...]]:
    """Every page of one pull is checked before any is applied: a refused row leaves the counter's master
    data and cursors as they were (the next pull brings the same rows again) and comes back as an alarm."""
    pulled, refused, _position = pull_positioned(central, sink, page_size)
    return pulled, refused


def pull_positioned(
    central: CentralLedger, sink: MasterSink, page_size: int = PULL_PAGE
) -> tuple[int, tuple[Problem, ...], Position | None]:
    """pull_checked, and the projector's position the pull carried (its `position` page), if any."""
    pages = list(central.pull(sink.pull_cursors(), page_size))
    position = next((Position.from_rows(p.rows) for p in pages if p.table == POSITION), None)
    refused = tuple(sink.check_pages(pages))
    if refused:
        return 0, refused, position
    return sum(sink.apply_page(page) for page in pages), (), position


def pull_changes(central: CentralLedger, sink: MasterSink, page_size: int = PULL_PAGE) -> int:
    return pull_checked(central, sink, page_size)[0]


def sync_once(
    outbox: Outbox,
    central: CentralLedger,
    sink: MasterSink,
    terminal_id: str,
    hall_name: str,
    *,
    batch_size: int = PUSH_BATCH,
    page_size: int = PULL_PAGE,
    public_key: str = "",
    progress: Progress = no_progress,
) -> SyncResult:
    """One push and one pull. Pull follows a fresh acknowledgement, so pending entries are exact.
    progress: entries pushed so far, of those pending when the push began."""
    pushed, duplicates, ack, alarms, cases = push_pending(
        outbox, central, terminal_id, hall_name, batch_size, public_key, progress
    )
    pulled, refused, position = pull_positioned(central, sink, page_size)
    applied = None if position is None else Applied.of(position, terminal_id, ack.seq)
    return SyncResult(pushed, duplicates, pulled, outbox.pending(), ack, (*alarms, *refused), cases, applied)
