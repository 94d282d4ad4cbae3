"""The hall day report summed in SQL (db/central/hall_sql.py) against today's report that reads every
journal whole (app.services.hall_report.hall_day_report): the same DayReport, to the fen, on the same
PostgreSQL ledger. Three terminals over three days, every kind the report reads: payments by every method
with late fees, card purchases written, pending, reversed and written at another terminal, reversals, 补卡
fees, waivers, cash counts (one after midnight), closes with differences and deposits, adjustments, unknown
customers. Then an edit of a row under the day shows in the report's check, and one outside it does not.
"""

from __future__ import annotations

import dataclasses
import random
from typing import Any

import pytest
from sqlalchemy import text

import tests.integration.pg_fixtures as fx
from app.journal import GENESIS_HASH, Entry, new_entry
from app.services.hall_report import hall_day_report, hall_day_report_from
from db.central.store import CentralStore
from tests.integration.pg_fixtures import make_terminal, pg_server  # noqa: F401

DAYS = ("2026-11-22", "2026-11-23", "2026-11-24")
METHODS = ("cash", "cash", "bankcard", "wechat", "alipay")


class _Journal:
    def __init__(self, terminal_id: str) -> None:
        self.terminal_id, self.entries, self.prev = terminal_id, [], GENESIS_HASH

    def add(self, kind: str, at: str, payload: dict[str, Any], clerk: str = "C01") -> Entry:
        e = new_entry(
            terminal_id=self.terminal_id,
            seq=len(self.entries) + 1,
            kind=kind,
            created_at=at,
            clerk_id=clerk,
            payload=payload,
            prev_hash=self.prev,
        )
        self.entries.append(e)
        self.prev = e.hash
        return e


