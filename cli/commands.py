"""Every command group of cli/ on one parser. Apart from cli/parser.py (the grammar the groups import) so that
no group and the parser import each other."""

from __future__ import annotations

import argparse
from collections.abc import Callable, Iterable

from cli.parser import Add


def build_parser(extra: Iterable[Callable[[Add], None]] = ()) -> argparse.ArgumentParser:
    """Every command group of cli/, then `extra` (the entry point's bench, when it is present)."""
    from cli import (
        arrears,
        card,
        central,
        clerk,
        customers,
        gui,
        payments,
        refunds,
        shift,
        sync,
        terminal,
        verify,
        wallet,
    )

    parser = argparse.ArgumentParser(prog="hallpay", description="HallPay — 供电营业厅收费终端")
    add = Add(parser.add_subparsers(dest="command"))
    for register in (
        gui.register,
        customers.register,
        payments.register,
        verify.register,
        shift.register,
        arrears.register,
        refunds.register,
        sync.register,
        card.register,
        wallet.add_parser,
        lambda a: central.add_parser(a.sub),
        lambda a: terminal.add_parser(a.sub),
        lambda a: clerk.add_parser(a.sub),
        *extra,
    ):
        register(add)
    return parser
