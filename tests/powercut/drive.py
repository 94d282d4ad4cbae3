"""Two operations of the power-cut test that have no command of their own, run as their own process.

`settings DATA PATH`: the settings page's save (`change_and_reload`, supervisor-approved, journaled) setting
[backup] path. `rekey DATA`: `terminal rekey`'s use case (app/services/rekey.py) with head office's registration answered
here (head office's disk is not this PC's): the staged key, the key history committed, the key swapped in."""

from __future__ import annotations

import sys
from pathlib import Path
from types import SimpleNamespace
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))


def settings(data_dir: Path, backup: str) -> None:
    from app.services.settings_change import change_and_reload
    from bootstrap import open_terminal

    w = open_terminal(data_dir, generated_customers=0)
    try:
        change_and_reload(
            w.ctx, w.config.path, w.config.data, {"backup": {"path": backup}}, "C01", "S01", "999999"
        )
    finally:
        w.store.close()


class _LocalDesk:
    """Head office's registration, answered here: its disk is not this PC's, so it takes no part in the cut."""

    def register_key(
        self, terminal_id: str, public_key_hex: str, from_seq: int, old_signature: str = ""
    ) -> Any:
        from app.provisioning import fingerprint

        return SimpleNamespace(fingerprint=fingerprint(public_key_hex), state="active", from_seq=from_seq)


def rekey(data_dir: Path) -> None:
    """app/services/rekey.py itself, on this PC's files (db/provision_local.TerminalKeys)."""
    from app.services.rekey import rekey as use_case
    from db.local_store import open_local_store
    from db.provision_local import TerminalKeys

    store = open_local_store(data_dir / "local.db")
    try:
        use_case(_LocalDesk(), store, TerminalKeys(data_dir), _terminal_id(data_dir))
    finally:
        store.close()


def _terminal_id(data_dir: Path) -> str:
    from app.config import load_config

    return load_config(data_dir / "config.toml").terminal_id


if __name__ == "__main__":
    what, data = sys.argv[1], Path(sys.argv[2])
    if what == "settings":
        settings(data, sys.argv[3])
    else:
        rekey(data)
    print("done", flush=True)
