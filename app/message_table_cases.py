"""The sentences of the review cases head office's books open (app/central_fold.py, db/central/rowcheck.py):
code -> (中文, English), merged into app/message_table.TABLE. What a supervisor reads: the terminal, the
entry, the bill and the exact amounts. Every case's parameters include terminal_id and seq."""

from __future__ import annotations

CASES_TABLE: dict[str, tuple[str, str]] = {
    "case.unknown_customer_paid": (
        "户号 {customer_no} 不在总部档案中，终端 {terminal_id} 第 {seq} 笔收取 {amount_fen} 元暂挂待查。",
        "Head office has no customer {customer_no}: the ¥{amount_fen} taken by entry {seq} of terminal "
        "{terminal_id} is parked for review.",
    ),
    "case.unknown_customer_adjusted": (
        "户号 {customer_no} 不在总部档案中，终端 {terminal_id} 第 {seq} 笔退补调整使其预存变动 {delta_fen} 元，暂挂待查。",
        "Head office has no customer {customer_no}: the adjustment of entry {seq} of terminal {terminal_id} "
        "moves its balance by ¥{delta_fen}, parked for review.",
    ),
    "case.unknown_customer_reversed": (
        "终端 {terminal_id} 第 {seq} 笔冲正了暂挂待查的收费（户号 {customer_no}），退还 {refund_fen} 元；"
        "暂挂金额相应冲减，请核查。",
        "Entry {seq} of terminal {terminal_id} reversed a parked payment (customer {customer_no}) and gave "
        "back ¥{refund_fen}; the parked amount is reduced by it. Please check.",
    ),
    "case.unknown_customer_moved": (
        "户号 {customer_no} 不在总部档案中，终端 {terminal_id} 第 {seq} 笔使其预存变动 {delta_fen} 元，暂挂待查。",
        "Head office has no customer {customer_no}: entry {seq} of terminal {terminal_id} moves its balance "
        "by ¥{delta_fen}, parked for review.",
    ),
    "case.unknown_bill": (
        "账单 {bill_id} 不在总部档案中；终端 {terminal_id} 第 {seq} 笔对其收取的 {amount_fen} 元已转入用户 "
        "{customer_no} 预存，请核查。",
        "Head office has no bill {bill_id}: the ¥{amount_fen} entry {seq} of terminal {terminal_id} took for "
        "it went to customer {customer_no}'s balance. Please check.",
    ),
    "case.offset_surplus": (
        "账单 {bill_id}（{period}）在总部已结清（其他终端收取或总部冲抵），终端 {terminal_id} 第 {seq} 笔"
        "又以预存冲抵 {amount_fen} 元；总部未重复冲抵，该 {amount_fen} 元仍是用户 {customer_no} 的预存。",
        "Bill {bill_id} ({period}) was already settled at head office (another terminal, or head office's "
        "offset), and entry {seq} of terminal {terminal_id} offset ¥{amount_fen} of balance on it again; head "
        "office did not offset it twice: the ¥{amount_fen} stays customer {customer_no}'s balance.",
    ),
    "case.bill_reduced": (
        "账单 {bill_id}（{period}）已由总部调减为 {amount_fen} 元，终端 {terminal_id} 第 {seq} 笔离线时"
        "按原金额 {seen_fen} 元收取，多收的 {reduced_fen} 元已转入用户 {customer_no} 预存余额；"
        "请告知用户账单已调减（保留预存或退费）。",
        "Head office reduced bill {bill_id} ({period}) to ¥{amount_fen}; entry {seq} of terminal "
        "{terminal_id}, offline, took the former ¥{seen_fen}: the ¥{reduced_fen} too much went to customer "
        "{customer_no}'s balance. Tell the customer the bill was reduced (keep as balance or refund).",
    ),
    "case.double_payment_both": (
        "账单 {bill_id}（{period}）在总部已无此应收（已由其他终端收取或总部已冲抵、调减），终端 {terminal_id} "
        "第 {seq} 笔又收取违约金 {fee_fen} 元、电费 {principal_fen} 元，共 {total_fen} 元，已转入用户 "
        "{customer_no} 预存余额；请核查后联系用户（保留预存或退费）。",
        "Bill {bill_id} ({period}) owes nothing more at head office (taken by another terminal, or offset or reduced by head office), and "
        "entry {seq} of terminal {terminal_id} took late fee ¥{fee_fen} and principal ¥{principal_fen} on it "
        "again, ¥{total_fen} in all, now customer {customer_no}'s balance. Check, then contact the customer "
        "(keep as balance or refund).",
    ),
    "case.double_payment_fee": (
        "账单 {bill_id}（{period}）在总部已无此应收（已由其他终端收取或总部已冲抵、调减），终端 {terminal_id} "
        "第 {seq} 笔又收取违约金 {fee_fen} 元，共 {total_fen} 元，已转入用户 {customer_no} 预存余额；"
        "请核查后联系用户（保留预存或退费）。",
        "Bill {bill_id} ({period}) owes nothing more at head office (taken by another terminal, or offset or reduced by head office), and "
        "entry {seq} of terminal {terminal_id} took late fee ¥{fee_fen} on it again, ¥{total_fen} in all, now "
        "customer {customer_no}'s balance. Check, then contact the customer (keep as balance or refund).",
    ),
    "case.double_payment_principal": (
        "账单 {bill_id}（{period}）在总部已无此应收（已由其他终端收取或总部已冲抵、调减），终端 {terminal_id} "
        "第 {seq} 笔又收取电费 {principal_fen} 元，共 {total_fen} 元，已转入用户 {customer_no} 预存余额；"
        "请核查后联系用户（保留预存或退费）。",
        "Bill {bill_id} ({period}) owes nothing more at head office (taken by another terminal, or offset or reduced by head office), and "
        "entry {seq} of terminal {terminal_id} took principal ¥{principal_fen} on it again, ¥{total_fen} in "
        "all, now customer {customer_no}'s balance. Check, then contact the customer (keep as balance or "
        "refund).",
    ),
    "case.adjustment_surplus": (
        "终端 {terminal_id} 第 {seq} 笔退补调减账单 {bill_id}；总部该账单另有其他终端的缴费，超出新金额的 "
        "{amount_fen} 元已转入用户 {customer_no} 预存；请核查后联系用户（保留预存或退费）。",
        "Entry {seq} of terminal {terminal_id} reduced bill {bill_id}; head office holds another terminal's "
        "payment on it too: the ¥{amount_fen} beyond the new amount went to customer {customer_no}'s balance. "
        "Check, then contact the customer (keep as balance or refund).",
    ),
    "case.adjustment_credited": (
        "终端 {terminal_id} 第 {seq} 笔退补调减账单 {bill_id}，转入预存 {amount_fen} 元；这笔钱在总部已作为"
        "重复缴费转入用户 {customer_no} 预存，未再次转入。",
        "Entry {seq} of terminal {terminal_id} reduced bill {bill_id} and moved ¥{amount_fen} to the balance; "
        "head office had already credited it to customer {customer_no} as a double payment, and did not "
        "credit it again.",
    ),
    "case.balance_overdrawn": (
        "用户 {customer_no} 的预存余额在两处同时使用，总部余额为 {balance_fen} 元；请核查并向用户追收。",
        "Customer {customer_no}'s balance was spent at two places at once; head office's balance is "
        "¥{balance_fen}. Check, and collect it from the customer.",
    ),
    # a stored row edited after it was signed: the customer's projection is held (db/central/rowcheck.py)
    "case.tampered_row": (
        "总部账务中心中用户 {customer_no} 的数据在签名后被改动或无有效签名（{rows}）：终端 {terminal_id} 第 {seq} 笔"
        "流水（{amount_fen} 元）已收存、不会丢失，但未记入该用户的账单和余额，也未重新签名；该用户此后的流水同样暂不入账。"
        "请信息部门核查总部数据库，按流水重算该用户（python main.py central verify-books）后再处理本事项。",
        "Head office's rows of customer {customer_no} were changed after they were signed, or carry no valid "
        "signature ({rows}): entry {seq} of terminal {terminal_id} (¥{amount_fen}) is stored and not lost, but "
        "was not booked onto the customer's bills and balance, nor signed again; the customer's later entries "
        "wait too. IT checks head office's database and recomputes the customer from the journals (python "
        "main.py central verify-books) before this case is closed.",
    ),
    "case.refund_held": (
        "用户 {customer_no} 在总部的余额或账单在签名后被改动，或有暂不入账的流水：暂不能从其余额退款；"
        "请信息部门先核查并按流水重算该用户（python main.py central verify-books）。",
        "Customer {customer_no}'s balance or bills at head office were changed after they were signed, or "
        "entries of theirs are held from the books: no refund from that balance until IT has checked and "
        "recomputed the customer from the journals (python main.py central verify-books).",
    ),
    # the nightly audit's alarm (db/central/audit_alarm.py, issue 29)
    "case.audit_difference": (
        "夜间重算发现总部账务中心中用户 {customer_no} 的数据与全部流水的重算结果不符（{rows}）：可能被人改动。"
        "该用户此后的流水暂不入账；请信息部门核查总部数据库，按流水修复该用户"
        "（python main.py central verify-books --repair --customer {customer_no}）后再处理本事项。",
        "The nightly recompute found head office's rows of customer {customer_no} differing from the fold of the "
        "journals ({rows}): they may have been edited. The customer's later entries are held from the books; IT "
        "checks head office's database and repairs the customer from the journals (python main.py central "
        "verify-books --repair --customer {customer_no}) before this case is dealt with.",
    ),
}
