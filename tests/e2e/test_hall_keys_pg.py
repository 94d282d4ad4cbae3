"""Issue 27 (review sync-2026-12-07 P2-2): head office's key is part of set-up, and a counter key that head
office has not certified yet is a set-up state, not tampering, that blocks nobody else. On the suite's
PostgreSQL, head office's commands on a machine with HALLPAY_HQ_KEY, the counters' without it (as in a hall)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, update

from tests.e2e.hall_cli import add_clerk_c11, hall_cli, ok_json
from tests.integration.pg_fixtures import pg_server, seed_central  # noqa: F401

pytestmark = pytest.mark.postgres


@pytest.fixture
def hall(tmp_path, pg_server, monkeypatch, capsys):  # noqa: F811
    url = pg_server.url(pg_server.new_database())
    run = hall_cli(monkeypatch, capsys, tmp_path / "hq" / "hq.key")
    return url, run


def test_without_the_key_head_office_writes_nothing_and_says_which_variable(hall, tmp_path):
    from db.central.store import CentralStore
    from db.central_schema import central_clerks, terminals

    url, cli = hall
    hq = ["--central", url, "--by", "it-zhang"]
    for argv in (
        ("central", "hall", "add", "H1", "--name", "城东营业厅"),
        ("central", "terminal", "add", "T07", "--hall", "H1"),
        ("central", "clerk", "add", "C11", "--name", "李娜", "--role", "clerk", "--hall", "H1"),
    ):
        rc, out, err = cli(*argv, *hq)
        assert rc == 2 and out == "" and err.strip().count("\n") == 0 and "HALLPAY_HQ_KEY" in err, err
    # the first head-office command with the variable set creates the key and says where it lives
    rc, _, err = cli("central", "hall", "add", "H1", "--name", "城东营业厅", *hq, hq=True)
    assert rc == 0 and str(tmp_path / "hq" / "hq.key") in err
    assert cli("central", "terminal", "add", "T07", "--hall", "H1", *hq)[0] == 2
    assert cli("central", "terminal", "approve", "T07", *hq)[0] == 2
    store = CentralStore.open(url, tmp_path)
    with store.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(central_clerks)).scalar() == 0
        assert conn.execute(select(func.count()).select_from(terminals)).scalar() == 0
    store.close()
    # a key file that went missing is never silently replaced by a new one
    (tmp_path / "hq" / "hq.key").rename(tmp_path / "hq" / "hq.key.moved")
    rc, _, err = cli("central", "terminal", "add", "T07", "--hall", "H1", *hq, hq=True)
    assert rc == 2 and "HALLPAY_HQ_KEY" in err and not (tmp_path / "hq" / "hq.key").exists()


def test_approve_before_init_ends_certified_and_an_uncertified_counter_blocks_nobody(hall, tmp_path):
    from db.central.store import CentralStore

    url, cli = hall
    hq = ["--central", url, "--by", "it-zhang"]
    assert cli("central", "hall", "add", "H1", "--name", "城东营业厅", *hq, hq=True)[0] == 0
    store = CentralStore.open(url, tmp_path / "hq")  # billing's customers, signed by head office
    seed_central(store)
    for tid in ("T07", "T08"):
        assert cli("central", "terminal", "add", tid, "--hall", "H1", *hq, hq=True)[0] == 0
        assert cli("central", "terminal", "approve", tid, *hq, hq=True)[0] == 0
    otp = add_clerk_c11(cli, hq)

    def init(tid: str) -> dict:
        return ok_json(
            cli(
                "terminal",
                "init",
                "--terminal-id",
                tid,
                "--central",
                url,
                "--data-dir",
                str(tmp_path / tid),
                "--printer",
                "file",
                "--json",
            )
        )

    t08 = init("T08")
    assert t08["key_state"] == "active" and t08["certified"] is False
    terminals = ok_json(cli("central", "terminals", "--json", *hq, hq=True))["terminals"]
    assert [t["certified"] for t in terminals] == [False, True]  # head office's next command certified T08
    t07 = init("T07")  # after head office's last command: T07 stays uncertified for now
    assert t07["certified"] is False
    for tid in ("T07", "T08"):
        d = ["--data-dir", str(tmp_path / tid), "--clerk", "C11"]
        assert cli("clerk", "pin", *d, pin=otp, new_pin="246802")[0] == 0
        assert cli("shift", "open", "--float", "100", *d, pin="246802")[0] == 0
        paid = cli("pay", "1000000001", "--method", "cash", "--tendered", "500", *d, pin="246802")
        assert paid[0] == 0, paid[2]

    def sync(tid: str) -> tuple[int, dict, str]:
        rc, out, err = cli("sync", "--once", "--json", "--data-dir", str(tmp_path / tid))
        import json

        return rc, json.loads(out), err

    rc, t07_sync, err = sync("T07")  # refused whole, with its own sentence: a set-up state
    assert rc == 3 and t07_sync["alarm_kinds"] == ["uncertified"] and t07_sync["pending"] >= 2
    assert "central terminal approve T07" in err and "改动" not in err.split("不是数据被改动")[-1]
    rc, t08_sync, err = sync("T08")  # the other counter pushes and pulls as usual
    assert rc == 0 and t08_sync["alarms"] == [] and t08_sync["pending"] == 0, err
    cases = store.review_cases(open_only=False)
    assert [c.kind for c in cases if c.terminal_id == "T07"] == ["uncertified"]
    assert cli("central", "audit", "--json", *hq, hq=True)[0] == 0  # any head-office command certifies T07
    for tid in ("T07", "T08", "T07"):
        rc, result, err = sync(tid)
        assert rc == 0 and result["alarms"] == [] and result["pending"] == 0, err
    store.close()


def test_rows_of_a_counter_whose_certificate_is_missing_are_refused_as_set_up_not_tampering(hall, tmp_path):
    from db.central.store import CentralStore
    from db.central_schema import terminals

    url, cli = hall
    hq = ["--central", url, "--by", "it-zhang"]
    cli("central", "hall", "add", "H1", "--name", "城东营业厅", *hq, hq=True)
    store = CentralStore.open(url, tmp_path / "hq")
    seed_central(store)
    otp = add_clerk_c11(cli, hq)
    for tid in ("T07", "T08"):
        cli("central", "terminal", "add", tid, "--hall", "H1", *hq, hq=True)
        cli("central", "terminal", "approve", tid, *hq, hq=True)
        cli(
            "terminal",
            "init",
            "--terminal-id",
            tid,
            "--central",
            url,
            "--data-dir",
            str(tmp_path / tid),
            "--printer",
            "file",
        )
    assert cli("central", "terminals", *hq, hq=True)[0] == 0  # certifies both
    d = ["--data-dir", str(tmp_path / "T07"), "--clerk", "C11"]
    assert cli("clerk", "pin", *d, pin=otp, new_pin="246802")[0] == 0
    assert cli("shift", "open", "--float", "100", *d, pin="246802")[0] == 0
    assert cli("pay", "1000000001", "--method", "cash", "--tendered", "500", *d, pin="246802")[0] == 0
    assert cli("sync", "--once", "--data-dir", str(tmp_path / "T07"))[0] == 0
    with store.engine.begin() as conn:  # a ledger left as before issue 27: T07's rows, its certificate gone
        conn.execute(update(terminals).where(terminals.c.terminal_id == "T07").values(cert=None))
    rc, _, err = cli("sync", "--once", "--data-dir", str(tmp_path / "T08"))
    assert rc == 3 and "T07" in err and "尚未经总部认证" in err and "central terminal approve T07" in err
    assert "请信息部门核查" not in err  # not sent looking for tampering
    assert cli("central", "terminal", "approve", "T07", *hq, hq=True)[0] == 0
    assert cli("sync", "--once", "--data-dir", str(tmp_path / "T08"))[0] == 0
    store.close()


def test_a_head_office_key_other_than_the_published_one_is_refused(hall, tmp_path):
    url, cli = hall
    hq = ["--central", url, "--by", "it-zhang"]
    assert cli("central", "hall", "add", "H1", "--name", "城东营业厅", *hq, hq=True)[0] == 0
    (tmp_path / "hq" / "hq.key").unlink()
    from db.keys import load_or_create_key

    load_or_create_key(tmp_path / "hq" / "hq.key")  # another key at the same path
    rc, _, err = cli("central", "terminal", "add", "T07", "--hall", "H1", *hq, hq=True)
    assert rc == 2 and "HALLPAY_HQ_KEY" in err and "不是总部账务中心使用的密钥" in err
