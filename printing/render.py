"""Paint printer output onto a 1-bit picture the width of the paper.

The same painter serves the ESC/POS decoder (preview and golden PNGs) and image mode (the
receipt sent as a raster), so a preview looks like the paper and the two modes line up.
Text sits on the printer's grid: 12 x 24 dots per column (24 x 24 for a full-width character),
line feed 30 dots, double size twice that; 203 dpi, so 58 mm paper is 384 dots and 80 mm is 576.
"""

from __future__ import annotations

from functools import lru_cache

import qrcode
from PIL import Image, ImageDraw, ImageFont

from printing.fonts import font_chain, font_for
from printing.textwidth import char_width

CELL_W, CELL_H, LINE_H = 12, 24, 30
DOTS_BY_COLUMNS = {32: 384, 48: 576}


def paper_dots(columns: int) -> int:
    return DOTS_BY_COLUMNS.get(columns, columns * CELL_W)


def qr_module_dots(columns: int) -> int:
    """QR module size in dots: a version-6 code is 41 modules, 31 mm on 58 mm paper, 36 mm on 80."""
    return 6 if columns <= 32 else 7


@lru_cache(maxsize=16)
def _font(path: str, index: int, size: int) -> ImageFont.FreeTypeFont:
    return ImageFont.truetype(path, size, index=index)


def _font_of(char: str, size: int) -> ImageFont.FreeTypeFont:
    face = font_for(char) or font_chain()[0]  # no font has it: the primary's empty box
    return _font(face.path, face.index, size)


def qr_image(data: bytes, module: int) -> Image.Image:
    """The QR code a printer makes for GS ( k: model 2, error level M, no quiet zone."""
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=module, border=0)
    code.add_data(data)
    code.make(fit=True)
    matrix = code.get_matrix()
    size = len(matrix) * module
    img = Image.new("1", (size, size), 1)
    draw = ImageDraw.Draw(img)
    for y, row in enumerate(matrix):
        for x, dark in enumerate(row):
            if dark:
                draw.rectangle((x * module, y * module, (x + 1) * module - 1, (y + 1) * module - 1), fill=0)
    return img


class Canvas:
    """Accumulates printed bands top to bottom; ``image()`` returns the paper so far."""

    def __init__(self, columns: int) -> None:
        self.columns = columns
        self.width = paper_dots(columns)
        self.bands: list[Image.Image] = []

    def text_line(self, runs: list[tuple[str, bool, bool]], align: str) -> list[str]:
        """Print runs of (text, bold, double) as the printer would: wrapping at the paper edge.

        Returns the text of each printed line (for tests that read a receipt back)."""
        lines: list[list[tuple[str, bool, bool]]] = [[]]
        used = 0
        for text, bold, double in runs:
            for c in text:
                w = char_width(c) * CELL_W * (2 if double else 1)
                if used + w > self.width and used:
                    lines.append([])
                    used = 0
                lines[-1].append((c, bold, double))
                used += w
        for line in lines:
            self._paint(line, align)
        return ["".join(c for c, _, _ in line) for line in lines]

    def _paint(self, chars: list[tuple[str, bool, bool]], align: str) -> None:
        height = LINE_H * (2 if any(d for _, _, d in chars) else 1)
        band = Image.new("L", (self.width, height), 255)
        draw = ImageDraw.Draw(band)
        total = sum(char_width(c) * CELL_W * (2 if d else 1) for c, _, d in chars)
        x = {"center": (self.width - total) // 2, "right": self.width - total}.get(align, 0)
        for c, bold, double in chars:
            scale = 2 if double else 1
            cell_w, cell_h = char_width(c) * CELL_W * scale, CELL_H * scale
            if not c.isspace():
                font = _font_of(c, CELL_H * scale)
                left, _, right, _ = font.getbbox(c)
                glyph_w = right - left
                gx = x + (cell_w - glyph_w) // 2 - left
                gy = height - cell_h - 2
                for dx in (0, 1) if bold else (0,):
                    draw.text((gx + dx, gy), c, font=font, fill=0)
            x += cell_w
        self.bands.append(band.point(lambda v: 255 if v > 140 else 0).convert("1"))

    def feed(self, dots: int = LINE_H) -> None:
        self.bands.append(Image.new("1", (self.width, dots), 1))

    def picture(self, img: Image.Image, align: str) -> None:
        band = Image.new("1", (self.width, img.height), 1)
        x = {"center": (self.width - img.width) // 2, "right": self.width - img.width}.get(align, 0)
        band.paste(img.convert("1"), (max(0, x), 0))
        self.bands.append(band)

    def cut(self) -> None:
        """A dashed line where the cutter went (only in previews, never sent to a printer)."""
        band = Image.new("1", (self.width, 12), 1)
        draw = ImageDraw.Draw(band)
        for x in range(0, self.width, 12):
            draw.line((x, 6, x + 5, 6), fill=0)
        self.bands.append(band)

    def image(self) -> Image.Image:
        height = sum(b.height for b in self.bands)
        out = Image.new("1", (self.width, max(height, 1)), 1)
        y = 0
        for band in self.bands:
            out.paste(band, (0, y))
            y += band.height
        return out
