"""Issue 17, end to end on the real PostgreSQL the suite starts: from an empty PC to a working counter of
hall H1, and back after the PC died. Every step is the command a hall's IT person types (cli.parser + cli.session in process,
in-process: the same argv, stdout and exit code, a tenth of the time of a subprocess each)."""

from __future__ import annotations

import json
import shutil
import stat

import pytest

from tests.integration.pg_fixtures import NOW, pg_server, seed_central  # noqa: F401

pytestmark = pytest.mark.postgres


@pytest.fixture
def cli(monkeypatch, capsys, tmp_path):
    from tests.e2e.cli import in_process

    monkeypatch.setenv("HALLPAY_NOW", NOW)
    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq" / "hq.key"))  # head office's key (signed pulls)
    for name in ("HALLPAY_PIN", "HALLPAY_NEW_PIN", "HALLPAY_CENTRAL_URL", "HALLPAY_SUPERVISOR_PIN"):
        monkeypatch.delenv(name, raising=False)

    def run(*argv: str, pin: str | None = None, new_pin: str | None = None) -> tuple[int, str, str]:
        capsys.readouterr()
        if pin is None:
            monkeypatch.delenv("HALLPAY_PIN", raising=False)
        else:
            monkeypatch.setenv("HALLPAY_PIN", pin)
        if new_pin is None:
            monkeypatch.delenv("HALLPAY_NEW_PIN", raising=False)
        else:
            monkeypatch.setenv("HALLPAY_NEW_PIN", new_pin)
        rc = in_process(list(argv))
        out = capsys.readouterr()
        return rc, out.out, out.err

    return run


def _json(result: tuple[int, str, str]) -> dict:
    rc, out, err = result
    assert rc == 0, err
    return json.loads(out)


