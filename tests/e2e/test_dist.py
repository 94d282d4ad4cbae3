"""`make dist`: the PyInstaller folder starts without Python and renders the counter offscreen.

A build takes about a minute on the 2-core machine, so this runs only when asked:
  HALLPAY_TEST_DIST=1   build dist/hallpay/ here (`make dist`'s PyInstaller step), then check it,
                        and compare its counter picture with the one the source tree renders;
  dist/hallpay exists   check that folder as it is (it may be older than the source tree, so
                        its picture is checked for shape and content, not compared).
The program is run the way a counter PC runs it: from another directory, with a PATH that has
no Python of this project, no PYTHONPATH/PYTHONHOME, on a data directory it has never seen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.e2e.cli import NOW, ROOT

DIST = ROOT / "dist" / "hallpay"
PROGRAM = DIST / ("hallpay.exe" if sys.platform == "win32" else "hallpay")
BUILD = os.environ.get("HALLPAY_TEST_DIST") == "1"

pytestmark = [
    pytest.mark.slow,
    pytest.mark.timeout(1200),  # the module's fixture runs PyInstaller
    pytest.mark.skipif(
        not BUILD and not PROGRAM.exists(),
        reason="no dist/hallpay: run `make dist`, or set HALLPAY_TEST_DIST=1 to build it here",
    ),
]


@pytest.fixture(scope="module")
def program() -> Path:
    if BUILD:
        started = time.monotonic()
        shutil.rmtree(DIST, ignore_errors=True)
        subprocess.run(
            [
                sys.executable,
                "-m",
                "PyInstaller",
                "--noconfirm",
                "--log-level",
                "WARN",
                "--distpath",
                str(ROOT / "dist"),
                "--workpath",
                str(ROOT / "build" / "pyinstaller"),
                str(ROOT / "packaging" / "hallpay.spec"),
            ],
            cwd=ROOT,
            check=True,
            capture_output=True,
            timeout=1200,
        )
        print(f"\nPyInstaller build: {time.monotonic() - started:.0f} s")
    size = sum(f.stat().st_size for f in DIST.rglob("*") if f.is_file() and not f.is_symlink())
    print(f"dist/hallpay: {size / 2**20:.0f} MiB")
    return PROGRAM


def bare_env() -> dict[str, str]:
    """The environment of a counter PC: no virtualenv, no Python path, Qt offscreen, a fixed day."""
    venv = str(ROOT / ".venv")
    path = os.pathsep.join(
        p
        for p in os.environ.get("PATH", "").split(os.pathsep)
        if p and not p.startswith(venv) and ".pyenv" not in p
    )
    drop = {"PYTHONPATH", "PYTHONHOME", "VIRTUAL_ENV", "PYTHONSTARTUP"}
    env = {k: v for k, v in os.environ.items() if k not in drop}
    env.update(PATH=path, HALLPAY_NOW=NOW, QT_QPA_PLATFORM="offscreen", LC_ALL="C.UTF-8")
    return env


def run_dist(program: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(program), *args], cwd=cwd, env=bare_env(), capture_output=True, text=True, timeout=120
    )


def test_the_folder_holds_what_the_code_reads_beside_itself(program: Path) -> None:
    internal = program.parent / "_internal"
    versions = {p.name for p in (internal / "db" / "migrations" / "local" / "versions").glob("*.py")}
    source = {p.name for p in (ROOT / "db" / "migrations" / "local" / "versions").glob("*.py")}
    assert "l0001_initial.py" in versions
    if BUILD:  # built from this tree: every migration of the tree is inside
        assert versions == source
    assert (internal / "db" / "migrations" / "local" / "env.py").exists()
    assert (internal / "db" / "migrations" / "central" / "env.py").exists()
    assert (internal / "escpos" / "capabilities.json").exists()
    assert not list(internal.rglob("test_*.py")), "tests must not ship"


def test_it_starts_on_a_fresh_data_dir_and_renders_the_counter(program: Path, tmp_path: Path) -> None:
    from PIL import Image, ImageChops

    data = tmp_path / "data"
    out = tmp_path / "counter.png"
    started = time.monotonic()
    result = run_dist(
        program, "screenshot", "--page", "counter", str(out), "--data-dir", str(data), cwd=tmp_path
    )
    elapsed = time.monotonic() - started
    print(f"\nfirst start, demo terminal created and counter rendered: {elapsed:.1f} s")
    assert result.returncode == 0, result.stderr
    assert (data / "local.db").exists() and (data / "config.toml").exists()

    picture = Image.open(out).convert("RGB")
    assert picture.size == (1280, 800)
    colours = picture.getcolors(maxcolors=1_000_000)
    assert colours is not None and len(colours) > 200, "a blank or unstyled window"

    if BUILD:  # the folder was built from this tree: it must paint exactly what the source paints
        reference = tmp_path / "source.png"
        src = subprocess.run(
            [
                sys.executable,
                str(ROOT / "main.py"),
                "screenshot",
                "--page",
                "counter",
                str(reference),
                "--data-dir",
                str(tmp_path / "source-data"),
            ],
            cwd=ROOT,
            env={**os.environ, "HALLPAY_NOW": NOW, "QT_QPA_PLATFORM": "offscreen"},
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert src.returncode == 0, src.stderr
        ref = Image.open(reference).convert("RGB")
        differing = sum(ImageChops.difference(picture, ref).convert("L").histogram()[1:])
        assert differing / (1280 * 800) < 0.01, f"{differing} pixels differ from the source tree's picture"


def test_the_command_line_works_from_the_folder(program: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    found = run_dist(program, "lookup", "1000000002", "--json", "--data-dir", str(data), cwd=tmp_path)
    assert found.returncode == 0, found.stderr
    assert "宏达机械厂" in json.dumps(json.loads(found.stdout), ensure_ascii=False)
    checked = run_dist(program, "verify", "--data-dir", str(data), cwd=tmp_path)
    assert checked.returncode == 0, checked.stderr
