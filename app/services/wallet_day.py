"""The day's wallet reconciliation as the journal keeps it (issue 19).

Each shift close records the day's reconciliation (a `wallet_reconciliation` entry: no money, the close's
evidence); a supervisor's sign-off is an approval entry that carries the reconciliation it signed
(app/services/wallet_reconcile.py `sign_off`). The day report and the shift page read both back through
`day_reconciliation`: the latest reconciliation of the day, and who signed its differences off. A
difference counts as signed when a sign-off of the same day named it with the same amounts, so a later
close that finds the same differences does not need a second signature, and a changed amount does.

Pure: entries in, a value out; the shapes read are those of `Reconciliation.as_json()`.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from decimal import Decimal
from typing import Any

from app.journal import Entry, Kind
from app.wallet import WALLET_LABELS, WalletKind

WALLET_RECONCILIATION = "wallet_reconciliation"  # journal kind: the day's reconciliation at a shift close
SIGN_OFF_ACTION = "扫码对账差异"  # the approval's action when a supervisor signs the differences off

DIFFERENCE_KINDS = ("missing_at_acquirer", "extra_at_acquirer", "amount_differs")
ROW_LABELS = {
    "missing_at_acquirer": "收单机构无此交易",
    "extra_at_acquirer": "本机未入账",
    "amount_differs": "金额不符",
    "typed": "手工登记交易号，已核实",
    "unverified": "待对账单核对",
}


def _fen(text: Any) -> int:
    """Back from the "123.45" of as_json(): exact (Decimal), never a float."""
    return int(Decimal(str(text)) * 100)


@dataclass(frozen=True)
class ReconRow:
    wallet: str  # "alipay" | "wechat"
    what: str  # one of DIFFERENCE_KINDS; "typed": a typed reference the statement confirmed; "unverified":
    # a payment no statement has checked yet (a pending wallet's, or a typed one in a live reconciliation)
    trade_no: str
    receipt_no: str
    ours_fen: int
    theirs_fen: int
    typed: bool

    @property
    def is_difference(self) -> bool:
        return self.what in DIFFERENCE_KINDS

    @property
    def key(self) -> tuple[str, str, str, int, int]:
        return self.wallet, self.what, self.trade_no, self.ours_fen, self.theirs_fen


@dataclass(frozen=True)
class WalletTotals:
    wallet: str
    ours_fen: int
    theirs_fen: int
    matched: int
    error: str  # the acquirer could not be asked: this wallet is pending


@dataclass(frozen=True)
class DayReconciliation:
    business_day: str
    wallets: tuple[WalletTotals, ...]
    rows: tuple[ReconRow, ...]
    seq: int = 0  # the journal entry it was read from; 0: just made, not recorded
    signed_by: tuple[str, ...] = ()  # the supervisors whose sign-offs cover every difference
    reasons: tuple[str, ...] = ()

    @property
    def differences(self) -> tuple[ReconRow, ...]:
        return tuple(r for r in self.rows if r.is_difference)

    @property
    def pending(self) -> tuple[str, ...]:
        """One sentence per wallet that could not be reconciled (acquirer unreachable, no statement yet)."""
        return tuple(f"{WALLET_LABELS[WalletKind(w.wallet)]}：{w.error}" for w in self.wallets if w.error)

    @property
    def needs_signature(self) -> bool:
        """Differences no supervisor has signed off (whatever another wallet's pending state)."""
        return bool(self.differences) and not self.signed_by

    @property
    def state(self) -> str:
        """pending (a wallet could not be reconciled: it wins, the day is not complete) | differences |
        signed | clean."""
        if self.pending:
            return "pending"
        if self.differences:
            return "signed" if self.signed_by else "differences"
        return "clean"


def from_json(data: Mapping[str, Any], seq: int = 0) -> DayReconciliation:
    """A Reconciliation.as_json() (as recorded, or inside a sign-off) as rows with fen amounts."""
    wallets, rows = [], []
    for w in data.get("wallets", []):
        kind = str(w["wallet"])
        matched = list(w.get("matched", []))
        wallets.append(
            WalletTotals(
                kind,
                _fen(w.get("ours_total", "0")),
                _fen(w.get("theirs_total", "0")),
                len(matched),
                str(w.get("error", "")),
            )
        )
        listed = [(what, d) for what in DIFFERENCE_KINDS for d in w.get(what, [])]
        listed += [("typed", d) for d in matched if d.get("typed")]
        listed += [("unverified", d) for d in w.get("unverified", [])]
        for what, d in listed:
            rows.append(
                ReconRow(
                    kind,
                    what,
                    str(d["trade_no"]),
                    str(d.get("receipt_no", "")),
                    _fen(d["ours"]),
                    _fen(d["theirs"]),
                    bool(d.get("typed")),
                )
            )
    return DayReconciliation(str(data.get("day", "")), tuple(wallets), tuple(rows), seq)


def day_reconciliation(entries: Iterable[Entry], business_day: str) -> DayReconciliation | None:
    """The day's latest reconciliation (a close's record, or the one a sign-off carried) with its signers;
    None when nothing was reconciled that day. Entries: the day's wallet_reconciliation and approvals."""
    latest: DayReconciliation | None = None
    signed: dict[tuple[str, str, str, int, int], tuple[str, str]] = {}  # difference → (supervisor, reason)
    for e in sorted(entries, key=lambda entry: entry.seq):
        p = e.payload
        if e.kind == WALLET_RECONCILIATION and p.get("day") == business_day:
            latest = from_json(p, e.seq)
        elif (
            e.kind == Kind.APPROVAL
            and p.get("action") == SIGN_OFF_ACTION
            and p.get("detail", {}).get("business_day") == business_day
        ):
            detail = p["detail"]
            latest = from_json(detail.get("reconciliation", {}), e.seq)
            for row in latest.differences:
                signed[row.key] = (str(p.get("approver_id", "")), str(detail.get("reason", "")))
    if latest is None or not latest.differences:
        return latest
    covering = [signed.get(row.key) for row in latest.differences]
    if any(c is None for c in covering):
        return latest
    return replace(
        latest,
        signed_by=tuple(dict.fromkeys(c[0] for c in covering if c)),
        reasons=tuple(dict.fromkeys(c[1] for c in covering if c)),
    )
