"""Reading QR codes back, as a phone camera would: dark modules on a light ground only.

ZXing tries the inverted image too by default (``try_invert``), so a light-on-dark
code, which many phone cameras do not read, would pass. Every decode in the tests goes
through :func:`decode_image`, which turns that off.
"""

from __future__ import annotations

import zxingcpp
from PIL import Image

#: Pixels per module when a module grid is drawn (ZXing likes a few).
SCALE = 4


def rasterise(modules: list[list[bool]], scale: int = SCALE) -> Image.Image:
    """A module grid (``True``: dark) as a black-on-white greyscale image."""
    height, width = len(modules), len(modules[0])
    image = Image.new("L", (width * scale, height * scale), 255)
    for y, line in enumerate(modules):
        for x, dark in enumerate(line):
            if dark:
                image.paste(0, (x * scale, y * scale, (x + 1) * scale, (y + 1) * scale))
    return image


def decode_barcodes(image: Image.Image) -> list[zxingcpp.Barcode]:
    """The QR codes ZXing reads in ``image``, in its polarity only (dark on light)."""
    return list(zxingcpp.read_barcodes(image, try_invert=False))


def decode_image(image: Image.Image) -> list[str]:
    """The texts of the QR codes in ``image``, read dark on light only."""
    return [barcode.text for barcode in decode_barcodes(image)]


def decode_modules(modules: list[list[bool]], scale: int = SCALE) -> list[str]:
    """The texts of the QR code drawn by a module grid (``True``: dark)."""
    return decode_image(rasterise(modules, scale))
