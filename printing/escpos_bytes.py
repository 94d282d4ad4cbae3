"""Receipt lines -> the exact ESC/POS bytes sent to the printer.

Text mode puts the printer into Chinese mode (FS &) and sends GB codes itself: python-escpos 3.1
has no GB18030 code page, sends Chinese without FS & and breaks on '¥'. A character the printer's
GB2312 font lacks (a rare name character such as 㐀 U+3400) is printed as '?' ('？' when it is
full-width, so the columns still line up) and reported in ``unprintable`` so the clerk can reprint
in image mode. Image mode paints the whole receipt with the CJK TrueType font and sends it as a
GS v 0 raster, so every character prints.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageOps

from printing.fonts import missing_glyphs
from printing.layout import Line
from printing.render import Canvas, qr_image, qr_module_dots
from printing.textwidth import char_width, gb2312_bytes

ESC, GS, FS, DLE = b"\x1b", b"\x1d", b"\x1c", b"\x10"
INIT = ESC + b"@"
CHINESE_ON = FS + b"&"
CHINESE_OFF = FS + b"."
LF = b"\n"
ALIGN = {"left": ESC + b"a\x00", "center": ESC + b"a\x01", "right": ESC + b"a\x02"}
BOLD = {False: ESC + b"E\x00", True: ESC + b"E\x01"}
SIZE = {False: GS + b"!\x00", True: GS + b"!\x11"}  # double width and height
CUT_PARTIAL = GS + b"V\x42\x00"  # feed to the cutter, then partial cut
DRAWER_KICK = ESC + b"p\x00\x19\xfa"  # pin 2, on 25 x 2 ms, off 250 x 2 ms
STATUS_PRINTER = DLE + b"\x04\x01"  # DLE EOT 1: bit 3 = offline
STATUS_PAPER = DLE + b"\x04\x04"  # DLE EOT 4: bits 2/3 = near end, bits 5/6 = out
RASTER_BAND_ROWS = 256  # some printers have small buffers: send the picture in bands


@dataclass(frozen=True)
class EncodeResult:
    data: bytes
    # Distinct characters that did not print as themselves, in order of appearance: in text mode
    # those printed as '?', in image mode those no installed font has.
    unprintable: tuple[str, ...]


def encode_text(text: str, unprintable: list[str]) -> bytes:
    out = bytearray()
    for c in text:
        if ord(c) < 0x80:
            out += c.encode("ascii") if c.isprintable() else b"?"
            continue
        code = gb2312_bytes(c)
        if code is not None:
            out += code
            continue
        if c not in unprintable:
            unprintable.append(c)
        out += "？".encode("gb2312") if char_width(c) == 2 else b"?"
    return bytes(out)


def qr_commands(data: bytes, module: int) -> bytes:
    """GS ( k: model 2, module size, error level M, store the data, print it."""

    def fn(payload: bytes) -> bytes:
        size = len(payload)
        return GS + b"(k" + bytes([size & 0xFF, size >> 8]) + payload

    if len(data) > 7089:
        raise ValueError("QR payload too long")
    return (
        fn(b"1A\x32\x00")  # 165: model 2
        + fn(b"1C" + bytes([module]))  # 167: module size in dots
        + fn(b"1E\x31")  # 169: error correction level M
        + fn(b"1P0" + data)  # 180: store
        + fn(b"1Q0")  # 181: print
    )


def raster_commands(img: Image.Image) -> bytes:
    """GS v 0 in bands; bit 1 = a black dot. Width is padded to whole bytes."""
    img = img.convert("1")
    if img.width % 8:
        padded = Image.new("1", ((img.width + 7) // 8 * 8, img.height), 1)
        padded.paste(img, (0, 0))
        img = padded
    width_bytes = img.width // 8
    out = bytearray()
    for top in range(0, img.height, RASTER_BAND_ROWS):
        band = img.crop((0, top, img.width, min(img.height, top + RASTER_BAND_ROWS)))
        bits = ImageOps.invert(band.convert("L")).convert("1").tobytes()
        out += GS + b"v0\x00" + bytes([width_bytes & 0xFF, width_bytes >> 8])
        out += bytes([band.height & 0xFF, band.height >> 8]) + bits
    return bytes(out)


def render_lines(lines: Sequence[Line], columns: int) -> Image.Image:
    """The receipt as a picture, up to (not including) the cut."""
    canvas = Canvas(columns)
    for line in lines:
        if line.op == "cut":
            break
        if line.op == "qr":
            canvas.picture(qr_image(line.text.encode("utf-8"), qr_module_dots(columns)), line.align)
            canvas.feed()  # the LF text mode sends after the code
        else:
            canvas.text_line([(line.text, line.bold, line.double)], line.align)
    return canvas.image()


def encode_receipt(
    lines: Sequence[Line], *, columns: int, image_mode: bool = False, open_drawer: bool = False
) -> EncodeResult:
    out = bytearray(INIT)
    if open_drawer:
        out += DRAWER_KICK
    unprintable: list[str] = []
    if image_mode:
        out += raster_commands(render_lines(lines, columns))
        if any(line.op == "cut" for line in lines):
            out += CUT_PARTIAL
        painted = "".join(line.text for line in lines if line.op == "text")
        return EncodeResult(bytes(out), missing_glyphs(painted))
    out += CHINESE_ON
    align, bold, double = "left", False, False
    for line in lines:
        if line.op == "cut":
            out += CUT_PARTIAL
            continue
        if line.align != align:
            out += ALIGN[line.align]
            align = line.align
        if line.op == "qr":
            out += qr_commands(line.text.encode("utf-8"), qr_module_dots(columns)) + LF
            continue
        if line.bold != bold:
            out += BOLD[line.bold]
            bold = line.bold
        if line.double != double:
            out += SIZE[line.double]
            double = line.double
        out += encode_text(line.text, unprintable) + LF
    return EncodeResult(bytes(out), tuple(unprintable))