def _day_of(
    rng: random.Random,
    j: _Journal,
    day: str,
    n: int,
    customers: list[str],
    shift_no: int,
    purchases: list[tuple[str, str]],
) -> None:
    clerk = rng.choice(("C01", "C02"))
    sid = f"{j.terminal_id}-{clerk}-{day.replace('-', '')}-{shift_no}"
    utc = f"{day}T0"  # 08:00–17:59 in Shanghai
    j.add(
        "shift_open",
        f"{utc}1:00:00.000000Z",
        {"shift_id": sid, "business_day": day, "float_fen": 50_000},
        clerk,
    )
    for i in range(n):
        at = f"{utc}{2 + i % 7}:{i % 60:02d}:00.000000Z"
        roll, method = rng.random(), rng.choice(METHODS)
        cno = rng.choice(customers)
        base = {"shift_id": sid, "business_day": day, "customer_no": cno, "method": method}
        if roll < 0.45:
            amount = rng.randrange(1, 90_000)
            fee = rng.choice((0, 0, 137, 2_000))
            p = {
                **base,
                "receipt_no": f"{sid}-{i}",
                "amount_fen": amount,
                "allocations": [
                    {
                        "bill_id": f"{cno}-x",
                        "period": "2026-09",
                        "fee_paid_fen": fee,
                        "principal_paid_fen": amount - fee if amount > fee else 0,
                        "fee_due_fen": fee,
                        "principal_due_fen": amount,
                    }
                ],
                "balance_before_fen": 0,
                "balance_after_fen": 0,
            }
            if method == "cash":
                p |= {"tendered_fen": amount + rng.choice((0, 55, 10_000)), "change_fen": rng.choice((0, 55))}
                if rng.random() < 0.2:
                    del p["tendered_fen"]  # an old entry without it: tendered is the amount
            j.add("payment", at, p, clerk)
        elif roll < 0.6:
            key = f"P-{sid}-{i}"
            p = {
                **base,
                "receipt_no": f"{sid}-{i}",
                "purchase_id": key,
                "amount_fen": rng.randrange(1_000, 50_000),
                "balance_before_fen": 0,
                "balance_after_fen": 0,
            }
            j.add("card_purchase", at, p, clerk)
            purchases.append((sid, key))
            if rng.random() < 0.5:
                j.add(
                    "card_written",
                    at,
                    {"shift_id": sid, "purchase_id": key, "receipt_no": f"{sid}-{i}"},
                    clerk,
                )
        elif roll < 0.68 and purchases:
            psid, key = rng.choice(purchases)
            j.add(
                "card_written", at, {"shift_id": psid, "purchase_id": key}, clerk
            )  # 补写卡, maybe elsewhere
        elif roll < 0.76:
            card = rng.random() < 0.3 and purchases
            p = {
                **base,
                "receipt_no": f"{sid}-r{i}",
                "refund_fen": rng.randrange(1, 20_000),
                "fee_reversed_fen": rng.choice((0, 137)),
                "allocations": [],
                "balance_before_fen": 0,
                "balance_after_fen": 0,
            }
            if card:
                p |= {"original_kind": "card_purchase", "purchase_key": rng.choice(purchases)[1]}
            elif method == "cash" and rng.random() < 0.7:
                # a void that names its payment's cash (issue 28): both reports take it out of the cash
                # lines; the others (older terminals) stay cash refunds, in the same GROUP BY
                change = rng.choice((0, 55, 9_999_900))
                p |= {"voided_tendered_fen": p["refund_fen"] + change, "voided_change_fen": change}
            j.add("reversal", at, p, clerk)
        elif roll < 0.82:
            fee = rng.choice((0, 500))
            j.add(
                "card_replaced",
                at,
                {**base, "fee_fen": fee, "balance_before_fen": 0, "balance_after_fen": 0}
                | ({"tendered_fen": 1_000, "change_fen": 500} if fee and method == "cash" else {}),
                clerk,
            )
        elif roll < 0.85:  # a refund head office ordered, paid out of the drawer (issue 21)
            amount = rng.randrange(100, 30_000)
            p = {
                **base,
                "method": "cash",
                "receipt_no": f"{sid}-o{i}",
                "amount_fen": amount,
                "refunds": [{"refund_id": f"RF-{sid}-{i}", "amount_fen": amount}],
            }
            j.add("refund_payout", at, p, clerk)
        elif roll < 0.88:
            p = {**base, "bills": [{"bill_id": f"{cno}-x", "fee_waived_fen": 300}]}
            p |= {"waived_fen": 300} if rng.random() < 0.5 else {"amount_fen": 300}
            j.add("waiver", at, p, clerk)
        elif roll < 0.93:
            j.add("cash_count", at, {"shift_id": sid, "counted_fen": rng.randrange(100_000)}, clerk)
        elif roll < 0.96:
            j.add(
                "adjustment",
                at,
                {
                    "customer_no": "9999999999",
                    "business_day": day,
                    "what": "bill",
                    "bill_id": "9999999999-a",
                    "period": "2026-10",
                    "principal_paid_before_fen": 0,
                    "principal_paid_after_fen": 0,
                    "old": {"amount_fen": 500, "due_date": day, "kwh": 5},
                    "new": {"amount_fen": 400, "due_date": day, "kwh": 4},
                    "to_balance_fen": 0,
                    "difference_due_fen": -100,
                    "fee_waived_fen": 0,
                    "reason": "抄表错误",
                    "approver_id": "S01",
                },
                clerk,
            )
        else:
            j.add("receipt_print", at, {"receipt_no": f"{sid}-{i}", "printed": True}, clerk)
    if shift_no == 1:  # the review's slip, voided: 99,999,999.00 tendered on a 33.39 bill (issue 28)
        cno = customers[0]
        paid = {"shift_id": sid, "business_day": day, "customer_no": cno, "method": "cash"}
        j.add(
            "payment",
            f"{utc}8:00:00.000000Z",
            paid
            | {"receipt_no": f"{sid}-void", "amount_fen": 3_339, "tendered_fen": 9_999_999_900}
            | {
                "change_fen": 9_999_996_561,
                "allocations": [],
                "balance_before_fen": 0,
                "balance_after_fen": 0,
            },
            clerk,
        )
        j.add(
            "reversal",
            f"{utc}8:01:00.000000Z",
            paid
            | {"receipt_no": f"{sid}-void", "refund_fen": 3_339, "fee_reversed_fen": 0, "allocations": []}
            | {"balance_before_fen": 0, "balance_after_fen": 0, "voided_tendered_fen": 9_999_999_900}
            | {"voided_change_fen": 9_999_996_561},
            clerk,
        )
        old = {"receipt_no": f"{sid}-old", "refund_fen": 500, "fee_reversed_fen": 0, "allocations": []}
        j.add("reversal", f"{utc}8:02:00.000000Z", paid | old, clerk)  # an older void: a cash refund
    if rng.random() < 0.75:  # a closed shift; its last count comes after midnight (filed under the next day)
        j.add("cash_count", f"{day}T16:30:00.000000Z", {"shift_id": sid, "counted_fen": 77_700}, clerk)
        close = {
            "shift_id": sid,
            "difference_fen": rng.choice((0, -300, 1_200)),
            "reason": "点钞差错",
            "deposit_counts": {"10000": rng.randrange(5), "5000": 1, "100": 0},
        }
        if rng.random() < 0.7:
            close["counted_fen"] = rng.randrange(100_000)
        j.add("shift_close", f"{day}T16:40:00.000000Z", close, clerk)


