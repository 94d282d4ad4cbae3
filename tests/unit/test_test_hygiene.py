"""The suite's own hygiene: no test writes the process's environment behind pytest's back."""

from __future__ import annotations

import ast
from pathlib import Path

TESTS = Path(__file__).resolve().parents[1]
# a script run on its own to rebuild the fixture files, never inside the suite
OUTSIDE_THE_SUITE = {TESTS / "fixtures" / "db" / "make_fixtures.py"}


def environ_writes(tree: ast.AST) -> list[int]:
    """Lines that assign, delete or pop/update/setdefault a key of os.environ."""

    def is_environ(node: ast.AST) -> bool:
        return isinstance(node, ast.Attribute) and node.attr == "environ"

    lines = []
    for node in ast.walk(tree):
        targets: list[ast.AST] = []
        if isinstance(node, ast.Assign | ast.AugAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
        elif isinstance(node, ast.Delete):
            targets = node.targets
        if any(isinstance(t, ast.Subscript) and is_environ(t.value) for t in targets):
            lines.append(node.lineno)
        if (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in {"pop", "update", "setdefault", "clear", "popitem"}
            and is_environ(node.func.value)
        ):
            lines.append(node.lineno)
    return lines


def test_the_checker_sees_each_kind_of_write():
    src = 'import os\nos.environ["A"] = "1"\ndel os.environ["A"]\nos.environ.pop("A", None)\nos.environ.get("A")\n'
    assert environ_writes(ast.parse(src)) == [2, 3, 4]


def test_no_test_writes_os_environ_directly():
    """A bare write outlives its test and moves the clock (HALLPAY_NOW) of whichever test runs next in that
    process: tests use monkeypatch.setenv, fixtures of a wider scope pytest.MonkeyPatch.context(), helpers
    tests/env_pin.py."""
    offenders = []
    for path in sorted(TESTS.rglob("*.py")):
        if path in OUTSIDE_THE_SUITE or path.name == "conftest.py" and path.parent == TESTS:
            continue  # tests/conftest.py sets QT_QPA_PLATFORM once, before anything runs
        lines = environ_writes(ast.parse(path.read_text(encoding="utf-8")))
        offenders += [f"{path.relative_to(TESTS)}:{n}" for n in lines]
    assert offenders == []


# files another engineer owns this session (issue 29's sync tests): fixed with them, not here
UNCLOSED_LEFT = {"integration/test_sync_fork.py": 2}  # one with-statement, two connections


def test_no_test_leaves_a_sqlite_connection_open():
    """`with sqlite3.connect(p) as conn:` commits or rolls back at the end of the block but never closes the
    connection: a file handle on local.db for the rest of the process (and a ResourceWarning from Python 3.13).
    Write `with closing(sqlite3.connect(p)) as conn, conn:`."""
    found: dict[str, int] = {}
    for path in sorted(TESTS.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.With | ast.AsyncWith):
                for item in node.items:
                    call = item.context_expr
                    if (
                        isinstance(call, ast.Call)
                        and isinstance(call.func, ast.Attribute)
                        and call.func.attr == "connect"
                        and isinstance(call.func.value, ast.Name)
                        and call.func.value.id == "sqlite3"
                    ):
                        key = str(path.relative_to(TESTS))
                        found[key] = found.get(key, 0) + 1
    assert found == UNCLOSED_LEFT
