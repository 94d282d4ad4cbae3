"""`central quarantine`: a forked terminal's quarantined entries, and posting one to the books (issue 27).

central quarantine [--json]                                   every held entry, receipts issued twice marked
central quarantine post ENTRY_ID --reason R [--by S] [--json]   post a held payment, once
"""

from __future__ import annotations

import argparse
import datetime as dt
from typing import Any

from app.money import format_fen
from cli.output import say
from cli.render import emit_json

KIND_ZH = {"payment": "收费", "card_purchase": "购电", "card_replaced": "补卡", "refund_payout": "退款支付"}


def held_json(h: Any) -> dict[str, Any]:
    return {
        "case_id": h.case_id,
        "terminal_id": h.terminal_id,
        "fingerprint": h.fingerprint,
        "seq": h.seq,
        "entry_id": h.entry_id,
        "kind": h.kind,
        "created_at": h.created_at,
        "clerk_id": h.clerk_id,
        "customer_no": h.customer_no,
        "amount": format_fen(h.amount_fen),
        "receipt_no": h.receipt_no,
        "receipt_issued_twice": bool(h.twins),
        "twins": [
            {
                "seq": t.seq,
                "entry_id": t.entry_id,
                "kind": t.kind,
                "customer_no": t.customer_no,
                "amount": format_fen(t.amount_fen),
            }
            for t in h.twins
        ],
        "postable": h.postable,
        "posted": h.posted_entry_id is not None,
        "posted_at": h.posted_at,
        "posted_by": h.posted_by,
        "posted_entry_id": h.posted_entry_id,
    }


def twin_text(h: Any) -> str:
    """The sentence that says a receipt number was issued twice: by the copy and by the terminal itself."""
    if not h.twins:
        return ""
    others = "；".join(
        f"本终端第 {t.seq} 笔{KIND_ZH.get(t.kind, t.kind)}（用户 {t.customer_no}，{format_fen(t.amount_fen)} 元）"
        for t in h.twins
    )
    return f"收据号 {h.receipt_no} 重号：副本与{others}各开出一张"


def _local(utc: str | None) -> str:
    from app.clock import local_text

    return local_text(dt.datetime.fromisoformat(utc.replace("Z", "+00:00"))) if utc else "—"


def held_line(h: Any) -> str:
    state = (
        f"已于 {_local(h.posted_at)} 由 {h.posted_by} 入账"
        if h.posted_entry_id
        else ("待入账" if h.postable else "不计入用户账户（核查后确认告警）")
    )
    receipt = f"  收据 {h.receipt_no}" if h.receipt_no else ""
    twins = f"\n    ⚠ {twin_text(h)}" if h.twins else ""
    return (
        f"  副本第 {h.seq} 笔 {KIND_ZH.get(h.kind, h.kind)}  用户 {h.customer_no or '-'}  "
        f"{format_fen(h.amount_fen)} 元{receipt}  {state}\n    流水 {h.entry_id}{twins}"
    )


def run_quarantine(store: Any, args: argparse.Namespace, who: str) -> int:
    from db.central.quarantine_post import held_entries, post_entry

    if args.action == "post":
        posting = post_entry(store, args.target, who, args.reason)
        e, record = posting.entry, posting.record
        cases = [
            {"case_id": c["case_id"], "kind": c["kind"], "amount": format_fen(int(c["amount_fen"]))}
            for c in posting.cases
        ]
        if args.json:
            emit_json(
                {
                    "entry_id": e.entry_id,
                    "terminal_id": e.terminal_id,
                    "seq": e.seq,
                    "customer_no": e.payload.get("customer_no"),
                    "amount": format_fen(int(e.payload.get("amount_fen", 0))),
                    "record_entry_id": record.entry_id,
                    "record_seq": record.seq,
                    "cases": cases,
                }
            )
            return 0
        say(
            f"已将终端 {e.terminal_id} 副本第 {e.seq} 笔收费 {format_fen(int(e.payload.get('amount_fen', 0)))} 元"
            f"（用户 {e.payload.get('customer_no')}）入账，总部记录第 {record.seq} 笔；各柜台下次同步后生效。"
        )
        for c in posting.cases:
            say(f"  另开待查事项 {c['case_id']}：{c['detail']}")
        return 0
    rows = held_entries(store)
    if args.json:
        emit_json({"held": [held_json(h) for h in rows]})
        return 0
    if not rows:
        say("总部隔离区没有流水。")
        return 0
    case = None
    for h in rows:
        if h.case_id != case:
            case = h.case_id
            twice = sum(1 for x in rows if x.case_id == case and x.twins)
            say(
                f"终端 {h.terminal_id} 的副本（密钥 {h.fingerprint}），待查事项 {case}"
                + (f"；{twice} 个收据号重号" if twice else "")
            )
        say(held_line(h))
    return 0
