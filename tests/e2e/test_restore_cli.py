"""`backup`, `restore --from`, an old disk image refused, and `support-bundle`, as a user types them.

Each test starts from a copy of the session's demo terminal (tests/conftest.py), not a process building a
300-customer demo; the commands around the restore run in this process (tests/e2e/cli.InProcess), while the
old image's refusal at start-up and the restore itself stay real processes of the real entry point."""

from __future__ import annotations

import json
import logging.handlers
import shutil
import zipfile
from pathlib import Path

import pytest

from tests.e2e.cli import InProcess, run, run_json


@pytest.fixture
def cli(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> InProcess:
    return InProcess(monkeypatch, capsys)


def ok_json(cli: InProcess, data: Path, *args: str) -> dict:
    r = cli(data, *args, "--json")
    assert r.returncode == 0, r.stderr
    return json.loads(r.stdout)


def _terminal(template: Path, tmp_path: Path) -> tuple[Path, Path]:
    data, usb = tmp_path / "T01", tmp_path / "usb"
    shutil.copytree(template, data)  # the demo terminal an empty directory becomes
    usb.mkdir()
    cfg = data / "config.toml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace('path = ""', f'path = "{usb.as_posix()}"', 1),
        encoding="utf-8",
    )
    return data, usb


def test_old_image_refused_then_restore_from_usb_brings_every_receipt_back(_terminal_template, tmp_path, cli):
    data, usb = _terminal(_terminal_template, tmp_path)
    first = ok_json(cli, data, "pay", "1000000001", "--method", "cash")
    ok_json(cli, data, "sync", "--once")
    image = tmp_path / "image.db"
    assert cli(data, "backup").returncode == 0
    shutil.copyfile(usb / "T01-local.db", image)  # this morning's disk image
    second = ok_json(cli, data, "pay", "1000000002", "--method", "cash")
    third = ok_json(cli, data, "pay", "1000000004", "--method", "cash", "--amount", "5")
    for p in data.glob("local.db*"):
        p.unlink()
    shutil.copyfile(image, data / "local.db")

    refused = run("pay", "1000000004", "--method", "cash", "--amount", "1", data_dir=data)
    assert refused.returncode == 2 and "restore --from" in refused.stderr and "第 2 笔" in refused.stderr
    assert refused.stdout == ""

    out = run_json("restore", "--from", str(usb), data_dir=data)
    assert out["head_seq"] == 4 and out["receipts"] == 3
    assert cli(data, "verify").returncode == 0
    for r in (first, second, third):
        shown = cli(data, "reprint", r["receipt_no"])
        assert shown.returncode == 0, shown.stderr
    nxt = ok_json(cli, data, "pay", "1000000004", "--method", "cash", "--amount", "1")
    assert nxt["receipt_no"] == "T01-20261123-0004"


def test_backup_status_and_support_bundle(_terminal_template, tmp_path):
    data, usb = _terminal(_terminal_template, tmp_path)
    cfg = data / "config.toml"
    cfg.write_text(
        cfg.read_text(encoding="utf-8").replace(
            'url = ""', 'url = "postgresql+psycopg://hall:s3cret@127.0.0.1:1/ledger"', 1
        ),
        encoding="utf-8",
    )
    status = run("backup", "--status", "--json", data_dir=data)
    assert status.returncode == 1 and json.loads(status.stdout)["state"] == "stale"  # entries, no copy yet
    assert run_json("backup", data_dir=data)["state"] == "ok"
    out = tmp_path / "bundle.zip"
    assert run("support-bundle", "--out", str(out), data_dir=data, check=True).returncode == 0
    with zipfile.ZipFile(out) as z:
        names = set(z.namelist())
        assert {"config.toml", "verify.json", "logs/hallpay.log"} <= names
        assert "s3cret" not in z.read("config.toml").decode("utf-8")
        assert json.loads(z.read("verify.json"))["ok"] is True
        assert not any(n.endswith(".db") for n in names)


def test_logs_rotate(tmp_path, monkeypatch):
    import bootstrap

    # a process logs to its one data directory: an earlier test's handler in this worker (whose directory may
    # be gone) is set aside, so the handler checked is this directory's
    root = logging.getLogger()
    monkeypatch.setattr(
        root,
        "handlers",
        [h for h in root.handlers if not isinstance(h, logging.handlers.RotatingFileHandler)],
    )
    bootstrap.setup_logging(tmp_path)
    handlers = [h for h in root.handlers if isinstance(h, logging.handlers.RotatingFileHandler)]
    assert handlers and all(0 < h.maxBytes <= 10_000_000 and h.backupCount >= 1 for h in handlers)
    h = handlers[0]
    assert Path(h.baseFilename).parent == tmp_path / "logs"
    h.doRollover()
    assert Path(h.baseFilename + ".1").exists()
    h.close()
