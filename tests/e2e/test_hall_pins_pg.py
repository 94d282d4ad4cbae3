"""Issue 27: clerks roam. A clerk's own PIN set at one counter works at every counter of the hall after
their syncs, head office's one-time PIN is dead everywhere once used, a one-time PIN used on two counters
before either synced is a review case naming both, and a restored PC keeps the clerks' PINs. On the suite's
PostgreSQL; head office's commands with HALLPAY_HQ_KEY, the counters' without (tests/e2e/hall_cli.py)."""

from __future__ import annotations

import shutil

import pytest

from tests.e2e.hall_cli import add_clerk_c11, hall_cli, ok_json
from tests.integration.pg_fixtures import pg_server, seed_central  # noqa: F401

pytestmark = pytest.mark.postgres


def test_a_clerk_roams_between_counters_and_a_one_time_pin_is_one_time(
    tmp_path, pg_server, monkeypatch, capsys
):  # noqa: F811
    from db.central.store import CentralStore

    url = pg_server.url(pg_server.new_database())
    cli = hall_cli(monkeypatch, capsys, tmp_path / "hq" / "hq.key")
    hq = ["--central", url, "--by", "it-zhang"]
    assert cli("central", "hall", "add", "H1", "--name", "城东营业厅", *hq, hq=True)[0] == 0
    store = CentralStore.open(url, tmp_path / "hq")
    seed_central(store)
    for tid in ("T07", "T08"):
        cli("central", "terminal", "add", tid, "--hall", "H1", *hq, hq=True)
        cli("central", "terminal", "approve", tid, *hq, hq=True)
    otp = add_clerk_c11(cli, hq)
    for tid in ("T07", "T08"):
        init = ["terminal", "init", "--terminal-id", tid, "--central", url, "--data-dir", str(tmp_path / tid)]
        assert cli(*init, "--printer", "file")[0] == 0
    assert cli("central", "terminals", *hq, hq=True)[0] == 0  # certifies both keys

    def at(tid: str) -> list[str]:
        return ["--data-dir", str(tmp_path / tid), "--clerk", "C11"]

    def logs_in(tid: str, pin: str) -> bool:
        rc, _, err = cli("shift", "status", *at(tid), pin=pin)
        assert rc == 0 or "密码" in err or "班次" in err, err
        return rc == 0 or "没有未结的班次" in err  # signed in; no shift open yet

    def sync(*tids: str) -> None:
        for tid in tids:
            rc, out, err = cli("sync", "--once", "--data-dir", str(tmp_path / tid))
            assert rc == 0, err

    # C11 sets her PIN at T07; after both syncs it opens T08, and the one-time PIN opens nothing there
    assert cli("clerk", "pin", *at("T07"), pin=otp, new_pin="246802")[0] == 0
    sync("T07", "T08")
    assert logs_in("T08", "246802")
    rc, _, err = cli("clerk", "pin", *at("T08"), pin=otp, new_pin="135790")
    assert rc == 2 and "密码不正确" in err
    # she changes it at T08: T07 takes the newer one
    assert cli("clerk", "pin", *at("T08"), pin="246802", new_pin="135790")[0] == 0
    sync("T08", "T07")
    assert logs_in("T07", "135790")
    assert not logs_in("T07", "246802")

    # a new one-time PIN, used at both counters before either synced: the first use stands, a case names both
    otp2 = ok_json(cli("central", "clerk", "reset-pin", "C11", "--json", *hq, hq=True))["one_time_pin"]
    sync("T07", "T08")
    assert not logs_in("T07", "135790")  # the reset replaced her PIN everywhere
    assert cli("clerk", "pin", *at("T07"), pin=otp2, new_pin="112358")[0] == 0
    assert cli("clerk", "pin", *at("T08"), pin=otp2, new_pin="314159")[0] == 0
    sync("T07", "T08")
    cases = [c for c in store.review_cases(open_only=False) if c.kind == "one_time_pin_reused"]
    assert (
        len(cases) == 1 and "T07" in cases[0].detail and "T08" in cases[0].detail and "C11" in cases[0].detail
    )
    sync("T07")
    assert logs_in("T07", "112358")

    # T07 dies; restored on a new PC, C11's PIN still opens it (no new one-time PIN needed)
    shutil.rmtree(tmp_path / "T07")
    restored = ok_json(
        cli(
            "terminal",
            "restore",
            "--terminal-id",
            "T07",
            "--central",
            url,
            "--data-dir",
            str(tmp_path / "T07"),
            "--printer",
            "file",
            "--json",
        )
    )
    assert (
        cli(
            "central",
            "terminal",
            "approve",
            "T07",
            "--fingerprint",
            restored["key_fingerprint"],
            *hq,
            hq=True,
        )[0]
        == 0
    )
    assert logs_in("T07", "112358")
    rc, _, err = cli("clerk", "pin", *at("T07"), pin=otp2, new_pin="271828")
    assert rc == 2
    store.close()
