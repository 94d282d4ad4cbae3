"""DESIGN.md's dependency rule, checked on every import line of the tree."""

import ast
import functools
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def imports_of(path: Path) -> frozenset[str]:
    """Every top-level name a file imports, function-level imports and __import__/import_module("x") included."""
    stat = path.stat()
    return _imports_of(path, stat.st_mtime_ns, stat.st_size)


@functools.cache
def _imports_of(path: Path, _mtime_ns: int, _size: int) -> frozenset[str]:
    """Parsed once per file and version: the tests below scan the same tree over and over (10 s a test)."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
        elif (
            isinstance(node, ast.Call)
            and node.args
            and isinstance(node.args[0], ast.Constant)
            and isinstance(node.args[0].value, str)
            and (
                isinstance(node.func, ast.Name)
                and node.func.id == "__import__"
                or isinstance(node.func, ast.Attribute)
                and node.func.attr == "import_module"
            )
        ):
            names.add(node.args[0].value.split(".")[0])
    return frozenset(names)


def files(package: str):
    if package.endswith(".py"):
        return [ROOT / package]
    return sorted(p for p in (ROOT / package).rglob("*.py") if "__pycache__" not in p.parts)


# The product's rooms (DESIGN.md): the entry point, the wiring, the command line, the bench, the tests.
CORE = ["app", "db", "printing", "cardreader", "wallets"]
EVERYTHING = [*CORE, "ui", "cli", "bench", "bootstrap.py", "tests"]


def offenders(packages, forbidden):
    return [
        f"{path.relative_to(ROOT)} imports {bad}"
        for package in packages
        for path in files(package)
        for bad in sorted(imports_of(path) & forbidden)
    ]


def test_app_imports_no_qt_storage_or_device_library():
    assert (
        offenders(
            ["app"],
            {
                "PySide6",
                "shiboken6",
                "sqlalchemy",
                "alembic",
                "psycopg",
                "smartcard",
                "escpos",
                "reportlab",
                "PIL",
                "ui",
                "db",
                "printing",
                "cardreader",
                "wallets",
                "cli",
            },
        )
        == []
    )


def test_app_speaks_no_http():
    """The wallet port is a Protocol; the acquirers' HTTP lives in wallets/ (issue 19)."""
    assert offenders(["app"], {"urllib", "http", "socket", "ssl", "requests", "httpx", "aiohttp"}) == []


def test_wallet_adapters_import_app_but_never_the_ui_or_the_store():
    assert (
        offenders(
            ["wallets"],
            {"PySide6", "shiboken6", "ui", "db", "sqlalchemy", "printing", "cardreader", "cli", "main"},
        )
        == []
    )


def test_only_ui_and_main_import_qt():
    assert (
        offenders(
            ["app", "db", "printing", "cardreader", "wallets", "cli", "bootstrap.py"],
            {"PySide6", "shiboken6"},
        )
        == []
    )


def test_nothing_imports_ui_but_the_gui_commands():
    assert offenders(["app", "db", "printing", "cardreader", "wallets", "bootstrap.py"], {"ui"}) == []
    assert [p for p in offenders(["cli"], {"ui"}) if not p.startswith("cli/gui.py ")] == []  # gui, screenshot


def every_python_file() -> list[str]:
    """Every module of the repository, top-level files and directories alike (not the virtualenv)."""
    skip = {".venv", ".git", "build", "dist", "node_modules"}
    return sorted(
        str(p.relative_to(ROOT))
        for p in ROOT.rglob("*.py")
        if not skip & set(p.relative_to(ROOT).parts)
        and "__pycache__" not in p.parts
        and not p.relative_to(ROOT).parts[0].endswith(".egg-info")
    )


def test_nothing_imports_the_entry_point():
    """main.py is the entry point: tests call cli/ or bootstrap, the bench runs `main.py` as a program."""
    assert offenders([f for f in every_python_file() if f != "main.py"], {"main"}) == []


def test_only_the_entry_point_and_the_tests_import_the_bench():
    """bench/ is not shipped (packaging/hallpay.spec, pyproject): nothing the counter runs may need it. The
    tests start PostgreSQL through the bench's launcher; main.py dispatches `bench`."""
    outside = [f for f in every_python_file() if f.split("/")[0] not in ("bench", "tests") and f != "main.py"]
    assert offenders(outside, {"bench"}) == []


def test_the_core_knows_neither_the_wiring_nor_the_command_line():
    assert offenders(CORE, {"bootstrap", "cli", "bench", "main"}) == []
    assert offenders(["ui"], {"cli"}) == []  # ui/ may name bootstrap.Services, the typed wiring it is handed


