"""The provisioning use case (app/services/provisioning.py) on the in-memory store: what head office says
becomes config.toml (escaped, one template) and local.db's identity; a refusal leaves the directory alone.
The real head office and SQLite run in tests/e2e/test_provisioning_pg.py."""

from __future__ import annotations

import stat
from dataclasses import dataclass, field
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import pytest

from app.config import DEFAULTS, load_config
from app.errors import HallPayError, Refused
from app.messages import coded
from app.provisioning import HALL_ID, KEY_HISTORY, MODE, KeyHistory
from app.services.provisioning import Directory, Request, provision
from tests.fakes import MemoryStore

KEY = "ab" * 32
CUSTOMER = {
    "customer_no": "1001",
    "name": "张三",
    "address": "东街1号",
    "phone": "",
    "category": "residential",
    "meter_no": "",
    "prepaid": 0,
}


@dataclass
class Registration:
    fingerprint: str
    state: str


@dataclass
class Desk:
    hall_name: str = "城东营业厅"
    state: str = "active"
    refuse: bool = False
    registered: list[tuple[str, str, int]] = field(default_factory=list)

    def terminal_info(self, terminal_id: str) -> dict[str, Any]:
        return {"hall_name": self.hall_name, "hall_id": "H01"}

    def key_history(self, terminal_id: str) -> KeyHistory:
        return KeyHistory(())

    def acked_seq(self, terminal_id: str) -> int:
        return 0

    def register_key(self, terminal_id: str, public_key_hex: str, from_seq: int) -> Registration:
        if self.refuse:
            raise coded(Refused, "terminal.rekey_official")  # any refusal of head office's
        self.registered.append((terminal_id, public_key_hex, from_seq))
        return Registration("fp-" + public_key_hex[:6], self.state)

    def certified(self, terminal_id: str) -> bool:
        return False


@dataclass
class Key:
    public_key_hex: str = KEY


class Store(MemoryStore):
    def pull_everything(self) -> None:
        with self.uow() as uow:
            uow.settings.add_clerks([("C07", "李娜", "clerk")])
            uow.customers.upsert([CUSTOMER])
            uow.commit()

    def restore(self, terminal_id: str, hall_name: str, history: KeyHistory) -> tuple[int, int]:
        raise AssertionError("init never restores")


def directory(path: Path) -> Directory:
    return Directory(
        path,
        save_key=lambda where, key: (where / "terminal.key").write_text(key.public_key_hex),
        ensure_master_key=lambda config: None,
    )


@pytest.mark.parametrize("hall_name", ['城东"营业厅', "城东\\营业厅", '一号厅"\nmode = "demo'])
def test_a_hall_name_head_office_sends_is_text_in_config_toml(hall_name: str, tmp_path: Path) -> None:
    """cli/terminal.py formatted the hall name into its own template: a `"` broke config.toml."""
    store, data = Store(), tmp_path / "T07"
    done = provision(
        Desk(hall_name), directory(data), lambda _: store, Request("T07", "postgresql://hq"), Key()
    )
    config = load_config(data / "config.toml")
    assert (config.hall_name, config.mode, config.terminal_id) == (hall_name, "production", "T07")
    assert config.data["hall_id"] == "H01" and config.central_url() == "postgresql://hq"
    assert config.section("card")["kind"] == "pcsc" and config.section("printer")["kind"] == "none"
    assert config.clerk == "" and config.settings.central.interval_s == DEFAULTS.central.interval_s
    assert stat.S_IMODE((data / "config.toml").stat().st_mode) == 0o600
    assert (done.clerks, done.customers, done.key_state) == (["C07"], 1, "active")
    settings = store.state.meta
    assert (settings["hall_name"], settings[HALL_ID], settings[MODE]) == (hall_name, "H01", "production")
    assert KeyHistory.parse(settings[KEY_HISTORY]).current == KEY


