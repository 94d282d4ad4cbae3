"""Every kind of review case the centre opens has a name on the console's pages, in Chinese and in English.

bill_reduced (issue 18) reached the queue with its raw kind as its label, and twelve labels had no English.
"""

import re

from console.case_texts import CASE_KINDS_ZH, WAY_OUT
from console.i18n import translate
from db.central.decide import MONEY_CASES


def test_every_case_kind_has_a_chinese_label():
    missing = (set(MONEY_CASES) | set(WAY_OUT)) - set(CASE_KINDS_ZH)
    assert not missing, f"case kinds without a label: {sorted(missing)}"


def test_every_label_has_english():
    """Each label is a sentence of the message table (console/i18n.translate says it through its code)."""
    untranslated = [
        label for label in CASE_KINDS_ZH.values() if re.search(r"[\u4e00-\u9fff]", translate(label, "en"))
    ]
    assert not untranslated, f"labels without English: {untranslated}"
