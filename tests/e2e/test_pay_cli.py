"""`pay`, `lookup`, `verify`, `reprint` as a user runs them; bad input changes nothing.

The commands run in this process through the command line's own parser and dispatch (tests/e2e/cli.InProcess)
on a copy of the session's demo terminal; bad input is also tried once through the real entry point
(exit code, one sentence, no traceback)."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3

import pytest

from tests.e2e.cli import Commands, run


def money_tables_digest(db) -> str:
    con = sqlite3.connect(db)
    h = hashlib.sha256()
    for table in ("customers", "bills", "journal", "receipts", "receipt_counters", "shifts"):
        for row in con.execute(f"SELECT * FROM {table} ORDER BY 1"):
            h.update(repr(row).encode())
    con.close()
    return h.hexdigest()


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Commands:
    return Commands(monkeypatch, capsys)


@pytest.fixture
def data_dir(_terminal_template, tmp_path):
    """A copy of the demo terminal an empty directory becomes (tests/conftest.py): each test its own."""
    d = tmp_path / "T01"
    shutil.copytree(_terminal_template, d)
    return d


def test_pay_json_lists_bills_fees_change_and_balance(data_dir, cli):
    out = cli.json("pay", "1000000002", "--method", "cash", "--tendered", "3100", data_dir=data_dir)
    assert out["bills"] == [
        {"period": "2025-11", "principal": "1000.00", "days_overdue": 337, "late_fee": "1001.00"},
        {"period": "2026-10", "principal": "1000.00", "days_overdue": 20, "late_fee": "40.00"},
    ]
    assert (
        out["late_fee_total"],
        out["total"],
        out["amount"],
        out["tendered"],
        out["change"],
        out["balance_after"],
    ) == ("1041.00", "3041.00", "3041.00", "3100.00", "59.00", "0.00")
    assert len(out["entry_hash"]) == 64 and out["receipt_no"] == "T01-20261123-0001"
    assert (data_dir / "receipts" / "T01-20261123-0001.bin").exists()


def test_overpayment_leaves_surplus_as_balance(data_dir, cli):
    out = cli.json(
        "pay",
        "1000000001",
        "--method",
        "alipay",
        "--amount",
        "200",
        "--reference",
        "ALI123",
        data_dir=data_dir,
    )
    assert (out["total"], out["amount"], out["change"], out["balance_after"]) == (
        "191.10",
        "200.00",
        "0.00",
        "8.90",
    )


def test_nothing_due_without_amount_is_refused_and_with_amount_is_a_prepayment(data_dir, cli):
    before = money_tables_digest(data_dir / "local.db")
    r = cli.run("pay", "1000000004", "--method", "cash", data_dir=data_dir)
    assert r.returncode != 0 and "没有应缴电费" in r.stderr
    assert money_tables_digest(data_dir / "local.db") == before
    out = cli.json("pay", "1000000004", "--method", "cash", "--amount", "30", data_dir=data_dir)
    assert (out["bills"], out["balance_before"], out["balance_after"]) == ([], "20.00", "50.00")


@pytest.mark.parametrize(
    "args",
    [
        ("pay", "9999999999", "--method", "cash"),
        ("pay", "1000000001", "--method", "cash", "--amount", "abc"),
        ("pay", "1000000001", "--method", "cash", "--amount", "-5"),
        ("pay", "1000000001", "--method", "cash", "--amount", "1.234"),
        ("pay", "1000000001", "--method", "cash", "--tendered", "100"),
        ("pay", "1000000001", "--method", "bankcard"),
        ("pay", "1000000001", "--method", "wechat", "--reference", "  "),
        ("reprint", "T01-20990101-0001"),
    ],
)
def test_bad_input_exits_nonzero_with_one_sentence_and_changes_nothing(data_dir, cli, args):
    before = money_tables_digest(data_dir / "local.db")
    r = cli.run(*args, data_dir=data_dir)
    assert r.returncode != 0
    lines = [line for line in r.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in r.stderr, r.stderr
    assert r.stdout == ""
    assert money_tables_digest(data_dir / "local.db") == before


def test_lookup_by_number_phone_name_and_address(data_dir, cli):
    assert cli.json("lookup", "1000000003", data_dir=data_dir)["customers"][0]["name"] == "李建国"
    assert cli.json("lookup", "13800000005", data_dir=data_dir)["customers"][0]["customer_no"] == "1000000005"
    assert cli.json("lookup", "M1000000001", data_dir=data_dir)["customers"][0]["customer_no"] == "1000000001"
    names = [c["name"] for c in cli.json("lookup", "王秀英", data_dir=data_dir)["customers"]]
    assert "王秀英" in names
    addresses = [c["address"] for c in cli.json("lookup", "工业大道", data_dir=data_dir)["customers"]]
    assert addresses and all("工业大道" in a for a in addresses)


def test_reprint_is_marked_and_journaled(data_dir, cli):
    out = cli.json("pay", "1000000001", "--method", "cash", data_dir=data_dir)
    r = cli.run("reprint", out["receipt_no"], data_dir=data_dir, check=True)
    assert "已重打" in r.stdout
    assert (data_dir / "receipts" / f"{out['receipt_no']}.reprint-1.bin").exists()
    con = sqlite3.connect(data_dir / "local.db")
    kinds = [k for (k,) in con.execute("SELECT kind FROM journal ORDER BY seq")]
    assert kinds == ["shift_open", "payment", "receipt_print"]


def test_edited_journal_row_makes_verify_fail_naming_the_entry(data_dir, cli):
    cli.json("pay", "1000000001", "--method", "cash", data_dir=data_dir)
    cli.json("pay", "1000000002", "--method", "cash", data_dir=data_dir)
    con = sqlite3.connect(data_dir / "local.db")
    entry_id = con.execute("SELECT entry_id FROM journal WHERE seq = 2").fetchone()[0]
    con.execute("DROP TRIGGER journal_no_update")  # someone with the file can do this
    con.execute("UPDATE journal SET payload = replace(payload, '19110', '1911') WHERE seq = 2")
    con.commit()
    con.close()
    r = cli.run("verify", data_dir=data_dir)
    assert r.returncode != 0
    assert "#2" in r.stderr and entry_id in r.stderr


def test_deleted_journal_row_makes_verify_fail(data_dir, cli):
    cli.json("pay", "1000000001", "--method", "cash", data_dir=data_dir)
    cli.json("pay", "1000000002", "--method", "cash", data_dir=data_dir)
    con = sqlite3.connect(data_dir / "local.db")
    con.execute("DROP TRIGGER journal_no_delete")
    con.execute("PRAGMA foreign_keys=OFF")
    con.execute("DELETE FROM journal WHERE seq = 2")
    con.commit()
    con.close()
    r = cli.run("verify", data_dir=data_dir)
    assert r.returncode != 0 and "#3" in r.stderr


@pytest.mark.parametrize(
    "args",
    [("pay", "9999999999", "--method", "cash"), ("pay", "1000000001", "--method", "cash", "--amount", "abc")],
)
def test_bad_input_through_the_real_entry_point_is_one_sentence(data_dir, args):
    before = money_tables_digest(data_dir / "local.db")
    r = run(*args, data_dir=data_dir)
    assert r.returncode == 2
    assert len([line for line in r.stderr.splitlines() if line.strip()]) == 1 and "Traceback" not in r.stderr
    assert r.stdout == "" and money_tables_digest(data_dir / "local.db") == before
