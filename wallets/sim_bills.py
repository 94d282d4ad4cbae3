"""The day's statements of the simulated acquirer (wallets/sim.py), in the real layouts the reconciliation
reads (wallets/alipay.py, wallets/wechat.py): Alipay's zipped GB18030 业务明细 and WeChat's downloadbill ALL."""

from __future__ import annotations

import io
import zipfile

from app.money import format_fen
from wallets import wechat as wx
from wallets.sim_trades import Trade


def alipay_bill(day: str, pays: list[Trade], refunds: list[tuple[Trade, str, int]]) -> bytes:
    """The day's 业务明细 as Alipay's bill download serves it: a zip of one GB18030 CSV, a cancel
    that gave the money back listed as a refund."""
    out = io.StringIO()
    out.write("#支付宝业务明细查询\n#账号：[20880000000000000156]\n")
    out.write(
        "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,订单金额（元）,商家实收（元）,退款批次号/请求号\n"
    )
    backs = [*refunds, *((t, "cancel", t.amount_fen) for t in pays if t.cancel_refunded)]
    for t in pays:
        out.write(
            f"{t.trade_no}\t,{t.out_trade_no}\t,交易,电费,,,{format_fen(t.amount_fen)},"
            f"{format_fen(t.amount_fen)},\n"
        )
    for t, no, fen in backs:
        out.write(
            f"{t.trade_no}\t,{t.out_trade_no}\t,退款,电费,,,-{format_fen(fen)},-{format_fen(fen)},{no}\n"
        )
    out.write("#业务明细列表结束\n")
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr(
            f"20880000000000000156_{day.replace('-', '')}_业务明细.csv", out.getvalue().encode("gb18030")
        )
    return buf.getvalue()


def wechat_bill(
    day: str, appid: str, mch_id: str, pays: list[Trade], refunds: list[tuple[Trade, str, int]]
) -> bytes:
    """downloadbill ALL as WeChat serves it: UTF-8 with a BOM, the 27 detail columns (`应结订单金额`;
    `应结订单总金额` is only in the totals block), every cell after a backtick; a reversed (撤销) trade
    is one REVOKED row; a refund is a REFUND row on the day it was made."""
    if not pays and not refunds:
        return wx.to_xml({"return_code": "FAIL", "return_msg": "No Bill Exist"})
    head = (
        "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
        "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
        "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
    )

    def row(t: Trade, state: str, settled: int, refund_no: str = "", refund: int = 0) -> str:
        cells = [
            f"{day} 10:00:00",
            appid,
            mch_id,
            "0",
            "T01",
            t.trade_no,
            t.out_trade_no,
            "oSim0000000000000000000000001",
            "MICROPAY",
            state,
            "OTHERS",
            "CNY",
            format_fen(settled),
            "0.00",
            f"50000{refund_no[-10:]}" if refund_no else "0",
            refund_no or "0",
            format_fen(refund),
            "0.00",
            "ORIGINAL" if refund_no else "",
            "SUCCESS" if refund_no else "",
            "电费",
            "",
            "0.00",
            "0.60%",
            format_fen(t.amount_fen),
            format_fen(refund),
            "",
        ]
        return ",".join("`" + c for c in cells)

    rows = [row(t, "REVOKED" if t.cancel_refunded else "SUCCESS", t.amount_fen) for t in pays]
    rows += [row(t, "REFUND", 0, no, fen) for t, no, fen in refunds]
    paid = sum(t.amount_fen for t in pays if not t.cancel_refunded)
    back = sum(fen for _, _, fen in refunds)
    tail = (
        "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\n"
        f"`{len(rows)},`{format_fen(paid)},`{format_fen(back)},`0.00,`0.00,`{format_fen(paid)},"
        f"`{format_fen(back)}\n"
    )
    return ("\ufeff" + head + "\n" + "\n".join(rows) + "\n" + tail).encode("utf-8")