def test_head_office_to_counter_to_dead_pc_and_back(tmp_path, pg_server, cli):  # noqa: F811
    from db.central.store import CentralStore

    url = pg_server.url(pg_server.new_database())
    hq = ["--central", url, "--by", "it-zhang"]
    store = CentralStore.open(url, tmp_path)
    seed_central(store)  # billing's customers and bills for the hall

    # head office: hall, terminal, clerks with one-time PINs
    assert cli("central", "hall", "add", "H1", "--name", "城东营业厅", *hq)[0] == 0
    assert cli("central", "terminal", "add", "T07", "--hall", "H1", *hq)[0] == 0
    bad = cli("central", "clerk", "add", "C11", "--name", "李娜", "--role", "cashier", "--hall", "H1", *hq)
    assert bad[0] == 2 and "角色须为" in bad[2]
    c11_otp = _json(
        cli(
            "central",
            "clerk",
            "add",
            "C11",
            "--name",
            "李娜",
            "--role",
            "clerk",
            "--hall",
            "H1",
            "--json",
            *hq,
        )
    )["one_time_pin"]
    s11_otp = _json(
        cli(
            "central",
            "clerk",
            "add",
            "S11",
            "--name",
            "王建国",
            "--role",
            "supervisor",
            "--hall",
            "H1",
            "--json",
            *hq,
        )
    )["one_time_pin"]
    assert c11_otp != s11_otp and len(c11_otp) == 6

    # an unapproved terminal cannot register: nothing is written
    data = tmp_path / "T07"
    rc, _, err = cli("terminal", "init", "--terminal-id", "T07", "--central", url, "--data-dir", str(data))
    assert rc == 2 and "尚未批准" in err and not data.exists()
    assert cli("central", "terminal", "approve", "T07", *hq)[0] == 0
    init = _json(
        cli(
            "terminal",
            "init",
            "--terminal-id",
            "T07",
            "--central",
            url,
            "--data-dir",
            str(data),
            "--printer",
            "file",
            "--json",
        )
    )
    assert init["clerks"] == ["C11", "S11"] and init["customers"] == 5 and init["key_state"] == "active"
    for secret in ("config.toml", "terminal.key"):
        assert stat.S_IMODE((data / secret).stat().st_mode) == 0o600
    d = ["--data-dir", str(data), "--clerk", "C11"]

    # no demo PIN, no demo clerk; a one-time PIN opens only `clerk pin`, and only once
    rc, _, err = cli("shift", "open", "--float", "100", *d, pin="111111")
    assert rc == 2 and "密码不正确" in err
    assert cli("shift", "open", "--float", "100", *d)[0] == 2  # no PIN given: no fallback
    assert (
        cli("shift", "open", "--float", "100", "--data-dir", str(data), "--clerk", "C01", pin="111111")[0]
        == 2
    )
    rc, _, err = cli("shift", "open", "--float", "100", *d, pin=c11_otp)
    assert rc == 2 and "一次性密码" in err
    assert cli("clerk", "pin", *d, pin=c11_otp, new_pin="246802")[0] == 0
    rc, _, err = cli("clerk", "pin", *d, pin=c11_otp, new_pin="135792")
    assert rc == 2 and "密码不正确" in err
    assert cli("shift", "open", "--float", "100", *d, pin=c11_otp)[0] == 2

    # C11 works: shift, payment, sync: the payment is in the central ledger
    assert cli("shift", "open", "--float", "100", *d, pin="246802")[0] == 0
    paid = _json(
        cli("pay", "1000000001", "--method", "cash", "--tendered", "200", "--json", *d, pin="246802")
    )
    assert _json(cli("sync", "--once", "--json", "--data-dir", str(data)))["pending"] == 0
    assert paid["entry_id"] in {e.entry_id for e in store.journal("T07")}

    # head office disables C11: after the next pull C11 cannot log in
    assert cli("central", "clerk", "disable", "C11", *hq)[0] == 0
    assert cli("shift", "status", *d, pin="246802")[0] == 0  # not pulled yet
    cli("sync", "--once", "--data-dir", str(data))
    rc, _, err = cli("shift", "status", *d, pin="246802")
    assert rc == 2 and "停用" in err

    # re-key: signed over by the old key, active at once; verify passes over entries of both keys
    rekey = _json(cli("terminal", "rekey", "--json", "--data-dir", str(data)))
    assert rekey["state"] == "active" and rekey["fingerprint"] != rekey["old_fingerprint"]
    assert (
        cli("clerk", "pin", "--data-dir", str(data), "--clerk", "S11", pin=s11_otp, new_pin="975310")[0] == 0
    )
    s = ["--data-dir", str(data), "--clerk", "S11"]
    assert cli("shift", "open", "--float", "0", *s, pin="975310")[0] == 0  # an entry under the new key
    assert _json(cli("sync", "--once", "--json", "--data-dir", str(data)))["alarms"] == []
    checked = _json(cli("verify", "--json", "--data-dir", str(data)))
    assert (
        checked["ok"]
        and checked["central"]["ok"]
        and checked["central"]["entries"] == checked["entries"] >= 3
    )
    journals, damaged = store.checked_journals()
    assert damaged == [] and len(journals["T07"]) == checked["entries"]
    terminals = _json(cli("central", "terminals", "--json", *hq))["terminals"]
    assert [k["state"] for k in terminals[0]["keys"]] == ["superseded", "active"] and terminals[0][
        "last_sync"
    ]

    # the PC dies: a new one restores from the central ledger, its key waits for head office
    shutil.rmtree(data)
    new = tmp_path / "T07-new"
    restored = _json(
        cli(
            "terminal",
            "restore",
            "--terminal-id",
            "T07",
            "--central",
            url,
            "--data-dir",
            str(new),
            "--printer",
            "file",
            "--json",
        )
    )
    assert restored["entries"] == checked["entries"] and restored["receipts"] == 1
    assert restored["key_state"] == "pending"
    assert (
        cli("central", "terminal", "approve", "T07", "--fingerprint", restored["key_fingerprint"], *hq)[0]
        == 0
    )
    again = _json(cli("verify", "--json", "--data-dir", str(new)))
    assert again["ok"] and again["central"]["ok"] and again["head_hash"] == checked["head_hash"]
    s = ["--data-dir", str(new), "--clerk", "S11"]
    assert cli("shift", "status", *s, pin="975310")[0] == 0  # S11's PIN came back from head office (issue 27)
    otp = _json(cli("central", "clerk", "reset-pin", "S11", "--json", *hq))["one_time_pin"]
    cli("sync", "--once", "--data-dir", str(new))
    assert cli("clerk", "pin", *s, pin=otp, new_pin="864202")[0] == 0
    status = _json(cli("shift", "status", "--json", *s, pin="864202"))  # S11's open shift came back
    assert status["shift_id"].startswith("T07-S11-")
    assert cli("reprint", paid["receipt_no"], *s, pin="864202")[0] == 0
    copy = (new / "receipts" / f"{paid['receipt_no']}.reprint-1.bin").read_bytes()
    assert "重打".encode("gb18030") in copy or "重打".encode() in copy
    # the receipt counter came back: the next payment gets the next number
    nxt = _json(
        cli(
            "pay",
            "1000000002",
            "--method",
            "cash",
            "--amount",
            "10",
            "--tendered",
            "10",
            "--json",
            *s,
            pin="864202",
        )
    )
    assert nxt["receipt_no"] == paid["receipt_no"][:-4] + "0002"
    assert _json(cli("sync", "--once", "--json", "--data-dir", str(new)))["alarms"] == []

    # every act of head office is journaled with who did it
    actions = [(a["actor"], a["action"]) for a in _json(cli("central", "audit", "--json", *hq))["audit"]]
    assert ("it-zhang", "clerk_disable") in actions and ("it-zhang", "key_approve") in actions
    store.close()


