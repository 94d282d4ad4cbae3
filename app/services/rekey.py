"""`terminal rekey` (issue 17): a new key, signed over by the old one, registered centrally from the next
entry on; the old key's entries stay verifiable (both sides keep the key history).

The order is what survives a power cut: the new key is staged (terminal.key.new) before head office hears of
it, the key history commits after head office registered it, and only then is the new key swapped in
(`KeyFiles.adopt_staged`); a re-key cut short resumes with the same staged key. The command line
(cli/terminal.py) wires the adapters (db/provision_local.py) and renders the result.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from app.provisioning import KEY_HISTORY, KeyHistory, fingerprint, rekey_message
from app.store import ReadUnitOfWork, UnitOfWork


class Key(Protocol):
    @property
    def public_key_hex(self) -> str: ...

    def sign_hash(self, hash_hex: str) -> str: ...


class KeyFiles(Protocol):
    """The terminal's key files (db/keys.py): the key in use, a staged new one, and the swap."""

    def finish_pending(self, current_key: Callable[[], str | None]) -> object: ...

    def current(self) -> Key: ...

    def staged(self) -> Key: ...

    def adopt_staged(self) -> None: ...


class Registration(Protocol):
    fingerprint: str
    state: str  # active | pending
    from_seq: int


class KeyDesk(Protocol):
    """Head office's side of a re-key (db/provision_local.HeadOfficeDesk)."""

    def register_key(
        self, terminal_id: str, public_key_hex: str, from_seq: int, old_signature: str = ""
    ) -> Registration: ...


class Store(Protocol):
    def uow(self) -> UnitOfWork: ...

    def reader(self) -> ReadUnitOfWork: ...


@dataclass(frozen=True)
class Rekeyed:
    terminal_id: str
    old_fingerprint: str
    fingerprint: str
    from_seq: int
    state: str


def rekey(head: KeyDesk, store: Store, keys: KeyFiles, terminal_id: str) -> Rekeyed:
    with store.reader() as uow:
        last = uow.journal.head()[0]
        history = KeyHistory.parse(uow.settings.get(KEY_HISTORY))
    keys.finish_pending(lambda: history.current)  # the last re-key's swap, if a power cut stopped it
    old = keys.current()
    new = keys.staged()  # a re-key that crashed after registering resumes with the same key
    signature = old.sign_hash(rekey_message(terminal_id, new.public_key_hex, last + 1))
    reg = head.register_key(terminal_id, new.public_key_hex, last + 1, old_signature=signature)
    with store.uow() as uow:
        known = history if history.keys else KeyHistory.of([(1, old.public_key_hex)])
        uow.settings.set(KEY_HISTORY, known.added(reg.from_seq, new.public_key_hex).as_text())
        uow.commit()
    keys.adopt_staged()
    return Rekeyed(terminal_id, fingerprint(old.public_key_hex), reg.fingerprint, reg.from_seq, reg.state)
