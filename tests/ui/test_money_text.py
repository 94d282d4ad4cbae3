"""Money grouped the same way on every page (UX review item 13): one formatter, ui.widgets.yuan."""

from __future__ import annotations

from pathlib import Path

from ui.widgets import MoneyEdit, yuan

UI = Path(__file__).resolve().parents[2] / "ui"


def test_one_grouped_formatter():
    assert (yuan(6827440), yuan(5), yuan(-123456)) == ("68,274.40", "0.05", "-1,234.56")


def test_an_entry_field_shows_grouped_money_that_parse_yuan_reads_back(qtbot):
    """ux #13: the 缴费金额 field showed 68274.40 beside a grouped 68,274.40 total."""
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.set_fen(6827440)
    assert edit.text() == "68,274.40" and edit.fen() == 6827440
    edit.set_fen(99_999_999_99)
    assert edit.text() == "99,999,999.99" and edit.fen() == 99_999_999_99


def test_an_entry_field_takes_no_letter(qtbot):
    """ux P3: 实收 showed "abc" until Enter; a letter or a minus is not taken, digits still are."""
    from PySide6.QtCore import Qt

    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.show()
    edit.setFocus()
    qtbot.keyClicks(edit, "1a-b2.3x4")
    assert edit.text() == "12.34"
    qtbot.keyClick(edit, Qt.Key.Key_5)  # a third decimal neither
    assert edit.text() == "12.34"


def test_no_page_formats_money_itself():
    # format_fen only in widgets.py (the formatter and MoneyEdit) and the settings' editable default
    users = {p.name for p in UI.glob("*.py") if "format_fen(" in p.read_text(encoding="utf-8")}
    assert users <= {"widgets.py", "settings_page.py"}, users
