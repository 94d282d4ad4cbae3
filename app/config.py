"""config.toml of a terminal's data directory: read with tomllib, written by the settings page.

Unknown keys are kept as they are, so a newer HallPay's settings survive an older one's save.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

DEFAULT_TOML = """\
# HallPay terminal configuration. Edited by the settings page; safe to edit by hand.
terminal_id = "{terminal_id}"
hall_name = "{hall_name}"
clerk = "C01"
language = "zh_CN"

[printer]
kind = "file"        # none | file | network | usb | serial
host = "127.0.0.1"
port = 9100
width_mm = 80        # 58 | 80
mode = "text"        # text | image
timeout_s = 3
cash_drawer = true

[card]
kind = "simulated"   # simulated | pcsc
reader = ""

[central]
url = ""             # empty: the embedded central.db beside local.db
interval_s = 30

[backup]
path = ""            # a second disk: USB stick or network share, e.g. "E:/HallPay备份"; empty: no backup
stale_after_s = 120  # the status bar turns red when a journal entry waits this long for its copy

# Scanned payment codes (付款码, issue 19): an empty gateway leaves that wallet off (typed references only).
# Key files must be mode 0600; relative paths are inside this directory. README: "WeChat and Alipay".
[alipay]
gateway = ""
app_id = ""
app_private_key_path = ""
alipay_public_key_path = ""

[wechat]
gateway = ""
appid = ""
mch_id = ""
api_key_path = ""
sign_type = "MD5"    # MD5 | HMAC-SHA256

[wallet]
interval_s = 3       # query every 3 s while the customer enters the password
deadline_s = 60      # then cancel (撤销)
"""


CONFIRM_ABOVE_FEN = 500_000  # 5,000.00 yuan: the one default for "a large payment asks once more"


@dataclass
class Config:
    path: Path
    data: dict[str, Any] = field(default_factory=dict)

    @property
    def data_dir(self) -> Path:
        return self.path.parent

    @property
    def terminal_id(self) -> str:
        return str(self.data.get("terminal_id", "T01"))

    @property
    def hall_name(self) -> str:
        return str(self.data.get("hall_name", "供电营业厅"))

    @property
    def mode(self) -> str:
        """demo (the showcase terminal a fresh data directory becomes) | production | training (issue 17)."""
        value = str(self.data.get("mode", "demo"))
        return value if value in ("demo", "production", "training") else "demo"

    @property
    def mark(self) -> str:
        """What receipts and the window say on a terminal that is not a production one ("" on production)."""
        from app.provisioning import MODE_MARKS

        return MODE_MARKS.get(self.mode, "")

    @property
    def clerk(self) -> str:
        return str(self.data.get("clerk", "C01"))

    def section(self, name: str) -> dict[str, Any]:
        value = self.data.get(name, {})
        return dict(value) if isinstance(value, dict) else {}

    @property
    def confirm_above_fen(self) -> int:
        """[counter] confirm_above_yuan: a payment above this asks the clerk to confirm it (issue 16)."""
        from app.money import AmountError, parse_yuan

        raw = self.section("counter").get("confirm_above_yuan")
        if raw is None or isinstance(raw, bool):
            return CONFIRM_ABOVE_FEN
        try:
            return int(parse_yuan(str(raw), allow_zero=True))  # text at the edge, fen inside: never a float
        except AmountError:
            return CONFIRM_ABOVE_FEN

    def central_url(self) -> str:
        """[central] url, with the password from HALLPAY_CENTRAL_PASSWORD when the URL has none."""
        return str(os.environ.get("HALLPAY_CENTRAL_URL") or self.section("central").get("url", ""))


def load_config(path: Path) -> Config:
    with path.open("rb") as f:
        return Config(path, tomllib.load(f))


def stage_private_text(path: Path, text: str) -> Path:
    """`text` in a temporary file beside `path`, owner-only (0600) from its first byte, synced; the caller
    renames it over `path` (os.replace keeps the mode)."""
    tmp = path.with_name(path.name + ".tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    try:
        os.write(fd, text.encode("utf-8"))
        os.fsync(fd)
    finally:
        os.close(fd)
    return tmp


def write_private_text(path: Path, text: str) -> None:
    """config.toml holds secrets (the card master key, maybe a central URL): owner-only (0600) from its
    first byte, written through a temporary file and a rename, still 0600 after every save."""
    os.replace(stage_private_text(path, text), path)
    os.chmod(path, 0o600)


def write_default_config(path: Path, terminal_id: str, hall_name: str) -> Config:
    write_private_text(path, DEFAULT_TOML.format(terminal_id=terminal_id, hall_name=hall_name))
    return load_config(path)
