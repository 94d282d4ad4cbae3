"""DESIGN.md's dependency rule, checked on every import line of the tree."""

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def files(package: str):
    return sorted((ROOT / package).rglob("*.py"))


def offenders(packages, forbidden):
    return [
        f"{path.relative_to(ROOT)} imports {bad}"
        for package in packages
        for path in files(package)
        for bad in sorted(imports_of(path) & forbidden)
    ]


def test_app_imports_no_qt_storage_or_device_library():
    assert offenders(["app"], {"PySide6", "shiboken6", "sqlalchemy", "alembic", "psycopg", "smartcard", "escpos",
                               "reportlab", "PIL", "ui", "db", "printing", "cardreader", "wallets", "cli"}) == []


def test_app_speaks_no_http():
    """The wallet port is a Protocol; the acquirers' HTTP lives in wallets/ (issue 19)."""
    assert offenders(["app"], {"urllib", "http", "socket", "ssl", "requests", "httpx", "aiohttp"}) == []


def test_wallet_adapters_import_app_but_never_the_ui_or_the_store():
    assert offenders(["wallets"], {"PySide6", "shiboken6", "ui", "db", "sqlalchemy", "printing", "cardreader",
                                   "cli", "main"}) == []


def test_only_ui_and_main_import_qt():
    assert offenders(["app", "db", "printing", "cardreader", "wallets", "cli"], {"PySide6", "shiboken6"}) == []


def test_nothing_imports_ui_but_main():
    assert offenders(["app", "db", "printing", "cardreader", "wallets", "cli"], {"ui"}) == []


def test_the_cli_layer_uses_app_db_printing_cardreader_never_ui_or_main():
    """cli/: one module per command group (DESIGN.md); main.py registers them, nothing else imports them."""
    assert offenders(["cli"], {"ui", "main", "PySide6", "shiboken6", "bench"}) == []
    assert offenders(["app", "db", "printing", "cardreader", "ui", "wallets"], {"cli"}) == []


def test_ui_never_touches_the_store_directly():
    assert offenders(["ui"], {"sqlalchemy", "sqlite3", "db", "smartcard", "escpos"}) == []


def test_console_may_use_app_and_db_but_no_front_end():
    """console/ (the head-office web console) sits beside ui/: app, db and printing, never ui, cli or Qt."""
    assert offenders(["console"], {"ui", "cli", "main", "bench", "PySide6", "shiboken6"}) == []


def test_nothing_below_the_console_imports_flask_or_it():
    assert offenders(["app", "db", "printing", "cardreader", "ui"], {"flask", "werkzeug", "jinja2", "console"}) == []


def test_the_checker_would_catch_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("from PySide6.QtWidgets import QWidget\nimport sqlalchemy\n")
    assert imports_of(bad) == {"PySide6", "sqlalchemy"}
