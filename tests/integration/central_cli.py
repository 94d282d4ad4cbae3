"""`central <group>` as the command line runs it, for the tests of head office's audit and repair commands:
one home for the argparse namespace they all build, so a new option of `cli/central.py` is added once."""

from __future__ import annotations

import argparse
from typing import Any


def run_central(
    capsys: Any, url: str, group: str, *, by: str = "it", json: bool = False, **options: Any
) -> tuple[int, str, str]:
    """Runs `central <group>` against the ledger at `url`; returns (exit code, stdout, stderr) of that run only."""
    from cli.central import run

    capsys.readouterr()
    args = argparse.Namespace(
        group=group, action="", target="", central=url, data_dir=None, by=by, json=json, **options
    )
    code = run(None, args)
    said = capsys.readouterr()
    return code, said.out, said.err
