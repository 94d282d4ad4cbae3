"""Running `python main.py ...` as a user types it, on a fixed business day."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-11-23T10:00:00+08:00"


def env(**extra: str) -> dict[str, str]:
    e = {**os.environ, "HALLPAY_NOW": NOW, "QT_QPA_PLATFORM": "offscreen", **extra}
    return e


def run(*args: str, data_dir: Path, check: bool = False, **popen) -> subprocess.CompletedProcess:
    cmd = [sys.executable, str(ROOT / "main.py"), *args, "--data-dir", str(data_dir)]
    result = subprocess.run(cmd, capture_output=True, text=True, env=env(), cwd=ROOT, timeout=120, **popen)
    if check and result.returncode != 0:
        raise AssertionError(f"{cmd} failed ({result.returncode}): {result.stderr}")
    return result


def run_json(*args: str, data_dir: Path) -> dict:
    result = run(*args, "--json", data_dir=data_dir, check=True)
    return json.loads(result.stdout)


def in_process(argv: list[str]) -> int:
    """`python main.py ARGV` in this process: the same parsing, wiring, dispatch and error handling
    (main.py only adds the default command and the bench), without a Python start per case."""
    from cli.commands import build_parser
    from cli.session import dispatch

    return dispatch(build_parser().parse_args(argv))
