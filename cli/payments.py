"""Taking and giving back money at the counter: `pay`, `reprint`, `reverse`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import HallPayError
from app.messages import coded
from app.money import parse_yuan
from bootstrap import Services
from cli.methods import METHODS, method_arg
from cli.output import words
from cli.render import emit_json, pay_json, reversal_json

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add("pay", cmd_pay, "take a payment")
    p.add_argument("customer_no")
    p.add_argument("--method", required=True, metavar=METHODS)
    p.add_argument("--amount")
    p.add_argument("--tendered")
    p.add_argument("--reference")
    p.add_argument(
        "--change-to-balance",
        choices=["none", "all", "fen"],
        default="none",
        help="零钱转预存: keep all the change, or its part below 1 yuan, as prepaid balance",
    )
    p.add_argument(
        "--auth-code", help="the customer's scanned payment code (付款码): collect via the acquirer"
    )
    p.add_argument("--json", action="store_true")
    p = add("reprint", cmd_reprint, "print a receipt again, marked 重打")
    p.add_argument("receipt_no")
    p.add_argument("--pdf", help="also write an A5 PDF copy here")
    p.add_argument(
        "--supervisor", default="", help="approving supervisor's id (reprint after the shift's close)"
    )
    p = add("reverse", cmd_reverse, "reverse (冲正) a payment of the current shift")
    p.add_argument("receipt_no")
    p.add_argument("--reason", default="")
    p.add_argument("--supervisor", default="", help="approving supervisor's id")
    p.add_argument("--json", action="store_true")


def cmd_pay(w: Services, args: argparse.Namespace) -> int:
    from app.services.payments import PayRequest, pay
    from app.services.receipts import print_receipt

    req = PayRequest(
        customer_no=args.customer_no,
        method=method_arg(args.method),
        clerk_id=args.clerk or w.config.clerk,
        amount_fen=parse_yuan(args.amount) if args.amount is not None else None,
        tendered_fen=parse_yuan(args.tendered) if args.tendered is not None else None,
        reference=args.reference or "",
        change_to_balance=args.change_to_balance,
        max_change_fen=w.config.max_change_fen,
    )
    extra: dict[str, Any] = {}
    if args.auth_code is not None:  # a scanned payment code: the acquirer collects (cli/wallet.py)
        from cli.wallet import collect_payment

        result, extra = collect_payment(w, args)
    else:
        result = pay(w.ctx, req)
    printed = print_receipt(w.ctx, w.printer(), result.receipt)
    r = result.receipt
    if args.json:
        emit_json(pay_json(result, printed) | extra)  # extra: the wallet trade of a scanned code
    else:
        print(
            words(
                w,
                "cli.paid",
                receipt_no=r.receipt_no,
                customer_no=r.customer_no,
                name=r.customer_name,
                method=r.method,
                amount_fen=r.amount_fen,
                change_fen=r.change_fen,
                balance_fen=r.balance_after_fen,
            )
            + (words(w, "cli.paid_kept", kept_fen=r.change_to_balance_fen) if r.change_to_balance_fen else "")
            + (words(w, "cli.paid_offset", offset_fen=r.offset_fen) if r.offset_fen else "")
        )
        if not printed.printed:
            print(words(w, "cli.not_printed", reason=printed.reason), file=sys.stderr)
    return 0


def cmd_reprint(w: Services, args: argparse.Namespace) -> int:
    from app.services.receipts import reprint

    receipt, result = reprint(
        w.ctx,
        w.printer(),
        args.receipt_no,
        args.clerk or w.config.clerk,
        args.supervisor,
        args.supervisor_pin,
    )
    if args.pdf:
        from printing.pdf import receipt_pdf

        receipt_pdf(receipt, Path(args.pdf))
    if not result.printed:
        raise coded(HallPayError, "cli.reprint_failed", receipt_no=receipt.receipt_no, reason=result.reason)
    print(words(w, "cli.reprinted", receipt_no=receipt.receipt_no))
    return 0


def cmd_reverse(w: Services, args: argparse.Namespace) -> int:
    from app.services.reversal import ReversalRequest
    from app.services.void_card import card_purchase_customer
    from app.services.wallet_refund import reverse_payment
    from cli.wallet import wallets_of

    card = None
    owner = card_purchase_customer(w.ctx, args.receipt_no)
    if owner is not None:  # a card purchase: the card in the reader tells whether it landed (issue 26)
        from app.ports import CardError
        from cli.card import card_for

        try:
            card = card_for(w, owner).read_card()
        except CardError:
            card = None  # no card read: the service refuses with "insert the card first"
    req = ReversalRequest(
        args.receipt_no,
        args.clerk or w.config.clerk,
        args.supervisor,
        args.reason,
        approver_pin=args.supervisor_pin,
        card=card,
    )
    r = reverse_payment(w.ctx, lambda: wallets_of(w), req)  # a collected wallet payment: refunded first
    from app.services.void_slip import print_void_slip

    slip = print_void_slip(w.ctx, w.printer(), r.receipt_no)  # the slip customer and supervisor sign
    if not slip.printed:
        print(words(w, "cli.not_printed", reason=slip.reason), file=sys.stderr)
    if args.json:
        emit_json(reversal_json(r) | {"slip_printed": slip.printed})
    else:
        print(
            words(
                w,
                "cli.reversed",
                receipt_no=r.receipt_no,
                refund_fen=r.refund_fen,
                method=r.method,
                seq=r.entry.seq,
            )
        )
    return 0
