"""The command line's own printed lines (issue 16): code -> (中文, English), merged into TABLE by
app/message_table.py. Said through cli.output.words in the terminal's configured language."""

from __future__ import annotations

CLI_TABLE: dict[str, tuple[str, str]] = {
    # python main.py arrears / notice (cli/arrears.py)
    "cli.arrears_row": (
        "{customer_no}  {name}  {grade:3}  {bills} 期  {owed}  逾期 {days} 天  {state}",
        "{customer_no}  {name}  {grade:3}  {bills} bills  {owed}  {days} days overdue  {state}",
    ),
    "cli.arrears_total": (
        "合计 {customers} 户，欠费本金 {owed_fen} 元",
        "Total {customers} customers, principal owed ¥{owed_fen}",
    ),
    "cli.supervisor_pin": ("主管密码：", "Supervisor PIN: "),
    "cli.bad_method": (
        "没有“{method}”这种支付方式；请用 {methods} 之一。",
        "There is no payment method '{method}'; use one of {methods}.",
    ),
    "cli.notice_row": (
        "{notice_id}  {customer_no}  {state}  停电最早 {stop_from}",
        "{notice_id}  {customer_no}  {state}  stop from {stop_from}",
    ),
    # python main.py recharge / card (cli/card.py)
    "cli.recharged": (
        "{receipt_no}  {customer_no} {name}  购电 {amount_fen}  第 {count} 次  {card_state}",
        "{receipt_no}  {customer_no} {name}  purchase {amount_fen}  number {count}  {card_state}",
    ),
    "cli.card_written": ("已写卡", "card written"),
    "cli.card_pending": ("待写卡", "card write pending"),
    "cli.rewritten": ("补写卡完成：{receipts}", "Card rewritten: {receipts}"),
    "cli.nothing_to_rewrite": ("该卡没有待补写的购电。", "The card has no purchase left to write."),
    "cli.replaced": (
        "补卡 {serial}：作废 {retired}，卡内第 {count} 次购电，工本费 {fee}，{card_state}",
        "Replacement card {serial}: voided {retired}, purchase number {count} on the card, card fee {fee}, "
        "{card_state}",
    ),
    "cli.none": ("无", "none"),
    # python main.py restore --from BACKUP (cli/sync.py)
    "cli.restored": (
        "已恢复终端 {terminal_id}：流水 {head_seq} 笔（备份 {backup_seq} 笔，总部补回 {from_central} 笔），"
        "收据 {receipts} 张，校验通过",
        "Terminal {terminal_id} restored: {head_seq} journal entries ({backup_seq} from the backup, "
        "{from_central} from head office), {receipts} receipts, all checked",
    ),
}
