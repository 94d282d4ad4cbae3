"""Issue 30: the states a power cut can leave between two renames, built by hand as the review built them
(M-a, M-b), and what the next start makes of them: a re-key and a restore's swap are finished, an empty
journal is never made where a real one should be."""

from __future__ import annotations

import os
import shutil

import pytest

from app.provisioning import KEY_HISTORY, KeyHistory
from app.services.verify import verify_local
from bootstrap import open_terminal
from db.keys import NEW_KEY_FILE, load_or_create_signer, staged_signer

NOW = "2026-11-23T10:00:00+08:00"


@pytest.fixture(autouse=True)
def _clock(monkeypatch):
    monkeypatch.setenv("HALLPAY_NOW", NOW)


def test_a_rekey_whose_key_swap_a_cut_lost_is_finished_before_anything_is_signed(tmp_path):
    w = open_terminal(tmp_path, generated_customers=0)
    old = w.ctx.signer.public_key_hex
    with w.store.reader() as uow:
        head = uow.journal.head()[0]
    new = staged_signer(tmp_path)
    with w.store.uow() as uow:  # the key history committed, then the power went: the rename never hit disk
        uow.settings.set(KEY_HISTORY, KeyHistory.of([(1, old)]).added(head + 1, new.public_key_hex).as_text())
        uow.commit()
    w.store.close()
    w = open_terminal(tmp_path, generated_customers=0)
    try:
        assert w.ctx.signer.public_key_hex == new.public_key_hex
        assert not (tmp_path / NEW_KEY_FILE).exists()
        from app.services.shifts import open_shift  # an entry signed after the start must verify

        open_shift(w.ctx, "C02", 0)
        assert verify_local(w.ctx).ok
    finally:
        w.store.close()


def test_a_staged_key_head_office_never_registered_is_left_for_rekey(tmp_path):
    w = open_terminal(tmp_path, generated_customers=0)
    old = w.ctx.signer.public_key_hex
    w.store.close()
    staged_signer(tmp_path)  # cut before the key history moved: the old key still signs
    w = open_terminal(tmp_path, generated_customers=0)
    w.store.close()
    assert load_or_create_signer(tmp_path).public_key_hex == old
    assert (tmp_path / NEW_KEY_FILE).exists()


def _terminal_with_entries(tmp_path):
    w = open_terminal(tmp_path, generated_customers=0)
    with w.store.reader() as uow:
        head = uow.journal.head()[0]
    w.store.close()
    assert head > 0
    return head


def test_a_restore_cut_between_its_renames_is_finished(tmp_path):
    head = _terminal_with_entries(tmp_path)
    db = tmp_path / "local.db"
    shutil.copyfile(db, tmp_path / "local.db.restored")  # step 1 done: the rebuilt copy is complete
    os.replace(db, tmp_path / "local.db.before-restore-20261123-100000")  # step 2 done, step 3 lost
    for side in ("-wal", "-shm"):
        (tmp_path / f"local.db{side}").unlink(missing_ok=True)
    w = open_terminal(tmp_path, generated_customers=0)
    try:
        with w.store.reader() as uow:
            assert uow.journal.head()[0] == head
        assert not (tmp_path / "local.db.restored").exists()
    finally:
        w.store.close()


@pytest.mark.parametrize(
    "left, code",
    [
        ("local.db.before-restore-20261123-100000", "store.restore_leftovers"),
        ("local.db.restoring", "store.restore_unfinished"),
        ("local.db-wal", "store.wal_without_db"),
    ],
)
def test_no_empty_journal_where_a_real_one_should_be(tmp_path, left, code):
    _terminal_with_entries(tmp_path)
    db = tmp_path / "local.db"
    for side in ("-wal", "-shm"):
        (tmp_path / f"local.db{side}").unlink(missing_ok=True)
    os.replace(db, tmp_path / left)  # M-b: the journal is under another name, local.db is gone
    with pytest.raises(Exception) as refused:
        open_terminal(tmp_path, generated_customers=0)
    assert getattr(refused.value, "code", "") == code
    assert "restore --from" in str(refused.value)
    assert not db.exists()  # nothing was created in its place


def test_a_rebuild_a_cut_stopped_is_rolled_back_beside_the_live_journal(tmp_path):
    head = _terminal_with_entries(tmp_path)
    (tmp_path / "local.db.restoring").write_bytes(b"half a rebuild")
    w = open_terminal(tmp_path, generated_customers=0)
    try:
        with w.store.reader() as uow:
            assert uow.journal.head()[0] == head
    finally:
        w.store.close()
    assert not (tmp_path / "local.db.restoring").exists()
