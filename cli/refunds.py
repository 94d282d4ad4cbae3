"""Refunds head office ordered (issue 21): `refund owed CUSTOMER_NO` lists them, `refund pay-out CUSTOMER_NO`
pays them out in cash (one journal entry, a receipt the customer signs, the shift's expected cash lower)."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from app.money import format_fen
from bootstrap import Services
from cli.render import emit_json

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add("refund", cmd_refund, "refunds head office ordered: list them, pay them out in cash")
    p.add_argument("action", choices=["owed", "pay-out"])
    p.add_argument("customer_no")
    p.add_argument("--refund", action="append", default=[], help="pay only this refund id (repeatable)")
    p.add_argument("--json", action="store_true")


def cmd_refund(w: Services, args: argparse.Namespace) -> int:
    from app.services.receipts import print_receipt
    from app.services.refund_payout import PayoutRequest, owed_refunds, pay_out

    if args.action == "owed":
        owed = owed_refunds(w.ctx, args.customer_no)
        if args.json:
            emit_json(
                {
                    "customer_no": args.customer_no.strip(),
                    "owed": format_fen(sum(r.amount_fen for r in owed)),
                    "refunds": [
                        {
                            "refund_id": r.refund_id,
                            "amount": format_fen(r.amount_fen),
                            "case_id": r.case_id,
                            "ordered_at": r.ordered_at,
                        }
                        for r in owed
                    ],
                }
            )
        else:
            for refund in owed:
                print(f"{refund.refund_id}  {format_fen(refund.amount_fen)}  {refund.case_id}")
            print(f"退款待领 {format_fen(sum(r.amount_fen for r in owed))}")
        return 0
    result = pay_out(w.ctx, PayoutRequest(args.customer_no, args.clerk or w.config.clerk, tuple(args.refund)))
    printed = print_receipt(w.ctx, w.printer(), result.receipt)
    r = result.receipt
    if args.json:
        emit_json(
            {
                "receipt_no": r.receipt_no,
                "customer_no": r.customer_no,
                "amount": format_fen(result.amount_fen),
                "refunds": [x.refund_id for x in result.refunds],
                "entry_id": result.entry.entry_id,
                "entry_hash": result.entry.hash,
                "printed": printed.printed,
            }
        )
    else:
        print(
            f"{r.receipt_no}  {r.customer_no} {r.customer_name}  退款支付（现金） {format_fen(result.amount_fen)}"
            "  请客户在凭证上签字"
        )
    if not printed.printed:
        print(f"凭证未打印：{printed.reason}", file=sys.stderr)
    return 0
