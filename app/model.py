"""The counter's view of customers and bills: small immutable values, no storage."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from app.ids import CustomerNo


class Category(str, Enum):
    RESIDENTIAL = "residential"
    COMMERCIAL = "commercial"
    INDUSTRIAL = "industrial"
    AGRICULTURAL = "agricultural"

    @property
    def is_residential(self) -> bool:
        return self is Category.RESIDENTIAL


CATEGORY_LABELS = {
    Category.RESIDENTIAL: "居民",
    Category.COMMERCIAL: "一般工商业",
    Category.INDUSTRIAL: "大工业",
    Category.AGRICULTURAL: "农业",
}


class Method(str, Enum):
    CASH = "cash"
    BANKCARD = "bankcard"
    WECHAT = "wechat"
    ALIPAY = "alipay"
    UNIONPAY = "unionpay"
    CHEQUE = "cheque"

    @property
    def needs_reference(self) -> bool:
        return self is not Method.CASH


METHOD_LABELS = {
    Method.CASH: "现金",
    Method.BANKCARD: "银行卡",
    Method.WECHAT: "微信",
    Method.ALIPAY: "支付宝",
    Method.UNIONPAY: "云闪付",
    Method.CHEQUE: "支票",
}

REFERENCE_HINTS = {
    Method.BANKCARD: "POS 参考号",
    Method.WECHAT: "微信交易单号",
    Method.ALIPAY: "支付宝交易单号",
    Method.UNIONPAY: "云闪付交易单号",
    Method.CHEQUE: "支票号和开户行",
}


@dataclass(frozen=True)
class Customer:
    customer_no: CustomerNo
    name: str
    address: str
    phone: str
    category: Category
    meter_no: str
    prepaid: bool
    risk_grade: str  # "", "I", "II", "III" as head office sends it
    important: bool
    balance_fen: int
    area: str = ""


@dataclass(frozen=True)
class Bill:
    bill_id: str
    customer_no: CustomerNo
    period: str  # YYYY-MM
    kwh: int
    amount_fen: int
    due_date: dt.date
    principal_paid_fen: int = 0
    # A late fee fixed at an earlier partial payment and not yet paid.
    fee_carried_fen: int = 0
    # Late fee has been charged for every day up to and including this date.
    fee_accrued_through: dt.date | None = None

    @property
    def unpaid_fen(self) -> int:
        return self.amount_fen - self.principal_paid_fen

    @property
    def is_open(self) -> bool:
        return self.unpaid_fen > 0 or self.fee_carried_fen > 0
