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
import re
import secrets
from pathlib import Path
from typing import Any

from app.card import CardIdentity, MeterState, sign_wallet
from app.errors import HallPayError
from cardreader.sim_cli import default_serial
from cardreader.virtual_card import issue_state, save_state

KEY_BYTES = 32


def ensure_master_key(config_path: Path) -> bytes:
    """The `[card] master_key_hex` of this config file; generated (random, 32 bytes) when missing.

    The file is rewritten only by inserting one line under `[card]` (appending the section if absent),
    and its mode is set to 0600 since it now holds a secret.
    """
    text = config_path.read_text(encoding="utf-8")
    section = re.search(r"(?ms)^\[card\]\s*$(.*?)(?=^\[|\Z)", text)
    if section:
        found = re.search(r'(?m)^\s*master_key_hex\s*=\s*"([0-9a-fA-F]*)"', section.group(1))
        if found:
            os.chmod(config_path, 0o600)
            key = bytes.fromhex(found.group(1))
            if len(key) < 16:
                raise HallPayError("config.toml 中 [card] master_key_hex 太短（至少 32 个十六进制字符）；请联系信息部门。")
            return key
    key = secrets.token_bytes(KEY_BYTES)
    line = f'master_key_hex = "{key.hex()}"   # secret: the card master key of this terminal\n'
    if section:
        at = section.start(1)
        text = text[:at] + "\n" + line.rstrip("\n") + text[at:]
    else:
        text = text.rstrip("\n") + "\n\n[card]\n" + line
    tmp = config_path.with_name(config_path.name + ".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(text)
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, config_path)
    os.chmod(config_path, 0o600)
    return key


def make_card_reader(section: dict[str, Any]) -> Any:
    """The reader the config names: PcscCardReader for "pcsc", else the in-process simulator."""
    kind = str(section.get("kind", "simulated"))
    if kind == "pcsc":
        from cardreader.pcsc_reader import PcscCardReader

        return PcscCardReader(str(section.get("reader", "")),
                              call_timeout_s=float(section.get("timeout_s", 20.0)))
    from cardreader.simulated import SimulatedCardReader

    return SimulatedCardReader()


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

        current.replace(current.with_name(f"retired-{load_state(current).serial}.json"))
    Path(new_card).replace(current)
    return current
