"""config.toml of a terminal's data directory: one typed set of defaults, one reader, one writer.

`Settings` (with `PrinterSettings`, `CardSettings`, `CentralSettings`, `BackupSettings`) declares every
setting once with its default (STYLE #22, Electrum's ConfigVar): the template a new terminal gets, the
`Config.section()` every adapter reads and the settings page's form all start from these values.
`load_config` is the one reader (tomllib); `save_config` / `stage_config` the one writer: it changes the
given keys in place, keeps every comment and unknown key, and leaves the file owner-only (0600), since it
holds the card master key. A value an adapter cannot use is that device's status, never a crash (the
printer and card factories turn it into an unavailable device with the sentence).
"""

from __future__ import annotations

import logging
import os
import re
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from app import durable
from app.link_limits import LinkLimits
from app.tender import MAX_CHANGE_FEN  # [counter] max_change_yuan's default

log = logging.getLogger("hallpay.config")


@dataclass(frozen=True)
class PrinterSettings:
    kind: str = "file"  # none | file | network | usb | serial (file: the demo terminal's receipts/)
    host: str = "127.0.0.1"
    port: int = 9100
    width_mm: int = 80  # 58 | 80
    mode: str = "text"  # text | image
    timeout_s: float = 3
    cash_drawer: bool = True


@dataclass(frozen=True)
class CardSettings:
    kind: str = "simulated"  # simulated | pcsc
    reader: str = ""  # pcsc: the reader's name or a part of it ("" = the first reader)
    timeout_s: float = 20.0  # pcsc: the longest one card call may take


@dataclass(frozen=True)
class CentralSettings:
    url: str = ""  # empty: the embedded central.db beside local.db
    interval_s: float = 30
    # every wait on head office has an end (app/sync.py LinkLimits says why each bound is where it is)
    connect_timeout_s: int = 3
    idle_in_transaction_timeout_s: int = 10
    lock_timeout_s: int = 15
    statement_timeout_s: int = 20
    answer_timeout_s: float = 25
    # inline: each push folds what is pending before it returns; service: pushes only append and head office
    # runs `python main.py central project` (db/central/projector.py, issue 29)
    projector: str = "inline"


@dataclass(frozen=True)
class BackupSettings:
    path: str = ""
    stale_after_s: float = 120


@dataclass(frozen=True)
class WalletSettings:
    """[wallet]: scanned payment codes (issue 19); [alipay] and [wechat] hold each acquirer's keys."""

    interval_s: float = 3  # query every 3 s while the customer enters the password
    deadline_s: float = 60  # then cancel (撤销)
    cancel_tries: int = 3


@dataclass(frozen=True)
class Settings:
    terminal_id: str = "T01"
    hall_name: str = "供电营业厅"
    clerk: str = "C01"
    language: str = "zh_CN"
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    card: CardSettings = field(default_factory=CardSettings)
    central: CentralSettings = field(default_factory=CentralSettings)
    backup: BackupSettings = field(default_factory=BackupSettings)
    wallet: WalletSettings = field(default_factory=WalletSettings)


DEFAULTS = Settings()
SECTION_DEFAULTS: dict[str, Mapping[str, Any]] = {
    "printer": asdict(DEFAULTS.printer),
    "card": asdict(DEFAULTS.card),
    "central": asdict(DEFAULTS.central),
    "backup": asdict(DEFAULTS.backup),
    "wallet": asdict(DEFAULTS.wallet),
}


def _toml_value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, list):
        return "[" + ", ".join(_toml_value(v) for v in value) + "]"
    text = str(value).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return f'"{text}"'


