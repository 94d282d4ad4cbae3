"""Builds the card reader and the card master key from a terminal's `[card]` config (main.py calls these).

[card]
kind = "simulated" | "pcsc"
reader = ""                      # pcsc: the reader's name or a part of it ("" = the first reader)
master_key_hex = "…64 hex…"      # the terminal's card master key: a secret, config.toml is mode 0600

The simulated reader's cards are JSON files under DATA/cards/<customer_no>.json (the same files
`card-sim` plugs into vpcd), so a demo customer keeps one physical card between runs.
"""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from app import durable
from app.card import CardIdentity, MeterState, sign_wallet
from app.config import DEFAULTS, load_config, save_config
from app.errors import HallPayError
from app.messages import coded
from app.ports import CardImage, CardReader, ReaderStatus, ReaderUnavailable
from cardreader.sim_cli import default_serial
from cardreader.virtual_card import issue_state, save_state

KEY_BYTES = 32


def ensure_master_key(config_path: Path) -> bytes:
    """The `[card] master_key_hex` of this config file; generated (random, 32 bytes) when missing.

    The file changes by one line under `[card]` (app.config.save_config), and stays owner-only (0600)
    since it holds a secret.
    """
    found = str(load_config(config_path).section("card").get("master_key_hex") or "").strip()
    if found:
        os.chmod(config_path, 0o600)
        try:
            key = bytes.fromhex(found)
        except ValueError:
            key = b""
        if len(key) < 16:
            raise coded(HallPayError, "reader.key_short")
        return key
    key = secrets.token_bytes(KEY_BYTES)
    save_config(config_path, {"card": {"master_key_hex": key.hex()}})  # the one writer: comments kept, 0600
    return key


def make_card_reader(section: Mapping[str, Any]) -> CardReader:
    """The reader the config names: PcscCardReader for "pcsc", the in-process simulator for "simulated".

    A value it cannot use (a kind it does not know, a timeout that is not a number) gives a reader that is
    unavailable and says why in its status: the window opens, card work is refused with that sentence."""
    kind = str(section.get("kind", DEFAULTS.card.kind)).strip().lower()
    if kind == "pcsc":
        try:
            timeout_s = float(section.get("timeout_s", DEFAULTS.card.timeout_s))
        except (TypeError, ValueError):
            return UnavailableReader(
                coded(ReaderUnavailable, "reader.bad_timeout", value=section.get("timeout_s"))
            )
        from cardreader.pcsc_reader import PcscCardReader

        return PcscCardReader(str(section.get("reader", DEFAULTS.card.reader)), call_timeout_s=timeout_s)
    if kind == "simulated":
        from cardreader.simulated import SimulatedCardReader

        return SimulatedCardReader()
    return UnavailableReader(coded(ReaderUnavailable, "reader.bad_kind", kind=kind))


class UnavailableReader:
    """A reader the config does not let us build: every card call refuses with the config's sentence."""

    def __init__(self, reason: ReaderUnavailable) -> None:
        self.reason = reason

    def status(self) -> ReaderStatus:
        return ReaderStatus.unavailable(self.reason)

    def _refusal(self) -> ReaderUnavailable:
        return coded(ReaderUnavailable, self.reason.code, **self.reason.params)

    def read_card(self) -> CardImage:
        raise self._refusal()

    def write_wallet(self, serial: str, purchase_fen: int, purchase_count: int, mac: bytes) -> None:
        raise self._refusal()

    def personalise(
        self, serial: str, customer_no: str, meter_no: str, purchase_fen: int, purchase_count: int, mac: bytes
    ) -> None:
        raise self._refusal()

    def watch(self, callback: Callable[[bool], None], interval_s: float = 0.3) -> None:
        """Never calls back: no card is ever seen, and the page already says "insert a card"."""

    def stop_watching(self) -> None:
        pass


def card_path(data_dir: Path, customer_no: str) -> Path:
    return Path(data_dir) / "cards" / f"{customer_no}.json"


def simulated_card(data_dir: Path, customer_no: str, meter_no: str, master_key: bytes) -> Path:
    """DATA/cards/<customer_no>.json, issued (count 0, serial default_serial) when it does not exist yet."""
    path = card_path(data_dir, customer_no)
    if not path.exists():
        identity = CardIdentity(default_serial(customer_no), customer_no, meter_no)
        state = issue_state(identity, sign_wallet(identity, 0, 0, master_key).mac)
        state.meter = MeterState(meter_no)
        save_state(path, state)
    return path


def blank_card(data_dir: Path, serial: str) -> Path:
    """A blank card (serial only) under DATA/cards/blank-<serial>.json, for 补卡 in demo mode."""
    path = Path(data_dir) / "cards" / f"blank-{serial}.json"
    if not path.exists():
        state = issue_state(CardIdentity(serial, "", ""), bytes(8))
        state.customer_no = state.meter_no = ""
        save_state(path, state)
    return path


def adopt_replacement(data_dir: Path, customer_no: str, new_card: Path) -> Path:
    """Demo mode after 补卡: the new card becomes DATA/cards/<customer_no>.json, the old one retired-<serial>.json."""
    current = card_path(data_dir, customer_no)
    if current.exists() and current.resolve() != Path(new_card).resolve():
        from cardreader.virtual_card import load_state

        durable.rename(current, current.with_name(f"retired-{load_state(current).serial}.json"))
    durable.rename(Path(new_card), current)
    return current
