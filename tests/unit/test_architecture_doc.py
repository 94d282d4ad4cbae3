"""ARCHITECTURE.md's "Every arrow that exists" is the import graph between the rooms, neither more nor less.

An arrow a → b: some module of room a imports one of room b, at the top of a file, inside a function or
under TYPE_CHECKING (review 2026-12-07 §11: `main → bootstrap`, `cli → console` and `cli → db` existed and
were not drawn). Run this file to print the real list.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
ROOMS = (
    "main",
    "bootstrap",
    "cli",
    "ui",
    "console",
    "bench",
    "app",
    "db",
    "printing",
    "cardreader",
    "wallets",
)
ARROW = re.compile(r"^(\w+) → (\w+)(?:\s|$)")


def room_files(room: str) -> list[Path]:
    module = ROOT / f"{room}.py"
    return [module] if module.exists() else sorted((ROOT / room).rglob("*.py"))


# an import statement at any depth (top, inside a function, under TYPE_CHECKING); matching lines is ~20× faster
# than ast.parse over the tree, and test_the_line_scan_agrees_with_the_parser keeps it honest
IMPORT_LINE = re.compile(r"^[ \t]*(?:from[ \t]+([A-Za-z_][\w.]*)[ \t]+import\b|import[ \t]+([^\n#;]+))", re.M)


def imported_rooms(source: str) -> set[str]:
    """Rooms named by any import in the source (absolute imports; a relative one stays in its own room)."""
    names: list[str] = []
    for from_module, imported in IMPORT_LINE.findall(source):
        names += (
            [from_module]
            if from_module
            else [part.split()[0] for part in imported.split(",") if part.strip()]
        )
    return {name.split(".")[0] for name in names} & set(ROOMS)


def parsed_rooms(source: str) -> set[str]:
    names: list[str] = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names.append(node.module)
    return {name.split(".")[0] for name in names} & set(ROOMS)


def real_arrows() -> set[tuple[str, str]]:
    arrows = set()
    for room in ROOMS:
        for path in room_files(room):
            for other in imported_rooms(path.read_text(encoding="utf-8")) - {room}:
                arrows.add((room, other))
    return arrows


def documented_arrows(text: str) -> set[tuple[str, str]]:
    section = text.split("## Every arrow that exists", 1)[1]
    block = section.split("```", 2)[1]
    found = {m.groups() for line in block.splitlines() if (m := ARROW.match(line))}
    return {(a, b) for a, b in found}


def test_the_scan_sees_lazy_and_type_checking_imports():
    src = (
        "import os, cli.render as r\nif TYPE_CHECKING:\n    from ui.app import X\n"
        "def f():\n    import db.uow\nfrom . import y\nfrom .app import z\n"
    )
    assert imported_rooms(src) == parsed_rooms(src) == {"cli", "ui", "db"}


def test_the_line_scan_agrees_with_the_parser():
    """On one room's files per run would do; bootstrap and cli hold every kind of import."""
    for path in room_files("bootstrap") + room_files("cli") + room_files("main"):
        source = path.read_text(encoding="utf-8")
        assert imported_rooms(source) == parsed_rooms(source), path


def test_the_document_names_every_arrow_that_exists_and_no_other():
    documented = documented_arrows((ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8"))
    real = real_arrows()
    assert sorted(real - documented) == [], "imports ARCHITECTURE.md does not name"
    assert sorted(documented - real) == [], "arrows ARCHITECTURE.md names that no import makes"


if __name__ == "__main__":
    for a, b in sorted(real_arrows(), key=lambda e: (ROOMS.index(e[0]), ROOMS.index(e[1]))):
        print(f"{a} → {b}")
