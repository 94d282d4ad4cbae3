"""The console's words for review cases: each kind's Chinese name and the documented way out of each alarm
(README "Head office's console", db/central/push.py). A table: the English is console/i18n's.
"""

from __future__ import annotations

# The documented way out of each alarm.
WAY_OUT = {
    "fork": "两台电脑使用同一终端号，或旧磁盘映像又收了费：隔离区的流水不计账、不会丢失。信息部门为多出的电脑开通新终端号"
    "（或用 python main.py restore 从备份和总部恢复本机），再由财务核查隔离区的流水：客户确已付款的收费逐笔入账"
    "（本页“入账”或 central quarantine post 流水号 --reason 理由），每笔只入账一次。",
    "chain_break": "终端流水与前一笔不衔接：在该终端运行 python main.py verify 找出第一笔问题流水，"
    "从备份恢复（python main.py restore），恢复后再同步。",
    "bad_hash": "流水内容与哈希不符（被改动）：在该终端运行 python main.py verify，用备份恢复本机后重新同步。",
    "bad_signature": "签名无法验证：核对终端密钥（是否被换过），必要时按密钥轮换流程重新开通终端。",
    "sequence_gap": "流水缺号：终端本地库被删改或换过；运行 python main.py verify 并从备份恢复。",
    "content_mismatch": "再次上传的流水与总部留存不同：总部保留原记录；在该终端运行 python main.py verify，"
    "以总部为准恢复本机（python main.py restore）。",
    "foreign_entry": "终端上传了别的终端的流水：检查该电脑的终端号配置（config.toml）。",
    "central_tampered": "总部留存的流水被改动：停止该终端的同步，运行 python main.py verify 比对本机与总部，"
    "由信息部门从数据库备份恢复总部记录。",
    "balance_overdrawn": "预存余额在两处同时使用：向用户追收差额，收费后此事项可确认。",
    "unknown_customer": "户号不在总部档案：补录用户档案后由财务核对暂挂金额。",
    "refund_paid_twice": "两个柜台在离线时都支付了同一退款单：总部以先到的支付为准；财务向客户追回多付的现金，"
    "收回后确认此告警。",
    "unknown_refund": "柜台支付了总部没有的退款单：核对该终端的流水（python main.py verify）与总部退款记录。",
    "refund_mismatch": "柜台支付的退款金额或用户与总部退款单不同（终端本地记录被改动）：按金额差向收费员或客户追回，"
    "由信息部门核查该终端的本地库并从备份恢复。",
}
CASE_KINDS_ZH = {
    "double_payment": "重复缴费",
    "bill_reduced": "账单已被总部调减",
    "unknown_bill": "未知账单",
    "fork": "终端分叉",
    "chain_break": "哈希链断开",
    "bad_hash": "流水被改动",
    "bad_signature": "签名不符",
    "sequence_gap": "流水缺号",
    "content_mismatch": "内容不符",
    "foreign_entry": "他机流水",
    "central_tampered": "总部记录被改动",
    "balance_overdrawn": "预存透支",
    "unknown_customer": "未知户号",
    "refund_paid_twice": "退款重复支付",
    "unknown_refund": "未知退款单",
    "refund_mismatch": "退款金额不符",
}
