"""Complete English (issue 16): the tracked .ts has no unfinished entry and no full-width punctuation."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

from ui.i18n.build import unfinished

TS = Path(__file__).resolve().parents[2] / "ui" / "i18n" / "hallpay_en.ts"
FULL_WIDTH = "：（）；，。"


def test_ts_has_no_unfinished_entry():
    assert unfinished(TS) == []


def test_english_has_no_full_width_punctuation():
    for message in ET.parse(TS).getroot().iter("message"):
        text = message.findtext("translation") or ""
        assert not any(ch in text for ch in FULL_WIDTH), (message.findtext("source"), text)


def test_every_table_string_a_page_translates_is_in_the_ts():
    from ui.i18n.build import extra_strings

    contexts = {
        c.findtext("name") or "": {m.findtext("source") for m in c.iter("message")}
        for c in ET.parse(TS).getroot().iter("context")
    }
    for name, texts in extra_strings().items():
        assert set(filter(None, texts)) <= contexts.get(name, set()), name
