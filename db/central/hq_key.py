"""Head office's signing key is part of set-up, never an afterthought (issue 27).

Every head-office command that writes rows counters pull (clerks, terminals' certificates, customers, bills)
must sign them with head office's key (db/central/rowsign.py). On PostgreSQL the key is the file
HALLPAY_HQ_KEY names; without it those rows would be written unsigned, and every counter would then refuse
its pull with a tampering alarm for what was a set-up slip. So before such a command opens the ledger:

- no key path (PostgreSQL, HALLPAY_HQ_KEY unset): refused, one sentence naming HALLPAY_HQ_KEY;
- a path whose file is missing while the ledger already published a key: refused (a new key would sign rows
  no counter trusts), naming the path and the published key's fingerprint;
- a path whose file is missing and a ledger that has no key yet: the key is created there (the first
  head-office command), and the caller says where it lives;
- a key that is not the one the ledger published: refused.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.engine import URL
from sqlalchemy.exc import SQLAlchemyError

from app.errors import Refused
from app.messages import coded
from app.provisioning import fingerprint
from db.central.engine import make_engine
from db.central.pull import HQ_PUBLIC
from db.central.rowsign import hq_key_path
from db.central_schema import central_meta
from db.keys import load_or_create_key

HQ_KEY_ENV = "HALLPAY_HQ_KEY"


@dataclass(frozen=True)
class HqKeyPlace:
    path: Path
    created: bool  # the key did not exist: this command creates it (say where it lives)


def published_key(url: URL) -> str:
    """Head office's public key as the ledger published it; "" for a new ledger (or one not yet migrated)."""
    engine = make_engine(url)
    try:
        with engine.connect() as conn:
            return str(
                conn.execute(select(central_meta.c.value).where(central_meta.c.key == HQ_PUBLIC)).scalar()
                or ""
            )
    except SQLAlchemyError:
        return ""
    finally:
        engine.dispose()


def require_hq_key(url: URL) -> HqKeyPlace:
    """Where head office's key is for this ledger, or Refused with one sentence; changes nothing."""
    path = hq_key_path(url)
    if path is None:
        raise coded(Refused, "central.hq_key_missing", env=HQ_KEY_ENV)
    if path.exists():
        held = load_or_create_key(path).public_key_hex
        known = published_key(url)
        if known and known != held:  # it would sign rows no counter trusts
            raise coded(
                Refused,
                "central.hq_key_wrong",
                env=HQ_KEY_ENV,
                fingerprint=fingerprint(held),
                published=fingerprint(known),
            )
        return HqKeyPlace(path, False)
    new_file = url.get_backend_name() == "sqlite" and not Path(url.database or "").exists()
    known = "" if new_file else published_key(url)
    if known:
        raise coded(
            Refused,
            "central.hq_key_not_found",
            env=HQ_KEY_ENV,
            path=str(path),
            fingerprint=fingerprint(known),
        )
    return HqKeyPlace(path, True)
