"""QR codes: the text rows and the PNG decode back to the exact activation code.

The text rows are rasterised the way the TUI must draw them — each character is one
module wide and two tall, its halves black where "█", "▀", "▄" say so, white
elsewhere — and read with a real decoder (ZXing), not inverted.
"""

from __future__ import annotations

import io
import random
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageOps

from fleet_tui.core.activation import ActivationCode, generate
from fleet_tui.core.qr import qr_matrix, qr_png, qr_rows
from tests.support.qr import decode_barcodes, decode_image, decode_modules, rasterise

HALVES = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}

SEED_LIKE = "LPA:1$smdp.fleet-tui-demo.invalid$ZG5JB-6HHUS-3A8WL-S46GC"
WITH_FLAG = str(
    ActivationCode("SMDP.GSMA.COM", "04386-AGYFT-A74Y8-3F815", "1.3.6.1.4.1.31746", True)
)


def modules_of(rows: list[str]) -> list[list[bool]]:
    """The modules the text rows show: two module rows per text row."""
    out: list[list[bool]] = []
    for row in rows:
        out.append([HALVES[ch][0] for ch in row])
        out.append([HALVES[ch][1] for ch in row])
    return out


def decode(image: Image.Image) -> list[str]:
    found = decode_barcodes(image)
    assert all(b.ec_level == "M" for b in found)
    return [b.text for b in found]


@pytest.mark.parametrize("data", [SEED_LIKE, WITH_FLAG, "hello"])
def test_text_rows_decode_to_the_exact_string(data: str) -> None:
    assert decode(rasterise(modules_of(qr_rows(data)))) == [data]


@settings(max_examples=15, deadline=None)
@given(st.randoms(use_true_random=False))
def test_generated_codes_decode_from_the_text_rows(rng: random.Random) -> None:
    data = str(generate(rng=rng))
    assert decode(rasterise(modules_of(qr_rows(data)))) == [data]


def test_inverted_rows_are_not_what_we_draw() -> None:
    # Guards the test itself: the decoder really is told not to try light-on-dark.
    inverted = [[not m for m in line] for line in modules_of(qr_rows(SEED_LIKE))]
    assert decode(rasterise(inverted)) == []


def test_rows_show_exactly_the_matrix() -> None:
    matrix = qr_matrix(SEED_LIKE)
    rows = qr_rows(SEED_LIKE)
    assert set("".join(rows)) <= set(HALVES)
    assert all(len(row) == len(matrix[0]) for row in rows)
    assert len(rows) == (len(matrix) + 1) // 2
    shown = modules_of(rows)
    assert shown[: len(matrix)] == matrix
    # A QR symbol has an odd side, so the last text row's lower half is padding: light.
    assert len(matrix) % 2 == 1
    assert not any(shown[-1])


def test_quiet_zone_is_four_modules() -> None:
    matrix = qr_matrix(SEED_LIKE)
    side = len(matrix)
    assert all(len(line) == side for line in matrix)
    for i in range(4):
        assert not any(matrix[i]) and not any(matrix[side - 1 - i])
        assert not any(line[i] for line in matrix)
        assert not any(line[side - 1 - i] for line in matrix)
    # The symbol starts right after it: the finder pattern's corner is dark.
    assert matrix[4][4] and matrix[4][side - 5] and matrix[side - 5][4]
    rows = qr_rows(SEED_LIKE)
    assert rows[0].strip() == rows[1].strip() == rows[-1].strip() == rows[-2].strip() == ""
    assert all(row[:4] == row[-4:] == "    " for row in rows)


def test_smallest_version_and_border() -> None:
    assert len(qr_matrix("hello", border=0)) == 21  # version 1
    assert len(qr_matrix("hello")) == 21 + 8
    assert len(qr_matrix("x" * 15, border=0)) == 25  # 14 bytes is version 1-M's limit
    with pytest.raises(ValueError):
        qr_matrix("hello", border=-1)


def test_png_decodes_and_is_black_on_white() -> None:
    data = qr_png(SEED_LIKE, scale=8)
    assert data.startswith(b"\x89PNG\r\n\x1a\n")
    image = Image.open(io.BytesIO(data)).convert("L")
    side = len(qr_matrix(SEED_LIKE))
    assert image.size == (side * 8, side * 8)
    assert image.getpixel((0, 0)) == 255  # quiet zone: white
    assert image.getpixel((4 * 8, 4 * 8)) == 0  # finder corner: black
    assert decode(image) == [SEED_LIKE]


def test_png_scale_is_checked() -> None:
    small = Image.open(io.BytesIO(qr_png("hello", scale=1)))
    assert small.size == (29, 29)
    with pytest.raises(ValueError):
        qr_png("hello", scale=0)


def test_the_shared_decoders_read_dark_on_light_only() -> None:
    # Every test reads QR codes through tests.support.qr (the TUI's rendered screen, the
    # outbox's PNGs): an inverted image of a code they read must give nothing.
    modules = modules_of(qr_rows(SEED_LIKE))
    assert decode_modules(modules) == [SEED_LIKE]
    assert decode_modules([[not m for m in line] for line in modules]) == []
    png = Image.open(io.BytesIO(qr_png(SEED_LIKE))).convert("L")
    assert decode_image(png) == [SEED_LIKE]
    assert decode_image(ImageOps.invert(png)) == []


@pytest.mark.slow
def test_drawing_a_code_leaves_pillow_unloaded_and_its_drawers_importable() -> None:
    """``qrcode`` imports Pillow's styled drawers whenever Pillow is installed (fpdf2
    installs it): 3 MiB and 0.19 s for images the wizard never makes. The code is drawn
    without them, in a fresh interpreter, and the drawers still import when asked for."""
    check = (
        "import sys\n"
        "from fleet_tui.core.qr import qr_png, qr_rows\n"
        f"rows = qr_rows({SEED_LIKE!r}); png = qr_png({SEED_LIKE!r})\n"
        "print(len(rows), png[:4] == b'\\x89PNG', 'PIL' in sys.modules)\n"
        "import qrcode.image.styles.moduledrawers.pil\n"
        "print('PIL' in sys.modules)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", check], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.split() == [str(len(qr_rows(SEED_LIKE))), "True", "False", "True"]
