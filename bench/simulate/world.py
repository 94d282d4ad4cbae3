"""The province: head office's ledger, its halls, clerks and customers, and real terminals in temporary data
directories, each provisioned the way `terminal init` does it and driven on the simulation's clock.

Every terminal is a real one (its own local.db, journal key, config.toml); its sync link carries a
CentralStore over the one engine head office opened, so a sync is the real push and pull.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import random
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.clock import SHANGHAI, FixedClock
from app.policy import DEFAULTS
from bench.simulate.generator import customers_of_hall

if TYPE_CHECKING:
    from app.services.sync import SyncLink
    from bootstrap import Services
    from db.central.admin import CentralAdmin
    from db.central.store import CentralStore

ACTOR = "SIM"  # who head office's provisioning acts as in its audit trail


@dataclass(frozen=True)
class Options:
    days: int = 45
    halls: int = 1
    terminals: int = 2  # per hall
    clerks: int = 3  # per hall, besides the hall's supervisor
    seed: int = 1
    faults: bool = False
    central: str = ""  # empty: the embedded SQLite ledger in the run's directory
    customers: int = 24  # per hall
    skip: frozenset[int] = frozenset()  # invariants not checked (a known defect, while the lead decides)
    busy: float = 0.15  # the chance that a counter serves a customer in each ten-minute slot
    start: dt.date = dt.date(2026, 12, 10)


@dataclass(frozen=True)
class PinChange:
    """A clerk set a new PIN on `terminal` with `old` (one-time or their own); `seq` is its pin_set entry."""

    old: str
    terminal: str
    seq: int


@dataclass
class SimTerminal:
    tid: str
    hall: int
    data_dir: Path
    services: Services
    link: SyncLink
    offline_until: dt.date | None = None  # a terminal whose link is down until that day (faults)
    receipts: list[tuple[str, str]] = field(default_factory=list)  # today's (receipt no, clerk), for voids

    @property
    def ctx(self) -> Any:
        return self.services.ctx


@dataclass
class Hall:
    index: int
    hall_id: str
    name: str
    clerks: list[str]
    supervisor: str
    customers: list[str]
    terminals: list[SimTerminal] = field(default_factory=list)
    left: list[str] = field(default_factory=list)  # clerks head office disabled


@dataclass
class Province:
    options: Options
    base: Path
    url: str
    clock: FixedClock
    central: CentralStore  # head office's own store: it holds head office's key
    admin: CentralAdmin
    halls: list[Hall]
    pins: dict[str, str]  # each clerk's current PIN, as the clerk remembers it
    customer_rows: dict[str, dict[str, Any]]
    one_time: dict[str, str] = field(default_factory=dict)  # clerk -> the one-time PIN not yet replaced
    pin_changed: dict[str, PinChange] = field(default_factory=dict)  # the last PIN change not yet checked
    # every receipt printed, as the customer holds it: terminal -> receipt no -> QR text (invariant 6)
    printed: dict[str, dict[str, str]] = field(default_factory=dict)
    reversed: set[str] = field(default_factory=set)  # receipt nos voided (冲正)
    to_verify: set[tuple[str, str]] = field(default_factory=set)  # (terminal, receipt no) not yet verified
    reports_due: dict[str, set[str]] = field(default_factory=dict)  # terminal -> business days to compare
    problems: list[str] = field(default_factory=list)  # what a fault found wrong as it happened
    issued: dict[str, dict[str, Any]] = field(default_factory=dict)  # the last billing day's bills, by id
    disabled: dict[str, int] = field(default_factory=dict)  # clerk disabled, not yet checked -> hall index
    acquirer: Any = None  # wallets/sim.py AcquirerSim: the province's one acquirer, on loopback (act_wallets)
    # prepaid customers' IC cards (act_cards): customer -> the card's file, carried from counter to counter
    cards: dict[str, Path] = field(default_factory=dict)
    card_owed: dict[str, str] = field(
        default_factory=dict
    )  # customer -> terminal owing a card write (补写卡)
    policy: dict[str, str] = field(default_factory=dict)  # head office's changes to the default policy
    refunds_owed: set[str] = field(default_factory=set)  # customers head office ordered a refund for
    # wallet trades a disk's copy took (a fork, faults.py): the acquirer holds the money, head office keeps
    # the copy's payment apart (a fork case), no genuine journal books it
    forked_trades: set[tuple[str, str]] = field(default_factory=set)
    acquirer_port: int = 0  # where the acquirer listens again after its link went down
    wallet_open: dict[str, str] = field(default_factory=dict)  # out_trade_no -> terminal: an unknown outcome

    def terminals(self) -> list[SimTerminal]:
        return [t for h in self.halls for t in h.terminals]

    def today(self) -> dt.date:
        return self.clock.now_utc().astimezone(SHANGHAI).date()

    @property
    def card_key(self) -> bytes:
        """The province's card master key (every counter's [card] master_key_hex): a customer's card
        is sold onto at any counter. Drawn from the seed, so the MACs the journals keep are the same."""
        return hashlib.sha256(f"{self.options.seed}:card-master-key".encode()).digest()

    def close(self) -> None:
        if self.acquirer is not None:
            self.acquirer.stop()
        for t in self.terminals():  # their sync links share head office's engine, disposed below
            t.services.store.close()
        self.central.close()


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)


def central_url(options: Options, base: Path) -> str:
    if options.central:
        if not os.environ.get("HALLPAY_HQ_KEY"):  # head office's key for a server ledger (rowsign.py)
            os.environ["HALLPAY_HQ_KEY"] = str(base / "hq" / "hq.key")
        return options.central
    return f"sqlite:///{base / 'hq' / 'central.db'}"


def build(options: Options, base: Path, rng: random.Random) -> Province:
    """Head office first (policy, halls, clerks, customers), then each hall's terminals."""
    from db.central.admin import CentralAdmin
    from db.central.store import CentralStore

    clock = FixedClock(at(options.start, 8))
    (base / "hq").mkdir(parents=True, exist_ok=True)
    url = central_url(options, base)
    central = CentralStore.open(url, base / "hq", clock=clock)  # head office's records dated by the run
    admin = CentralAdmin(central.engine, central.hq, clock)
    halls: list[Hall] = []
    pins: dict[str, str] = {}
    rows: dict[str, dict[str, Any]] = {}
    for h in range(options.halls):
        hall_id = f"H{h + 1:02d}"
        name = f"模拟供电公司第{h + 1}营业厅"
        admin.add_hall(ACTOR, hall_id, name)
        customers = customers_of_hall(rng, h, options.customers)
        rows.update({c["customer_no"]: c for c in customers})
        clerks = [f"C{h + 1:02d}{i + 1}" for i in range(options.clerks)]
        for clerk in clerks:
            pins[clerk] = admin.add_clerk(ACTOR, clerk, f"收费员{clerk}", "clerk", hall_id)
        supervisor = f"S{h + 1:02d}"
        pins[supervisor] = admin.add_clerk(ACTOR, supervisor, f"班长{supervisor}", "supervisor", hall_id)
        halls.append(Hall(h, hall_id, name, clerks, supervisor, [c["customer_no"] for c in customers]))
    central.load_master_data(list(rows.values()), [], dict(DEFAULTS))
    central.issue_bills(opening_bills(rng, rows, options.start), today=options.start)
    province = Province(options, base, url, clock, central, admin, halls, pins, rows, one_time=dict(pins))
    province.acquirer = start_acquirer(province)
    for hall in halls:
        for k in range(options.terminals):
            hall.terminals.append(provision(province, hall, f"T{hall.index + 1:02d}{k + 1}"))
    return province


