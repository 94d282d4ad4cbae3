"""The composition root's wiring: config, the local store, the clock, the signer, the devices and the sync
link of one terminal's data directory, handed out as one typed `Services` object (DESIGN.md, STYLE #2).

Only this module knows every concrete class. main.py calls `open_terminal`; the command line (cli/), the
window (ui/) and the bench receive the `Services` it returns. Nothing is built at import time: the
adapters are imported inside the functions that build them, so `lookup` never loads Qt or pyscard.
"""

from __future__ import annotations

import datetime as dt
import logging
import logging.handlers
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.clock import clock_from_env
from app.config import Config, load_config, write_default_config
from app.errors import HallPayError
from app.messages import coded
from app.ports import CardReader, Clock, ReceiptPrinter
from app.progress import Progress, no_progress
from app.services.context import Context, Terminal

if TYPE_CHECKING:
    from app.risk import ArrearsFilter
    from app.services.backup import BackupWorker
    from app.services.sync import SyncLink
    from app.services.wallet_pay import Polling
    from app.wallet import Wallet, WalletKind
    from db.backup import SqliteBackup
    from db.local_store import LocalStore
    from wallets.demo_acquirer import DemoAcquirer
    from wallets.locks import FileLocks

DEMO_HALL = "国网示范市供电公司城东营业厅"
DEMO_GENERATED_CUSTOMERS = 300

log = logging.getLogger("hallpay")


def default_data_dir() -> Path:
    import platformdirs

    return Path(platformdirs.user_data_dir("HallPay", appauthor=False))


def make_clock() -> Clock:
    """HALLPAY_NOW (ISO 8601 with offset) pins the clock: training, demos and tests (app/clock.py)."""
    return clock_from_env()


