"""The day report's wallet reconciliation section (扫码收款对账, issue 19): each wallet's totals against the
acquirer's statement, every difference and typed reference line by line, and who signed the differences
off, or that the reconciliation is still pending because the acquirer could not be asked.

Layout only: the rows come from app.services.wallet_day.DayReconciliation, as the journal recorded them.
"""

from __future__ import annotations

from reportlab.platypus import Flowable

from app.money import yuan_text
from app.services.wallet_day import ROW_LABELS, DayReconciliation
from app.wallet import WALLET_LABELS, WalletKind
from printing.pdf import para, table


def _wallet(value: str) -> str:
    try:
        return WALLET_LABELS[WalletKind(value)]
    except ValueError:
        return value


def status_text(recon: DayReconciliation) -> str:
    """One line: pending (and why), differences signed by whom or not yet, or clean."""
    parts = []
    if recon.pending:
        parts.append("对账待完成（收单机构无法取得对账单）：" + "；".join(recon.pending))
    if recon.signed_by:
        parts.append(
            f"差异 {len(recon.differences)} 项，已由 {'、'.join(recon.signed_by)} 签认（{'；'.join(recon.reasons)}）"
        )
    elif recon.differences:
        parts.append(f"差异 {len(recon.differences)} 项，未经主管签认")
    return "　".join(parts) or "对账相符"


def reconciliation_section(recon: DayReconciliation | None, width: float) -> list[Flowable]:
    """The section's flowables; a day without any wallet reconciliation has none."""
    if recon is None:
        return []
    totals = [["钱包", "本机（元）", "收单机构（元）", "相符笔数", "状态"]]
    totals += [
        [
            _wallet(w.wallet),
            yuan_text(w.ours_fen),
            yuan_text(w.theirs_fen),
            str(w.matched),
            w.error or "已对账",
        ]
        for w in recon.wallets
    ]
    story: list[Flowable] = [
        para("扫码收款对账（与收单机构对账单逐笔核对）", "heading"),
        para(status_text(recon), "mark" if recon.pending or recon.needs_signature else "body"),
        table(totals, [width * x for x in (0.14, 0.18, 0.18, 0.12, 0.38)], money_cols=(1, 2)),
    ]
    if recon.rows:
        rows = [["钱包", "差异", "交易号", "凭证号", "本机（元）", "收单机构（元）"]]
        rows += [
            [
                _wallet(r.wallet),
                ROW_LABELS.get(r.what, r.what) + ("（手工登记）" if r.typed and r.what != "typed" else ""),
                r.trade_no or "（无交易号）",
                r.receipt_no,
                yuan_text(r.ours_fen),
                yuan_text(r.theirs_fen),
            ]
            for r in recon.rows
        ]
        story.append(table(rows, [width * x for x in (0.08, 0.2, 0.3, 0.18, 0.12, 0.12)], money_cols=(4, 5)))
    return story
