"""How many printer columns a character takes, and width-aware wrapping and padding.

A thermal printer in Chinese mode prints a one-byte (ASCII) character in a 12x24 cell and a
two-byte GB character in a 24x24 cell. So a character is two columns wide when it is East-Asian
wide/full-width (unicodedata W or F) or when the printer prints it from its GB2312 font
(e.g. '×', 'é', '·' are "ambiguous" in Unicode but full-width on the printer). Everything
else is one column. No character is ever zero columns wide, so a line's width is exactly what
the paper needs, in text mode and in image mode alike.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache


@lru_cache(maxsize=4096)
def gb2312_bytes(char: str) -> bytes | None:
    """The two bytes a GB2312 printer font prints ``char`` from, or None if it has no glyph.

    GBK is used to find the code because it maps A1A4 to U+00B7 '·' (the middle dot of
    transliterated names such as 阿卜杜·热合曼), as printers and GB18030 do; the code must lie
    in the GB2312 area (rows A1-F7, cells A1-FE).
    """
    if ord(char) < 0x80:
        return None
    try:
        code = char.encode("gbk")
    except UnicodeEncodeError:
        return None
    if len(code) == 2 and 0xA1 <= code[0] <= 0xF7 and 0xA1 <= code[1] <= 0xFE:
        return code
    return None


@lru_cache(maxsize=4096)
def char_width(char: str) -> int:
    if ord(char) < 0x80:
        return 1
    if unicodedata.east_asian_width(char) in ("W", "F"):
        return 2
    return 2 if gb2312_bytes(char) is not None else 1


def text_width(text: str) -> int:
    return sum(char_width(c) for c in text)


def clean(text: str) -> str:
    """Whitespace controls become a space, other control/format/unassigned characters '?'.

    A customer's name must never smuggle an ESC/POS command (ESC, GS, DLE) onto the paper.
    """
    out = []
    for c in text:
        cat = unicodedata.category(c)
        if c in "\t\n\r" or cat[0] == "Z":
            out.append(" ")
        elif cat[0] == "C":
            out.append("?")
        else:
            out.append(c)
    return "".join(out)


def _tokens(text: str) -> list[str]:
    """Runs of ASCII letters/digits stay together (an address's 128号 is not split into 12/8 when
    it fits on the next line); every other character is a token of its own."""
    tokens: list[str] = []
    run = ""
    for c in text:
        if c.isascii() and c.isalnum():
            run += c
            continue
        if run:
            tokens.append(run)
            run = ""
        tokens.append(c)
    if run:
        tokens.append(run)
    return tokens


def wrap(text: str, width: int) -> list[str]:
    """Split ``text`` into pieces no wider than ``width`` columns, between characters.

    ``"".join(wrap(t, w)) == t`` always: nothing is dropped, not even spaces. A piece is wider
    than ``width`` only if a single character is (width 1 and a CJK character).
    """
    if width < 1:
        raise ValueError("width must be at least one column")
    pieces: list[str] = []
    line, used = "", 0
    for token in _tokens(text):
        tw = text_width(token)
        if used + tw <= width:
            line, used = line + token, used + tw
            continue
        if tw <= width:  # the whole token fits on a fresh line
            pieces.append(line)
            line, used = token, tw
            continue
        for c in token:  # a token longer than a line: split it by character
            cw = char_width(c)
            if used + cw > width and line:
                pieces.append(line)
                line, used = "", 0
            line, used = line + c, used + cw
    pieces.append(line)
    return [p for p in pieces if p] or [""]


def pad_between(left: str, right: str, width: int) -> str | None:
    """``left`` and ``right`` on one line of exactly ``width`` columns, or None if they don't fit."""
    gap = width - text_width(left) - text_width(right)
    if gap < 1:
        return None
    return left + " " * gap + right
