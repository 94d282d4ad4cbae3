"""Restore (issue 11): local.db lost or old, rebuilt from the backup copy and the central ledger."""

from __future__ import annotations

import shutil

import pytest

import bootstrap
from app.services.backup import OldImage
from db.central.store import CentralStore
from db.restore import RestoreRefused, restore
from tests.integration.backup_fixtures import (
    backup,
    balance,
    configure_backup,
    disk_image,
    pay_due,
    prepay,
    receipts,
    sync,
    verify,
)


def _central(w):
    return CentralStore.open("", w.data_dir)


def _lose_local_db(w):
    w.store.close()
    for p in w.data_dir.glob("local.db*"):
        p.unlink()


def test_deleted_local_db_after_offline_payments_comes_back_from_backup_and_central(terminal, tmp_path):
    w = terminal
    configure_backup(w, tmp_path / "usb")
    pay_due(w, "1000000001")
    pay_due(w, "1000000002")
    assert sync(w).pending == 0  # these two reached head office
    offline = [prepay(w, n) for n in (1, 2, 3)]  # the link is down for these: only local.db has them
    backup(w)
    before, bal, head = receipts(w), balance(w), verify(w).head_hash
    assert len(before) == 5 and all(r.receipt.receipt_no in before for r in offline)
    _lose_local_db(w)

    with pytest.raises(OldImage, match="restore"):  # an empty local.db is no terminal to start
        bootstrap.open_terminal(w.data_dir, generated_customers=0)

    central = _central(w)
    report = restore(w.data_dir, tmp_path / "usb", terminal_id="T01", central=central)
    central.close()
    assert (report.backup_seq, report.central_seq, report.appended_from_central) == (6, 3, 0)

    back = bootstrap.open_terminal(w.data_dir, generated_customers=0)
    try:
        check = verify(back)
        assert check.ok and check.head_hash == head
        assert receipts(back) == before  # same numbers, same entries
        assert balance(back) == bal
        nxt = prepay(back, 1)
        assert nxt.receipt.receipt_no == "T01-20261123-0006"  # no number handed out twice
        result = sync(back)
        assert not result.alarms
        assert result.pending == 0 and [e.hash for e in _central(back).journal("T01")][-1] == nxt.entry.hash
    finally:
        back.store.close()


def test_backup_behind_the_central_ledger_takes_the_synced_entries_from_it(terminal, tmp_path):
    w = terminal
    configure_backup(w, tmp_path / "usb")
    prepay(w, 1)
    backup(w)  # the last copy: shift open + one payment
    later = [prepay(w, 2), prepay(w, 3)]
    sync(w)  # ... but head office acknowledged two more
    before, bal = receipts(w), balance(w)
    _lose_local_db(w)

    central = _central(w)
    report = restore(w.data_dir, tmp_path / "usb", terminal_id="T01", central=central)
    central.close()
    assert (report.backup_seq, report.appended_from_central, report.head_seq) == (2, 2, 4)
    back = bootstrap.open_terminal(w.data_dir, generated_customers=0)
    try:
        assert verify(back).ok and verify(back).entries == 4
        assert balance(back) == bal  # balances pulled again from the central ledger
        for r in later:
            with back.store.reader() as uow:
                assert uow.journal.get(r.entry.seq).hash == r.entry.hash
        assert prepay(back, 1).receipt.receipt_no == "T01-20261123-0004"  # 0002, 0003 are taken centrally
        assert set(before.items()) <= set(
            receipts(back).items()
        )  # the central entries' receipts came back too
        from app.services.receipts import load_receipt

        assert (
            load_receipt(back.ctx, later[0].receipt.receipt_no)[0].amount_fen == later[0].receipt.amount_fen
        )
    finally:
        back.store.close()


def test_old_disk_image_is_refused_and_restore_recovers(terminal, tmp_path):
    w = terminal
    configure_backup(w, tmp_path / "usb")
    prepay(w, 1)
    sync(w)
    image = disk_image(w, tmp_path / "image-0930.db")  # this morning's image of the PC
    prepay(w, 2)
    prepay(w, 3)
    sync(w)
    backup(w)
    before = receipts(w)
    w.store.close()
    for p in w.data_dir.glob("local.db*"):
        p.unlink()
    shutil.copyfile(image, w.data_dir / "local.db")  # the PC is restored from the old image

    with pytest.raises(OldImage) as refused:
        bootstrap.open_terminal(w.data_dir, generated_customers=0)
    sentence = str(refused.value)
    assert "第 2 笔" in sentence and "第 4 笔" in sentence and "restore --from" in sentence

    central = _central(w)
    report = restore(w.data_dir, tmp_path / "usb", terminal_id="T01", central=central)
    central.close()
    assert report.head_seq == 4 and report.kept_aside  # the old file is kept aside, not deleted
    back = bootstrap.open_terminal(w.data_dir, generated_customers=0)
    try:
        assert verify(back).ok and receipts(back) == before
    finally:
        back.store.close()


def test_old_image_is_refused_offline_by_the_backup_marker(terminal, tmp_path):
    """No sync ever happened: the backup's marker alone knows the journal went further."""
    w = terminal
    configure_backup(w, tmp_path / "usb")
    prepay(w, 1)
    image = disk_image(w, tmp_path / "image.db")
    prepay(w, 2)
    backup(w)
    w.store.close()
    for p in w.data_dir.glob("local.db*"):
        p.unlink()
    shutil.copyfile(image, w.data_dir / "local.db")
    with pytest.raises(OldImage, match="备份已有本终端第 3 笔"):
        bootstrap.open_terminal(w.data_dir, generated_customers=0)
    restore(w.data_dir, tmp_path / "usb", terminal_id="T01", central=None)
    back = bootstrap.open_terminal(w.data_dir, generated_customers=0)
    try:
        assert verify(back).entries == 3 and prepay(back, 1).receipt.receipt_no == "T01-20261123-0003"
    finally:
        back.store.close()


def test_a_backup_of_another_journal_is_refused(terminal, tmp_path):
    w = terminal
    configure_backup(w, tmp_path / "usb")
    prepay(w, 1)
    sync(w)
    other = bootstrap.open_terminal(tmp_path / "other", generated_customers=0)  # another T01, other entries
    configure_backup(other, tmp_path / "usb-other")
    prepay(other, 7)
    backup(other)
    other.store.close()
    central = _central(w)
    with pytest.raises(RestoreRefused, match="不一致"):
        restore(w.data_dir, tmp_path / "usb-other", terminal_id="T01", central=central)
    central.close()
    assert verify(w).ok and len(receipts(w)) == 1  # the live store was not touched
