"""Checking the books: `verify` (the journal's chain, here and at head office) and `verify-receipt`."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from bootstrap import Services
from cli.render import emit_json, verify_json, verify_receipt_json

if TYPE_CHECKING:
    from cli.parser import Add  # the grammar; cli/commands.py registers this module


def register(add: Add) -> None:
    p = add("verify", cmd_verify, "check the journal's hash chain")
    p.add_argument("--json", action="store_true")
    p = add(
        "verify-receipt",
        cmd_verify_receipt,
        "is a receipt's QR text genuine (against the journal); exit 3 not genuine, 4 genuine but reversed",
    )
    p.add_argument("qr_text")
    p.add_argument("--json", action="store_true")


def cmd_verify(w: Services, args: argparse.Namespace) -> int:
    from app.services.verify import verify_central, verify_local
    from app.sync import CentralRefused, CentralUnavailable
    from db.central.store import central_copy

    report = verify_local(w.ctx)
    central, central_error = None, ""
    try:  # the central copy of this terminal, when a central ledger is configured or central.db exists
        copy = central_copy(w.config.central_url(), w.data_dir, w.config.terminal_id)
        central = verify_central(w.ctx, *copy) if copy is not None else None
    except (CentralUnavailable, CentralRefused) as error:
        central_error = str(error)
    if args.json:
        emit_json(verify_json(report, central, central_error))
    else:
        if report.ok:
            print(f"journal intact: {report.entries} entries, head {report.head_hash[:16]}")
        if central is not None and central.ok:
            print(f"central copy intact: {central.entries} entries")
    if central_error:
        print(f"central copy not checked: {central_error}", file=sys.stderr)
    if not report.ok:
        print(f"journal damaged: {report.problem}", file=sys.stderr)
    if central is not None and not central.ok:
        print(f"central copy damaged: {central.problem}", file=sys.stderr)
    return 0 if report.ok and (central is None or central.ok) else 3


def cmd_verify_receipt(w: Services, args: argparse.Namespace) -> int:
    from app.services.receipt_status import reversal_of, reversal_sentence
    from app.services.verify import verify_receipt

    check = verify_receipt(w.ctx, args.qr_text)
    f = check.fields
    reversal = reversal_of(w.ctx, f.receipt_no) if check.genuine and f is not None else None
    if args.json:
        emit_json(verify_receipt_json(check, reversal))
    else:
        print(check.reason, file=sys.stdout if check.genuine else sys.stderr)
        if reversal is not None and f is not None:
            print(reversal_sentence(f.receipt_no, reversal))
    if not check.genuine:
        return 3
    return 4 if reversal is not None else 0  # genuine but refunded: not a proof of payment
