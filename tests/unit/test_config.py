"""config.toml: one set of typed defaults, one reader, one writer that keeps comments and 0600, and a bad
[printer] or [card] value that becomes the device's status instead of an exception (issue 15)."""

from __future__ import annotations

import stat
import tomllib
from pathlib import Path

import pytest

from app.config import (
    DEFAULT_TOML,
    DEFAULTS,
    Config,
    Settings,
    edited_toml,
    load_config,
    save_config,
    write_default_config,
)
from app.ports import ReaderUnavailable
from cardreader.factory import UnavailableReader, ensure_master_key, make_card_reader
from printing.factory import MisconfiguredPrinter, PrinterConfigError, make_printer, printer_for
from printing.layout import COLUMNS_BY_WIDTH_MM
from tests.unit.receipt_samples import cash_with_change


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_the_template_a_new_terminal_gets_is_the_typed_defaults(tmp_path: Path) -> None:
    data = tomllib.loads(DEFAULT_TOML)
    assert Settings.read(data) == DEFAULTS  # the template and the typed defaults are one declaration
    assert data["printer"] == {k: v for k, v in vars(DEFAULTS.printer).items()}
    assert data["card"] == {"kind": DEFAULTS.card.kind, "reader": DEFAULTS.card.reader}
    assert (data["clerk"], data["language"]) == (DEFAULTS.clerk, DEFAULTS.language)
    assert data["central"]["interval_s"] == DEFAULTS.central.interval_s


def test_a_missing_key_means_the_same_default_everywhere(tmp_path: Path) -> None:
    """width_mm was 80 in the template and 58 in the printer factory; cash_drawer true and false."""
    bare = Config(tmp_path / "config.toml", {"printer": {"kind": "file"}})
    assert bare.section("printer")["width_mm"] == DEFAULTS.printer.width_mm == 80
    assert bare.section("printer")["cash_drawer"] is DEFAULTS.printer.cash_drawer
    for section in ({}, bare.section("printer")):
        printer = make_printer(section, tmp_path)
        assert printer.columns == COLUMNS_BY_WIDTH_MM[DEFAULTS.printer.width_mm]  # type: ignore[attr-defined]
        assert printer.cash_drawer is DEFAULTS.printer.cash_drawer  # type: ignore[attr-defined]


