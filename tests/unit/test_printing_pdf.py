"""PDF toolkit: embedded CJK font (text extractable, not blank), A5 receipt, tables over pages."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from printing.pdf import build_pdf, para, receipt_pdf, table
from tests.unit.receipt_samples import cash_with_change, late_fee_with_waiver

pytestmark = pytest.mark.skipif(
    not (shutil.which("pdftotext") and shutil.which("pdftoppm")), reason="poppler-utils not installed"
)


def _text(pdf: Path) -> str:
    """The PDF's text, pages split by form feeds, with the other whitespace removed (pdftotext
    drops the spaces between CJK characters and breaks wrapped table cells)."""
    out = subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return "".join(c for c in out if c == "\f" or not c.isspace())


def _pages(pdf: Path, out: Path) -> list[Path]:
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(out / "page")], check=True)
    return sorted(out.glob("page-*.png"))


def test_receipt_pdf_has_the_chinese_text_and_ink(tmp_path: Path) -> None:
    pdf = receipt_pdf(cash_with_change(), tmp_path / "receipt.pdf")
    text = _text(pdf)
    for words in (
        "王秀英",
        "电费收费凭证",
        "国网某市供电公司城东营业厅",
        "城东区解放路128号3单元502室",
        "320.74",
        "第1页/共1页",
    ):
        assert words in text, words
    assert "重打" not in text
    (page,) = _pages(pdf, tmp_path)
    img = Image.open(page).convert("L")
    assert img.width < img.height  # A5 portrait
    # Embedded font: the title area has black pixels (STSong-Light without poppler-data renders blank)
    assert img.crop((0, 0, img.width, img.height // 4)).getextrema()[0] < 64


def test_reprint_pdf_says_so_and_shows_the_waiver(tmp_path: Path) -> None:
    text = _text(receipt_pdf(late_fee_with_waiver().as_reprint(), tmp_path / "copy.pdf"))
    assert "重打" in text and "减免违约金" in text and "2.80" in text and "共1页" in text


def test_long_table_splits_with_header_on_every_page(tmp_path: Path) -> None:
    rows = [["户号", "户名", "欠费（元）"]] + [[f"33010{i:05d}", f"用户{i}", f"{i}.00"] for i in range(120)]
    pdf = build_pdf(
        tmp_path / "list.pdf",
        "欠费清单",
        "城东营业厅",
        [para("欠费清单"), table(rows, [150, 150, 120], (2,))],
    )
    pages = _text(pdf).split("\f")
    pages = [p for p in pages if p]
    assert len(pages) >= 3
    for number, page in enumerate(pages, start=1):
        assert "户号" in page and "欠费清单" in page and f"第{number}页/共{len(pages)}页" in page
    assert "3301000119" in pages[-1]
