"""Helpers of the backup, restore and full-disk tests (issue 11)."""

from __future__ import annotations

import datetime as dt
import re
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from app.config import load_config
from app.model import Method
from app.services.payments import PayRequest, pay

PREPAID = "1000000004"  # nothing due, 20.00 balance: every payment is a prepayment


def configure_backup(w: Any, backup_dir: Path) -> None:
    """Point the terminal's [backup] path at backup_dir (config.toml and the live Config)."""
    backup_dir.mkdir(parents=True, exist_ok=True)
    path = w.config.path
    text = re.sub(
        r'(?m)^path = ".*?"', f'path = "{backup_dir.as_posix()}"', path.read_text(encoding="utf-8"), count=1
    )
    path.write_text(text, encoding="utf-8")
    w.config = load_config(path)


def prepay(w: Any, yuan: int = 1, customer_no: str = PREPAID) -> Any:
    return pay(
        w.ctx, PayRequest(customer_no, Method.CASH, "C01", amount_fen=yuan * 100, tendered_fen=yuan * 100)
    )


def pay_due(w: Any, customer_no: str) -> Any:
    """Exactly what is due, in exact cash."""
    return pay(w.ctx, PayRequest(customer_no, Method.CASH, "C01"))


def sync(w: Any) -> Any:
    from app.services.sync import run_sync

    return run_sync(w.sync_link())


def backup(w: Any) -> Any:
    from app.services.backup import backup_now

    return backup_now(w.backup_target(), lambda: dt.datetime.now(dt.UTC))


def journal_rows(db: Path) -> list[tuple]:
    with closing(sqlite3.connect(db)) as conn:
        return conn.execute("SELECT seq, entry_id, hash FROM journal ORDER BY seq").fetchall()


def receipts(w: Any) -> dict[str, tuple[int, str]]:
    """receipt_no -> (entry seq, entry hash) as the store holds them."""
    with w.store.reader() as uow:
        rows = uow.connection.exec_driver_sql(
            "SELECT r.receipt_no, r.entry_seq, j.hash FROM receipts r JOIN journal j ON j.seq = r.entry_seq"
        ).all()
    return {r[0]: (int(r[1]), r[2]) for r in rows}


def balance(w: Any, customer_no: str = PREPAID) -> int:
    with w.store.reader() as uow:
        c = uow.customers.get(customer_no)
    assert c is not None
    return c.balance_fen


def disk_image(w: Any, to: Path) -> Path:
    """A copy of local.db as an image of the disk would hold it now (committed WAL included)."""
    with closing(sqlite3.connect(w.store.path)) as src, closing(sqlite3.connect(to)) as dst:
        src.backup(dst)
    return to


def verify(w: Any) -> Any:
    from app.services.verify import verify_local

    return verify_local(w.ctx)
