"""`make translations`: pyside6-lupdate over ui/, fill hallpay_en.ts from en.py, pyside6-lrelease to .qm."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ui.i18n.en import EN

HERE = Path(__file__).parent
UI = HERE.parent
BIN = Path(sys.executable).parent
TABLE_STRINGS = ("就绪", "纸将尽", "缺纸", "离线", "连接不上")  # tr() of table values in MainWindow


def extra_strings() -> dict[str, list[str]]:
    """Strings a page passes to tr() from a table (lupdate sees only literals): context → sources."""
    from app.cash import DENOMINATION_LABELS
    from app.message_table import LABELS_EN
    from app.messages import MESSAGES
    from app.model import CATEGORY_LABELS, METHOD_LABELS
    from app.risk import AGE_BUCKETS, GRADE_LABELS, NOTICE_STATE_LABELS
    from app.services.approvals import ROLE_NAMES
    from app.services.notices import SERVE_METHODS
    from app.services.wallet_day import ROW_LABELS
    from ui import (
        arrears_filters,
        arrears_page,
        audit_page,
        collection_page,
        notice_page,
        settings_page,
        wallet_reconcile_panel,
    )
    from ui.main_window import PRINTER_TEXT

    states = list(NOTICE_STATE_LABELS.values())
    return {
        "messages": list(MESSAGES.values()),  # app/'s coded sentences, rendered by ui/messages.py
        "labels": [*DENOMINATION_LABELS.values(), *ROLE_NAMES.values()],
        "MainWindow": [
            *TABLE_STRINGS,
            *PRINTER_TEXT.values(),
            "审计",
        ],  # the audit tab's title (ui/audit_page.py)
        "": [
            *(settings_page.policy_label(k, str) for k in settings_page.POLICY_LABELS),
            *METHOD_LABELS.values(),
            *(a[0] for a in arrears_filters.AGES),
            *(label for _k, label in arrears_filters.SORT_LABELS),
            *GRADE_LABELS.values(),
            *CATEGORY_LABELS.values(),
            *states,
            *LABELS_EN,
            *ROW_LABELS.values(),
        ],
        "SettingsPage": [text for _k, text in settings_page.PRINTER_KINDS],
        "CollectionPage": [*collection_page.COLUMNS, *collection_page.REPORT_LABELS],
        "ArrearsPage": [
            *arrears_page.COLUMNS,
            *(a[0] for a in arrears_filters.AGES),
            *(label for _k, label in arrears_filters.SORT_LABELS),
            *GRADE_LABELS.values(),
            *CATEGORY_LABELS.values(),
            *states,
            "导出 CSV",
            "导出 Excel",
            "打印 PDF",
        ],
        "NoticePage": [*notice_page.COLUMNS, *states, *SERVE_METHODS.values()],
        "AuditPage": [
            *audit_page.COLUMNS,
            *(v[1] for v in audit_page.EVENTS.values()),
            *audit_page.WHY.values(),
        ],
        "AgeingChart": [b[2] for b in AGE_BUCKETS],
        "NoticePropose": [
            "请先选择一位用户。",
            "已为用户 %1 提出停电通知 %2，待主管在“停电通知”中审批（Ctrl+6，Ctrl+PgDown）。",
        ],
        "CounterPage": list(METHOD_LABELS.values()),
        "TenderBox": list(METHOD_LABELS.values()),
        "WalletReconcilePanel": list(
            wallet_reconcile_panel.COLUMNS
        ),  # the method list of the counter's 收款 box
        "PaymentCheck": list(METHOD_LABELS.values()),  # the counter's confirmation names the method
        "PurchaseBox": list(METHOD_LABELS.values()),  # the IC-card page's method list (ui/recharge_form.py)
        "HistoryPage": list(METHOD_LABELS.values()),
    }


def unfinished(ts: Path) -> list[str]:
    """Sources without English in a .ts file (the test and the build use this)."""
    tree = ET.parse(ts)
    return [
        m.findtext("source") or ""
        for m in tree.getroot().iter("message")
        if (m.find("translation") is None or m.find("translation").get("type") == "unfinished")  # type: ignore[union-attr]
    ]


def main() -> int:
    ts = HERE / "hallpay_en.ts"
    sources = sorted(str(p) for p in UI.glob("*.py"))
    subprocess.run(
        [
            str(BIN / "pyside6-lupdate"),
            *sources,
            "-ts",
            str(ts),
            "-target-language",
            "en",
            "-no-obsolete",
            "-silent",
        ],
        check=True,
    )
    tree = ET.parse(ts)
    missing = 0
    extra = extra_strings()
    contexts = {c.findtext("name") or "": c for c in tree.getroot().iter("context")}
    for name in extra:
        if name not in contexts:
            context = ET.SubElement(tree.getroot(), "context")
            ET.SubElement(context, "name").text = name
            contexts[name] = context
    for name, context in contexts.items():
        have = {m.findtext("source") for m in context.iter("message")}
        for text in dict.fromkeys(extra.get(name, ())):
            if text and text not in have:
                msg = ET.SubElement(context, "message")
                ET.SubElement(msg, "source").text = text
                ET.SubElement(msg, "translation")
        for message in context.iter("message"):
            source = message.findtext("source") or ""
            translation = message.find("translation")
            assert translation is not None
            if source in EN:
                translation.text = EN[source]
                translation.attrib.pop("type", None)
            else:
                translation.set("type", "unfinished")
                missing += 1
    tree.write(ts, encoding="utf-8", xml_declaration=True)
    subprocess.run(
        [str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(HERE / "hallpay_en.qm")], check=True
    )
    print(f"{ts.name}: {missing} strings without English")
    return 1 if missing else 0  # the build fails on an unfinished entry


if __name__ == "__main__":
    sys.exit(main())