def test_a_training_terminal_registers_no_key(tmp_path: Path) -> None:
    desk, data = Desk(), tmp_path / "T08"
    request = Request("T08", "postgresql://hq", training=True, card="simulated", backup="E:/备份")
    done = provision(desk, directory(data), lambda _: Store(), request, Key())
    config = load_config(data / "config.toml")
    assert desk.registered == [] and done.key_state == "training" and config.mode == "training"
    assert config.section("backup")["path"] == "E:/备份" and config.section("card")["kind"] == "simulated"


def test_head_office_refusing_the_key_leaves_the_directory_untouched(tmp_path: Path) -> None:
    data = tmp_path / "T09"
    with pytest.raises(HallPayError) as refused:
        provision(Desk(refuse=True), directory(data), lambda _: Store(), Request("T09", "u"), Key())
    assert refused.value.code == "terminal.rekey_official" and not data.exists()


def test_a_directory_that_is_not_empty_is_refused_before_head_office_is_asked(tmp_path: Path) -> None:
    (tmp_path / "local.db").write_text("")
    desk = Desk()
    with pytest.raises(HallPayError) as refused:
        provision(desk, directory(tmp_path), lambda _: Store(), Request("T09", "u"), Key())
    assert refused.value.code == "terminal.dir_not_empty" and desk.registered == []


@pytest.mark.parametrize(
    ("lang", "said"),
    [
        (
            "en",
            "Terminal T07 is restored (城东营业厅, training mode): 1 clerks, 1 customers, 5 journal entries",
        ),
        ("zh", "已恢复终端 T07（城东营业厅，培训模式）：人员 1 名，用户 1 户，流水 5 笔"),
    ],
)
def test_what_terminal_init_prints_is_in_the_language_asked_for(lang, said, capsys, tmp_path: Path) -> None:
    import argparse

    from app.messages import voice
    from app.services.provisioning import Provisioned
    from cli.output import language_of
    from cli.terminal import show_provisioned

    done = Provisioned("T07", "城东营业厅", "training", "ab" * 8, "training", "", None, ["C07"], 1, 5, 2)
    args = argparse.Namespace(json=False, backup="", lang=lang)
    show_provisioned(done, args, voice(language_of(args)), data_dir=tmp_path, restore=True)
    out, err = capsys.readouterr()
    assert out.startswith(said)
    if lang == "en":
        assert "No backup location" in err and "PINs came back" in err


@dataclass
class KeyFiles:
    """The key files of a PC: the key in use and a staged new one (real Ed25519 keys, in memory)."""

    current_key: Any
    staged_key: Any
    swapped: bool = False

    def finish_pending(self, current_key: Any) -> bool:
        return False

    def current(self) -> Any:
        return self.current_key

    def staged(self) -> Any:
        return self.staged_key

    def adopt_staged(self) -> None:
        self.swapped = True


@dataclass
class KeyDesk:
    seen: list[tuple[str, str, int, str]] = field(default_factory=list)

    def register_key(
        self, terminal_id: str, public_key_hex: str, from_seq: int, old_signature: str = ""
    ) -> Any:
        self.seen.append((terminal_id, public_key_hex, from_seq, old_signature))
        return SimpleNamespace(fingerprint=public_key_hex[:16], state="active", from_seq=from_seq)


def test_a_rekey_is_signed_by_the_old_key_and_recorded_before_the_swap() -> None:
    from app.provisioning import rekey_message
    from app.services.rekey import rekey
    from app.signing import Ed25519Signer, verify_hash_signature

    old, new = Ed25519Signer.generate(), Ed25519Signer.generate()
    store, keys, desk = MemoryStore(), KeyFiles(old, new), KeyDesk()
    done = rekey(desk, store, keys, "T07")
    (tid, offered, from_seq, signature) = desk.seen[0]
    assert (tid, offered, from_seq) == ("T07", new.public_key_hex, 1)  # an empty journal: from entry 1
    assert verify_hash_signature(old.public_key_hex, rekey_message("T07", offered, 1), signature)
    history = KeyHistory.parse(store.state.meta[KEY_HISTORY])
    assert history.current == new.public_key_hex and keys.swapped
    assert (done.old_fingerprint, done.fingerprint) == (old.public_key_hex[:16], new.public_key_hex[:16])
