"""Faults between a terminal and PostgreSQL: cut connections, killed sync processes, concurrent halls.

After every interrupted run the central ledger holds a prefix of each local journal with the money
of exactly those entries; after the final run it holds all of it, each entry once.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from app.sync import CentralRefused, CentralUnavailable
from db.central.store import CentralStore
from tests.integration.pg_fixtures import (  # noqa: F401
    assert_consistent,
    link_for,
    make_terminal,
    pg_server,
    seed_central,
    take_payments,
)
from tests.integration.tcp_proxy import Fault, TcpProxy

pytestmark = pytest.mark.postgres
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def pg_central(pg_server, tmp_path, monkeypatch):  # noqa: F811
    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq.key"))  # head office signs what it loads
    db = pg_server.new_database()
    store = CentralStore.open(pg_server.url(db), tmp_path)
    seed_central(store)
    yield pg_server, db, store
    store.close()


def _random_fault(rng: random.Random) -> Fault:
    choice = rng.randrange(4)
    if choice == 0:
        return Fault(refuse=True)  # before anything is sent
    if choice == 1:
        return Fault(client_bytes=rng.randint(20, 400))  # during connect / the first statements
    if choice == 2:
        return Fault(client_bytes=rng.randint(400, 30000))  # mid-batch
    return Fault(server_marker=b"COMMIT\x00", skip_markers=rng.randint(0, 3))  # committed, ack unheard


def test_cut_connections_at_random_points_of_a_push(tmp_path, pg_central):
    from app.services.sync import run_sync

    server, db, central = pg_central
    t1, t2 = make_terminal(tmp_path, "T01"), make_terminal(tmp_path, "T02")
    take_payments(t1, 30, seed=1)
    take_payments(t2, 30, seed=2)
    proxy = TcpProxy(server.port)
    rng = random.Random(5)
    links = [link_for(w, server.url(db, proxy.port)) for w in (t1, t2)]
    failures = 0
    try:
        for _ in range(40):
            # a fresh link each time: its new pool connects through the proxy, so the armed fault lands
            # on this sync (a pooled connection that is still alive would never meet it)
            link = link_for(rng.choice((t1, t2)), server.url(db, proxy.port))
            proxy.arm(_random_fault(rng))
            try:
                run_sync(link, batch_size=4)
            except (CentralUnavailable, CentralRefused):
                failures += 1
            finally:
                if link._central is not None:
                    link._central.close()
            proxy.arm(None)
            assert_consistent(central, [t1, t2], complete=False)
        proxy.arm(None)
        for link in links:
            result = run_sync(link, batch_size=4)
            assert result.pending == 0 and not result.alarms
    finally:
        proxy.close()
    # the faults really landed inside pushes (a cut after the last byte of a small push goes unnoticed)
    assert failures >= 5 and proxy.cuts >= 10
    assert_consistent(central, [t1, t2])


def test_commit_heard_by_nobody_then_resent(tmp_path, pg_central):
    """The server commits a batch, the reply is lost: the next run finds it acknowledged, sends the rest."""
    from app.services.sync import run_sync

    server, db, central = pg_central
    t1 = make_terminal(tmp_path, "T01")
    take_payments(t1, 10)
    proxy = TcpProxy(server.port)
    link = link_for(t1, server.url(db, proxy.port))
    try:
        link.central()  # connect and migrate first, so the next COMMIT is the first batch's
        proxy.cut_all()
        proxy.arm(Fault(server_marker=b"COMMIT\x00"))
        with pytest.raises(CentralUnavailable):
            run_sync(link, batch_size=4)
        assert central.ack("T01").seq == 4  # committed although the terminal never heard so
        assert link.local.local_ack().seq == 0
        result = run_sync(link, batch_size=4)
    finally:
        proxy.close()
    assert result.pushed == 7 and result.duplicates == 0 and result.pending == 0
    assert_consistent(central, [t1])


def test_sigkill_of_sync_process_at_random_points(tmp_path, pg_central):
    server, db, central = pg_central
    url = server.url(db)
    t1 = make_terminal(tmp_path, "T01", url)
    take_payments(t1, 150, seed=3)
    t1.store.close()
    env = {**os.environ, "HALLPAY_NOW": "2026-11-23T10:00:00+08:00"}
    cmd = [
        sys.executable,
        "main.py",
        "sync",
        "--once",
        "--json",
        "--batch",
        "1",
        "--data-dir",
        str(tmp_path / "T01"),
    ]
    rng = random.Random(11)
    killed = 0
    for _ in range(6):
        proc = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        time.sleep(rng.uniform(0.1, 0.6))
        if proc.poll() is None:
            proc.send_signal(signal.SIGKILL)
            killed += 1
        proc.communicate(timeout=30)
        assert_consistent(central, [t1], complete=False)
    done = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert '"pending": 0' in done.stdout
    assert killed >= 3
    assert_consistent(central, [t1])


def test_two_halls_sync_at_once_without_deadlock(tmp_path, pg_central):
    from app.services.sync import run_sync

    server, db, central = pg_central
    halls = [make_terminal(tmp_path, f"T0{i}") for i in (1, 2, 3)]
    for i, w in enumerate(halls):
        take_payments(w, 25, seed=20 + i)
    errors: list[BaseException] = []

    def go(w):
        try:
            for _ in range(3):
                run_sync(link_for(w, server.url(db)), batch_size=3)
        except BaseException as error:  # pragma: no cover - reported below
            errors.append(error)

    threads = [threading.Thread(target=go, args=(w,)) for w in halls]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert not errors
    for w in halls:
        run_sync(link_for(w, server.url(db)))
    assert_consistent(central, halls)


def test_bench_sync_smoke(pg_server):  # noqa: F811
    from bench.sync_drain import bench_sync

    result = bench_sync(pg_server.url(pg_server.new_database()), 1500, batch_size=500)
    assert (
        result["entries"] == 1500 and result["drain_rate_per_s"] > 0 and result["raw_insert_rate_per_s"] > 0
    )
