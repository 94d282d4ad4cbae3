"""What happens in a simulated day, through the same services the window and the command line call:
head office issues bills, clerks open shifts (not always on the same counter), take payments and close
with a count; terminals sync on their own schedule. Every draw comes from the run's generator."""

from __future__ import annotations

import datetime as dt
import random

from app.cash import DENOMINATIONS_FEN, CashCount
from app.errors import HallPayError
from app.model import Method
from app.sync import SyncResult
from bench.simulate import act_cards, act_desk, act_office, act_wallets
from bench.simulate.act_common import pick_customer, printed
from bench.simulate.day import Day
from bench.simulate.generator import bill_for, is_billing_day, previous_period
from bench.simulate.link_faults import arm_link
from bench.simulate.world import Hall, PinChange, Province, SimTerminal, at

FLOAT_FEN = 50_000
CARD_VISITS = 0.012  # the chance that a prepaid customer buys electricity at a counter in a ten-minute slot
WALLET_SHARE = 0.2  # of the customers who pay, those who show a payment code


def count_of(total_fen: int) -> CashCount:
    """The drawer counted: `total_fen` made of the fewest notes and coins."""
    pieces: dict[int, int] = {}
    rest = max(total_fen, 0)
    for d in DENOMINATIONS_FEN:
        if rest >= d:
            pieces[d], rest = divmod(rest, d)
    return CashCount.of(pieces)


# ------------------------------------------------------------------------------ head office


def head_office_morning(p: Province, rng: random.Random, day: Day) -> None:
    """On billing days last month's bills are issued (through the real issue path: offsets from balances)."""
    reissue_pin(p, rng, day)
    staff_changes(p, rng, day)
    correct_bills(p, rng, day)
    act_office.change_policy(p, rng, day)
    act_office.decide_cases(p, rng, day)
    if not is_billing_day(day.day):
        return
    period = previous_period(day.day)
    bills = [bill_for(rng, row, period, day.day) for row in p.customer_rows.values()]
    records = p.central.issue_bills(bills, today=day.day)
    p.issued = {b["bill_id"]: b for b in bills}
    day.note(
        f"head office issued {len(bills)} bills of {period} ({len(records)} offsets/adjustments)", "bills"
    )


def staff_changes(p: Province, rng: random.Random, day: Day) -> None:
    """Head office hires a clerk for a hall (a one-time PIN, replaced at the first login) or disables one who
    left (never the hall's last two): the counters learn both by the pull (invariant 7 checks the latter)."""
    r = rng.random()
    if r < 0.03:
        hall = rng.choice(p.halls)
        clerk = f"C{hall.index + 1:02d}{len(hall.clerks) + len(hall.left) + 1}"
        p.pins[clerk] = p.one_time[clerk] = p.admin.add_clerk(
            "SIM", clerk, f"收费员{clerk}", "clerk", hall.hall_id
        )
        hall.clerks.append(clerk)
        day.note(f"head office added clerk {clerk} to {hall.hall_id}", "clerk_added")
    elif r < 0.05:
        hall = rng.choice(p.halls)
        if len(hall.clerks) <= 2:
            return
        clerk = rng.choice(hall.clerks)
        p.admin.disable_clerk("SIM", clerk)
        hall.clerks.remove(clerk)
        hall.left.append(clerk)
        p.one_time.pop(clerk, None)
        p.pin_changed.pop(clerk, None)
        p.disabled[clerk] = hall.index
        day.note(f"head office disabled clerk {clerk} of {hall.hall_id}", "clerk_disabled")


def correct_bills(p: Province, rng: random.Random, day: Day) -> None:
    """Now and then billing corrects an issued bill (退补): another amount, up or down (a paid bill's lower
    amount becomes balance), or a later due date (a late-fee waiver). Head office's issue path makes it an
    adjustment record on its chain; the counters pull it with the bill."""
    if not p.issued or rng.random() >= 0.15:
        return
    bill_id = rng.choice(sorted(p.issued))
    old = p.issued[bill_id]
    new = dict(old)
    if rng.random() < 0.7:
        new["amount_fen"] = max(100, int(old["amount_fen"]) + rng.choice([-1, 1]) * rng.randint(100, 5000))
    else:
        new["due_date"] = (
            dt.date.fromisoformat(old["due_date"]) + dt.timedelta(days=rng.randint(1, 10))
        ).isoformat()
    records = p.central.issue_bills([new], today=day.day)
    p.issued[bill_id] = new
    day.note(
        f"head office corrected bill {bill_id}: amount {old['amount_fen']} -> {new['amount_fen']}, due "
        f"{old['due_date']} -> {new['due_date']} ({len(records)} records)",
        "bill_corrected",
    )