def _template() -> str:
    d, p = DEFAULTS, DEFAULTS.printer
    v = _toml_value
    return f"""\
# HallPay terminal configuration. Edited by the settings page; safe to edit by hand.
terminal_id = "{{terminal_id}}"
hall_name = "{{hall_name}}"
clerk = {v(d.clerk)}
language = {v(d.language)}

[printer]
kind = {v(p.kind)}        # none | file | network | usb | serial
host = {v(p.host)}
port = {v(p.port)}
width_mm = {v(p.width_mm)}        # 58 | 80
mode = {v(p.mode)}        # text | image
timeout_s = {v(p.timeout_s)}
cash_drawer = {v(p.cash_drawer)}

[card]
kind = {v(d.card.kind)}   # simulated | pcsc
reader = {v(d.card.reader)}

[central]
url = {v(d.central.url)}             # empty: the embedded central.db beside local.db
interval_s = {v(d.central.interval_s)}
# Bounds on every wait on head office (README "Head office link"): a silent link is given up after
# answer_timeout_s; head office ends a dead counter's half-done push after idle_in_transaction_timeout_s.
connect_timeout_s = {v(d.central.connect_timeout_s)}
idle_in_transaction_timeout_s = {v(d.central.idle_in_transaction_timeout_s)}
lock_timeout_s = {v(d.central.lock_timeout_s)}
statement_timeout_s = {v(d.central.statement_timeout_s)}
answer_timeout_s = {v(d.central.answer_timeout_s)}
projector = {v(d.central.projector)}   # inline | service (head office runs `central project`)

[backup]
path = {v(d.backup.path)}            # a second disk: USB stick or network share, e.g. "E:/HallPay备份"; empty: no backup
stale_after_s = {v(d.backup.stale_after_s)}  # the status bar turns red when a journal entry waits this long for its copy

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
interval_s = {v(d.wallet.interval_s)}       # query every 3 s while the customer enters the password
deadline_s = {v(d.wallet.deadline_s)}      # then cancel (撤销)
"""


DEFAULT_TOML = _template()


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
        return str(self.data.get("terminal_id", DEFAULTS.terminal_id))

    @property
    def hall_name(self) -> str:
        return str(self.data.get("hall_name", DEFAULTS.hall_name))

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
        return str(self.data.get("clerk", DEFAULTS.clerk))

    @property
    def language(self) -> str:
        """zh_CN | en: the window's and the command line's language."""
        return str(self.data.get("language", DEFAULTS.language))

    def section(self, name: str) -> dict[str, Any]:
        """A table of the file over its declared defaults: every adapter sees the same default values."""
        value = self.data.get(name, {})
        return {**SECTION_DEFAULTS.get(name, {}), **(value if isinstance(value, dict) else {})}

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

    def central_limits(self) -> LinkLimits:
        """[central]'s bounds on every wait on head office; a missing or unusable value keeps its default
        (the order app/sync.py LinkLimits needs is checked; out of order: the defaults, logged)."""
        section, d = self.section("central"), DEFAULTS.central

        def number(key: str, default: float) -> float:
            raw = section.get(key, default)
            return raw if isinstance(raw, (int, float)) and not isinstance(raw, bool) and raw > 0 else default

        try:
            return LinkLimits(
                connect_s=int(number("connect_timeout_s", d.connect_timeout_s)),
                idle_in_transaction_s=int(
                    number("idle_in_transaction_timeout_s", d.idle_in_transaction_timeout_s)
                ),
                lock_s=int(number("lock_timeout_s", d.lock_timeout_s)),
                statement_s=int(number("statement_timeout_s", d.statement_timeout_s)),
                answer_s=float(number("answer_timeout_s", d.answer_timeout_s)),
            )
        except ValueError:
            log.warning("config.toml [central] timeouts out of order; using the defaults")
            return LinkLimits()

    @property
    def max_change_fen(self) -> int:
        """[counter] max_change_yuan: change above this no drawer gives; the cash tendered is refused (issue 28)."""
        from app.money import AmountError, parse_yuan

        raw = self.section("counter").get("max_change_yuan")
        if raw is None or isinstance(raw, bool):
            return MAX_CHANGE_FEN
        try:
            return int(parse_yuan(str(raw), allow_zero=True))
        except AmountError:
            return MAX_CHANGE_FEN

    def central_projector(self) -> str:
        """[central] projector: "inline" or "service"; anything else keeps the default, logged."""
        raw = self.section("central").get("projector", DEFAULTS.central.projector)
        if raw in ("inline", "service"):
            return str(raw)
        log.warning("config.toml [central] projector must be inline or service; using inline")
        return DEFAULTS.central.projector

    def central_url(self) -> str:
        """[central] url, with the password from HALLPAY_CENTRAL_PASSWORD when the URL has none."""
        return str(os.environ.get("HALLPAY_CENTRAL_URL") or self.section("central").get("url", ""))


