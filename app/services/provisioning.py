"""This PC as a real terminal of a hall, or a dead PC's counter on a new one (issue 17): the use case.

`provision` asks head office who the terminal is (its hall), registers a new key for a production terminal
(a refusal, e.g. "not approved", leaves the data directory untouched), then lays the directory out: the key,
config.toml from the one template (app/config.py: every value escaped, so a `"` in a hall name stays text),
local.db's identity, and the first pull or, for `restore`, the journal and what is rebuilt from it.
The command line (cli/terminal.py) parses, wires the adapters (db/provision_local.py) and renders.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from app.config import write_new_config
from app.errors import InputError, Refused
from app.messages import coded
from app.provisioning import KeyHistory, check_id, set_identity
from app.store import ReadUnitOfWork, UnitOfWork


class Registered(Protocol):
    fingerprint: str
    state: str  # active | pending


class HeadOffice(Protocol):
    """What provisioning asks of head office (db/provision_local.HeadOfficeDesk over the central ledger)."""

    def terminal_info(self, terminal_id: str) -> Mapping[str, Any]: ...

    def key_history(self, terminal_id: str) -> KeyHistory: ...

    def acked_seq(self, terminal_id: str) -> int: ...

    def register_key(self, terminal_id: str, public_key_hex: str, from_seq: int) -> Registered: ...

    def certified(self, terminal_id: str) -> bool: ...


class NewStore(Protocol):
    """The new PC's local.db, with the two ways its rows come from head office."""

    def uow(self) -> UnitOfWork: ...

    def reader(self) -> ReadUnitOfWork: ...

    def pull_everything(self) -> None: ...

    def restore(self, terminal_id: str, hall_name: str, history: KeyHistory) -> tuple[int, int]: ...

    def close(self) -> None: ...


class NewKey(Protocol):
    @property
    def public_key_hex(self) -> str: ...


@dataclass(frozen=True)
class Request:
    terminal_id: str
    url: str
    backup: str = ""
    training: bool = False
    printer: str = "none"
    card: str = "pcsc"
    restore: bool = False


@dataclass(frozen=True)
class Provisioned:
    terminal_id: str
    hall_name: str
    mode: str
    key_fingerprint: str
    key_state: str  # active | pending | training
    registered_fingerprint: str  # the key head office registered ("" on a training terminal)
    certified: bool | None
    clerks: list[str]
    customers: int
    entries: int = 0
    receipts: int = 0


@dataclass(frozen=True)
class Directory:
    """The data directory being made: where, and the adapters that write its key and its card master key."""

    path: Path
    save_key: Callable[[Path, Any], object]
    ensure_master_key: Callable[[Path], object]


def check_empty(path: Path) -> None:
    if path.exists() and any(path.iterdir()):
        raise coded(Refused, "terminal.dir_not_empty", data_dir=path)


def provision(
    head: HeadOffice, here: Directory, open_store: Callable[[Path], NewStore], request: Request, key: NewKey
) -> Provisioned:
    tid = check_id(request.terminal_id, "终端号")
    check_empty(here.path)
    if request.restore and request.training:
        raise coded(InputError, "terminal.training_restore")
    mode = "training" if request.training else "production"
    info = head.terminal_info(tid)
    hall_name, hall_id = str(info["hall_name"]), str(info["hall_id"])
    history = head.key_history(tid) if request.restore else KeyHistory(())
    acked = head.acked_seq(tid) if request.restore else 0
    reg: Registered | None = None
    certified: bool | None = None
    if mode == "production":  # a refusal here (not approved) leaves the directory untouched
        reg = head.register_key(tid, key.public_key_hex, acked + 1)
        certified = reg.state == "active" and head.certified(tid)
    lay_out(here, key, request, tid=tid, hall_name=hall_name, hall_id=hall_id, mode=mode)
    keys = history.added(acked + 1, key.public_key_hex) if mode == "production" else history
    store = open_store(here.path / "local.db")
    try:
        with store.uow() as uow:
            set_identity(uow.settings, tid, hall_id, hall_name, mode, keys.as_text())
            uow.commit()
        entries = receipts = 0
        if request.restore:
            entries, receipts = store.restore(tid, hall_name, history)
        else:
            store.pull_everything()
        with store.reader() as read:
            clerks = [c.clerk_id for c in read.settings.all_clerks()]
            customers = read.customers.count()
    finally:
        store.close()
    return Provisioned(
        terminal_id=tid,
        hall_name=hall_name,
        mode=mode,
        key_fingerprint=key.public_key_hex[:16],
        key_state=reg.state if reg else "training",
        registered_fingerprint=reg.fingerprint if reg is not None else "",
        certified=certified,
        clerks=clerks,
        customers=customers,
        entries=entries,
        receipts=receipts,
    )


def lay_out(
    here: Directory, key: NewKey, request: Request, *, tid: str, hall_name: str, hall_id: str, mode: str
) -> None:
    """The directory, its key and config.toml (0600, the one template with this terminal's values)."""
    here.path.mkdir(parents=True, exist_ok=True)
    for sub in ("receipts", "reports", "logs"):
        (here.path / sub).mkdir(exist_ok=True)
    here.save_key(here.path, key)
    config_path = here.path / "config.toml"
    write_new_config(
        config_path,
        {
            "": {
                "terminal_id": tid,
                "hall_name": hall_name,
                "hall_id": hall_id,
                "mode": mode,
                "clerk": "",
            },
            "printer": {"kind": request.printer},
            "card": {"kind": request.card},
            "central": {"url": request.url},
            "backup": {"path": request.backup},
        },
    )
    here.ensure_master_key(config_path)
