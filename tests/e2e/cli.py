"""Running `python main.py ...` as a user types it, on a fixed business day."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

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


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


class InProcess:
    """`python main.py ARGS --data-dir D` run in this process (in_process: the same parsing, wiring, dispatch
    and refusal handling), its exit code, stdout and stderr as the shell would see them, with `env` and
    HALLPAY_NOW set for each command: for tests of rules through the command line, where a Python start per
    command (1-3 s here) is the test's whole cost and says nothing about the rule."""

    def __init__(
        self, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], **env: str
    ) -> None:
        self._mp, self._capsys, self._env = monkeypatch, capsys, env

    def __call__(self, d: Path, *args: str, now: str = NOW, **extra: str) -> Ran:
        with self._mp.context() as mp:
            mp.setenv("HALLPAY_NOW", now)
            for name, value in {**self._env, **extra}.items():
                mp.setenv(name, value)
            self._capsys.readouterr()
            try:
                code = in_process([*args, "--data-dir", str(d)])
            except SystemExit as stop:  # argparse's own refusals
                code = stop.code if isinstance(stop.code, int) else 2
            out, err = self._capsys.readouterr()
        return Ran(code, out, err)


class Commands(InProcess):
    """InProcess with `run(*args, data_dir=...)` / `json(...)` shaped like this module's run and run_json, so a
    file written for real processes switches to in-process commands call by call."""

    def run(self, *args: str, data_dir: Path, check: bool = False) -> Ran:
        result = self(data_dir, *args)
        if check:
            assert result.returncode == 0, result.stderr
        return result

    def json(self, *args: str, data_dir: Path) -> dict:
        return json.loads(self.run(*args, "--json", data_dir=data_dir, check=True).stdout)


def verify_here(data_dir: Path) -> bool:
    """`main.py verify`'s local check in this process, after a kill: the terminal opens as the command opens
    it (start-up recovery, migrations, witnesses not stopping it), its journal's chain and signatures are
    checked, and the store is closed again. A kill test checks after every kill; a Python start for each
    check was most of its time, and the real entry point's verify still runs once at its end."""
    import bootstrap
    from app.services.verify import verify_local

    services = bootstrap.open_terminal(data_dir, generated_customers=0, witnesses_stop=False)
    try:
        return verify_local(services.ctx).ok
    finally:
        services.store.close()


def demo_copy(template: Path, where: Path, name: str = "T01") -> Path:
    """A copy of the session's demo terminal (tests/conftest.py `_terminal_template`: what an empty directory
    becomes, showcase customers only) at where/name: a few ms, where the first command on an empty directory
    built a 300-customer demo (1-3 s, in a process or in this one)."""
    import shutil

    shutil.copytree(template, where / name)
    return where / name