@dataclass
class Services:
    """What a terminal's front ends need, built once per process by `open_terminal`.

    The devices are built on first use (a command that prints nothing never opens the printer), but
    always here: the front ends never construct an adapter themselves.
    """

    config: Config
    store: LocalStore
    ctx: Context
    _printer: ReceiptPrinter | None = field(default=None, repr=False)
    _card: CardReader | None = field(default=None, repr=False)
    # [alipay] / [wechat] of the demo acquirer the window started: in memory only, over config.toml's
    _wallet_sections: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    @property
    def data_dir(self) -> Path:
        return self.config.data_dir

    def printer(self) -> ReceiptPrinter:
        if self._printer is None:
            from printing.factory import printer_for  # a bad [printer] value: a status, never an exception
            from printing.marked import marked

            self._printer = marked(
                printer_for(self.config.section("printer"), self.data_dir / "receipts"), self.config.mark
            )  # DEMO / 培训 on every receipt (issue 17)
        return self._printer

    def card_key(self) -> bytes:
        """The terminal's card master key (config.toml [card] master_key_hex, generated when missing)."""
        from cardreader.factory import ensure_master_key

        return ensure_master_key(self.config.path)

    def card_reader(self) -> CardReader:
        """The configured card reader ([card] kind = simulated | pcsc), built on first use."""
        if self._card is None:
            self._card = self.new_card_reader()
        return self._card

    def new_card_reader(self) -> CardReader:
        """A reader of its own (one command's card work), not the window's shared one."""
        from cardreader.factory import make_card_reader

        reader: CardReader = make_card_reader(self.config.section("card"))
        return reader

    def insert_demo_card(self, reader: object, customer_no: str | None, *, blank: bool = False) -> bool:
        """Simulated reader only: put that customer's card (DATA/cards/) or a new blank card in it."""
        from cardreader.factory import blank_card, simulated_card
        from cardreader.simulated import SimulatedCardReader

        if not isinstance(reader, SimulatedCardReader):
            return False
        reader.remove()
        if blank:
            import secrets

            reader.insert(blank_card(self.data_dir, "BL" + secrets.token_hex(7).upper()))
        elif customer_no:
            from app.services.payments import find_customer

            c = find_customer(self.ctx, customer_no)
            reader.insert(simulated_card(self.data_dir, c.customer_no, c.meter_no, self.card_key()))
        return True

    def sync_link(self) -> SyncLink:
        from app.services.sync import CentralSide, SyncLink
        from db.local_sync import LocalSync

        signer = (
            self.ctx.signer
        )  # signs the master data this counter's pushes change centrally (app/pulled.py)
        writer = (self.ctx.terminal.terminal_id, signer) if signer is not None else None

        def open_central() -> CentralSide:
            # imported here, on the sync thread: the central ledger's modules (SQLAlchemy's PostgreSQL
            # dialect among them) took 0.17 s of the window's cold start before its first frame
            from db.central.store import CentralStore

            central = CentralStore.open(
                self.config.central_url(),
                self.data_dir,
                writer,
                self.ctx.clock,
                self.config.central_limits(),
                projector=self.config.central_projector(),
            )
            if self.config.mode == "training":  # a training terminal pulls, never pushes (issue 17)
                from db.central.training import PullOnlyCentral

                return PullOnlyCentral(central)
            return central

        return SyncLink(
            LocalSync(self.store.engine),
            open_central,
            self.ctx.terminal,
            signer.public_key_hex if signer is not None else "",
        )

    def wallets(self) -> tuple[dict[WalletKind, Wallet], FileLocks, Polling]:
        """(acquirers, attempt locks, polling) for scanned payment codes: [alipay], [wechat], [wallet]."""
        from wallets.factory import make_wallets, polling
        from wallets.locks import FileLocks

        config = self.config
        if self._wallet_sections:  # a settings save reloads config.data: the overlay is applied at each call
            config = Config(self.config.path, {**self.config.data, **self._wallet_sections})
        return make_wallets(config), FileLocks(self.data_dir / "wallet-locks"), polling(self.config)

    def start_demo_acquirer(self) -> DemoAcquirer | None:
        """A demo or training terminal without an acquirer configured: the simulator on loopback, for the
        window's life (the caller stops it). None for a production terminal or configured acquirers."""
        from wallets.demo_acquirer import DemoAcquirer

        configured = any(str(self.config.section(s).get("gateway", "")).strip() for s in ("alipay", "wechat"))
        if self.config.mode not in ("demo", "training") or configured:
            return None
        acquirer = DemoAcquirer(self.data_dir, self.ctx.today).start()
        self._wallet_sections = dict(acquirer.sections)
        log.info("demo acquirer simulator on %s", acquirer.sim.url)
        return acquirer

    def backup_target(self) -> SqliteBackup | None:
        """The BackupTarget of app/backup.py, or None when no [backup] path is configured."""
        from db.backup import SqliteBackup

        where = backup_dir(self.config)
        return SqliteBackup(self.store.path, where, self.config.terminal_id) if where is not None else None

    def export_arrears_apart(
        self, f: ArrearsFilter, path: Path, kind: str = "csv", progress: Progress = no_progress
    ) -> int:
        """The arrears list of `f` written to `path` (csv | xlsx) by a child process; returns its rows.

        A whole terminal's list is seconds of pure Python (a late fee per customer): in this process it
        held the GIL against the payment thread and the Qt thread (a payment's p99 2.6-3.8x idle, bench).
        The child reads its own snapshot of the store (WAL: no write lock) and reports its progress and
        its end through a pipe; this call only waits on the pipe, which releases the GIL."""
        import dataclasses
        import multiprocessing

        mp = multiprocessing.get_context("spawn")  # a fresh interpreter: no Qt, no threads inherited
        ours, theirs = mp.Pipe(duplex=False)
        child = mp.Process(
            target=export_arrears_child,
            name="hallpay-export",
            daemon=True,
            args=(self.data_dir, dataclasses.asdict(f), str(path), kind, theirs),
        )
        child.start()
        theirs.close()
        rows: int | None = None
        failure: HallPayError | None = None
        try:
            while True:
                try:
                    message = ours.recv()
                except EOFError:
                    break
                if message[0] == "progress":
                    progress(message[1], message[2])
                elif message[0] == "done":
                    rows = int(message[1])
                else:
                    _kind, code, params, text = message
                    failure = coded(HallPayError, code, **params) if code else HallPayError(text)
        finally:
            ours.close()
            child.join(30)
        if failure is not None:
            raise failure
        if rows is None:
            from app.durable import tmp_path

            tmp_path(Path(path)).unlink(missing_ok=True)  # what a killed child had written under its own name
            raise coded(HallPayError, "export.child_died", exit_code=child.exitcode)
        return rows

    def backup_worker(self) -> BackupWorker:
        """The backup thread; the status bar shows worker.status().text() (red when .red)."""
        from app.services.backup import make_worker

        stale = self.config.settings.backup.stale_after_s
        return make_worker(self.backup_target(), self.ctx.clock.now_utc, stale_after_s=stale)


def setup_logging(data_dir: Path) -> None:
    logs = data_dir / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    root = logging.getLogger()
    # one log file per process: a second terminal opened in it (tests, the simulation) opens no file of its own,
    # where it used to open one and drop it unclosed
    if not any(isinstance(h, logging.handlers.RotatingFileHandler) for h in root.handlers):
        handler = logging.handlers.RotatingFileHandler(
            logs / "hallpay.log", maxBytes=2_000_000, backupCount=5, encoding="utf-8"
        )
        handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.raiseExceptions = False  # a log line lost to a full disk is not a traceback on the clerk's screen


