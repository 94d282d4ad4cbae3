"""Every coded sentence has English (issue 16): the same parameters, no Chinese, no full-width punctuation;
and every voice renders every code with its own parameters."""

from __future__ import annotations

import re
import string

from app.errors import Refused
from app.message_table import LABELS_EN, TABLE
from app.messages import EN, MESSAGES, ZH, Phrase, coded, phrase_of, spoken, voice

CHINESE = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")  # CJK, its punctuation, full-width forms


def names(template: str) -> set[str]:
    return {name for _t, name, _f, _c in string.Formatter().parse(template) if name}


def test_every_code_has_english_with_the_same_parameters():
    assert len(TABLE) > 100
    for code, (zh, en) in TABLE.items():
        assert en.strip(), code
        assert names(zh) == names(en), code
        assert not CHINESE.search(en), (code, en)
        assert "：" not in en and "（" not in en, code


def test_every_label_has_english_without_chinese():
    for zh, en in LABELS_EN.items():
        assert CHINESE.search(zh) and not CHINESE.search(en), (zh, en)


def sample(template: str) -> dict[str, object]:
    out: dict[str, object] = {}
    for n in names(template):
        out[n] = (
            12345
            if n.endswith("_fen")
            else "cash"
            if n == "method"
            else ("收费员", "主管")
            if n.endswith(("_labels", "_list"))
            else Phrase("shift.even")
            if n == "difference"
            else n
        )
    return out


def test_both_voices_say_every_code():
    for code in MESSAGES:
        params = sample(MESSAGES[code])
        said_zh, said_en = ZH.say(code, params), EN.say(code, params)
        assert "{" not in said_zh and "{" not in said_en, code
        assert not CHINESE.search(said_en.replace("“", "").replace("”", "")), (code, said_en)


def test_money_methods_labels_and_phrases_in_english():
    error = coded(Refused, "pay.tender_short", tendered_fen=3000000, amount_fen=6827440)
    assert spoken(error, "en") == (
        "Cash tendered ¥30,000.00 is less than the amount ¥68,274.40; take more cash or lower the amount."
    )
    assert (
        spoken(error, "zh_CN")
        == str(error)
        == "实收现金 30,000.00 元少于缴费金额 68,274.40 元；请补足现金或改小金额。"
    )
    assert (
        voice("en").say("pay.reference_needed", {"method": "bankcard", "hint": "POS 参考号"})
        == "Bank card: the payment needs its reference (POS reference); fill it in and confirm."
    )
    reasons = (Phrase("risk.months", {"months": 4, "limit": 3}), Phrase("risk.blacklisted"))
    assert (
        EN.say("warn.grade", {"grade": "Ⅰ级（高风险）", "reasons": reasons})
        == "Grade I (high risk): 4 months in arrears (≥3); on the integrity blacklist"
    )
    assert (
        ZH.say("warn.grade", {"grade": "Ⅰ级（高风险）", "reasons": reasons})
        == "风险等级 Ⅰ级（高风险）：欠费 4 个月（≥3）；列入诚信黑榜"
    )
    assert (
        EN.say(
            "pin.role",
            {"who": "C02", "role": "收费员", "action": "冲正", "needed_labels": ("主管", "系统管理员")},
        )
        == "C02 is a clerk and may not do this (reversal); it needs a supervisor or administrator."
    )


def test_an_error_without_a_code_keeps_its_sentence():
    assert spoken(Refused("一句话。"), "en") == "一句话。"


def test_statuses_speak_english():
    import datetime as dt

    from app.backup import BackupStatus
    from app.ports import ReaderStatus
    from app.sync_worker import SyncStatus

    sync = SyncStatus("offline", 7, dt.datetime(2026, 11, 23, 2, 5, tzinfo=dt.UTC), "")
    assert sync.text() == "总部离线 · 待上传 7 笔 · 上次同步 11-23 10:05"
    assert spoken(sync, "en") == "Head office offline · 7 to upload · last sync 11-23 10:05"
    assert (
        spoken(BackupStatus("stale", 7200, 3, 10), "en")
        == "Backup out of date: last backup 2 h ago, 7 entries not backed up"
    )
    assert spoken(ReaderStatus.ready("模拟读卡器", False), "en") == "Simulated reader ready; insert a card."
    assert (
        spoken(ReaderStatus.ready(Phrase("reader.named", {"name": "ACS ACR38U"}), True), "en")
        == "Card reader (ACS ACR38U) ready, card inserted."
    )


def test_every_label_a_sentence_takes_has_english():
    from app.cash import DENOMINATION_LABELS
    from app.model import METHOD_LABELS, REFERENCE_HINTS
    from app.risk import GRADE_LABELS, NOTICE_STATE_LABELS
    from app.services.approvals import ROLE_NAMES
    from app.services.history import TYPE_LABELS
    from app.services.notices import SERVE_METHODS

    tables = (
        DENOMINATION_LABELS,
        METHOD_LABELS,
        REFERENCE_HINTS,
        GRADE_LABELS,
        NOTICE_STATE_LABELS,
        ROLE_NAMES,
        TYPE_LABELS,
        SERVE_METHODS,
    )
    labels = {label for table in tables for label in table.values()} | {
        "总部账务中心",
        "备份",
        "用户",
        "账单",
        "户名",
    }
    labels.discard("无")  # NOTICE_STATE_LABELS' "none" never reaches a sentence
    assert sorted(labels - set(LABELS_EN)) == []


def test_a_pending_card_write_says_why_in_either_language():
    from app.ports import CardError
    from app.services.card_rewrite import pending_phrase

    why = pending_phrase(phrase_of(coded(CardError, "card.removed")))
    assert (
        str(why)
        == "卡片在读写过程中被拔出，请重新插卡后重试；已收款并记为待写卡，请用户重新插卡，系统将自动补写，不会重复收费。"
    )
    assert EN.say(why.code, why.params) == (
        "The card was pulled out while in use; insert it again and retry; the money is taken and the card write "
        "is pending: the customer inserts the card again and it is written automatically, without paying twice."
    )
    plain = pending_phrase(phrase_of(CardError("设备说的话。")))
    assert str(plain).startswith("设备说的话；已收款")
