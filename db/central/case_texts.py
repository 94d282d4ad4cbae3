"""The sentences of the review cases a push opens (db/central/project.py): what a supervisor reads, with the
terminal, the entry, the bill and the exact amounts."""

from __future__ import annotations

from typing import Protocol

from app.journal import Entry
from app.money import format_fen


class Where(Protocol):
    """Where an entry was made: its terminal and sequence number (an Entry, or a stored case)."""

    @property
    def terminal_id(self) -> str: ...

    @property
    def seq(self) -> int: ...


# who settled the bill before, when nobody looked yet (db/central/case_place.py names the terminal)
ELSEWHERE = "已由其他终端收取或总部已冲抵、调减"


def surplus_text(
    e: Where, cno: str, bill_id: str, period: str, fee: int, principal: int, settled_by: str = ELSEWHERE
) -> str:
    parts = ([f"违约金 {format_fen(fee)} 元"] if fee else []) + (
        [f"电费 {format_fen(principal)} 元"] if principal else []
    )
    return (
        f"账单 {bill_id}（{period}）在总部已无此应收（{settled_by}），终端 {e.terminal_id} "
        f"第 {e.seq} 笔又收取{'、'.join(parts)}，共 {format_fen(fee + principal)} 元，已转入用户 {cno} 预存余额；"
        "请核查后联系用户（保留预存或退费）。"
    )


def reduced_text(e: Entry, cno: str, bill_id: str, period: str, seen: int, reduced: int, amount: int) -> str:
    return (
        f"账单 {bill_id}（{period}）已由总部调减为 {format_fen(amount)} 元，终端 {e.terminal_id} 第 {e.seq} 笔离线时"
        f"按原金额 {format_fen(seen)} 元收取，多收的 {format_fen(reduced)} 元已转入用户 {cno} 预存余额；"
        "请告知用户账单已调减（保留预存或退费）。"
    )


def offset_text(e: Entry, cno: str, bill_id: str, period: str, amount: int) -> str:
    return (
        f"账单 {bill_id}（{period}）在总部已结清（其他营业厅收取或总部冲抵），终端 {e.terminal_id} 第 {e.seq} 笔"
        f"又以预存冲抵 {format_fen(amount)} 元；总部未重复冲抵，该 {format_fen(amount)} 元仍是用户 {cno} 的预存。"
    )


def adjustment_text(e: Entry, cno: str, bill_id: str, amount: int) -> str:
    if amount > 0:
        return (
            f"终端 {e.terminal_id} 第 {e.seq} 笔退补调减账单 {bill_id}；总部该账单另有其他营业厅的缴费，超出新金额的 "
            f"{format_fen(amount)} 元已转入用户 {cno} 预存；请核查后联系用户（保留预存或退费）。"
        )
    return (
        f"终端 {e.terminal_id} 第 {e.seq} 笔退补调减账单 {bill_id}，转入预存 {format_fen(-amount)} 元；"
        f"这笔钱在总部已作为重复缴费转入用户 {cno} 预存，未再次转入。"
    )