# ------------------------------------------------------------------------------ the counter


def assign_clerks(p: Province, hall: Hall, rng: random.Random) -> dict[str, str]:
    """terminal id -> clerk for today: the hall's clerks shuffled, so a clerk changes counters."""
    clerks = list(hall.clerks)
    rng.shuffle(clerks)
    return {t.tid: clerks[i % len(clerks)] for i, t in enumerate(hall.terminals) if i < len(clerks)}


def open_shift(p: Province, t: SimTerminal, clerk: str, day: Day) -> None:
    from app.services.shifts import open_shift as open_

    shift = open_(t.ctx, clerk, FLOAT_FEN)
    day.note(f"{t.tid} {clerk} opens {shift.shift_id}", "shift_open")
    p.reports_due.setdefault(t.tid, set()).add(shift.business_day)


def take_payment(p: Province, t: SimTerminal, clerk: str, rng: random.Random, day: Day) -> None:
    from app.services.payments import PayRequest, due, pay

    cno = pick_customer(p, t, rng)
    d = due(t.ctx, cno)
    to_pay = d.quote.to_pay_fen
    method = rng.choice([Method.CASH, Method.CASH, Method.CASH, Method.BANKCARD, Method.CHEQUE])
    ref = (
        ""
        if method is Method.CASH
        else f"{method.value[:2].upper()}{t.tid}{day.day:%m%d}{rng.randint(0, 99999)}"
    )
    amount: int | None = None
    if to_pay == 0:
        amount = rng.randint(1, 300) * 100  # a prepayment (预存)
    elif not d.customer.category.is_residential and rng.random() < 0.3:
        amount = rng.randint(1, to_pay)  # 分次结算
    elif rng.random() < 0.15:
        amount = to_pay + rng.randint(1, 5000)  # a little more: it becomes balance
    tendered = None
    change_mode = "none"
    if method is Method.CASH:
        due_now = to_pay if amount is None else amount
        if rng.random() < 0.6:
            tendered = -(-due_now // 10000) * 10000  # rounded up to the next 100 yuan
            change_mode = rng.choice(["none", "none", "fen", "all"])
    req = PayRequest(
        cno,
        method,
        clerk,
        amount_fen=amount,
        tendered_fen=tendered,
        reference=ref,
        change_to_balance=change_mode,
    )
    try:
        result = pay(t.ctx, req)
    except HallPayError as refused:
        day.note(f"{t.tid} {clerk} pay {cno} {method.value} {amount}: refused ({refused})", "refused")
        return
    printed(p, t, clerk, result.receipt)
    paid = result.entry.payload["amount_fen"]
    day.note(
        f"{t.tid} {clerk} pay {cno} {method.value} {paid} #{result.entry.seq} {result.receipt.receipt_no}",
        "payment",
    )


def new_pin(rng: random.Random) -> str:
    """Six digits the PIN rule accepts (not one digit repeated, not a run: app/auth.py)."""
    from app.auth import check_new_pin
    from app.errors import InputError

    while True:
        pin = "".join(rng.choice("0123456789") for _ in range(6))
        try:
            check_new_pin(pin)
        except InputError:
            continue
        return pin


def set_pin(
    p: Province, t: SimTerminal, clerk: str, old: str, rng: random.Random, day: Day, kind: str
) -> None:
    """The clerk sets a PIN of their own on this counter with `old` (head office's one-time PIN, or their
    own); where it happened is kept, so invariant 7 checks it once that entry reached head office."""
    from app.services.clerk_pin import set_own_pin

    new = new_pin(rng)
    try:
        set_own_pin(t.ctx, clerk, old, new)
    except HallPayError as refused:  # e.g. head office's new one-time PIN has not reached this counter yet
        day.note(f"{t.tid} {clerk} cannot set a PIN ({kind}): {refused}", "refused")
        return
    with t.services.store.reader() as uow:
        seq = uow.journal.head()[0]
    p.pins[clerk] = new
    p.one_time.pop(clerk, None)
    p.pin_changed[clerk] = PinChange(old, t.tid, seq)
    day.note(f"{t.tid} {clerk} {kind} #{seq}", kind)


def replace_one_time_pin(p: Province, t: SimTerminal, clerk: str, rng: random.Random, day: Day) -> None:
    """The clerk's first login with head office's one-time PIN: it must be replaced."""
    set_pin(p, t, clerk, p.one_time[clerk], rng, day, "pin_replaced")


def sign_in(p: Province, t: SimTerminal, clerk: str, rng: random.Random, day: Day) -> None:
    """Before the shift: a one-time PIN is replaced at the first login; now and then a clerk changes their
    own PIN (on whichever counter they sit at today)."""
    if clerk in p.one_time:
        replace_one_time_pin(p, t, clerk, rng, day)
    elif rng.random() < 0.03:
        set_pin(p, t, clerk, p.pins[clerk], rng, day, "pin_changed")


def reissue_pin(p: Province, rng: random.Random, day: Day) -> None:
    """Head office issues a one-time PIN again (a clerk forgot theirs): it reaches the counters by the pull,
    and the clerk replaces it at their next login on a counter that has it."""
    if rng.random() >= 0.04:
        return
    hall = rng.choice(p.halls)
    clerk = rng.choice([hall.supervisor, *hall.clerks])
    p.one_time[clerk] = p.admin.reset_pin("SIM", clerk)
    day.note(f"head office reissued a one-time PIN for {clerk}", "pin_reissued")


def void(p: Province, t: SimTerminal, clerk: str, rng: random.Random, day: Day) -> None:
    """A receipt of this clerk's shift today reversed (冲正), approved by the hall's supervisor with their PIN."""
    from app.services.reversal import ReversalRequest, reverse

    mine = [r for r, c in t.receipts if c == clerk]
    supervisor = p.halls[t.hall].supervisor
    if not mine:
        return
    if supervisor in p.one_time:
        replace_one_time_pin(p, t, supervisor, rng, day)
        return
    receipt_no = rng.choice(mine)
    try:
        card = act_cards.read_for_void(p, t, receipt_no)  # a card purchase: its card read first (issue 26)
        result = reverse(
            t.ctx, ReversalRequest(receipt_no, clerk, supervisor, "收错用户", p.pins[supervisor], card=card)
        )
    except HallPayError as refused:
        day.note(f"{t.tid} {clerk} void {receipt_no}: refused ({refused})", "refused")
        return
    t.receipts.remove((receipt_no, clerk))
    p.reversed.add(receipt_no)
    day.note(f"{t.tid} {clerk} void {receipt_no} of {result.customer_no}: refund {result.refund_fen}", "void")


def close_shift(p: Province, t: SimTerminal, clerk: str, rng: random.Random, day: Day) -> None:
    """The count: usually exact, sometimes a few fen short or over (with a reason, within the threshold)."""
    from app.services.shift_close import CloseRequest, close_preview
    from app.services.shift_close import close_shift as close_

    wallet_report = act_wallets.before_close(p, t, day)
    preview = close_preview(t.ctx, clerk)
    expected, threshold = preview.expected_cash_fen, preview.threshold_fen
    r = rng.random()
    diff = 0 if r < 0.85 else rng.choice([-1, 1]) * rng.randint(1, threshold if r < 0.97 else 3 * threshold)
    reason = "" if diff == 0 else ("点钞差错" if diff < 0 else "多收未找零")
    supervisor = p.halls[t.hall].supervisor
    signs = abs(diff) > threshold  # above the policy's threshold the hall's supervisor signs with their PIN
    if signs and supervisor in p.one_time and supervisor != clerk:
        replace_one_time_pin(p, t, supervisor, rng, day)
    request = CloseRequest(
        clerk, count_of(expected + diff), reason, *((supervisor, p.pins[supervisor]) if signs else ())
    )
    try:
        result = close_(t.ctx, request, wallet_report)  # type: ignore[arg-type]
    except HallPayError as refused:  # no supervisor to sign here (their PIN not pulled yet): counted again
        day.note(f"{t.tid} {clerk} close with difference {diff}: refused ({refused})", "refused")
        result = close_(t.ctx, CloseRequest(clerk, count_of(expected)), wallet_report)  # type: ignore[arg-type]
    day.note(
        f"{t.tid} {clerk} closes {result.shift.shift_id}: expected {expected}, difference {result.difference_fen}"
        + (f" signed by {supervisor}" if signs and result.difference_fen else ""),
        "shift_close",
    )
    if signs and result.difference_fen:
        day.stats["shift_close_signed"] += 1


def sync(p: Province, t: SimTerminal, rng: random.Random, day: Day) -> SyncResult | None:
    """One `sync --once`; None when the link is down (the terminal keeps its journal as the outbox)."""
    from app.services.sync import run_sync
    from app.sync import CentralRefused, CentralUnavailable

    if t.offline_until is not None and t.offline_until > day.day:
        return None
    if p.options.faults:
        arm_link(t, rng, day)
    try:
        result = run_sync(t.link)
    except (CentralUnavailable, CentralRefused) as failed:
        day.note(f"{t.tid} sync failed: {failed}", "sync_failed")
        return None
    day.note(
        f"{t.tid} sync: pushed {result.pushed}, pulled {result.pulled}, pending {result.pending}", "sync"
    )
    for alarm in result.alarms:
        day.note(f"{t.tid} alarm {alarm.code}: {alarm.reason}", "alarm")
    return result


def knows(t: SimTerminal, clerk: str) -> bool:
    with t.services.store.reader() as uow:
        return uow.settings.clerk(clerk) is not None


def counter_day(p: Province, rng: random.Random, day: Day, fault_rng: random.Random) -> None:
    """The halls' working day: shifts open at 08:30, then from 09:00 to 17:00 every ten minutes each
    terminal (in an order drawn from the seed) may serve a customer or sync; shifts close at 17:30."""
    rosters = {h.index: assign_clerks(p, h, rng) for h in p.halls}
    p.clock.now = at(day.day, 8, 30)
    for t in p.terminals():
        clerk = rosters[t.hall].get(t.tid)
        if clerk and not knows(t, clerk):  # hired this morning: the counter syncs to learn of them
            sync(p, t, fault_rng, day)
            if not knows(t, clerk):  # still unknown here (link down): they do not work at this counter today
                day.note(f"{t.tid} does not know {clerk} yet", "clerk_unknown")
                del rosters[t.hall][t.tid]
                continue
        if clerk:
            sign_in(p, t, clerk, rng, day)
            open_shift(p, t, clerk, day)
    for slot in range(48):
        p.clock.now = at(day.day, 9) + dt.timedelta(minutes=10 * slot)
        order = p.terminals()
        rng.shuffle(order)
        for t in order:
            clerk = rosters[t.hall].get(t.tid)
            r = rng.random()
            if clerk and r < p.options.busy and rng.random() < WALLET_SHARE:
                act_wallets.wallet_payment(p, t, clerk, pick_customer(p, t, rng), rng, day)
            elif clerk and r < p.options.busy:
                take_payment(p, t, clerk, rng, day)
            elif clerk and r < p.options.busy + 0.006:
                void(p, t, clerk, rng, day)
            elif clerk and r < p.options.busy + 0.006 + CARD_VISITS:
                act_cards.recharge_visit(p, t, lambda x: rosters[x.hall].get(x.tid), rng, day)
            elif clerk and r < p.options.busy + 0.006 + CARD_VISITS + 0.01:
                act_office.refund_visit(p, t, clerk, rng, day)
            elif clerk and r < p.options.busy + 0.006 + CARD_VISITS + 0.016:
                act_desk.reprint(p, t, clerk, rng, day)
            elif clerk and r < p.options.busy + 0.006 + CARD_VISITS + 0.019:
                act_desk.propose_notice(p, t, clerk, rng, day)
            elif r > 0.99:
                sync(p, t, fault_rng, day)
            elif clerk and r > 0.97:
                act_wallets.follow_up(p, t, rng, day)
    p.clock.now = at(day.day, 17, 30)
    for t in p.terminals():
        t.receipts.clear()
        clerk = rosters[t.hall].get(t.tid)
        if clerk:
            close_shift(p, t, clerk, rng, day)
    p.problems += act_wallets.check_wallets(p) + act_cards.check_cards(p)
