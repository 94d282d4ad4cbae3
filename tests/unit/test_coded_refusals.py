"""What any shipped package raises at a user carries a code (issue 16; every edge since issue 32): a refusal
written as a Chinese literal cannot be said in English. The list of files allowed to still raise one is empty
and must stay so."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u4e00-\u9fff]")
# file -> how many Chinese-literal raises it still has: none may (a new one needs a code in app/message_table*.py)
STILL_CHINESE: dict[str, int] = {}


def module_texts(tree: ast.AST) -> dict[str, str]:
    """Module-level `NAME = "…"`: db/central/engine.py raised `CentralUnavailable(OFFLINE)`, a Chinese
    sentence one name away from the literal the test looked for."""
    body = tree.body if isinstance(tree, ast.Module) else []
    return {
        target.id: node.value.value
        for node in body
        if isinstance(node, ast.Assign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in node.targets
        if isinstance(target, ast.Name)
    }


def literal_text(node: ast.expr, names: dict[str, str] | None = None) -> str:
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.Name) and names:
        return names.get(node.id, "")
    if isinstance(node, ast.JoinedStr):
        return "".join(literal_text(v, names) for v in node.values if isinstance(v, ast.Constant))
    return ""


def chinese_raises(path: Path, tree: ast.AST | None = None) -> int:
    tree = tree or ast.parse(path.read_text(encoding="utf-8"))
    names, found = module_texts(tree), 0
    for node in ast.walk(tree):
        if isinstance(node, ast.Raise) and isinstance(node.exc, ast.Call) and node.exc.args:
            if CHINESE.search(literal_text(node.exc.args[0], names)):
                found += 1
    return found


# every package of the product, the bench and the top-level modules (issue 32: db/ printing/ wallets/ and
# console/ raised Chinese literals while the test looked at app/ cardreader/ cli/ only)
PACKAGES = ("app", "cardreader", "cli", "db", "printing", "wallets", "console", "ui", "bench")
TOP_LEVEL = ("main.py", "bootstrap.py")


def shipped_files() -> list[Path]:
    return [ROOT / name for name in TOP_LEVEL] + [
        p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))
    ]


def exception_classes(trees: list[ast.AST]) -> set[str]:
    """The names of every exception class defined in the tree (subclasses of subclasses included)."""
    found = {"Exception", "BaseException", "ValueError", "RuntimeError", "OSError", "TypeError", "KeyError"}
    bases: dict[str, list[str]] = {}
    for tree in trees:
        for node in ast.walk(tree):
            if isinstance(node, ast.ClassDef):
                bases.setdefault(node.name, []).extend(ast.unparse(b).split(".")[-1] for b in node.bases)
    grown = True
    while grown:
        new = {name for name, of in bases.items() if name not in found and set(of) & found}
        found |= new
        grown = bool(new)
    return found


def chinese_errors_built(tree: ast.AST, exceptions: set[str]) -> int:
    """Errors made with a Chinese literal but not raised on the spot (`return StoreUnavailable("…")`)."""
    found, names = 0, module_texts(tree)
    raised = {id(n.exc) for n in ast.walk(tree) if isinstance(n, ast.Raise)}
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and id(node) not in raised and node.args:
            func = node.func
            name = (
                func.id
                if isinstance(func, ast.Name)
                else func.attr
                if isinstance(func, ast.Attribute)
                else ""
            )
            if name in exceptions and CHINESE.search(literal_text(node.args[0], names)):
                found += 1
    return found


def test_refusals_carry_codes():
    trees = {path: ast.parse(path.read_text(encoding="utf-8")) for path in shipped_files()}
    exceptions = exception_classes(list(trees.values()))
    counts = {}
    for path, tree in trees.items():
        n = chinese_raises(path, tree) + chinese_errors_built(tree, exceptions)
        if n:
            counts[str(path.relative_to(ROOT))] = n
    assert counts == STILL_CHINESE


def test_the_packages_listed_are_every_package():
    """A new package (as wallets/ and console/ were) is looked at from its first file."""
    found = {p.parent.name for p in ROOT.glob("*/__init__.py")} - {"tests", "packaging", "docs"}
    assert found <= set(PACKAGES)


def _error_names(tree: ast.AST) -> set[str]:
    """The names that hold an exception: `except ... as name`, and parameters typed as one."""
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ExceptHandler) and node.name:
            names.add(node.name)
        elif isinstance(node, ast.arg) and node.annotation is not None:
            if re.search(r"\b\w*(Exception|Error)\b", ast.unparse(node.annotation)):
                names.add(node.arg)
    return names


def errors_said_raw(path: Path) -> list[str]:
    """Where `path` turns an exception into text with str() or an f-string: the window would show the
    Chinese sentence of a coded refusal whatever its language (ui/messages.py error_text says it)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = _error_names(tree)
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "str":
            said = node.args[0] if len(node.args) == 1 else None
        elif isinstance(node, ast.FormattedValue):
            said = node.value
        else:
            continue
        if isinstance(said, ast.Name) and said.id in names:
            found.append(f"{path.relative_to(ROOT)}:{node.lineno} {ast.unparse(node)}")
    return found


def test_the_window_says_errors_through_error_text():
    found = [bad for path in sorted((ROOT / "ui").rglob("*.py")) for bad in errors_said_raw(path)]
    assert found == []


def test_the_central_ledgers_refusals_are_said_in_either_language():
    """db/central/engine.py was the last file on STILL_CHINESE: a sync refused by head office was a Chinese
    f-string, and an unreachable one a Chinese constant, in an English window too."""
    from sqlalchemy.exc import OperationalError, ProgrammingError

    from app.messages import spoken
    from db.central.engine import translate

    offline = translate(OperationalError("SELECT 1", {}, ConnectionRefusedError()))
    refused = translate(ProgrammingError("SELECT 1", {}, ValueError("relation missing")))
    assert (offline.code, refused.code, refused.params) == (  # type: ignore[attr-defined]
        "central.offline",
        "central.refused",
        {"error": "ValueError"},
    )
    assert "does not answer" in spoken(offline, "en") and "无法连接总部账务中心" in str(offline)
    assert (
        spoken(refused, "en")
        == "Head office's ledger refused this sync (ValueError); payments go on here; call IT."
    )
