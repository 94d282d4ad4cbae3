"""A save from the settings page edits config.toml in place: comments and the card master key kept, and the
file stays owner-only (0600); it was left world-readable before (issue 15)."""

from __future__ import annotations

import stat

from app.config import load_config
from app.services.settings_change import change_settings


def test_a_settings_save_keeps_comments_the_key_and_the_0600_mode(terminal):
    path = terminal.config.path
    key_before = load_config(path).section("card")["master_key_hex"]
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    change_settings(
        terminal.ctx,
        path,
        terminal.config.data,
        {"printer": {"width_mm": 58}, "idle_lock_s": 90},
        "C01",
        "S01",
        "999999",
    )
    text = path.read_text(encoding="utf-8")
    assert "width_mm = 58        # 58 | 80" in text and "# none | file | network | usb | serial" in text
    saved = load_config(path)
    assert saved.section("card")["master_key_hex"] == key_before and saved.data["idle_lock_s"] == 90
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
