"""--method on the command line: the one check of its value, said as one sentence."""

from __future__ import annotations

from typing import Any

METHODS = "cash|bankcard|wechat|alipay|unionpay|cheque"


def method_arg(value: str) -> Any:
    """--method as a Method, or one sentence (issue 28, domain P3-7: argparse's choices printed 8 lines of usage
    for `--method bogus`). Checked in the command, so the refusal goes through cli.session like any other."""
    from app.errors import InputError
    from app.messages import coded
    from app.model import Method

    try:
        return Method(value)
    except ValueError:
        raise coded(InputError, "cli.bad_method", method=value, methods=METHODS.replace("|", ", ")) from None