def open_terminal(
    data_dir: Path, *, generated_customers: int = DEMO_GENERATED_CUSTOMERS, witnesses_stop: bool = True
) -> Services:
    """Open a terminal's data directory; an empty one becomes a demo terminal first.

    witnesses_stop=False (`sync`, `verify`: they take no money) opens a journal that a witness refuses,
    so a forked or old terminal can still hand its entries over (quarantined centrally) and be checked."""
    from db.local_store import open_local_store

    data_dir.mkdir(parents=True, exist_ok=True)
    for sub in ("receipts", "reports", "logs"):
        (data_dir / sub).mkdir(exist_ok=True)
    setup_logging(data_dir)
    config_path = data_dir / "config.toml"
    fresh = not config_path.exists()
    config = write_default_config(config_path, "T01", DEMO_HALL) if fresh else load_config(config_path)
    store = open_local_store(data_dir / "local.db")
    if not fresh:  # an old disk image must never reuse sequence or receipt numbers (issue 11)
        from db.restore import startup_check

        try:
            startup_check(store, data_dir, config.terminal_id, config.central_url(), backup_dir(config))
        except HallPayError as refused:
            if witnesses_stop:
                store.close()
                raise
            log.warning("start-up check refused money, opened for %s only: %s", "sync/verify", refused)
    from db.keys import finish_rekey, load_or_create_signer

    finish_rekey(data_dir, lambda: current_key(store))  # a re-key a power cut interrupted (issue 30)
    ctx = Context(
        store.uow,
        make_clock(),
        Terminal(config.terminal_id, config.hall_name),
        signer=load_or_create_signer(data_dir),
        reader=store.reader,
    )
    if fresh:
        from app.services.terminal_setup import init_demo_terminal

        init_demo_terminal(ctx, hall_name=config.hall_name)
        from cardreader.factory import ensure_master_key

        ensure_master_key(config_path)  # [card] master_key_hex: random, config.toml becomes 0600
        if generated_customers:
            seed_generated(store, generated_customers, ctx.today())
        log.info("initialised demo terminal %s in %s", config.terminal_id, data_dir)
    else:  # a print the last run sent to the printer but was killed before recording (issue 18)
        from app.services.receipts import finish_interrupted_prints

        finish_interrupted_prints(ctx)
    return Services(config, store, ctx)


def current_key(store: LocalStore) -> str | None:
    """The public key the local key history says signs the next entry (None on a demo terminal)."""
    from app.provisioning import KEY_HISTORY, KeyHistory

    with store.reader() as uow:
        return KeyHistory.parse(uow.settings.get(KEY_HISTORY) or "").current


def backup_dir(config: Config) -> Path | None:
    """[backup] path (relative: to the data directory), or None when no backup is configured."""
    raw = config.settings.backup.path.strip()
    return None if not raw else (config.data_dir / Path(raw).expanduser())


def export_arrears_child(data_dir: Path, values: dict[str, object], path: str, kind: str, pipe: Any) -> None:
    """Runs in the child of Services.export_arrears_apart: the terminal opened read-only in spirit (no
    command, no login: the parent's clerk asked), the list worked out, the file written, the end told."""
    from app.risk import ArrearsFilter
    from app.services.arrears import arrears_list

    try:
        w = open_terminal(data_dir, generated_customers=0)
        try:
            lst = arrears_list(
                w.ctx,
                ArrearsFilter(**values),  # type: ignore[arg-type]
                progress=lambda done, total: pipe.send(("progress", done, total)),
            )
            # written beside the name, fsynced, renamed (app/durable.py): a child that dies half-way, a full
            # disk or a power cut leaves no half file under the name asked
            if kind == "xlsx":
                from printing.export import export_xlsx

                export_xlsx(lst, path)
            else:
                from printing.export import export_csv

                export_csv(lst, path)
        finally:
            w.store.close()
        pipe.send(("done", len(lst.rows)))
    except OSError as error:
        pipe.send(("error", "export.cannot_write", {"path": path, "reason": error.strerror}, ""))
    except HallPayError as error:  # its code and parameters cross, so the window renders it in its language
        pipe.send(("error", getattr(error, "code", ""), getattr(error, "params", {}), str(error)))
    finally:
        pipe.close()


def seed_generated(
    store: LocalStore,
    customers: int,
    today: dt.date,
    seed: int = 2026,
    months: int = 12,
    progress: Progress = no_progress,
) -> int:
    from db.demo_seed import seed_generated as load

    return load(store, customers, today, seed=seed, months=months, progress=progress)
