"""The IC-card page's 卡片与用户 box: whose card is in the reader, its meter and serial, how many purchases it
holds, what the meter wrote back (剩余金额 and when), and the most this purchase may be."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel

from app.services.card_view import CardView
from ui.widgets import big, yuan


class CardPanel(QGroupBox):
    def __init__(self) -> None:
        super().__init__()
        self.setTitle(self.tr("卡片与用户"))
        form = QFormLayout(self)
        self.fields: dict[str, QLabel] = {}
        for key, label in (
            ("customer", self.tr("户号 / 户名")),
            ("address", self.tr("地址")),
            ("meter", self.tr("表号")),
            ("serial", self.tr("卡号")),
            ("count", self.tr("卡内购电次数")),
            ("meter_balance", self.tr("电表剩余金额（返写）")),
            ("meter_time", self.tr("电表返写时间")),
            ("limit", self.tr("本次最多可购")),
        ):
            value = big(QLabel("—"), 13, key in ("customer", "meter_balance", "limit"))
            value.setObjectName(f"field_{key}")
            form.addRow(QLabel(label), value)
            self.fields[key] = value

    def show_card(self, view: CardView) -> None:
        image, c = view.image, view.customer
        self.fields["customer"].setText(f"{image.customer_no}  {c.name}" if c else image.customer_no or "—")
        self.fields["address"].setText(c.address if c else "—")
        self.fields["meter"].setText(image.meter_no or "—")
        self.fields["serial"].setText(image.serial)
        self.fields["count"].setText(str(image.purchase_count))
        rw = image.return_write
        self.fields["meter_balance"].setText(
            self.tr("%1 元").replace("%1", yuan(rw.remaining_fen))
            if rw
            else self.tr("未返写（卡未插过电表）")
        )
        self.fields["meter_time"].setText(_meter_time(rw.written_at) if rw else "—")
        self.fields["limit"].setText(self.tr("%1 元").replace("%1", yuan(view.max_amount_fen)))

    def clear(self) -> None:
        for label in self.fields.values():
            label.setText("—")


def _meter_time(t: str) -> str:
    return f"{t[0:4]}-{t[4:6]}-{t[6:8]} {t[8:10]}:{t[10:12]}" if len(t) == 14 else t
