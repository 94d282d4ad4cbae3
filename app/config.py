"""config.toml of a terminal's data directory: one typed set of defaults, one reader, one writer.

`Settings` (with `PrinterSettings`, `CardSettings`, `CentralSettings`, `BackupSettings`, `WalletSettings`)
declares every setting once with its default (STYLE #22, Electrum's ConfigVar): the one template every new
config.toml starts from (a demo terminal's first start and `terminal init` alike), `Settings.read` (the typed
reader: `Config.settings`) and the settings page's form all start from these values. The device adapters
that must say what is wrong with a value read `Config.section()` (the file's table over the same defaults) and
check it themselves: a value they cannot use is that device's status, never a crash.
`save_config` / `stage_config` are the one writer (tomlkit): they change the given keys in place, escape every
value, keep every comment and unknown key, and leave the file owner-only (0600), since it holds the card
master key; every byte goes through app/durable.py.
"""

from __future__ import annotations

import logging
import os
import tomllib
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any, TypeVar

import tomlkit

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
    mode: str = "demo"  # demo (what a fresh data directory becomes) | production | training (issue 17)
    clerk: str = "C01"
    language: str = "zh_CN"
    printer: PrinterSettings = field(default_factory=PrinterSettings)
    card: CardSettings = field(default_factory=CardSettings)
    central: CentralSettings = field(default_factory=CentralSettings)
    backup: BackupSettings = field(default_factory=BackupSettings)
    wallet: WalletSettings = field(default_factory=WalletSettings)

    @classmethod
    def read(cls, data: Mapping[str, Any]) -> Settings:
        """The file's values over the declared defaults, each of its declared type: a missing key, or one
        of the wrong type (`interval_s = "soon"`), is its default. The device adapters that must say what
        is wrong with a value (printer, card, wallets) read `Config.section()` and check it themselves."""

        def table(name: str) -> Mapping[str, Any]:
            value = data.get(name, {})
            return value if isinstance(value, Mapping) else {}

        top = _typed(cls, data, skip=_SECTIONS)
        return cls(
            **top,
            printer=PrinterSettings(**_typed(PrinterSettings, table("printer"))),
            card=CardSettings(**_typed(CardSettings, table("card"))),
            central=CentralSettings(**_typed(CentralSettings, table("central"))),
            backup=BackupSettings(**_typed(BackupSettings, table("backup"))),
            wallet=WalletSettings(**_typed(WalletSettings, table("wallet"))),
        )


_SECTIONS = frozenset({"printer", "card", "central", "backup", "wallet"})
_T = TypeVar("_T")


_TYPES: dict[str, tuple[type, ...]] = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,)}


def _typed(cls: type[_T], raw: Mapping[str, Any], skip: frozenset[str] = frozenset()) -> dict[str, Any]:
    """{field: value} for cls's declared fields found in `raw` with the declared type (an int for a float;
    a bool is never a number)."""
    out: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        wanted = _TYPES.get(str(f.type))
        if wanted is None or f.name in skip or f.name not in raw:
            continue
        value = raw[f.name]
        if isinstance(value, wanted) and (bool in wanted or not isinstance(value, bool)):
            out[f.name] = float(value) if f.type == "float" else value  # type: ignore[arg-type]
    return out


DEFAULTS = Settings()
SECTION_DEFAULTS: dict[str, Mapping[str, Any]] = {
    "printer": asdict(DEFAULTS.printer),
    "card": asdict(DEFAULTS.card),
    "central": asdict(DEFAULTS.central),
    "backup": asdict(DEFAULTS.backup),
    "wallet": asdict(DEFAULTS.wallet),
}


def _toml_value(value: Any) -> str:
    """One value as TOML, escaped by tomlkit: a `"`, a backslash or a newline in a hall name stays text."""
    return tomlkit.item(value).as_string()


