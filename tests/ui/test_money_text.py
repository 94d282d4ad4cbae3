"""Money grouped the same way on every page (UX review item 13): one formatter, ui.widgets.yuan."""

from __future__ import annotations

from pathlib import Path

from ui.widgets import MoneyEdit, yuan

UI = Path(__file__).resolve().parents[2] / "ui"


def test_one_grouped_formatter():
    assert (yuan(6827440), yuan(5), yuan(-123456)) == ("68,274.40", "0.05", "-1,234.56")


def test_an_entry_field_keeps_text_parse_yuan_reads(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.set_fen(6827440)
    assert edit.text() == "68274.40" and edit.fen() == 6827440


def test_no_page_formats_money_itself():
    # format_fen only in widgets.py (the formatter and MoneyEdit) and the settings' editable default
    users = {p.name for p in UI.glob("*.py") if "format_fen(" in p.read_text(encoding="utf-8")}
    assert users <= {"widgets.py", "settings_page.py"}, users
