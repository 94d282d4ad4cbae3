"""Changing the terminal's settings (设置): a supervisor approves, the journal records, config.toml is edited
in place (app.config's one writer: comments kept, owner-only 0600).

The settings page calls `change_settings` with the form's values. The approval entry
(Kind.APPROVAL through approvals.require_supervisor, action 修改设置, with the supervisor's PIN) names every changed key with its old and new value, and is
committed in the same unit of work as the file write succeeds: a file that cannot be written
leaves no entry, an entry never describes a change that did not happen.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app import durable
from app.config import DEFAULTS, stage_config
from app.errors import InputError, Refused
from app.journal import Entry
from app.messages import coded
from app.services.approvals import check_supervisor, require_supervisor
from app.services.context import Context

EDITABLE: dict[str, tuple[str, ...]] = {
    "": ("terminal_id", "hall_name", "clerk", "language", "idle_lock_s"),
    "printer": ("kind", "host", "port", "width_mm", "mode", "timeout_s", "cash_drawer"),
    "card": ("kind", "reader"),
    "central": ("url", "interval_s"),
    "backup": ("path",),
    # a payment above confirm_above asks once more (issue 16); change above max_change is refused (issue 28)
    "counter": ("confirm_above_yuan", "max_change_yuan"),
}
LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True)
class SettingsChange:
    entry: Entry
    changed: dict[str, tuple[Any, Any]]  # "printer.host" → (old, new)


def diff(current: Mapping[str, Any], wanted: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """ "section.key" (or "key" at the top) → (old, new), for every editable key whose value changes."""
    changed: dict[str, tuple[Any, Any]] = {}
    for section, keys in EDITABLE.items():
        old_sec = current if not section else current.get(section, {})
        new_sec = wanted if not section else wanted.get(section, {})
        for key in keys:
            if key in new_sec and new_sec[key] != old_sec.get(key):
                changed[f"{section}.{key}" if section else key] = (old_sec.get(key), new_sec[key])
    return changed


def _check(data: Mapping[str, Any]) -> None:
    if data.get("language", "zh_CN") not in LANGUAGES:
        raise coded(InputError, "settings.language")
    if not str(data.get("terminal_id", "T01")).strip():
        raise coded(InputError, "settings.terminal_id")
    printer = data.get("printer", {})
    if printer.get("kind", DEFAULTS.printer.kind) not in ("none", "file", "network", "usb", "serial"):
        raise coded(InputError, "settings.printer_kind")
    if int(printer.get("width_mm", DEFAULTS.printer.width_mm)) not in (58, 80):
        raise coded(InputError, "settings.width")
    if data.get("card", {}).get("kind", DEFAULTS.card.kind) not in ("simulated", "pcsc"):
        raise coded(InputError, "settings.card_kind")
    idle = data.get("idle_lock_s", 0)
    if not isinstance(idle, int) or isinstance(idle, bool) or idle < 0:
        raise coded(InputError, "settings.idle_lock")
    from app.money import parse_yuan

    counter = data.get("counter", {})
    limit = counter.get("confirm_above_yuan")
    if limit is not None:
        parse_yuan(str(limit), allow_zero=True)  # one sentence when it is not an amount
    most = counter.get("max_change_yuan")
    if most is not None:
        parse_yuan(str(most))  # and no drawer gives change when the most it gives is 0.00


def change_settings(
    ctx: Context,
    config_path: Path,
    current: Mapping[str, Any],
    wanted: Mapping[str, Any],
    clerk_id: str,
    approver_id: str,
    approver_pin: str = "",
) -> SettingsChange:
    """Apply `wanted` over `current`, journal it under the supervisor's approval, write config.toml."""
    changed = diff(current, wanted)
    if not changed:
        raise coded(Refused, "settings.unchanged")
    merged: dict[str, Any] = {k: (dict(v) if isinstance(v, dict) else v) for k, v in current.items()}
    for dotted, (_old, new) in changed.items():
        section, _, key = dotted.rpartition(".")
        (merged.setdefault(section, {}) if section else merged)[key] = new
    _check(merged)
    approver = check_supervisor(
        ctx,
        approver_id,
        approver_pin,
        "修改设置",  # the action's name is in the refusal's sentence: words, not a code word (ux P3)
        {
            "clerk_id": clerk_id,
            "terminal_id": ctx.terminal.terminal_id,
            "changes": {
                k: {"old": _journal_value(o), "new": _journal_value(n)} for k, (o, n) in changed.items()
            },
        },
        clerk_id=clerk_id,
    )
    with ctx.uow() as uow:
        approval = require_supervisor(uow, ctx, approver)
        assert approval.entry is not None
        entry = approval.entry
        staged = stage_config(config_path, _by_section(changed))  # the file changes once the entry commits
        try:
            uow.commit()
        except BaseException:
            staged.unlink(missing_ok=True)
            raise
    durable.rename(staged, config_path)  # the journal says it changed: the file must say so after a cut
    return SettingsChange(entry, changed)


def policy_values(ctx: Context) -> dict[str, str]:
    """The policy head office sent (late fees, limits): the settings page shows them read-only. Reads only."""
    with ctx.read() as uow:
        return uow.settings.policy_values()


def change_and_reload(
    ctx: Context,
    config_path: Path,
    current: Mapping[str, Any],
    wanted: Mapping[str, Any],
    clerk_id: str,
    approver_id: str,
    approver_pin: str = "",
) -> tuple[SettingsChange, dict[str, Any] | None]:
    """`change_settings`, then the file as it now reads (None if it cannot be read back: the change is saved
    all the same). The window takes both in one answer, so neither the supervisor's PIN check (scrypt) nor
    the file's read happens on the window's thread."""
    from app.config import load_config

    result = change_settings(ctx, config_path, current, wanted, clerk_id, approver_id, approver_pin)
    try:
        return result, load_config(config_path).data
    except (OSError, ValueError):
        return result, None


def _by_section(changed: Mapping[str, tuple[Any, Any]]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for dotted, (_old, new) in changed.items():
        section, _, key = dotted.rpartition(".")
        out.setdefault(section, {})[key] = new
    return out


def _journal_value(value: Any) -> Any:
    if isinstance(value, str | int | bool) or value is None:
        return value
    return str(value)
