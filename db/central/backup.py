"""Head office's ledger backed up, and the backup proved (issue 31): `central backup` and `central restore-check`.

Why pg_dump (custom format) and not a base backup with WAL archiving: the central PostgreSQL is a few GB a year
(876,000 entries ≈ 1 GB with indexes), so a nightly dump takes minutes; it is one file that IT copies off the
server, restores on any PostgreSQL of the same or a newer major version, and that `restore-check` can prove
restorable and right (restore, then fold the books and check every chain) without touching the live server.
Point-in-time recovery (base backup + WAL) loses less — the last minutes instead of the last night — but needs an
archive on another machine and a drill of its own; the counters hold every entry head office lost since the dump
and push it again at their next sync (the journal is the outbox), so a night's loss at head office is re-sent,
not lost. docs/install.md "Head office's backups" has the drill.

The connection is the ledger's URL (`--central`, password from HALLPAY_CENTRAL_PASSWORD, passed to the tools as
PGPASSWORD, never on their command line); the tools come from HALLPAY_PG_BIN, the PATH, or Debian's
/usr/lib/postgresql/<newest>/bin.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import URL

from app.durable import replacing
from app.errors import InputError
from app.messages import coded

DUMP_TIMEOUT_S = 6 * 3600  # a province's year dumps in minutes; a hung server must not hold the job for ever


@dataclass(frozen=True)
class RestoreReport:
    database: str  # the scratch database (dropped unless kept)
    entries: int
    chains: int
    chain_problems: tuple[str, ...]  # one line per damaged chain (db/central/chain_checks.py, whole)
    book_differences: tuple[
        str, ...
    ]  # one line per stored value the fold disagrees with (db/central/books.py)

    @property
    def ok(self) -> bool:
        return not self.chain_problems and not self.book_differences


def pg_tool(name: str) -> Path:
    """pg_dump / pg_restore: HALLPAY_PG_BIN, the PATH, else the newest /usr/lib/postgresql/*/bin."""
    where = os.environ.get("HALLPAY_PG_BIN", "")
    if where and (Path(where) / name).exists():
        return Path(where) / name
    found = shutil.which(name)
    if found:
        return Path(found)
    versions = sorted(
        Path("/usr/lib/postgresql").glob(f"*/bin/{name}"),
        key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0,
    )
    if versions:
        return versions[-1]
    raise coded(InputError, "hqbackup.tool_missing", tool=name)


def _postgres(url: URL) -> URL:
    if url.get_backend_name() != "postgresql":
        raise coded(InputError, "hqbackup.not_postgres")
    return url


def _conninfo(url: URL, database: str | None = None) -> str:
    """libpq's key=value string without the password (it goes in PGPASSWORD: never on a command line)."""
    from psycopg.conninfo import make_conninfo

    parts = {"host": url.host, "port": url.port, "user": url.username, "dbname": database or url.database}
    return make_conninfo(**{k: str(v) for k, v in parts.items() if v})


def _env(url: URL) -> dict[str, str]:
    env = dict(os.environ)
    if url.password:
        env["PGPASSWORD"] = str(url.password)
    return env


def _run(tool: str, args: list[str], url: URL) -> None:
    try:
        done = subprocess.run(
            [str(pg_tool(tool)), *args], env=_env(url), capture_output=True, text=True, timeout=DUMP_TIMEOUT_S
        )
    except subprocess.TimeoutExpired:
        raise coded(InputError, "hqbackup.failed", tool=tool, detail=f"> {DUMP_TIMEOUT_S} s") from None
    if done.returncode != 0:
        detail = (done.stderr or done.stdout).strip().splitlines()
        raise coded(
            InputError, "hqbackup.failed", tool=tool, detail=detail[-1] if detail else str(done.returncode)
        )


def backup(url: URL, to: Path) -> int:
    """pg_dump of the whole ledger (custom format: compressed, restorable table by table) to `to`, owner-only,
    written beside it and renamed only when whole (app/durable.py); its size in bytes."""
    url = _postgres(url)
    with replacing(to) as tmp:
        os.close(
            os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        )  # customers' data: 0600 from the start
        _run(
            "pg_dump",
            [
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--file={tmp}",
                f"--dbname={_conninfo(url)}",
            ],
            url,
        )
        os.chmod(tmp, 0o600)
    return to.stat().st_size


def _admin(url: URL, statement: str) -> None:
    engine = create_engine(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text(statement))  # names made here (uuid), never user input
    finally:
        engine.dispose()


def restore_check(url: URL, dump: Path, now: str, *, keep: bool = False) -> RestoreReport:
    """Restore `dump` into a new scratch database on `url`'s server (its user needs CREATEDB), bring it to this
    version's schema, check every chain whole and fold the books; drop the scratch database unless `keep`."""
    from db.central.books import verify_books
    from db.central.chain_checks import check_chains
    from db.central.engine import make_engine, upgrade_central

    url = _postgres(url)
    if not dump.is_file():
        raise coded(InputError, "hqbackup.no_file", path=str(dump))
    name = "hallpay_restore_" + uuid.uuid4().hex[:12]
    _admin(url, f'CREATE DATABASE "{name}"')
    try:
        _run(
            "pg_restore",
            [
                "--no-owner",
                "--no-privileges",
                "--exit-on-error",
                f"--dbname={_conninfo(url, name)}",
                str(dump),
            ],
            url,
        )
        engine = make_engine(url.set(database=name))
        try:
            upgrade_central(engine)
            chains = check_chains(engine, now, full=True)
            differences = verify_books(engine)
            with engine.connect() as conn:
                entries = int(conn.execute(text("SELECT count(*) FROM central_journal")).scalar_one())
        finally:
            engine.dispose()
    except BaseException:
        if not keep:
            _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        raise
    if not keep:
        _admin(url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    return RestoreReport(
        name,
        entries,
        len(chains),
        tuple(f"{c.terminal_id}: {c.problem}" for c in chains if c.problem),
        tuple(f"{d.stream} {d.key} {d.field}: {d.stored} ≠ {d.recomputed}" for d in differences),
    )
