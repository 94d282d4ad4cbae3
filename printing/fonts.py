"""Which TrueType font paints a character in image mode (and previews).

WenQuanYi Micro Hei covers GB2312/GBK, but not CJK Extension A or B: the rare name characters
(㐀 U+3400 ...) that are the reason for image mode. So the painter falls back through the
fonts below that are installed: HanaMin A/B (Debian fonts-hanazono) cover Extensions A and B,
SimSun-ExtB is the Windows equivalent. A character no installed font has is reported as
unprintable, never silently printed as an empty box.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.ttfonts import TTFontFile

log = logging.getLogger(__name__)

PRIMARY_FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"

FALLBACK_FONTS = (
    "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf",
    "/usr/share/fonts/truetype/hanazono/HanaMinB.ttf",
    "C:/Windows/Fonts/simsun.ttc",
    "C:/Windows/Fonts/simsunb.ttf",
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
)


@dataclass(frozen=True)
class FontFile:
    path: str
    index: int  # face inside a .ttc collection
    codepoints: frozenset[int]


def _load(path: str, index: int = 0) -> FontFile | None:
    if not os.path.exists(path):
        return None
    try:
        cmap = TTFontFile(path, subfontIndex=index).charToGlyph
    except Exception as exc:  # a font reportlab cannot parse (CFF outlines...) is just skipped
        log.info("font %s not usable for fallback: %s", path, exc)
        return None
    return FontFile(path, index, frozenset(cmap))


@lru_cache(maxsize=1)
def font_chain() -> tuple[FontFile, ...]:
    """The primary font first, then every installed fallback."""
    primary = _load(PRIMARY_FONT)
    if primary is None:
        raise RuntimeError(f"the receipt font {PRIMARY_FONT} is missing (Debian: fonts-wqy-microhei)")
    fallbacks = (_load(path) for path in FALLBACK_FONTS)
    return (primary, *(f for f in fallbacks if f is not None))


@lru_cache(maxsize=8192)
def font_for(char: str) -> FontFile | None:
    """The first font of the chain that has a glyph for ``char``; None if none has."""
    for font in font_chain():
        if ord(char) in font.codepoints:
            return font
    return None


def missing_glyphs(text: str) -> tuple[str, ...]:
    """Distinct non-space characters of ``text`` that no installed font can paint."""
    seen: list[str] = []
    for c in text:
        if not c.isspace() and c not in seen and font_for(c) is None:
            seen.append(c)
    return tuple(seen)