def _template() -> str:
    d, p = DEFAULTS, DEFAULTS.printer
    v = _toml_value
    return f"""\
# HallPay terminal configuration. Owner-only (0600): it holds secrets (the card master key, maybe a
# central URL). Written by `terminal init` and the settings page; safe to edit by hand.
terminal_id = {v(d.terminal_id)}
hall_name = {v(d.hall_name)}
mode = {v(d.mode)}            # demo | production | training (培训: receipts say 非正式凭证, nothing reaches head office)
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


# The one template: a demo terminal's first start and `terminal init` both edit it (new_config_text).
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
    def settings(self) -> Settings:
        """The typed view of the file (read afresh: the settings page replaces `data` after a save)."""
        return Settings.read(self.data)

    @property
    def terminal_id(self) -> str:
        return self.settings.terminal_id

    @property
    def hall_name(self) -> str:
        return self.settings.hall_name

    @property
    def mode(self) -> str:
        """demo (the showcase terminal a fresh data directory becomes) | production | training (issue 17)."""
        value = self.settings.mode
        return value if value in ("demo", "production", "training") else DEFAULTS.mode

    @property
    def mark(self) -> str:
        """What receipts and the window say on a terminal that is not a production one ("" on production)."""
        from app.provisioning import MODE_MARKS

        return MODE_MARKS.get(self.mode, "")

    @property
    def clerk(self) -> str:
        return self.settings.clerk

    @property
    def language(self) -> str:
        """zh_CN | en: the window's and the command line's language."""
        return self.settings.language

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
        """HALLPAY_CENTRAL_URL when set, else [central] url (a password the URL lacks is added later from
        HALLPAY_CENTRAL_PASSWORD, by db/central/engine.central_url)."""
        return os.environ.get("HALLPAY_CENTRAL_URL") or self.settings.central.url


def load_config(path: Path) -> Config:
    with path.open("rb") as f:
        return Config(path, tomllib.load(f))


def write_private_text(path: Path, text: str) -> None:
    """config.toml holds secrets (the card master key, maybe a central URL): owner-only (0600) from its
    first byte, written through a temporary file and a rename, still 0600 after every save."""
    durable.write_text(path, text, mode=0o600)


def _stage_text(path: Path, text: str) -> Path:
    return durable.stage_bytes(path, text.encode("utf-8"), mode=0o600)


def new_config_text(changes: Mapping[str, Mapping[str, Any]]) -> str:
    """The template with these keys set ("" = the top level): every new config.toml starts here."""
    return edited_toml(DEFAULT_TOML, changes)


def write_new_config(path: Path, changes: Mapping[str, Mapping[str, Any]]) -> Config:
    write_private_text(path, new_config_text(changes))
    return load_config(path)


def write_default_config(path: Path, terminal_id: str, hall_name: str) -> Config:
    return write_new_config(path, {"": {"terminal_id": terminal_id, "hall_name": hall_name}})


# ------------------------------------------------------------------ the writer: keys changed in place


def edited_toml(text: str, changes: Mapping[str, Mapping[str, Any]]) -> str:
    """`text` with each `changes[section][key]` set ("" = the top level), by tomlkit: a key that is there
    keeps its place and its comment; a missing key is added to its table (a missing table at the end of
    the file). Everything else, comments and unknown keys included, stays as it was; every value is
    escaped (a `"` or a newline in a hall name is text, never a second key)."""
    doc = tomlkit.parse(text)
    for section, keys in changes.items():
        if not keys:
            continue
        table: Any = doc
        if section:
            if not isinstance(doc.get(section), Mapping):
                doc[section] = tomlkit.table()
            table = doc[section]
        for key, value in keys.items():
            table[key] = value
    return tomlkit.dumps(doc)


def stage_config(path: Path, changes: Mapping[str, Mapping[str, Any]]) -> Path:
    """The changed config written beside `path` (0600), to be renamed over it (durable.rename) when it should
    take effect: the settings page renames it only after its journal entry committed."""
    return _stage_text(path, edited_toml(path.read_text(encoding="utf-8"), changes))


def save_config(path: Path, changes: Mapping[str, Mapping[str, Any]]) -> Config:
    """Change these keys of config.toml now, comments kept, owner-only; returns the config as read back."""
    durable.rename(stage_config(path, changes), path)
    os.chmod(path, 0o600)
    return load_config(path)
