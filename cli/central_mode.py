"""`python main.py central projector [--mode inline|service] [--json]`: the ledger's projector mode (issue 29).

Without --mode it says the ledger's mode, who set it and when, and how many entries wait for the projector.
With --mode, head office (its key at hand: cli/central.open_admin) records the mode every counter of the ledger
follows from its next push, whatever its own config.toml says (db/central/mode.py). "service": pushes only
append and `central project` folds, signed by head office; "inline": each push folds in its own transaction,
signed by the pushing counter's certified key (the embedded ledger of a demo or a small hall). Going back to
inline, head office first folds what is pending, with its key.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any

from app.clock import utc_text
from app.messages import message
from cli.output import actor, say
from cli.render import emit_json


def run_mode(args: argparse.Namespace, open_admin: Callable[..., tuple[Any, Any, Any]]) -> int:
    """open_admin: cli/central.py's, passed in (no import back)."""
    from db.central.mode import ledger_mode, mode_record, set_mode
    from db.central.projector import pending_count

    wanted = getattr(args, "mode", None)
    store, _admin, _created = open_admin(args.central, args.data_dir, writes=wanted is not None)
    try:
        if wanted is not None:
            change = set_mode(store.engine, wanted, actor(args.by), utc_text(store.clock.now_utc()), store.hq)
        with store.engine.connect() as conn:
            mode, record, pending = ledger_mode(conn), mode_record(conn), pending_count(conn)
            conn.rollback()
    finally:
        store.close()
    if args.json:
        out: dict[str, Any] = {"mode": mode, "pending": pending}
        out["set_at"], out["set_by"] = (record[1], record[2]) if record else (None, None)
        if wanted is not None:
            out.update(changed=change.changed, before=change.before, folded=change.folded.applied)
        emit_json(out)
        return 0
    if wanted is None:
        since = message("projector.mode_since", by=record[2], at=record[1]) if record else ""
        say(message("projector.mode_is", mode=mode, since=since, pending=pending))
    elif not change.changed:
        say(message("projector.mode_same", mode=mode))
    else:
        folded = (
            message("projector.mode_folded", applied=change.folded.applied) if change.folded.applied else ""
        )
        say(message("projector.mode_set", before=change.before, after=mode, folded=folded))
    return 0
