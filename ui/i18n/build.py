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


def main() -> int:
    ts = HERE / "hallpay_en.ts"
    sources = sorted(str(p) for p in UI.glob("*.py"))
    subprocess.run([str(BIN / "pyside6-lupdate"), *sources, "-ts", str(ts), "-target-language", "en",
                    "-no-obsolete", "-silent"], check=True)
    tree = ET.parse(ts)
    missing = 0
    for context in tree.getroot().iter("context"):
        name = context.findtext("name")
        if name == "MainWindow":
            have = {m.findtext("source") for m in context.iter("message")}
            for text in TABLE_STRINGS:
                if text not in have:
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
    subprocess.run([str(BIN / "pyside6-lrelease"), "-silent", str(ts), "-qm", str(HERE / "hallpay_en.qm")], check=True)
    print(f"{ts.name}: {missing} strings without English")
    return 0


if __name__ == "__main__":
    sys.exit(main())
