"""The command line's grammar: each command group in cli/ registers its subcommands through `Add`."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from pathlib import Path

from bootstrap import Services

Command = Callable[[Services, argparse.Namespace], int]  # runs on an opened terminal, its clerk logged in
Alone = Callable[[argparse.Namespace], int]  # opens what it needs itself (restore, support-bundle, bench)


class Add:
    """add(name, run, help) registers a subcommand with --data-dir and --clerk; add.alone(...) one that
    is given no terminal; add.hidden(...) one that `--help` does not list."""

    def __init__(self, sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
        self._sub = sub

    def __call__(self, name: str, func: Command, help_: str) -> argparse.ArgumentParser:
        p = self._parser(name, help_)
        p.set_defaults(func=func, alone=None)
        return p

    def alone(self, name: str, func: Alone, help_: str) -> argparse.ArgumentParser:
        p = self._parser(name, help_)
        p.set_defaults(func=None, alone=func)
        return p

    def hidden(self, name: str, func: Alone) -> argparse.ArgumentParser:
        p = self._sub.add_parser(name)
        p.set_defaults(func=None, alone=func, data_dir=None, clerk=None)
        return p

    @property
    def sub(self) -> argparse._SubParsersAction[argparse.ArgumentParser]:
        """For groups that declare their own arguments (central, terminal, clerk: issue 17)."""
        return self._sub

    def _parser(self, name: str, help_: str) -> argparse.ArgumentParser:
        p = self._sub.add_parser(name, help=help_)
        p.add_argument("--data-dir", type=Path, default=None, help="the terminal's data directory")
        p.add_argument("--clerk", default=None, help="clerk id (default: config's clerk)")
        return p
