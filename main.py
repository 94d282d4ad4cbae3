"""HallPay's entry point: parse the command line, then build the terminal's services and run the command.

The wiring is bootstrap.py's, the commands are cli/'s (cli/session.py opens the terminal, logs the clerk in
and dispatches); this file only puts them in order (DESIGN.md, ARCHITECTURE.md). Nothing imports `main`.
"""

from __future__ import annotations

import sys
from collections.abc import Callable

from cli.commands import build_parser
from cli.parser import Add
from cli.session import dispatch


def bench_commands() -> list[Callable[[Add], None]]:
    """`bench`, `stall-probe` and `simulate`, when bench/ is here: a source checkout, not the installed counter."""
    try:
        from bench.cli import register
        from bench.simulate.command import register as register_simulate
    except ImportError:
        return []
    return [register, register_simulate]


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv or argv[0].startswith("-") and argv[0] not in ("-h", "--help"):
        argv = ["gui", *argv]  # the counter is the default command
    if argv and argv[0] == "console":  # head office's web console (issue 21): its own argv
        from bootstrap import default_data_dir
        from cli.console import main as console_main

        return console_main(argv[1:], default_data_dir())
    return dispatch(build_parser(bench_commands()).parse_args(argv))


if __name__ == "__main__":
    import multiprocessing

    multiprocessing.freeze_support()  # the installed counter's export child (bootstrap.export_arrears_apart)
    sys.exit(main())
