"""A missing pyscard degrades, it does not crash: the module imports, status says so, calls refuse."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).parents[2]

CODE = """
import sys
sys.modules["smartcard"] = None  # as if pyscard were not installed
from app.ports import ReaderUnavailable
from cardreader.pcsc_reader import NO_PYSCARD, PcscCardReader
r = PcscCardReader("Virtual PCD")
assert r.status().text == NO_PYSCARD, r.status()
try:
    r.read_card()
except ReaderUnavailable as exc:
    assert str(exc) == NO_PYSCARD
else:
    raise AssertionError("read_card did not refuse")
r.close()
print("ok")
"""


def test_pcsc_reader_without_pyscard() -> None:
    out = subprocess.run([sys.executable, "-c", CODE], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "ok"


def test_cardreader_never_imports_qt_and_app_card_never_imports_pyscard() -> None:
    code = (
        "import sys\n"
        "import app.card, cardreader.pcsc_reader, cardreader.simulated, cardreader.sim_cli\n"
        "assert not any(m.startswith('PySide6') for m in sys.modules), 'Qt imported'\n"
        "print('ok')\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=60)
    assert out.returncode == 0 and out.stdout.strip() == "ok", out.stderr
    tree = ast.parse((ROOT / "app" / "card.py").read_text(encoding="utf-8"))
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
    imported |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
    assert not {m for m in imported if m.split(".")[0] in ("smartcard", "cardreader", "PySide6")}