@pytest.mark.postgres
@pytest.mark.parametrize("seed", [1, 23])
def test_sql_hall_report_equals_the_journal_reading_report(pg_server, tmp_path, monkeypatch, seed):  # noqa: F811
    monkeypatch.setattr(fx, "NOW", "2026-11-23T10:00:00+08:00")
    url = pg_server.url(pg_server.new_database())
    (tmp_path / "hq").mkdir()
    central = CentralStore.open(url, tmp_path / "hq")
    fx.seed_central(central)
    w = make_terminal(
        tmp_path, "T01"
    )  # the PC the report is made on: its clerk names and customer categories
    rng = random.Random(seed)
    customers = [*sorted(central.balances()), "9999999999"]  # and one head office does not know
    with w.store.reader() as uow:
        local = uow.customers.categories(set(customers))
    with central.engine.connect() as conn:
        assert {
            r[0]: r[1] for r in conn.execute(text("SELECT customer_no, category FROM central_customers"))
        } == local
    journals = {t: _Journal(t) for t in ("H01", "H02", "H03")}
    purchases: list[tuple[str, str]] = []
    for day in DAYS:
        for n, j in enumerate(journals.values()):
            for shift_no in range(1, 2 + n % 2):
                _day_of(rng, j, day, rng.randrange(15, 40), customers, shift_no, purchases)
    try:
        for j in journals.values():
            for i in range(0, len(j.entries), 50):
                report = central.push(j.terminal_id, "测试营业厅", j.entries[i : i + 50])
                assert report.accepted == len(j.entries[i : i + 50]) and not report.alarms
        whole = {t: central.journal(t) for t in central.terminal_ids()}
        for day in DAYS:
            old = hall_day_report(w.ctx, whole, day)
            summed = central.hall_day(day)
            assert summed is not None and summed.problems == ()
            new = hall_day_report_from(w.ctx, summed, day)
            assert dataclasses.replace(new, generated_at="") == dataclasses.replace(old, generated_at="")
            hall = new.hall
            assert hall.receipts > 0 and hall.reversals > 0 and hall.waivers > 0 and hall.late_fees_fen > 0
            assert hall.pending_card_writes and hall.differences and hall.deposit_pieces and new.adjustments
            assert hall.refund_payouts > 0 and hall.refund_payout_fen > 0
            voids = [
                e.payload
                for j in journals.values()
                for e in j.entries
                if e.kind == "reversal" and e.payload["business_day"] == day
            ]
            assert any("voided_tendered_fen" in p for p in voids)  # both kinds of void on each day
            assert any("voided_tendered_fen" not in p and p["method"] == "cash" for p in voids)
            assert hall.cash_tendered_fen < 9_999_999_900  # the voided slip left the cash lines
            assert any(c.category == "unknown" for c in hall.by_category) and len(hall.by_method) >= 3
        day = DAYS[1]
        sid = next(s.shift_id for s in central.hall_day(day).shifts)  # type: ignore[union-attr]
        with central.engine.begin() as conn:  # an amount edited under the day: the check says so
            conn.execute(text("SET LOCAL session_replication_role = replica"))
            seq = conn.execute(
                text("SELECT min(seq) FROM central_journal WHERE shift_id = :s AND kind = 'payment'"),
                {"s": sid},
            ).scalar()
            tid = sid.split("-")[0]
            conn.execute(
                text(
                    "UPDATE central_journal SET payload = replace(payload, :a, :b) WHERE terminal_id = :t AND seq = :q"
                ),
                {"t": tid, "q": seq, "a": '"amount_fen":', "b": '"amount_fen":1'},
            )
        [sentence] = central.hall_day(day).problems  # type: ignore[union-attr]
        assert sentence.startswith(f"总部留存的终端 {tid} 流水校验未通过（journal entry #{seq} (")
        assert "content does not match its hash (edited)" in sentence
        assert central.hall_day(DAYS[2]).problems == ()  # type: ignore[union-attr]  (that day stands on other rows)
    finally:
        central.close()
        w.store.close()
