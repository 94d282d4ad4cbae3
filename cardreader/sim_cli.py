"""`card-sim`: plug a virtual card (a JSON file) into the vpcd virtual reader and keep it there until
SIGTERM/SIGINT, re-inserting it when vpcd (pcscd) restarts. `main.py card-sim` calls run_card_sim();
`python -m cardreader.sim_cli` is the same thing without main.py (tests, training).
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import signal
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from app.card import CardIdentity, MeterState, meter_insert, sign_wallet
from cardreader.virtual_card import CardState, VirtualCard, issue_state, load_state, save_state
from cardreader.vpcd_link import DEFAULT_PORT, VpcdLink

SHANGHAI = dt.timezone(dt.timedelta(hours=8))  # the meter's clock; China has no DST
OUTCOMES = {
    "loaded": "电表已装入本次购电",
    "already_loaded": "电表已装入过此次购电，未重复装入",
    "count_error": "购电次数不符，电表拒绝装入",
    "bad_mac": "购电记录校验失败，电表拒绝装入",
    "wrong_meter": "此卡不属于此电表",
}


def default_serial(customer_no: str) -> str:
    """A stable 16-character card serial for a customer's simulated card."""
    return "HP" + hashlib.sha256(customer_no.encode("utf-8")).hexdigest()[:14].upper()


def _meter_for(state: CardState) -> MeterState:
    """The simulated meter beside this card; when none was recorded, one in step with the card:
    it has loaded every purchase except a pending one (return-write cleared after a purchase)."""
    if state.meter is not None:
        return state.meter
    count = state.purchase_count
    if state.return_write is None and count > 0:
        count -= 1
    balance = state.return_write.remaining_fen if state.return_write is not None else 0
    return MeterState(state.meter_no, balance, count)


def insert_into_meter(card_path: Path, master_key: bytes, now: dt.datetime | None = None) -> str:
    """Take the card file through its simulated meter; returns the outcome code of app.card.meter_insert."""
    state = load_state(card_path)
    when = (now or dt.datetime.now(SHANGHAI)).astimezone(SHANGHAI).strftime("%Y%m%d%H%M%S")
    result = meter_insert(_meter_for(state), state.image(), now=when, master_key=master_key)
    rw = result.card.return_write
    if result.outcome != "wrong_meter":
        state.return_write = rw
    state.meter = result.meter
    save_state(card_path, state)
    return result.outcome


def run_card_sim(
    card_path: Path,
    *,
    create: CardIdentity | None,
    master_key: bytes,
    meter_insert: bool,
    port: int = DEFAULT_PORT,
    stop_event: threading.Event | None = None,
    host: str = "127.0.0.1",
    out: TextIO | None = None,
) -> int:
    """Serve the card until stopped. Returns the exit status (0 stopped cleanly, 1 card failure, 2 bad input).

    create: the identity to issue the card with when card_path does not exist yet (count 0, MAC signed
    with master_key); an existing file is the same physical card and is used as it is.
    """
    out = out or sys.stdout
    card_path = Path(card_path)
    if not card_path.exists():
        if create is None:
            print(f"卡文件不存在：{card_path}", file=sys.stderr)
            return 2
        state = issue_state(create, sign_wallet(create, 0, 0, master_key).mac)
        state.meter = MeterState(create.meter_no)
        save_state(card_path, state)
    try:
        load_state(card_path)
    except (OSError, ValueError, KeyError) as exc:
        print(f"卡文件无法读取：{card_path}：{exc}", file=sys.stderr)
        return 2
    if meter_insert:
        outcome = insert_into_meter(card_path, master_key)
        print(f"模拟插表：{OUTCOMES.get(outcome, outcome)}。", file=out, flush=True)

    stop = stop_event or threading.Event()
    restore: dict[signal.Signals, Any] = {}
    if threading.current_thread() is threading.main_thread():
        for sig in (signal.SIGTERM, signal.SIGINT):
            restore[sig] = signal.signal(sig, lambda *_: stop.set())
    try:
        return _serve_until_stopped(card_path, host, port, stop, out)
    finally:
        for sig, handler in restore.items():
            signal.signal(sig, handler)


def _serve_until_stopped(card_path: Path, host: str, port: int, stop: threading.Event, out: TextIO) -> int:
    waiting_said = False
    while not stop.is_set():
        card = VirtualCard.open(card_path)
        link = VpcdLink(card, host, port)
        try:
            link.connect()
        except OSError:
            if not waiting_said:
                print(f"等待虚拟读卡器 vpcd（{host}:{port}）…", file=out, flush=True)
                waiting_said = True
            stop.wait(0.5)
            continue
        waiting_said = False
        s = card.state
        print(
            f"卡 {s.serial}（用户 {s.customer_no}，表号 {s.meter_no}）已插入虚拟读卡器 {host}:{port}。",
            file=out,
            flush=True,
        )
        outcome = link.serve(stop)
        if outcome == "error":
            print("虚拟卡内部错误，已拔出。", file=sys.stderr, flush=True)
            return 1
        if outcome == "vpcd_closed" and not stop.is_set():
            print("虚拟读卡器断开，等待重连…", file=out, flush=True)
            time.sleep(0.5)
    print("卡已拔出。", file=out, flush=True)
    return 0


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="python -m cardreader.sim_cli", description=__doc__)
    p.add_argument("--card", type=Path, required=True, help="card JSON file")
    p.add_argument("--customer", help="customer number, to issue the card when the file does not exist")
    p.add_argument("--meter-no", help="meter number, to issue the card")
    p.add_argument("--serial", help="card serial, to issue the card (default: derived from the customer)")
    p.add_argument("--master-key-hex", required=True, help="the terminal's card master key, hex")
    p.add_argument("--meter-insert", action="store_true", help="first take the card through the meter")
    p.add_argument("--port", type=int, default=DEFAULT_PORT)
    a = p.parse_args(argv)
    create = None
    if a.customer and a.meter_no:
        create = CardIdentity(a.serial or default_serial(a.customer), a.customer, a.meter_no)
    return run_card_sim(
        a.card,
        create=create,
        master_key=bytes.fromhex(a.master_key_hex),
        meter_insert=a.meter_insert,
        port=a.port,
    )


if __name__ == "__main__":
    sys.exit(main())
