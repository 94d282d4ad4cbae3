"""A throw-away PostgreSQL 15 on 127.0.0.1 for tests and `bench`: initdb, pg_ctl start, pg_ctl stop.

Run as root: the server runs as the postgres user (through `runuser`), in a temporary directory
owned by it, on its own port with its socket in that directory. Durability is switched off: the
data is thrown away, and the tests and the bench measure HallPay, not the disk.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

PG_BIN = Path("/usr/lib/postgresql/15/bin")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _as_postgres(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", "postgres", "--", *args], check=True, capture_output=True, text=True, timeout=120
    )


def pg_available() -> str | None:
    """None when a server can be started here, else why not (one sentence)."""
    if not (PG_BIN / "initdb").exists():
        return "PostgreSQL 15 binaries are not installed (Debian package postgresql-15)."
    if shutil.which("runuser") is None or os.geteuid() != 0:
        return "starting PostgreSQL needs root (runuser -u postgres)."
    return None


@dataclass
class PgServer:
    root: Path
    port: int

    @property
    def data(self) -> Path:
        return self.root / "data"

    def cpu_seconds(self) -> float:
        """CPU seconds the server's processes used so far: the postmaster's own and its reaped children's
        (a closed connection's backend), plus the live backends' (Linux /proc; 0.0 elsewhere)."""
        try:
            pid = int((self.data / "postmaster.pid").read_text().split()[0])
            tick = os.sysconf("SC_CLK_TCK")
            total = sum(int(x) for x in _proc_stat(pid)[11:15])
            for name in os.listdir("/proc"):
                fields = _proc_stat(int(name)) if name.isdigit() else None
                if fields and int(fields[1]) == pid:
                    total += int(fields[11]) + int(fields[12])
        except (OSError, ValueError, IndexError):
            return 0.0
        return total / tick

    @property
    def admin_url(self) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/postgres"

    def url(self, database: str, port: int | None = None) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{port or self.port}/{database}"

    def new_database(self, template: str = "") -> str:
        """A fresh database, empty or a copy of `template` (which nobody may be connected to); its name."""
        name = "t_" + uuid.uuid4().hex[:12]
        self._admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        return name

    def drop_database(self, name: str) -> None:
        self._admin(f'DROP DATABASE IF EXISTS "{name}"')

    def _admin(self, statement: str) -> None:
        import psycopg

        with psycopg.connect(
            f"host=127.0.0.1 port={self.port} user=postgres dbname=postgres", autocommit=True
        ) as conn:
            conn.execute(statement.encode())  # names made here (uuid), never user input

    def stop(self) -> None:
        subprocess.run(
            [
                "runuser",
                "-u",
                "postgres",
                "--",
                str(PG_BIN / "pg_ctl"),
                "-D",
                str(self.data),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            capture_output=True,
            timeout=60,
        )
        shutil.rmtree(self.root, ignore_errors=True)


def start_pg(max_connections: int = 50) -> PgServer:
    root = Path(tempfile.mkdtemp(prefix="hallpay-pg-"))
    os.chmod(root, 0o755)
    shutil.chown(root, "postgres", "postgres")
    data, sock = root / "data", root / "sock"
    _as_postgres("mkdir", "-p", str(sock))
    _as_postgres(
        str(PG_BIN / "initdb"),
        "-D",
        str(data),
        "-A",
        "trust",
        "-U",
        "postgres",
        "-E",
        "UTF8",
        "--no-locale",
        "--no-sync",
    )
    port = free_port()
    options = (
        f"-p {port} -k {sock} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
        f"-c full_page_writes=off -c max_connections={max_connections} -c shared_buffers=64MB"
    )
    _as_postgres(
        str(PG_BIN / "pg_ctl"),
        "-D",
        str(data),
        "-o",
        options,
        "-l",
        str(root / "pg.log"),
        "-w",
        "-t",
        "60",
        "start",
    )
    return PgServer(root, port)


def _proc_stat(pid: int) -> list[str]:
    """/proc/PID/stat's fields after the command name (field 3 on: state, ppid, …); [] when gone."""
    try:
        with open(f"/proc/{pid}/stat", encoding="ascii", errors="replace") as f:
            return f.read().rsplit(")", 1)[1].split()
    except OSError:
        return []
