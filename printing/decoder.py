"""A small ESC/POS interpreter for exactly the commands HallPay sends, painting the paper.

It drives the on-screen preview and the golden PNGs. Anything outside the subset raises
DecodeError with the offset, so an encoder that drifts (a new command, a byte >= 0x80 sent
without Chinese mode, a truncated raster) fails the golden tests instead of printing garbage.
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field

from PIL import Image, ImageOps

from printing.render import Canvas, qr_image


class DecodeError(ValueError):
    pass


@dataclass
class Decoded:
    image: Image.Image
    lines: list[str] = field(default_factory=list)  # every printed text line, as read back
    qr_codes: list[str] = field(default_factory=list)
    cuts: int = 0
    drawer_kicks: int = 0
    rasters: int = 0

    def png(self) -> bytes:
        buf = io.BytesIO()
        self.image.save(buf, format="PNG", optimize=True)
        return buf.getvalue()


class _Interpreter:
    def __init__(self, data: bytes, columns: int) -> None:
        self.data, self.pos = data, 0
        self.canvas = Canvas(columns)
        self.out = Decoded(image=Image.new("1", (1, 1)))
        self.reset()

    def reset(self) -> None:
        self.chinese = False
        self.bold = False
        self.double = False
        self.align = "left"
        self.runs: list[tuple[str, bool, bool]] = []
        self.qr_module, self.qr_data = 3, b""

    def fail(self, what: str, at: int | None = None) -> DecodeError:
        return DecodeError(f"{what} at byte {self.pos if at is None else at}")

    def take(self, n: int) -> bytes:
        if self.pos + n > len(self.data):
            raise self.fail(f"command truncated (needs {n} more bytes)")
        chunk = self.data[self.pos : self.pos + n]
        self.pos += n
        return chunk

    def put_text(self, text: str) -> None:
        if self.runs and self.runs[-1][1:] == (self.bold, self.double):
            self.runs[-1] = (self.runs[-1][0] + text, self.bold, self.double)
        else:
            self.runs.append((text, self.bold, self.double))

    def line_feed(self) -> None:
        if self.runs:
            self.out.lines.extend(self.canvas.text_line(self.runs, self.align))
        else:
            self.canvas.feed(60 if self.double else 30)
        self.runs = []

    def run(self) -> Decoded:
        while self.pos < len(self.data):
            start = self.pos
            b = self.take(1)[0]
            if b == 0x0A:
                self.line_feed()
            elif 0x20 <= b < 0x7F:
                self.put_text(chr(b))
            elif b >= 0x80:
                self.gb_char(b, start)
            elif b == 0x1B:
                self.esc(start)
            elif b == 0x1D:
                self.gs(start)
            elif b == 0x1C:
                self.fs(start)
            else:
                raise self.fail(f"unknown control byte 0x{b:02X}", start)
        if self.runs:
            self.line_feed()
        self.out.image = self.canvas.image()
        return self.out

    def gb_char(self, lead: int, start: int) -> None:
        if not self.chinese:
            raise self.fail(f"byte 0x{lead:02X} outside Chinese mode (FS & missing)", start)
        second = self.take(1)
        raw = bytes([lead]) + second
        if 0x30 <= second[0] <= 0x39:
            raw += self.take(2)
        try:
            self.put_text(raw.decode("gb18030"))
        except UnicodeDecodeError:
            raise self.fail(f"invalid GB18030 sequence {raw.hex(' ')}", start) from None

    def esc(self, start: int) -> None:
        cmd = self.take(1)
        if cmd == b"@":
            self.reset()
        elif cmd == b"E":
            self.bold = bool(self.take(1)[0] & 1)
        elif cmd == b"a":
            n = self.take(1)[0]
            self.align = {0: "left", 48: "left", 1: "center", 49: "center", 2: "right", 50: "right"}.get(
                n, ""
            )
            if not self.align:
                raise self.fail(f"ESC a {n} is not an alignment", start)
        elif cmd == b"p":
            pin, _on, _off = self.take(3)
            if pin not in (0, 1, 48, 49):
                raise self.fail(f"ESC p pin {pin}", start)
            self.out.drawer_kicks += 1
        else:
            raise self.fail(f"unknown command ESC {cmd!r}", start)

    def fs(self, start: int) -> None:
        cmd = self.take(1)
        if cmd == b"&":
            self.chinese = True
        elif cmd == b".":
            self.chinese = False
        else:
            raise self.fail(f"unknown command FS {cmd!r}", start)

    def gs(self, start: int) -> None:
        cmd = self.take(1)
        if cmd == b"!":
            n = self.take(1)[0]
            if n not in (0x00, 0x11):
                raise self.fail(f"GS ! 0x{n:02X} (only normal and double size are used)", start)
            self.double = n == 0x11
        elif cmd == b"V":
            m = self.take(1)[0]
            if m in (65, 66):
                self.take(1)
            elif m not in (0, 1, 48, 49):
                raise self.fail(f"GS V {m}", start)
            if self.runs:
                self.line_feed()
            self.canvas.cut()
            self.out.cuts += 1
        elif cmd == b"v":
            self.raster(start)
        elif cmd == b"(":
            self.qr(start)
        else:
            raise self.fail(f"unknown command GS {cmd!r}", start)

    def raster(self, start: int) -> None:
        if self.take(1) != b"0":
            raise self.fail("GS v is only known as GS v 0", start)
        m, xl, xh, yl, yh = self.take(5)
        if m not in (0, 48):
            raise self.fail(f"GS v 0 scaling mode {m}", start)
        width_bytes, height = xl + 256 * xh, yl + 256 * yh
        if width_bytes * 8 > self.canvas.width:
            raise self.fail(f"raster {width_bytes * 8} dots wide on {self.canvas.width}-dot paper", start)
        bits = self.take(width_bytes * height)
        img = Image.frombytes("1", (width_bytes * 8, height), bits)
        self.canvas.picture(ImageOps.invert(img.convert("L")).convert("1"), self.align)
        self.out.rasters += 1

    def qr(self, start: int) -> None:
        if self.take(1) != b"k":
            raise self.fail("GS ( is only known as GS ( k", start)
        pl, ph = self.take(2)
        payload = self.take(pl + 256 * ph)
        if len(payload) < 2 or payload[0] != 0x31:
            raise self.fail("GS ( k is only known for QR codes (cn = 49)", start)
        fn, args = payload[1:2], payload[2:]
        if fn == b"A":
            if args[:1] != b"\x32":
                raise self.fail("QR model other than 2", start)
        elif fn == b"C":
            self.qr_module = args[0]
        elif fn == b"E":
            if args != b"\x31":
                raise self.fail("QR error correction other than M", start)
        elif fn == b"P":
            self.qr_data = args[1:]
        elif fn == b"Q":
            if self.runs:
                self.line_feed()
            self.canvas.picture(qr_image(self.qr_data, self.qr_module), self.align)
            self.out.qr_codes.append(self.qr_data.decode("utf-8", "replace"))
        else:
            raise self.fail(f"GS ( k function {fn!r}", start)


def decode(data: bytes, columns: int) -> Decoded:
    """Interpret ``data`` as printed on paper of ``columns`` columns (32 = 58 mm, 48 = 80 mm)."""
    return _Interpreter(data, columns).run()


def decode_png(data: bytes, columns: int) -> bytes:
    return decode(data, columns).png()
