"""Golden receipts: the exact bytes sent to the printer, and the picture they print.

A change to the layout or the encoder fails here until the goldens are rebuilt on purpose and
the new PNGs looked at:  .venv/bin/python -m tests.unit.test_printing_golden
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from PIL import Image

from printing.decoder import decode
from printing.escpos_bytes import CUT_PARTIAL, encode_receipt
from printing.layout import columns_for, layout_receipt
from tests.unit.receipt_samples import SAMPLES

GOLDEN = Path(__file__).resolve().parents[1] / "golden" / "receipts"
CASES = [(name, mm, False) for name in SAMPLES for mm in (58, 80)] + [("cash_change", 58, True)]


def _stem(name: str, mm: int, image_mode: bool) -> str:
    return f"{name}-{mm}mm" + ("-image" if image_mode else "")


def _encode(name: str, mm: int, image_mode: bool) -> bytes:
    cols = columns_for(mm)
    return encode_receipt(layout_receipt(SAMPLES[name](), cols), columns=cols, image_mode=image_mode).data


def regenerate() -> list[Path]:
    written = []
    for name, mm, image_mode in CASES:
        data = _encode(name, mm, image_mode)
        stem = GOLDEN / _stem(name, mm, image_mode)
        stem.with_suffix(".bin").write_bytes(data)
        stem.with_suffix(".png").write_bytes(decode(data, columns_for(mm)).png())
        written += [stem.with_suffix(".bin"), stem.with_suffix(".png")]
    written.append(_pdf_picture())
    return written


def _pdf_picture() -> Path:
    """The A5 PDF copy of a reprinted receipt with a waiver, as a picture to look at (not compared)."""
    import subprocess
    import tempfile

    from printing.pdf import receipt_pdf
    from tests.unit.receipt_samples import late_fee_with_waiver

    with tempfile.TemporaryDirectory() as tmp:
        pdf = receipt_pdf(late_fee_with_waiver().as_reprint(), Path(tmp) / "receipt.pdf")
        subprocess.run(
            ["pdftoppm", "-png", "-r", "100", "-singlefile", str(pdf), str(GOLDEN / "latefee_waiver-a5-pdf")],
            check=True,
        )
    return GOLDEN / "latefee_waiver-a5-pdf.png"


@pytest.mark.parametrize(("name", "mm", "image_mode"), CASES, ids=[_stem(*c) for c in CASES])
def test_bytes_match_golden(name: str, mm: int, image_mode: bool) -> None:
    stem = GOLDEN / _stem(name, mm, image_mode)
    expected = stem.with_suffix(".bin").read_bytes()
    data = _encode(name, mm, image_mode)
    if data != expected:
        at = next((i for i, (a, b) in enumerate(zip(data, expected, strict=False)) if a != b), None)
        at = min(len(data), len(expected)) if at is None else at
        pytest.fail(
            f"{stem.name}.bin differs at byte {at}: got {data[at : at + 24]!r}, golden {expected[at : at + 24]!r}"
            " — if the change is intended, rebuild the goldens and look at the PNGs"
        )


@pytest.mark.parametrize(("name", "mm", "image_mode"), CASES, ids=[_stem(*c) for c in CASES])
def test_golden_picture_is_what_the_golden_bytes_print(name: str, mm: int, image_mode: bool) -> None:
    stem = GOLDEN / _stem(name, mm, image_mode)
    printed = decode(stem.with_suffix(".bin").read_bytes(), columns_for(mm)).image
    golden = Image.open(io.BytesIO(stem.with_suffix(".png").read_bytes()))
    assert printed.size == golden.size
    assert printed.convert("1").tobytes() == golden.convert("1").tobytes()


@pytest.mark.parametrize("mm", [58, 80])
def test_golden_receipts_say_what_domain_requires(mm: int) -> None:
    def read(name: str) -> tuple[str, list[str]]:
        decoded = decode((GOLDEN / f"{_stem(name, mm, False)}.bin").read_bytes(), columns_for(mm))
        assert decoded.cuts == 1 and decoded.qr_codes == [SAMPLES[name]().qr_text]
        return "\n".join(decoded.lines), decoded.lines

    cash, _ = read("cash_change")
    assert "电费收费凭证" in cash and "王秀英" in cash and "重打" not in cash
    assert "找零" in cash and "79.26" in cash and "400.00" in cash and "￥320.74" in cash
    bank, _ = read("bankcard_reference")
    assert "银行卡" in bank and "612345678901" in bank and "找零" not in bank
    waiver, _ = read("latefee_waiver")
    assert "减免违约金" in waiver and "2.80" in waiver and "张伟" in waiver
    reprint, lines = read("reprint")
    assert "【重打】" in lines[2] and "重打件" in reprint
    card, _ = read("card_purchase")
    assert "IC卡购电凭证" in card and "购电次数" in card and "0101234567890" in card


def test_encoded_cut_is_partial_and_last() -> None:
    data = (GOLDEN / "cash_change-58mm.bin").read_bytes()
    assert data.endswith(CUT_PARTIAL) and data.count(CUT_PARTIAL) == 1


if __name__ == "__main__":
    for path in regenerate():
        print(path)