def start_acquirer(p: Province) -> Any:
    """The acquirers (Alipay's gateway and WeChat Pay's API) every counter's wallet clients talk to over
    HTTP, dated by the simulation's business day. A held-back answer (timeout_taken, slow) waits far longer
    than the clients' timeout (WALLET_TIMEOUT_S), so which of the two comes first never depends on the load."""
    from wallets.sim import AcquirerSim

    sim = AcquirerSim(delay_s=4.0, paying_queries=2)
    sim.today = p.today
    return sim.start()


WALLET_TIMEOUT_S = 0.3


def wallet_sections(p: Province, data_dir: Path) -> dict[str, dict[str, Any]]:
    """config.toml's [alipay], [wechat] and [wallet] for the province's acquirer (keys under keys/, 0600)."""
    sections: dict[str, dict[str, Any]] = p.acquirer.configure(data_dir / "keys", timeout_s=WALLET_TIMEOUT_S)
    sections["wechat"]["client_ip"] = "127.0.0.1"
    sections["wallet"] = {"interval_s": 3, "deadline_s": 60}
    return sections


def opening_bills(
    rng: random.Random, rows: dict[str, dict[str, Any]], start: dt.date
) -> list[dict[str, Any]]:
    """What customers owe on day one: last month's bills (due soon) and, for some, older ones already
    overdue (one from the last year, so the 3‰ rule for arrears that crossed the year has something to do)."""
    from bench.simulate.generator import bill_for

    bills = []
    for row in rows.values():
        bills.append(
            bill_for(
                rng,
                row,
                f"{start.year}-{start.month - 1:02d}" if start.month > 1 else f"{start.year - 1}-12",
                start - dt.timedelta(days=rng.randint(0, 9)),
            )
        )
        if rng.random() < 0.3:
            issued = start - dt.timedelta(days=rng.randint(40, 120))
            bills.append(bill_for(rng, row, f"{issued.year}-{issued.month:02d}", issued))
    return bills


