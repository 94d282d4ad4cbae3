"""What the console's pages read from the central ledger. Reads only: a deferred read on the embedded
central.db (never its write lock), a plain transaction on PostgreSQL, rolled back."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Engine, case, func, literal_column, select, text

from app.clock import local_text
from app.journal import Kind
from app.moves import entry_moves
from app.services.adjustment_lines import adjustment_lines
from app.services.collection import permille_text, rate_permille
from app.services.day_report import DayReport, build_day_report
from app.services.hall_report import shifts_of_day
from db.central.chain_checks import ChainState, check_chains
from db.central.decide import MONEY_CASES
from db.central.engine import guarded
from db.central.hq import HQ
from db.central.quarantine_post import held
from db.central.sql import entry_of
from db.central_schema import (
    central_admin_audit,
    central_bills,
    central_clerks,
    central_collection_areas,
    central_customers,
    central_halls,
    central_journal,
    central_quarantine,
    central_refunds,
    review_cases,
    terminal_keys,
)
from db.central_schema import terminals as terminals_t

# The documented way out of each alarm (README "Head office's console", db/central/push.py).
WAY_OUT = {
    "fork": "两台电脑使用同一终端号，或旧磁盘映像又收了费：隔离区的流水不计账、不会丢失。信息部门为多出的电脑开通新终端号"
    "（或用 python main.py restore 从备份和总部恢复本机），再由财务核查隔离区的流水：客户确已付款的收费逐笔入账"
    "（本页“入账”或 central quarantine post 流水号 --reason 理由），每笔只入账一次。",
    "chain_break": "终端流水与前一笔不衔接：在该终端运行 python main.py verify 找出第一笔问题流水，"
    "从备份恢复（python main.py restore），恢复后再同步。",
    "bad_hash": "流水内容与哈希不符（被改动）：在该终端运行 python main.py verify，用备份恢复本机后重新同步。",
    "bad_signature": "签名无法验证：核对终端密钥（是否被换过），必要时按密钥轮换流程重新开通终端。",
    "sequence_gap": "流水缺号：终端本地库被删改或换过；运行 python main.py verify 并从备份恢复。",
    "content_mismatch": "再次上传的流水与总部留存不同：总部保留原记录；在该终端运行 python main.py verify，"
    "以总部为准恢复本机（python main.py restore）。",
    "foreign_entry": "终端上传了别的终端的流水：检查该电脑的终端号配置（config.toml）。",
    "central_tampered": "总部留存的流水被改动：停止该终端的同步，运行 python main.py verify 比对本机与总部，"
    "由信息部门从数据库备份恢复总部记录。",
    "balance_overdrawn": "预存余额在两处同时使用：向用户追收差额，收费后此事项可确认。",
    "unknown_customer": "户号不在总部档案：补录用户档案后由财务核对暂挂金额。",
    "refund_paid_twice": "两个柜台在离线时都支付了同一退款单：总部以先到的支付为准；财务向客户追回多付的现金，"
    "收回后确认此告警。",
    "unknown_refund": "柜台支付了总部没有的退款单：核对该终端的流水（python main.py verify）与总部退款记录。",
    "refund_mismatch": "柜台支付的退款金额或用户与总部退款单不同（终端本地记录被改动）：按金额差向收费员或客户追回，"
    "由信息部门核查该终端的本地库并从备份恢复。",
}
CASE_KINDS_ZH = {
    "double_payment": "重复缴费",
    "bill_reduced": "账单已被总部调减",
    "unknown_bill": "未知账单",
    "fork": "终端分叉",
    "chain_break": "哈希链断开",
    "bad_hash": "流水被改动",
    "bad_signature": "签名不符",
    "sequence_gap": "流水缺号",
    "content_mismatch": "内容不符",
    "foreign_entry": "他机流水",
    "central_tampered": "总部记录被改动",
    "balance_overdrawn": "预存透支",
    "unknown_customer": "未知户号",
    "refund_paid_twice": "退款重复支付",
    "unknown_refund": "未知退款单",
    "refund_mismatch": "退款金额不符",
}
AGE_BUCKETS = (("1-30", 1, 30), ("31-90", 31, 90), ("91-180", 91, 180), ("180+", 181, None))


@contextmanager
def reading(engine: Engine) -> Iterator[Connection]:
    with guarded(), engine.connect().execution_options(hallpay_write=False) as conn:
        try:
            yield conn
        finally:
            conn.rollback()


def _customer_of(conn: Connection, customer_no: str | None) -> list[Any]:
    """The journal entries of one customer, through c0014's expression index (the same expression as the
    index, or the planner cannot use it); [] (no narrowing) for a case without a customer."""
    if not customer_no:
        return []
    if conn.dialect.name == "postgresql":
        return [literal_column("(central_journal.payload::json ->> 'customer_no')") == customer_no]
    return [func.json_extract(central_journal.c.payload, "$.customer_no") == customer_no]


def _bill_marker(bill_id: str) -> str:
    return '%"bill_id":' + json.dumps(bill_id, ensure_ascii=False) + "%"


@dataclass(frozen=True)
class Payment:
    terminal_id: str
    seq: int
    entry_id: str
    created_at: str
    clerk_id: str
    amount_fen: int  # the whole receipt's money
    hall_name: str
    on_bill_fen: int = 0  # what it paid on the case's bill, principal and late fee (app/moves.py's rule)
    caused: bool = False  # the entry whose payment made the surplus (the case's own entry)


def paid_on_bill(payload: dict[str, Any], bill_id: str) -> int:
    """Principal and late fee a payment put on one bill: its allocations, read by the one rule (app/moves.py)."""
    moves = entry_moves(Kind.PAYMENT, payload)
    return sum(m.principal_fen + m.fee_fen for m in moves.bills if m.bill_id == bill_id) if moves else 0


PER_PAGE = 50


def _case_filter(resolved: bool, money: bool, customer: str) -> list[Any]:
    rc = review_cases.c
    found: list[Any] = [
        rc.kind.in_(MONEY_CASES) if money else rc.kind.not_in(MONEY_CASES),
        rc.resolved_at.is_not(None) if resolved else rc.resolved_at.is_(None),
    ]
    if customer:
        found.append(rc.customer_no == customer)
    return found


def case_count(engine: Engine, *, resolved: bool, money: bool, customer: str = "") -> int:
    """How many cases the list holds (the overview's cards, the pager): a COUNT, never the cases themselves."""
    with reading(engine) as conn:
        return int(
            conn.execute(
                select(func.count()).select_from(review_cases).where(*_case_filter(resolved, money, customer))
            ).scalar_one()
        )


def cases(
    engine: Engine, *, resolved: bool, money: bool, page: int = 1, customer: str = ""
) -> list[dict[str, Any]]:
    """One page (PER_PAGE, oldest open first / newest resolved first) of review cases with their customer, bill
    and every payment of that bill (the two that collided); `customer` keeps one customer number's."""
    rc, cc, cb, cj, t = review_cases.c, central_customers.c, central_bills.c, central_journal.c, terminals_t.c
    out: list[dict[str, Any]] = []
    with reading(engine) as conn:
        rows = conn.execute(
            select(
                review_cases,
                cc.name.label("customer_name"),
                cb.period,
                cb.amount_fen.label("bill_fen"),
                t.hall_name,
            )
            .outerjoin(central_customers, cc.customer_no == rc.customer_no)
            .outerjoin(central_bills, cb.bill_id == rc.bill_id)
            .outerjoin(terminals_t, t.terminal_id == rc.terminal_id)
            .where(*_case_filter(resolved, money, customer))
            .order_by(rc.resolved_at.desc() if resolved else rc.created_at, rc.case_id)
            .limit(PER_PAGE)
            .offset(PER_PAGE * (max(page, 1) - 1))
        ).all()
        for r in rows:
            payments: list[Payment] = []
            if r.bill_id:
                for p in conn.execute(
                    select(
                        cj.terminal_id,
                        cj.seq,
                        cj.entry_id,
                        cj.created_at,
                        cj.clerk_id,
                        cj.payload,
                        t.hall_name,
                    )
                    .outerjoin(terminals_t, t.terminal_id == cj.terminal_id)
                    .where(cj.kind == Kind.PAYMENT)
                    .where(*_customer_of(conn, r.customer_no))
                    .where(cj.payload.like(_bill_marker(r.bill_id)))
                    .order_by(cj.created_at, cj.terminal_id, cj.seq)
                ):
                    payload = json.loads(p.payload)
                    on_bill = paid_on_bill(payload, r.bill_id)
                    if not on_bill and p.entry_id != r.entry_id:
                        continue  # the bill's id is in its payload, but it paid nothing on the bill
                    payments.append(
                        Payment(
                            p.terminal_id,
                            int(p.seq),
                            p.entry_id,
                            p.created_at,
                            p.clerk_id,
                            int(payload.get("amount_fen", 0)),
                            p.hall_name or "",
                            on_bill,
                            p.entry_id == r.entry_id,
                        )
                    )
            decision = None
            if r.resolution_entry_id:
                d = conn.execute(select(cj.payload).where(cj.entry_id == r.resolution_entry_id)).scalar()
                decision = json.loads(d) if d else None
            refund = conn.execute(
                select(central_refunds.c.status, central_refunds.c.paid_at).where(
                    central_refunds.c.case_id == r.case_id
                )
            ).first()
            quarantined = 0
            entries_held: list[Any] = []
            if r.kind == "fork":
                quarantined = int(
                    conn.execute(
                        select(func.count())
                        .select_from(central_quarantine)
                        .where(central_quarantine.c.terminal_id == r.terminal_id)
                    ).scalar_one()
                )
                # each held entry, whether it was posted, and the receipt numbers the copy issued twice
                entries_held = held(conn, r.case_id)
            out.append(
                {
                    **r._mapping,
                    "payments": payments,
                    "decision": decision,
                    "refund_status": refund.status if refund else None,
                    "quarantined": quarantined,
                    "held": entries_held,
                    "twice": [h for h in entries_held if h.twins],
                    "way_out": WAY_OUT.get(r.kind, ""),
                    "kind_zh": CASE_KINDS_ZH.get(r.kind, r.kind),
                }
            )
    return out


def refunds_ordered(engine: Engine) -> tuple[int, int]:
    """Refunds ordered and not yet paid out at a counter: how many, and their sum (fen)."""
    r = central_refunds.c
    with reading(engine) as conn:
        count, total = conn.execute(
            select(func.count(), func.coalesce(func.sum(r.amount_fen), 0)).where(r.status == "ordered")
        ).one()
    return int(count), int(total)


def case_row(engine: Engine, case_id: str) -> Any:
    with reading(engine) as conn:
        return conn.execute(select(review_cases).where(review_cases.c.case_id == case_id)).first()


@dataclass(frozen=True)
class TerminalLine:
    terminal_id: str
    hall_name: str
    last_push_at: str
    ack_seq: int
    journal_length: int
    quarantined: int
    open_alarms: int
    verified: str  # "" when intact, else the first problem
    reported_head: int | None = None  # the counter's own last sequence number, as it last reported it
    head_reported_at: str = ""
    checked: bool = True  # False: the chain was not verified for this page (the overview)
    chain: ChainState | None = None  # how far the chain is verified (db/central/chain_checks.py)

    @property
    def waiting(self) -> int | None:
        """Entries the counter holds that head office has not: its reported head − the acknowledgement.
        None when it never reported; below zero when its disk holds less than head office (the page warns)."""
        return None if self.reported_head is None else self.reported_head - self.ack_seq


def terminals(engine: Engine, *, verify: bool = True, now: str = "") -> list[TerminalLine]:
    """Each terminal's line; with `verify` (the terminals page) each central copy is verified after its stored
    checkpoint (db/central/chain_checks.py: only the entries pushed since the last view, once), the overview
    does not (it was 22.6 s of 30,010 entries, review P2-4)."""
    t, cj = terminals_t.c, central_journal.c
    chains = {s.terminal_id: s for s in check_chains(engine, now)} if verify else {}
    out = []
    with reading(engine) as conn:
        counts: dict[str, int] = (
            {tid: c.head for tid, c in chains.items()}  # the last entry held (intact chain: gap-free)
            if verify
            else dict(conn.execute(select(cj.terminal_id, func.count()).group_by(cj.terminal_id)).all())
        )
        quarantine: dict[str, int] = dict(
            conn.execute(
                select(central_quarantine.c.terminal_id, func.count()).group_by(
                    central_quarantine.c.terminal_id
                )
            ).all()
        )
        alarms: dict[str, int] = dict(
            conn.execute(
                select(review_cases.c.terminal_id, func.count())
                .where(review_cases.c.resolved_at.is_(None))
                .where(review_cases.c.kind.not_in(MONEY_CASES))
                .group_by(review_cases.c.terminal_id)
            ).all()
        )
        rows = conn.execute(select(terminals_t).order_by(t.terminal_id)).all()
        for r in rows:
            chain = chains.get(r.terminal_id)
            out.append(
                TerminalLine(
                    r.terminal_id,
                    r.hall_name,
                    r.last_push_at or "",
                    int(r.ack_seq),
                    int(counts.get(r.terminal_id, 0)),
                    int(quarantine.get(r.terminal_id, 0)),
                    int(alarms.get(r.terminal_id, 0)),
                    "" if chain is None else chain.problem,
                    None if r.reported_head is None else int(r.reported_head),
                    r.head_reported_at or "",
                    verify,
                    chain,
                )
            )
        hq = chains.get(HQ)
        if hq is not None:  # head office's own chain: prepaid offsets and the console's decisions
            last = conn.execute(
                select(cj.created_at).where(cj.terminal_id == HQ).order_by(cj.seq.desc()).limit(1)
            ).scalar()
            out.append(
                TerminalLine(
                    HQ, "总部", last or "", hq.head, hq.head, 0, 0, hq.problem, hq.head, last or "", True, hq
                )
            )
    return out


def halls(engine: Engine) -> list[str]:
    with reading(engine) as conn:
        return [
            h
            for h in conn.execute(
                select(terminals_t.c.hall_name).distinct().order_by(terminals_t.c.hall_name)
            ).scalars()
        ]


def hall_day(engine: Engine, hall_name: str, day: str, now: dt.datetime) -> DayReport:
    """The hall's day report from the central copies (app/services/hall_report.py's rule and figures): the
    hall's terminals and that day's shift entries are selected in SQL, the figures by build_day_report."""
    cj, t = central_journal.c, terminals_t.c
    with reading(engine) as conn:
        tids = list(
            conn.execute(
                select(t.terminal_id).where(t.hall_name == hall_name).order_by(t.terminal_id)
            ).scalars()
        )
        entries = (
            [
                entry_of(r)
                for r in conn.execute(
                    select(central_journal)
                    .where(cj.terminal_id.in_(tids))
                    .where(cj.terminal_id != HQ)
                    .order_by(cj.terminal_id, cj.seq)
                )
            ]
            if tids
            else []
        )
        shifts = shifts_of_day(entries, day)
        ids = {s.shift_id for s in shifts}
        day_entries = [e for e in entries if e.payload.get("shift_id") in ids]
        cnos = sorted({str(e.payload["customer_no"]) for e in day_entries if "customer_no" in e.payload})
        cats = (
            dict(
                conn.execute(
                    select(central_customers.c.customer_no, central_customers.c.category).where(
                        central_customers.c.customer_no.in_(cnos)
                    )
                ).all()
            )
            if cnos
            else {}
        )
    return build_day_report(
        hall_name,
        tids,
        day,
        shifts,
        day_entries,
        cats,
        {s.clerk_id: s.clerk_id for s in shifts},
        generated_at=local_text(now),
        adjustments=adjustment_lines(entries, day),
    )


@dataclass(frozen=True)
class ClerkMonth:
    clerk_id: str
    payments: int = 0
    collected_fen: int = 0
    late_fees_fen: int = 0
    waivers: int = 0
    waived_fen: int = 0
    reversals: int = 0
    reversed_fen: int = 0
    # collection responsibility (收费责任制): the customer areas the clerk answers for, the month's principal of
    # overdue bills their customers paid (at any counter, reversed payments left out), and what they owe now
    areas: tuple[str, ...] = ()
    recovered_fen: int = 0
    arrears_fen: int = 0

    @property
    def rate_permille(self) -> int | None:
        """回收率: recovered ÷ (recovered + arrears held), app/services/collection.py's rule."""
        return rate_permille(self.recovered_fen, self.recovered_fen + self.arrears_fen)

    @property
    def rate_text(self) -> str:
        return permille_text(self.rate_permille) if self.areas else "—"


def clerk_month(engine: Engine, month: str, today: dt.date) -> list[ClerkMonth]:
    """Per clerk, the month's collection figures from every terminal's central copy (by who took the money),
    and the collection rate against the arrears of the areas they answer for (by the customer's area)."""
    cj, cc, cb, ca = central_journal.c, central_customers.c, central_bills.c, central_collection_areas.c
    first = dt.date.fromisoformat(month + "-01")
    nxt = (first + dt.timedelta(days=32)).replace(day=1)
    figures: dict[str, list[int]] = {}
    with reading(engine) as conn:
        rows = conn.execute(
            select(cj.clerk_id, cj.kind, cj.entry_id, cj.payload)
            .where(cj.terminal_id != HQ)
            .where(cj.kind.in_((Kind.PAYMENT, Kind.WAIVER, Kind.REVERSAL)))
            .where(cj.created_at >= first.isoformat())
            .where(cj.created_at < nxt.isoformat())
        ).all()
        area_clerk: dict[str, str] = {str(a): str(c) for a, c in conn.execute(select(ca.area, ca.clerk_id))}
        owed = cb.amount_fen - cb.principal_paid_fen
        held = dict(
            conn.execute(
                select(ca.clerk_id, func.sum(owed))
                .join(central_customers, cc.area == ca.area)
                .join(central_bills, cb.customer_no == cc.customer_no)
                .where(owed > 0)
                .where(cb.due_date < today.isoformat())
                .group_by(ca.clerk_id)
            ).all()
        )
        payers = {json.loads(r.payload).get("customer_no", "") for r in rows if r.kind == Kind.PAYMENT}
        rc = (
            review_cases.c
        )  # principal a payment claimed on a bill another hall had already paid: no arrears recovered
        claimed_twice: dict[tuple[str, str], int] = {}  # (entry, bill) -> principal the bill no longer owed
        for entry_id, bill_id, amount, fee in conn.execute(
            select(rc.entry_id, rc.bill_id, rc.amount_fen, rc.fee_fen)
            .where(rc.kind.in_(MONEY_CASES))
            .where(rc.created_at >= first.isoformat())
        ):
            key = (str(entry_id), str(bill_id or ""))
            claimed_twice[key] = claimed_twice.get(key, 0) + int(amount) - int(fee)
        area_of = (
            dict(
                conn.execute(select(cc.customer_no, cc.area).where(cc.customer_no.in_(sorted(payers)))).all()
            )
            if payers
            else {}
        )
    recovered: dict[str, int] = {}
    payloads = [(r.clerk_id, r.kind, r.entry_id, json.loads(r.payload)) for r in rows]
    reversed_receipts = {str(p.get("receipt_no", "")) for _c, k, _e, p in payloads if k == Kind.REVERSAL}
    for clerk, kind, entry_id, p in payloads:
        f = figures.setdefault(clerk, [0] * 7)
        if kind == Kind.PAYMENT:
            f[0] += 1
            f[1] += int(p.get("amount_fen", 0))
            f[2] += sum(int(a.get("fee_paid_fen", 0)) for a in p.get("allocations", []))
            holder = area_clerk.get(str(area_of.get(p.get("customer_no", ""), "") or ""))
            if holder is not None and str(p.get("receipt_no", "")) not in reversed_receipts:
                recovered[holder] = recovered.get(holder, 0) + sum(
                    max(
                        0,
                        int(a.get("principal_paid_fen", 0))
                        - claimed_twice.get((entry_id, str(a["bill_id"])), 0),
                    )
                    for a in p.get("allocations", [])
                    if int(a.get("days_overdue", 0)) > 0
                )
        elif kind == Kind.WAIVER:
            f[3] += 1
            f[4] += sum(int(b.get("fee_waived_fen", 0)) for b in p.get("bills", []))
        else:
            f[5] += 1
            f[6] += int(p.get("refund_fen", 0))
    clerks = sorted(set(figures) | set(area_clerk.values()))
    out = []
    for k in clerks:
        n = figures.get(k, [0] * 7)
        out.append(
            ClerkMonth(
                k,
                n[0],
                n[1],
                n[2],
                n[3],
                n[4],
                n[5],
                n[6],
                areas=tuple(sorted(a for a, c in area_clerk.items() if c == k)),
                recovered_fen=recovered.get(k, 0),
                arrears_fen=int(held.get(k) or 0),
            )
        )
    return out


def arrears(engine: Engine, today: dt.date) -> dict[str, dict[str, int]]:
    """Unpaid principal past due, by risk grade and age bucket (days overdue), summed in SQL."""
    cb, cc = central_bills.c, central_customers.c
    owed = cb.amount_fen - cb.principal_paid_fen
    whens = []
    for label, low, _high in reversed(AGE_BUCKETS):
        whens.append((cb.due_date <= (today - dt.timedelta(days=max(low, 1))).isoformat(), label))
    bucket = case(*whens, else_="-")
    grade = func.coalesce(func.nullif(cc.risk_grade, ""), "-")
    out: dict[str, dict[str, int]] = {}
    with reading(engine) as conn:
        # grouped by position: on PostgreSQL the CASE's date parameters would otherwise be bound twice (once
        # in SELECT, once in GROUP BY) and no longer count as the same expression
        for g, b, total in conn.execute(
            select(grade, bucket, func.sum(owed))
            .join(central_customers, cc.customer_no == cb.customer_no)
            .where(owed > 0)
            .where(cb.due_date < today.isoformat())
            .group_by(text("1"), text("2"))
        ):
            if b != "-":
                out.setdefault(str(g), {})[str(b)] = int(total)
    return out


# ---------------------------------------------------------------------- provisioning (console/admin_pages.py)


def hall_rows(engine: Engine) -> list[Any]:
    with reading(engine) as conn:
        return list(conn.execute(select(central_halls).order_by(central_halls.c.hall_id)).all())


def clerk_rows(engine: Engine) -> list[Any]:
    c = central_clerks.c
    with reading(engine) as conn:
        return list(
            conn.execute(
                select(c.clerk_id, c.name, c.role, c.hall_id, c.active, c.pin_issue).order_by(
                    c.hall_id, c.clerk_id
                )
            ).all()
        )


def provisioned_terminals(engine: Engine) -> list[dict[str, Any]]:
    """Each terminal's hall, approval, and key history (fingerprint, state, first entry it signs)."""
    t, k = terminals_t.c, terminal_keys.c
    with reading(engine) as conn:
        rows = conn.execute(
            select(t.terminal_id, t.hall_id, t.hall_name, t.approved, t.cert, t.public_key).order_by(
                t.terminal_id
            )
        ).all()
        keys = conn.execute(select(terminal_keys).order_by(k.terminal_id, k.from_seq, k.registered_at)).all()
    return [
        {
            "terminal_id": r.terminal_id,
            "hall_id": r.hall_id or "",
            "hall_name": r.hall_name,
            "approved": bool(r.approved),
            "certified": bool(r.cert),
            "key_history": [key for key in keys if key.terminal_id == r.terminal_id],
        }
        for r in rows
    ]


def audit_rows(engine: Engine, limit: int = 20) -> list[Any]:
    a = central_admin_audit.c
    with reading(engine) as conn:
        return list(
            conn.execute(select(a.at, a.actor, a.action, a.subject).order_by(a.at.desc()).limit(limit)).all()
        )
