"""Issue 30: every rename the product makes goes through app/durable.py, which fsyncs the directory after it.

A rename whose directory is not fsynced can be undone by a power cut (a re-key's key swap was, in the review of
2026-12-07): this test fails on any other os.rename / os.replace / Path.rename / Path.replace / shutil.move in
the product (everything but tests/ and .venv), function-level calls and `from os import replace` included."""

import ast
import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
THE_ONE = ROOT / "app" / "durable.py"
SKIP = {"tests", ".venv", "build", "dist", "node_modules", ".git"}
MOVERS = {"rename", "replace", "renames"}


def product_files() -> list[Path]:
    found: list[Path] = []
    for top, dirs, names in os.walk(ROOT):
        dirs[:] = [d for d in dirs if d not in SKIP and d != "__pycache__" and not d.startswith(".")]
        found += [Path(top) / n for n in names if n.endswith(".py")]
    return sorted(found)


def renames_in(source: str, name: str = "<src>") -> list[int]:
    """Line numbers of the calls that rename a file. str.replace takes two arguments, dataclasses.replace
    and datetime.replace keywords: a `.rename(x)` / `.replace(x)` with exactly one positional argument and no
    keyword is a Path's (or os's) rename."""
    tree = ast.parse(source, name)
    found: list[int] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module in ("os", "shutil"):
            if any(alias.name in MOVERS | {"move"} for alias in node.names):
                found.append(node.lineno)
        if not isinstance(node, ast.Call) or not isinstance(node.func, ast.Attribute):
            continue
        attr, owner = node.func.attr, node.func.value
        owner_name = owner.id if isinstance(owner, ast.Name) else ""
        if owner_name in ("os", "shutil") and attr in MOVERS | {"move"}:
            found.append(node.lineno)
        elif attr in ("rename", "replace") and owner_name != "dataclasses":
            if len(node.args) == 1 and not node.keywords:
                found.append(node.lineno)
    return sorted(set(found))


def test_the_detector_sees_each_way_to_rename_and_nothing_else():
    bad = (
        "import os, shutil\nfrom pathlib import Path\n"
        "os.replace(a, b)\nos.rename(a, b)\nPath(a).replace(b)\np.rename(q)\nshutil.move(a, b)\n"
        "from os import replace\n"
    )
    assert renames_in(bad) == [3, 4, 5, 6, 7, 8]
    fine = (
        "import dataclasses\ns.replace('a', 'b')\ndataclasses.replace(x, y=1)\nd.replace(tzinfo=z)\n"
        "t.replace(year=1)\n"
    )
    assert renames_in(fine) == []


def test_no_rename_outside_app_durable():
    offenders = [
        f"{p.relative_to(ROOT)}:{line}"
        for p in product_files()
        if p != THE_ONE
        for line in renames_in(p.read_text(encoding="utf-8"), str(p))
    ]
    assert offenders == [], (
        "rename through app/durable.py (durable.rename / write_bytes / replacing), which fsyncs the directory: "
        + ", ".join(offenders)
    )


def test_the_product_is_scanned():
    names = {str(p.relative_to(ROOT)) for p in product_files()}
    assert {"app/durable.py", "db/keys.py", "printing/adapters.py", "bootstrap.py", "main.py"} <= names
    assert not any(n.startswith("tests/") for n in names)