def load_config(path: Path) -> Config:
    with path.open("rb") as f:
        return Config(path, tomllib.load(f))


def write_private_text(path: Path, text: str) -> None:
    """config.toml holds secrets (the card master key, maybe a central URL): owner-only (0600) from its
    first byte, written through a temporary file and a rename, still 0600 after every save."""
    durable.write_text(path, text, mode=0o600)


def _stage_text(path: Path, text: str) -> Path:
    return durable.stage_bytes(path, text.encode("utf-8"), mode=0o600)


def write_default_config(path: Path, terminal_id: str, hall_name: str) -> Config:
    write_private_text(path, DEFAULT_TOML.format(terminal_id=terminal_id, hall_name=hall_name))
    return load_config(path)


# ------------------------------------------------------------------ the writer: keys changed in place

_TABLE = re.compile(r"^\s*\[([^\[\]]+)\]\s*(#.*)?$")
_KEY = re.compile(r"^(\s*)([A-Za-z0-9_-]+)(\s*=\s*)(.*)$")


def _split_value(rest: str) -> tuple[str, str]:
    """`"a # b"   # note` -> ('"a # b"', '   # note'): the value, then whatever follows it on the line."""
    if rest.startswith(('"', "'")):
        quote, i = rest[0], 1
        while i < len(rest) and rest[i] != quote:
            i += 2 if rest[i] == "\\" and quote == '"' else 1
        end = i + 1
    else:
        hash_at = rest.find("#")
        end = len(rest) if hash_at < 0 else hash_at
        end = len(rest[:end].rstrip())
    return rest[:end], rest[end:]


def edited_toml(text: str, changes: Mapping[str, Mapping[str, Any]]) -> str:
    """`text` with each `changes[section][key]` set ("" = the top level): a key that is there keeps its line,
    its indentation and its comment; a missing key is added at the end of its table (a missing table at
    the end of the file). Everything else, comments and unknown keys included, stays as it was."""
    lines = text.splitlines()
    todo = {section: dict(keys) for section, keys in changes.items() if keys}
    section, last_line_of = "", {"": -1}
    for i, line in enumerate(lines):
        table = _TABLE.match(line)
        if table:
            section = table.group(1).strip()
            last_line_of[section] = i
            continue
        key = _KEY.match(line)
        if key and not line.lstrip().startswith("#"):
            last_line_of[section] = i
            wanted = todo.get(section, {})
            if key.group(2) in wanted:
                _old, tail = _split_value(key.group(4))
                lines[i] = (
                    f"{key.group(1)}{key.group(2)}{key.group(3)}{_toml_value(wanted.pop(key.group(2)))}{tail}"
                )
    inserts: list[tuple[int, list[str]]] = []
    appended: list[str] = []
    for name, keys in todo.items():
        new = [f"{k} = {_toml_value(v)}" for k, v in keys.items()]
        if not new:
            continue
        if name in last_line_of:
            inserts.append((last_line_of[name] + 1, new))
        else:
            appended += ["", f"[{name}]", *new]
    for at, new in sorted(inserts, reverse=True):
        lines[at:at] = new
    return "\n".join(lines + appended) + "\n"


def stage_config(path: Path, changes: Mapping[str, Mapping[str, Any]]) -> Path:
    """The changed config written beside `path` (0600), to be renamed over it (durable.rename) when it should
    take effect: the settings page renames it only after its journal entry committed."""
    return _stage_text(path, edited_toml(path.read_text(encoding="utf-8"), changes))


def save_config(path: Path, changes: Mapping[str, Mapping[str, Any]]) -> Config:
    """Change these keys of config.toml now, comments kept, owner-only; returns the config as read back."""
    durable.rename(stage_config(path, changes), path)
    os.chmod(path, 0o600)
    return load_config(path)
