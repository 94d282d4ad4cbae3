"""Translations: the UI is written in Simplified Chinese; hallpay_<lang>.qm beside this file
(built from hallpay_<lang>.ts by `make translations`) turns it into another language."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTranslator

HERE = Path(__file__).parent
LANGUAGES = ("zh_CN", "en")


def install(app: QCoreApplication, language: str) -> QTranslator | None:
    """Install the translator for `language` (zh_CN: none needed). Returns it, or None."""
    for old in getattr(app, "_hallpay_translators", []):
        app.removeTranslator(old)
    app._hallpay_translators = []  # type: ignore[attr-defined]
    if language in ("", "zh_CN") or language not in LANGUAGES:
        return None
    translator = QTranslator(app)
    if not translator.load(str(HERE / f"hallpay_{language}.qm")):
        return None
    app.installTranslator(translator)
    app._hallpay_translators.append(translator)  # type: ignore[attr-defined]
    return translator