def untyped_wiring(path: Path) -> list[str]:
    """Where `path` takes the wiring as anything but `Services`, or probes it with getattr/hasattr: mypy
    checks the window's calls into the core only through the type (issue 32)."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.arg) and node.arg == "wiring":
            if node.annotation is None or ast.unparse(node.annotation) != "Services":
                found.append(
                    f"{path.relative_to(ROOT)}:{node.lineno} wiring: {ast.unparse(node.annotation or node)}"
                )
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Name)
            and node.func.id in ("getattr", "hasattr")
            and node.args
            and ast.unparse(node.args[0]) in ("wiring", "self._w", "self.wiring")
        ):
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    return found


def test_ui_takes_the_wiring_as_typed_services():
    assert [bad for path in files("ui") for bad in untyped_wiring(path)] == []


STORE_OPENERS = {"open_terminal"}  # bootstrap's: opens the local store (and seeds a demo terminal)


def opens_a_unit_of_work(path: Path) -> bool:
    """A call that opens a unit of work (`ctx.uow()`, `ctx.read()`, `ctx.write()`, `.reader()`) or the store.

    read/write only without arguments: `f.write(data)` is a file, `ctx.read()` a transaction."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func = node.func
        name = func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""
        if name in {"uow", "reader"} or name in STORE_OPENERS:
            return True
        if (
            name in {"read", "write"}
            and isinstance(func, ast.Attribute)
            and not node.args
            and not node.keywords
        ):
            return True
    return False


def test_ui_opens_no_unit_of_work():
    """Pages reach the store only through app/ services run by ui/ops.py's operations (issue 15): no list of
    exceptions any more."""
    assert sorted(str(p.relative_to(ROOT)) for p in files("ui") if opens_a_unit_of_work(p)) == []


def test_the_cli_layer_uses_app_db_printing_cardreader_never_ui_or_main():
    """cli/: one module per command group (DESIGN.md); main.py registers them, nothing else imports them.
    Only cli/gui.py (gui, screenshot) may reach ui/."""
    cli_but_gui = [str(p.relative_to(ROOT)) for p in files("cli") if p.name != "gui.py"]
    assert offenders(cli_but_gui, {"ui", "main", "PySide6", "shiboken6", "bench"}) == []
    assert offenders(["app", "db", "printing", "cardreader", "ui", "wallets"], {"cli"}) == []


def test_ui_never_touches_the_store_directly():
    assert offenders(["ui"], {"sqlalchemy", "sqlite3", "db", "smartcard", "escpos"}) == []


def test_console_may_use_app_and_db_but_no_front_end():
    """console/ (the head-office web console) sits beside ui/: app, db and printing, never ui, cli or Qt."""
    assert offenders(["console"], {"ui", "cli", "main", "bench", "PySide6", "shiboken6"}) == []


def test_nothing_below_the_console_imports_flask_or_it():
    assert (
        offenders(["app", "db", "printing", "cardreader", "ui"], {"flask", "werkzeug", "jinja2", "console"})
        == []
    )


def test_the_store_check_would_catch_a_page_that_opens_one(tmp_path):
    for line in (
        "with self._w.ctx.read() as uow:",
        "with wiring.ctx.write() as uow:",
        "ctx.uow()",
        "terminal = open_terminal(path)",
    ):
        page = tmp_path / "page.py"
        page.write_text(
            f"def load(self):\n    {line}\n        pass\n"
            if line.startswith("with")
            else f"def load(self):\n    {line}\n"
        )
        assert opens_a_unit_of_work(page), line
    fine = tmp_path / "fine.py"
    fine.write_text("def save(f, data, ops):\n    f.write(data)\n    f.read(10)\n    ops.reader.submit(f)\n")
    assert not opens_a_unit_of_work(fine)


def test_the_entry_point_and_bench_checks_see_every_room():
    """The two rules walk the whole repository, so a new top-level package is checked too."""
    rooms = {f.split("/")[0] for f in every_python_file()}
    assert {
        "main.py",
        "bootstrap.py",
        "app",
        "db",
        "ui",
        "cli",
        "console",
        "bench",
        "tests",
        "wallets",
    } <= rooms
    assert not any(room.startswith(".") or room.endswith(".egg-info") for room in rooms)


def test_the_checker_would_catch_an_offender(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text(
        "from PySide6.QtWidgets import QWidget\nimport sqlalchemy\n\n\ndef f():\n    import main\n"
        "    __import__('bench.suite')\n    importlib.import_module('cli')\n    ctx.reader()\n"
    )
    assert imports_of(bad) == {"PySide6", "sqlalchemy", "main", "bench", "cli"}
    assert opens_a_unit_of_work(bad)