def test_a_training_terminal_never_reaches_the_ledger_and_marks_its_receipts(tmp_path, pg_server, cli):  # noqa: F811
    from db.central.store import CentralStore

    url = pg_server.url(pg_server.new_database())
    hq = ["--central", url, "--by", "it-zhang"]
    store = CentralStore.open(url, tmp_path)
    seed_central(store)
    cli("central", "hall", "add", "H1", "--name", "城东营业厅", *hq)
    cli("central", "terminal", "add", "X07", "--hall", "H1", *hq)
    otp = _json(
        cli(
            "central",
            "clerk",
            "add",
            "C12",
            "--name",
            "培训员",
            "--role",
            "clerk",
            "--hall",
            "H1",
            "--json",
            *hq,
        )
    )["one_time_pin"]
    data = tmp_path / "X07"
    init = _json(
        cli(
            "terminal",
            "init",
            "--terminal-id",
            "X07",
            "--central",
            url,
            "--data-dir",
            str(data),
            "--training",
            "--printer",
            "file",
            "--json",
        )
    )
    assert init["mode"] == "training"
    d = ["--data-dir", str(data), "--clerk", "C12"]
    assert cli("clerk", "pin", *d, pin=otp, new_pin="246802")[0] == 0
    assert cli("shift", "open", "--float", "0", *d, pin="246802")[0] == 0
    paid = _json(
        cli("pay", "1000000001", "--method", "cash", "--tendered", "200", "--json", *d, pin="246802")
    )
    cli("sync", "--once", "--data-dir", str(data))
    assert store.journal("X07") == [] and "X07" not in [t for t in store.terminal_ids() if store.journal(t)]
    printed = (data / "receipts" / f"{paid['receipt_no']}.bin").read_bytes()
    assert any("非正式凭证".encode(enc) in printed for enc in ("gb18030", "utf-8"))
    store.close()


def test_bad_input_is_one_sentence_and_changes_nothing(tmp_path, cli):
    url = f"sqlite:///{tmp_path / 'central.db'}"
    rc, out, err = cli(
        "central", "clerk", "add", "C11", "--name", "李娜", "--role", "clerk", "--central", url
    )
    assert rc == 2 and out == "" and err.strip().count("\n") == 0 and "--hall" in err
    rc, _, err = cli("central", "terminal", "add", "T07", "--hall", "H9", "--central", url)
    assert rc == 2 and "没有编号为 H9 的营业厅" in err
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "something").write_text("x")
    rc, _, err = cli("terminal", "init", "--terminal-id", "T07", "--central", url, "--data-dir", str(busy))
    assert rc == 2 and "不是空的" in err and sorted(p.name for p in busy.iterdir()) == ["something"]
    rc, _, err = cli(
        "terminal", "init", "--terminal-id", "T07", "--central", url, "--data-dir", str(tmp_path / "n")
    )
    assert rc == 2 and "总部没有终端 T07" in err and not (tmp_path / "n").exists()


def test_a_refusal_before_any_config_speaks_the_lang_asked_for(tmp_path, cli):
    """terminal init/restore and central run before a config.toml says the language: --lang zh|en does."""
    import re

    url = f"sqlite:///{tmp_path / 'central.db'}"
    new = str(tmp_path / "n")
    rc, _, err = cli(
        "terminal", "init", "--terminal-id", "T07", "--data-dir", new, "--central", "", "--lang", "en"
    )
    assert rc == 2 and "Name head office's ledger with --central" in err
    rc, _, err = cli(
        "terminal", "init", "--terminal-id", "T07", "--data-dir", new, "--central", "", "--lang", "zh"
    )
    assert rc == 2 and "请用 --central 指定总部账务中心的地址" in err
    rc, _, err = cli("central", "terminal", "add", "T07", "--hall", "H9", "--central", url, "--lang", "en")
    assert rc == 2 and "H9" in err and not re.search(r"[\u4e00-\u9fff]", err)
    assert not (tmp_path / "n").exists()