def test_the_writer_keeps_comments_unknown_keys_and_the_owner_only_mode(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write_default_config(path, "T01", "城东营业厅")
    assert mode_of(path) == 0o600  # from its first byte: it will hold the card master key
    path.write_text(
        path.read_text(encoding="utf-8") + "\n# 厅里自己的说明\n[future]\nknob = 3\n", encoding="utf-8"
    )
    path.chmod(0o600)
    saved = save_config(
        path,
        {
            "printer": {"width_mm": 58, "host": "10.0.0.9"},
            "": {"idle_lock_s": 60},
            "counter": {"confirm_above_yuan": "8000.00"},
        },
    )
    text = path.read_text(encoding="utf-8")
    assert "width_mm = 58        # 58 | 80" in text and "# 厅里自己的说明" in text
    assert 'kind = "file"        # none | file | network | usb | serial' in text
    assert saved.section("printer")["host"] == "10.0.0.9" and saved.data["idle_lock_s"] == 60
    assert saved.data["future"] == {"knob": 3} and saved.section("counter")["confirm_above_yuan"] == "8000.00"
    assert saved.data["terminal_id"] == "T01" and "idle_lock_s" not in saved.section("printer")
    assert mode_of(path) == 0o600
    assert not list(tmp_path.glob("*.tmp"))


def test_a_hash_inside_a_string_is_not_a_comment() -> None:
    text = 'hall_name = "一号厅 # 东"   # the hall\n[printer]\nhost = "a#b" # where\n'
    out = edited_toml(text, {"printer": {"host": "c # d"}})
    assert out == 'hall_name = "一号厅 # 东"   # the hall\n[printer]\nhost = "c # d" # where\n'
    assert tomllib.loads(out)["printer"]["host"] == "c # d"


def test_the_master_key_is_written_by_the_same_writer(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write_default_config(path, "T01", "厅")
    path.chmod(0o644)  # as an old version's settings page left it
    key = ensure_master_key(path)
    assert len(key) == 32 and ensure_master_key(path) == key
    assert load_config(path).section("card")["master_key_hex"] == key.hex()
    assert 'kind = "simulated"   # simulated | pcsc' in path.read_text(encoding="utf-8")
    assert mode_of(path) == 0o600


@pytest.mark.parametrize(
    "section",
    [{"width_mm": 76}, {"kind": "laser"}, {"timeout_s": "soon"}, {"kind": "network", "port": 70000}],
)
def test_a_bad_printer_value_is_a_status_and_the_receipt_waits(section: dict, tmp_path: Path) -> None:
    with pytest.raises(PrinterConfigError):  # the settings page's check still refuses it with a sentence
        make_printer(section, tmp_path)
    printer = printer_for(section, tmp_path)
    assert isinstance(printer, MisconfiguredPrinter)
    status = printer.status()
    assert not status.can_print and "[printer]" in status.message
    result = printer.print_receipt(cash_with_change())
    assert not result.printed and "打印机设置有误" in result.reason
    assert Path(result.stored_as).exists()  # kept for the reprint once the setting is right


@pytest.mark.parametrize("section", [{"kind": "pcsc2"}, {"kind": "pcsc", "timeout_s": "long"}])
def test_a_bad_card_value_is_a_status(section: dict) -> None:
    reader = make_card_reader(section)
    assert isinstance(reader, UnavailableReader)
    assert "[card]" in reader.status().text
    with pytest.raises(ReaderUnavailable, match=r"\[card\]"):
        reader.read_card()


HARD_NAMES = [
    '城东"营业厅',  # a quote ended the TOML string: the file no longer parsed
    "城东\\营业厅",  # a backslash began an escape
    '一号厅"\nmode = "production',  # a name that tried to write a second key
    "供电营业厅（城东）",
]


@pytest.mark.parametrize("name", HARD_NAMES)
def test_any_hall_name_survives_the_new_file(name: str, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    config = write_default_config(path, "T01", name)
    assert config.hall_name == name and config.mode == "demo"
    assert load_config(path).data["printer"]["kind"] == DEFAULTS.printer.kind
    assert mode_of(path) == 0o600


@pytest.mark.parametrize("name", HARD_NAMES)
def test_any_hall_name_survives_a_save_with_comments_and_unknown_keys_kept(name: str, tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    write_default_config(path, "T01", "厅")
    path.write_text(path.read_text(encoding="utf-8") + '\n[future]\nknob = "旋钮" # 注释\n', encoding="utf-8")
    saved = save_config(path, {"": {"hall_name": name}, "backup": {"path": name}})
    assert (saved.hall_name, saved.section("backup")["path"]) == (name, name)
    assert saved.data["future"] == {"knob": "旋钮"} and saved.mode == "demo"
    text = path.read_text(encoding="utf-8")
    assert 'knob = "旋钮" # 注释' in text and "# HallPay terminal configuration" in text
    assert mode_of(path) == 0o600


def test_the_typed_reader_gives_each_setting_its_declared_type_or_its_default() -> None:
    settings = Settings.read(
        {
            "hall_name": "城东营业厅",
            "mode": "production",
            "printer": {"port": "9100", "timeout_s": 2.5, "cash_drawer": 1},
            "central": {"interval_s": 10, "answer_timeout_s": True},
            "backup": "not a table",
            "future": {"knob": 3},
        }
    )
    assert (settings.hall_name, settings.mode) == ("城东营业厅", "production")
    assert settings.printer.port == DEFAULTS.printer.port  # text is not a port
    assert settings.printer.timeout_s == 2.5 and settings.printer.cash_drawer is True  # 1 is not a flag
    assert settings.central.interval_s == 10.0 and isinstance(settings.central.interval_s, float)
    assert settings.central.answer_timeout_s == DEFAULTS.central.answer_timeout_s  # a flag is not a number
    assert settings.backup == DEFAULTS.backup