def provision(province: Province, hall: Hall, tid: str) -> SimTerminal:
    """`terminal init` without its printing: head office adds and approves the terminal, the PC makes its
    key, registers it, writes config.toml and local.db, and pulls everything."""
    province.admin.add_terminal(ACTOR, tid, hall.hall_id)
    province.admin.approve_terminal(ACTOR, tid)
    data_dir = province.base / tid
    return install(province, hall, tid, data_dir, restore=False)


def install(province: Province, hall: Hall, tid: str, data_dir: Path, *, restore: bool) -> SimTerminal:
    """A PC set up as terminal `tid` (a new one, or a dead one's replacement restored from head office)."""
    from app.config import save_config
    from app.provisioning import KeyHistory
    from app.services import provisioning
    from app.signing import Ed25519Signer
    from cardreader.factory import ensure_master_key
    from db.keys import save_signer
    from db.local_store import open_local_store
    from db.provision_local import pull_everything, restore_from_central, set_identity

    central = province.central
    signer = Ed25519Signer.generate()
    history = province.admin.key_history(tid) if restore else KeyHistory(())
    head = central.ack(tid).seq if restore else 0
    reg = province.admin.register_key(tid, signer.public_key_hex, head + 1, actor=tid)
    if reg.state == "pending":  # a restored PC's new key: head office vouches for it
        province.admin.approve_terminal(ACTOR, tid, reg.fingerprint)
    here = provisioning.Directory(data_dir, save_key=save_signer, ensure_master_key=ensure_master_key)
    request = provisioning.Request(tid, province.url, printer="none", card="simulated", restore=restore)
    provisioning.lay_out(
        here, signer, request, tid=tid, hall_name=hall.name, hall_id=hall.hall_id, mode="production"
    )
    changes = {"card": {"master_key_hex": province.card_key.hex()}}
    if province.acquirer is not None:
        changes.update(wallet_sections(province, data_dir))
    save_config(data_dir / "config.toml", changes)
    ensure_master_key(data_dir / "config.toml")
    store = open_local_store(data_dir / "local.db")
    try:
        keys = history.added(head + 1, signer.public_key_hex)
        with store.uow() as uow:
            set_identity(uow.connection, tid, hall.hall_id, hall.name, "production", keys.as_text())
            uow.commit()
        if restore:
            restore_from_central(store.engine, central, tid, hall.name, history)
        else:
            pull_everything(store.engine, central)
    finally:
        store.close()
    return open_sim_terminal(province, hall, tid, data_dir)


def open_sim_terminal(province: Province, hall: Hall, tid: str, data_dir: Path) -> SimTerminal:
    """Open the data directory as the counter does (bootstrap), on the simulation's clock."""
    import bootstrap
    from app.services.sync import SyncLink
    from db.central.store import CentralStore
    from db.local_sync import LocalSync

    services = bootstrap.open_terminal(data_dir, generated_customers=0)
    services.ctx = replace(services.ctx, clock=province.clock)
    signer = services.ctx.signer
    assert signer is not None
    engine = province.central.engine
    link = SyncLink(
        LocalSync(services.store.engine),
        lambda: CentralStore(engine, None, (tid, signer), province.clock),
        services.ctx.terminal,
        signer.public_key_hex,
    )
    return SimTerminal(tid, hall.index, data_dir, services, link)
