"""A real PostgreSQL 15 for the sync tests, started once per session, and terminals to sync with.

`pg_server` runs initdb into a temporary directory owned by postgres (through `runuser -u postgres`),
with its own port on 127.0.0.1 and its socket in that directory, then `pg_ctl start`; `pg_ctl stop`
at the end. Each test asks for a fresh database (`pg_server.new_database()`). Import the fixtures
from the test module (`from tests.integration.pg_fixtures import pg_server  # noqa: F401`).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.pg_server import PgServer, pg_available, start_pg
from tests import env_pin

NOW = "2026-11-23T10:00:00+08:00"


@pytest.fixture(scope="session")
def pg_server() -> PgServer:
    reason = pg_available()
    if reason:
        pytest.skip(reason)
    server = start_pg()
    try:
        yield server  # type: ignore[misc]
    finally:
        server.stop()


# ------------------------------------------------------------------------------ terminals for sync tests


def make_terminal(base: Path, terminal_id: str, central_url: str = "", now: str | None = None) -> object:
    """A demo terminal (showcase customers, an open shift for C01) with this id, on a clock pinned at `now`;
    returns its Wiring.

    The config is written before first use, so every journal entry carries the right terminal id.
    """
    # NOW read at the call: a test may set this module's NOW; the pin lasts until the calling test ends
    env_pin.setenv("HALLPAY_NOW", now or NOW)
    import bootstrap
    from app.config import write_default_config
    from app.services.terminal_setup import init_demo_terminal

    data_dir = base / terminal_id
    data_dir.mkdir(parents=True, exist_ok=True)
    config_path = data_dir / "config.toml"
    fresh = not config_path.exists()
    if fresh:
        write_default_config(config_path, terminal_id, bootstrap.DEMO_HALL)
        if central_url:
            text = config_path.read_text(encoding="utf-8").replace('url = ""', f'url = "{central_url}"')
            config_path.write_text(text, encoding="utf-8")
    wiring = bootstrap.open_terminal(data_dir, generated_customers=0)
    if fresh:
        init_demo_terminal(wiring.ctx, hall_name=wiring.config.hall_name)
    return wiring


def seed_central(central: object, today: str = "2026-11-23") -> None:
    """Head office issues the showcase customers and bills to the central ledger."""
    import datetime as dt

    from app.policy import DEFAULTS
    from app.services.terminal_setup import showcase

    customers, bills = showcase(dt.date.fromisoformat(today))
    central.load_master_data(customers, bills, dict(DEFAULTS))  # type: ignore[attr-defined]


def link_for(wiring: object, central_url: str = "", limits: object = None) -> object:
    """The sync link of a terminal, to the given central ledger (default: the terminal's config), with
    `limits` (app/link_limits.py LinkLimits) on every wait when given."""
    from app.services.sync import SyncLink
    from db.central.store import CentralStore
    from db.local_sync import LocalSync

    w = wiring
    url = central_url or w.config.central_url()  # type: ignore[attr-defined]
    signer = w.ctx.signer  # type: ignore[attr-defined]
    writer = (w.ctx.terminal.terminal_id, signer) if signer is not None else None  # type: ignore[attr-defined]
    return SyncLink(
        LocalSync(w.store.engine),  # type: ignore[attr-defined]
        lambda: CentralStore.open(url, w.data_dir, writer, limits=limits),  # type: ignore[attr-defined]
        w.ctx.terminal,
        signer.public_key_hex if signer is not None else "",
    )  # type: ignore[attr-defined]


def take_payments(wiring: object, count: int, seed: int = 1) -> list[object]:
    """`count` payments on the showcase customers: bills, partial payments, prepayments, cash and QR."""
    import random

    from app.model import Method
    from app.services.payments import PayRequest, due, pay

    rng = random.Random(seed)
    ctx = wiring.ctx  # type: ignore[attr-defined]
    results = []
    for i in range(count):
        customer = rng.choice(["1000000001", "1000000002", "1000000003", "1000000004", "1000000005"])
        to_pay = due(ctx, customer).quote.to_pay_fen
        amount: int | None
        if to_pay == 0:
            amount = rng.randint(100, 5000)
        elif customer in ("1000000002", "1000000005"):
            amount = rng.randint(min(1000, to_pay), to_pay)
        else:
            amount = None
        method = rng.choice([Method.CASH, Method.WECHAT])
        ref = "" if method is Method.CASH else f"WX{seed}{i:06d}"
        results.append(pay(ctx, PayRequest(customer, method, "C01", amount_fen=amount, reference=ref)))
    return results


def _local_entries(wiring: object) -> list:
    with wiring.store.reader() as uow:  # type: ignore[attr-defined]
        return list(uow.journal.entries(0))


def assert_consistent(
    central: object, wirings: list, today: str = "2026-11-23", complete: bool = True
) -> None:
    """Central journal = union of the local journals, each entry once; every chain verifies; balances
    and bills equal the seed plus the sum of the entries; no money appears or disappears.

    complete=False (after an interrupted sync): each central journal is a prefix of the local one,
    and the central money equals the sum of the entries it holds."""
    import datetime as dt

    from app.journal import verify_chain
    from app.services.terminal_setup import showcase

    c = central
    all_entries = []
    for w in wirings:
        tid = w.config.terminal_id
        local = _local_entries(w)
        remote = c.journal(tid)  # type: ignore[attr-defined]
        if complete:
            assert remote == local, f"{tid}: central journal differs from the local one"
        else:
            assert remote == local[: len(remote)], f"{tid}: central journal is not a prefix of the local one"
        assert verify_chain(local, tid) is None
        assert verify_chain(remote, tid) is None
        all_entries += remote
    all_entries += c.journal("HQ")  # type: ignore[attr-defined]  # head office's offsets
    assert len({e.entry_id for e in all_entries}) == len(all_entries)
    if complete:
        assert sorted(c.terminal_ids()) == sorted(w.config.terminal_id for w in wirings)  # type: ignore
    customers, bills = showcase(dt.date.fromisoformat(today))
    _assert_money(c, all_entries, customers, bills)
    if complete and len(wirings) == 1:  # one counter, everything pushed: its bills are head office's bills
        _assert_bills_match(c, wirings[0])


def _assert_money(c: object, entries: list, customers: list, bills: list) -> None:
    """Balances and bills = seed + the entries; money received = bills paid + late fees + balance added.

    payment: + amount; offset (a counter's or head office's, HQ): balance into bills, no money; adjustment:
    principal off a bill into the balance; reversal of a payment: - refund (its allocation and balance undone, including what
    the original moved to the balance through a review case); waiver: fee off the bill, no money;
    card purchase: money for the meter, no balance, no bill (counted apart, never negative)."""
    from collections import defaultdict

    seed_balance = {x["customer_no"]: x.get("balance_fen", 0) for x in customers}
    seed_paid = {b["bill_id"]: b.get("principal_paid_fen", 0) for b in bills}
    cases = c.review_cases(open_only=False)  # type: ignore[attr-defined]
    surplus_of: dict[str, int] = defaultdict(int)  # entry_id -> money its review cases moved to the balance
    for case in cases:
        if case.kind in (
            "double_payment",
            "bill_reduced",
            "unknown_bill",
            "offset_surplus",
            "adjustment_surplus",
        ):
            surplus_of[case.entry_id] += case.amount_fen
    assert not [x for x in cases if x.kind == "unknown_customer"], "every customer is known centrally"
    expected = dict(seed_balance)
    received = card_money = 0
    waived: dict[str, int] = defaultdict(int)
    for e in entries:
        p = e.payload
        if "customer_no" in p and "balance_after_fen" in p:
            expected[p["customer_no"]] += p["balance_after_fen"] - p["balance_before_fen"]
        if e.kind in ("offset", "adjustment"):
            expected[p["customer_no"]] += surplus_of[e.entry_id]
        if e.kind == "payment":
            received += p["amount_fen"]
            expected[p["customer_no"]] += surplus_of[e.entry_id]
        elif e.kind == "reversal" and p["original_kind"] == "payment":
            received -= p["refund_fen"]
            expected[p["customer_no"]] -= surplus_of[p["original_entry_id"]]
        elif e.kind == "reversal":
            card_money -= p["refund_fen"]
        elif e.kind == "card_purchase":
            assert p["balance_after_fen"] == p["balance_before_fen"], "a card purchase is not prepaid balance"
            card_money += p["amount_fen"]
        elif (
            e.kind == "refund_order"
        ):  # head office pays a surplus back out of the balance (db/central/decide.py)
            received -= p["amount_fen"]
        elif e.kind == "waiver":
            for b in p["bills"]:
                waived[b["bill_id"]] += b["fee_waived_fen"]
    assert card_money >= 0
    balances = c.balances()  # type: ignore[attr-defined]
    for cno, value in expected.items():
        assert balances[cno] == value, f"balance of {cno}"
    paid = c.bills_paid()  # type: ignore[attr-defined]
    for _bill_id, (amount, principal, fee) in paid.items():
        assert 0 <= principal <= amount and fee >= 0
    fees = c.bill_fees()  # type: ignore[attr-defined]
    for bill_id, (carried, _through, fee_waived) in fees.items():
        assert carried >= 0 and fee_waived == waived.get(bill_id, 0), f"late fee waived on {bill_id}"
    moved = sum(p - seed_paid.get(b, 0) + f for b, (_a, p, f) in paid.items()) + sum(
        balances[k] - seed_balance[k] for k in seed_balance
    )
    assert moved == received, "money received must equal bills paid + late fees + balance added"


def _assert_bills_match(c: object, wiring: object) -> None:
    """Paid principal and carried late fee of every bill the journal touched equal the counter's."""
    from db.local_schema import bills as local_bills

    with wiring.store.reader() as uow:  # type: ignore[attr-defined]
        local = {r.bill_id: r for r in uow.connection.execute(local_bills.select())}
    paid, fees = c.bills_paid(), c.bill_fees()  # type: ignore[attr-defined]
    for bill_id, (carried, through, _waived) in fees.items():
        mine = local[bill_id]
        assert paid[bill_id][1] == mine.principal_paid_fen, f"principal paid on {bill_id}"
        if through is not None:
            assert (carried, through) == (mine.fee_carried_fen, mine.fee_accrued_through), (
                f"fee carried on {bill_id}"
            )


# ------------------------------------------------------------------------------ a central ledger per test


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def central_url(request, tmp_path, monkeypatch) -> str:
    """Each sync test runs against the embedded SQLite central and a real PostgreSQL. Head office's key
    (db/central/rowsign.py) is hq.key beside the SQLite file; for PostgreSQL at HALLPAY_HQ_KEY, which every
    store of the test sees: head office signs the master data it loads, and certifies each terminal's key
    when it registers."""
    monkeypatch.setenv("HALLPAY_HQ_KEY", str(tmp_path / "hq" / "hq.key"))
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'hq' / 'central.db'}"
    server = request.getfixturevalue("pg_server")
    return server.url(server.new_database())


@pytest.fixture
def central(central_url, tmp_path):
    """Head office's store, holding head office's key (see central_url)."""
    from db.central.store import CentralStore

    (tmp_path / "hq").mkdir(exist_ok=True)
    store = CentralStore.open(central_url, tmp_path / "hq")
    seed_central(store)
    yield store
    store.close()
