"""Head office's one-time signing work on a ledger, on head office's side (issue 29).

Publishing head office's public key (counters pin it at their first pull), signing rows nobody signed yet (a
ledger from before c0005, refund orders from before c0010) and signing again what a revision changed the
meaning of a signature for (c0008: the row's txn; c0018: a bill's late fee paid and waived) used to run inside
CentralStore.open, whoever opened the ledger with the key: the console, a read-only `central terminals`, each
counter of an embedded ledger, each in a write transaction (on the embedded ledger: its write lock).

Now opening a ledger writes no row. This runs
- in head office's commands that write (cli/central.open_admin: `central project`, `central projector`,
  provisioning, imports, repairs), checked first by one read, so a ledger with nothing due takes no write lock;
- in the open that itself upgraded the schema (a migration writes anyway, once; on the embedded ledger of a
  demo or a small hall the counter's process is head office's too, and its key is beside central.db).
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, select

from app.signing import Signer
from db.central.pull import hq_public_key
from db.central.refunds import sign_unsigned_refunds
from db.central.rowsign import ROW_SIGNING, ROW_SIGNING_NOW, publish, resign_due, sign_unsigned
from db.central_schema import central_meta, central_refunds


def upkeep_due(conn: Connection) -> bool:
    """Anything for head office's key to do: its key not published, a revision's re-signing not done, a refund
    order unsigned. Reads only."""
    if not hq_public_key(conn):
        return True
    done = conn.execute(select(central_meta.c.value).where(central_meta.c.key == ROW_SIGNING)).scalar()
    if done != ROW_SIGNING_NOW:
        return True
    r = central_refunds.c
    unsigned = select(r.refund_id).where(r.signature.is_(None)).where(r.signer.is_(None)).limit(1)
    return conn.execute(unsigned).first() is not None


def hq_upkeep(engine: Engine, hq: Signer) -> bool:
    """Do what is due (upkeep_due) in one transaction; False, after one read, when nothing is."""
    with engine.connect().execution_options(hallpay_write=False) as conn:
        due = upkeep_due(conn)
        conn.rollback()
    if not due:
        return False
    with engine.begin() as conn:
        if publish(conn, hq) | resign_due(conn):  # both: each notes what it did
            sign_unsigned(conn, hq)
        sign_unsigned_refunds(conn, hq)  # refund orders from before c0010 (reads central_refunds only)
    return True
