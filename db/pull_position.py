"""The counter's copy of head office's projector position (issue 29, app/applied.py), in local.db's sync_state.

The `position` page of each pull is kept whole (what the status bar and `sync --json` say) and, apart, the last
of this counter's entries head office had applied in that pull's snapshot: the rows pulled after it hold this
counter's entries up to there and none after, so db/pull_merge.py adds this counter's entries above it (not
above its acknowledgement: with a projector service an acknowledged entry may not be applied yet).
The applied sequence only moves forward here: a position that goes back (a table edited at head office) would
add entries the rows already hold a second time.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlalchemy import select

from app.applied import KEPT, POSITION, Position, merge_base
from app.sync import PullPage
from db.local_schema import journal
from db.settings_repos import SqlSettings
from db.sync_state import read_state, write_state

APPLIED = "central.applied_seq"  # sync_state: this counter's applied sequence (the page itself: meta, KEPT)


def own_terminal(conn: Any) -> str:
    """This counter's terminal id, as its journal carries it ("" before its first entry)."""
    found = conn.execute(select(journal.c.terminal_id).order_by(journal.c.seq.desc()).limit(1)).scalar()
    return str(found or "")


def _ack(conn: Any) -> int:
    return int(read_state(conn, "ack_seq", "0"))


def _stored(conn: Any) -> int | None:
    value = read_state(conn, APPLIED, "")
    return int(value) if value else None


def keep_position(conn: Any, rows: Sequence[dict[str, Any]]) -> None:
    """Keep a pulled position page (inside the caller's write transaction)."""
    ack = _ack(conn)
    applied = Position.from_rows(rows).applied_for(own_terminal(conn), ack)
    before = _stored(conn)
    write_state(conn, {APPLIED: str(applied if before is None else max(before, applied))})
    # in meta, where app/ reads it (uow.settings): the counter's lookup warns of other counters' entries
    SqlSettings(conn).set(KEPT, json.dumps(list(rows), ensure_ascii=False, sort_keys=True))


def unapplied_from(conn: Any, pages: Sequence[PullPage] = ()) -> int:
    """The sequence above which this counter's entries are not in the rows pulled: head office's applied
    position of this counter (the one in `pages` when they carry one, else the one kept), at most its
    acknowledgement; the acknowledgement when head office never said."""
    ack = _ack(conn)
    stored = _stored(conn)
    for page in pages:
        if page.table == POSITION:
            applied = Position.from_rows(page.rows).applied_for(own_terminal(conn), ack)
            stored = applied if stored is None else max(stored, applied)
    return merge_base(stored, ack)


def head_office_position(conn: Any) -> tuple[int | None, Position | None]:
    """(this counter's applied sequence, the last position page) as kept; (None, None) before any."""
    seen = SqlSettings(conn).get(KEPT, "")
    return _stored(conn), (Position.from_rows(json.loads(seen)) if seen else None)
