"""The counter's next batch read while head office works on this one (issue 29).

A drain alternated: read 500 entries from the local journal (SQLite, then the payloads' JSON), push them, wait
for head office, read the next 500. The read of batch k+1 needs only where batch k ends, so one worker thread
reads it during batch k's push (SQLite and the network wait both release the GIL). Nothing is written here: the
acknowledgements stay in the drain's own thread, in order, and a read-ahead that the push's answer makes
useless (an alarm, a shorter acknowledgement) is dropped.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from typing import Protocol

from app.journal import Entry


class Reader(Protocol):
    def entries_after(self, seq: int, limit: int) -> list[Entry]: ...

    def head_seq(self) -> int: ...


class ReadAhead:
    """`batch(after)`: the entries after `after` and the journal's head, read ahead when `ahead(after)` asked
    for them, else now. Use as a context manager: the worker ends with the drain."""

    def __init__(self, outbox: Reader, batch_size: int) -> None:
        self._outbox = outbox
        self._size = batch_size
        self._pool = ThreadPoolExecutor(1, thread_name_prefix="outbox-read")
        self._next: tuple[int, Future[tuple[list[Entry], int]]] | None = None

    def _read(self, after: int) -> tuple[list[Entry], int]:
        return self._outbox.entries_after(after, self._size), self._outbox.head_seq()

    def ahead(self, after: int) -> None:
        self._next = (after, self._pool.submit(self._read, after))

    def batch(self, after: int) -> tuple[list[Entry], int]:
        ready, self._next = self._next, None
        if ready is not None:
            seq, future = ready
            found = future.result()  # a read that failed raises here, in the drain's thread
            if seq == after:
                return found
        return self._read(after)

    def __enter__(self) -> ReadAhead:
        return self

    def __exit__(self, *exc: object) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)
