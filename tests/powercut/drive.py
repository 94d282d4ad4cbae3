"""Two operations of the power-cut test that have no command of their own, run as their own process.

`settings DATA PATH`: the settings page's save (`change_and_reload`, supervisor-approved, journaled) setting
[backup] path. `rekey DATA`: `terminal rekey` as cli/terminal.py runs it, minus head office's registration
(head office's disk is not this PC's): the staged key, the key history committed, the key swapped in."""

from __future__ import annotations

import sys
from pathlib import Path

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


def rekey(data_dir: Path) -> None:
    from app.provisioning import KEY_HISTORY, KeyHistory
    from db.keys import adopt_staged, load_or_create_signer, staged_signer
    from db.local_store import open_local_store

    store = open_local_store(data_dir / "local.db")
    try:
        old = load_or_create_signer(data_dir)
        with store.reader() as uow:
            head = uow.journal.head()[0]
            history = KeyHistory.parse(uow.settings.get(KEY_HISTORY) or "")
        new = staged_signer(data_dir)
        with store.uow() as uow:
            keys = history if history.keys else KeyHistory.of([(1, old.public_key_hex)])
            uow.settings.set(KEY_HISTORY, keys.added(head + 1, new.public_key_hex).as_text())
            uow.commit()
        adopt_staged(data_dir)
    finally:
        store.close()


if __name__ == "__main__":
    what, data = sys.argv[1], Path(sys.argv[2])
    if what == "settings":
        settings(data, sys.argv[3])
    else:
        rekey(data)
    print("done", flush=True)
