"""The IC card: `recharge` (IC卡购电), `card rewrite|replace` (补写卡, 补卡), `card-sim`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, Any

from app.money import parse_yuan
from bootstrap import Services
from cli.methods import METHODS, method_arg
from cli.output import words
from cli.render import card_replace_json, card_rewrite_json, emit_json, recharge_json

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add("recharge", cmd_recharge, "IC-card purchase (IC卡购电) onto the card in the reader")
    p.add_argument("customer_no")
    p.add_argument("--amount", required=True)
    p.add_argument("--method", required=True, metavar=METHODS)
    p.add_argument("--tendered")
    p.add_argument("--reference")
    p.add_argument("--json", action="store_true")
    p = add("card", cmd_card, "补写卡 (rewrite the card's pending purchase) or 补卡 (replace a lost card)")
    p.add_argument("action", choices=["rewrite", "replace"])
    p.add_argument("customer_no")
    p.add_argument("--method", default="cash", metavar=METHODS)
    p.add_argument("--tendered")
    p.add_argument("--reference")
    p.add_argument("--json", action="store_true")
    p = add("card-sim", cmd_card_sim, "plug a customer's virtual IC card into the vpcd reader until stopped")
    p.add_argument("--customer", required=True)
    p.add_argument(
        "--meter-insert", action="store_true", help="first take the card through its simulated meter"
    )
    p.add_argument("--port", type=int, default=35963)


def card_for(w: Services, customer_no: str | None, *, blank: bool = False) -> Any:
    """The card reader; in simulated mode, with that customer's card (DATA/cards/) or a blank card in it."""
    from cardreader.simulated import SimulatedCardReader

    reader = w.new_card_reader()
    if isinstance(reader, SimulatedCardReader) and reader.card is None:
        w.insert_demo_card(reader, customer_no, blank=blank)
    return reader


def cmd_recharge(w: Services, args: argparse.Namespace) -> int:
    from app.services.receipts import print_receipt
    from app.services.recharge import RechargeRequest, recharge

    req = RechargeRequest(
        customer_no=args.customer_no.strip(),
        amount_fen=parse_yuan(args.amount),
        method=method_arg(args.method),
        clerk_id=args.clerk or w.config.clerk,
        tendered_fen=parse_yuan(args.tendered) if args.tendered is not None else None,
        reference=args.reference or "",
    )
    result = recharge(w.ctx, card_for(w, req.customer_no), w.card_key(), req)
    printed = print_receipt(w.ctx, w.printer(), result.receipt)
    r = result.receipt
    if args.json:
        emit_json(recharge_json(result, printed))
    else:
        print(
            words(
                w,
                "cli.recharged",
                receipt_no=r.receipt_no,
                customer_no=r.customer_no,
                name=r.customer_name,
                amount_fen=r.amount_fen,
                count=result.purchase_count,
                card_state=card_state(w, result.card_state),
            )
        )
        if result.card_message:
            print(result.card_message, file=sys.stderr)
        if not printed.printed:
            print(words(w, "cli.not_printed", reason=printed.reason), file=sys.stderr)
    return 0 if result.card_state == "written" else 4


def card_state(w: Services, state: str) -> str:
    return words(w, "cli.card_written" if state == "written" else "cli.card_pending")


def cmd_card(w: Services, args: argparse.Namespace) -> int:
    from app.services.card_replace import ReplaceRequest, replace_card
    from app.services.card_view import read_card_view

    clerk = args.clerk or w.config.clerk
    if args.action == "rewrite":  # 补写卡: finish what the inserted card is owed
        view = read_card_view(w.ctx, card_for(w, args.customer_no), w.card_key(), clerk, args.customer_no)
        emit_json(card_rewrite_json(view)) if args.json else print(
            words(w, "cli.rewritten", receipts=", ".join(view.completed))
            if view.completed
            else words(w, "cli.nothing_to_rewrite")
        )
        return 0
    reader = card_for(w, None, blank=True)
    r = replace_card(
        w.ctx,
        reader,
        w.card_key(),
        ReplaceRequest(
            args.customer_no.strip(),
            clerk,
            method_arg(args.method),
            parse_yuan(args.tendered) if args.tendered is not None else None,
            args.reference or "",
        ),
    )
    if r.card_state == "written" and getattr(getattr(reader, "card", None), "path", None):
        from cardreader.factory import adopt_replacement

        adopt_replacement(w.data_dir, args.customer_no.strip(), reader.card.path)
    out = card_replace_json(r)
    if args.json:
        emit_json(out)
    else:
        print(
            words(
                w,
                "cli.replaced",
                serial=r.new_serial,
                retired=", ".join(r.retired) or words(w, "cli.none"),
                count=r.purchase_count,
                fee=out["fee"],
                card_state=card_state(w, r.card_state),
            )
        )
        if r.card_message:
            print(r.card_message, file=sys.stderr)
    return 0 if r.card_state == "written" else 4


def cmd_card_sim(w: Services, args: argparse.Namespace) -> int:
    from app.card import CardIdentity
    from app.services.payments import find_customer
    from cardreader.factory import card_path
    from cardreader.sim_cli import default_serial, run_card_sim

    c = find_customer(w.ctx, args.customer)
    identity = CardIdentity(default_serial(c.customer_no), c.customer_no, c.meter_no)
    return run_card_sim(
        card_path(w.data_dir, c.customer_no),
        create=identity,
        master_key=w.card_key(),
        meter_insert=args.meter_insert,
        port=args.port,
    )
