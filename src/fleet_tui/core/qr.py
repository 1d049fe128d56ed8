"""QR codes for eSIM activation codes: as text rows for the terminal, as PNG for email.

The text form draws one module per character horizontally and two vertically, with the
upper and lower half blocks, so a code stays square on a terminal whose cells are about
twice as tall as wide. The rows must be drawn **dark on light** — black foreground on a
white background, set explicitly rather than left to the terminal theme: a light-on-dark
(inverted) QR code is not read by many phone cameras. Colouring is the TUI's job; this
module only says which halves are dark.
"""

from __future__ import annotations

import io
from functools import lru_cache
from typing import Any, Final, cast

QUIET_ZONE: Final = 4

#: (top dark, bottom dark) → the character showing it in the foreground colour.
_BLOCKS: Final = {
    (True, True): "█",
    (True, False): "▀",
    (False, True): "▄",
    (False, False): " ",
}


def qr_matrix(data: str, border: int = QUIET_ZONE) -> list[list[bool]]:
    """The modules of ``data``'s QR code (error correction M), quiet zone of ``border``
    modules included; ``True`` is a dark module."""
    return [list(row) for row in _matrix(data, border)]


@lru_cache(maxsize=64)
def _matrix(data: str, border: int) -> tuple[tuple[bool, ...], ...]:
    # ZXing's C++ encoder (zxing-cpp) picks the version and the lowest-penalty mask in
    # about 0.5 ms, where the pure-Python qrcode library took 15 ms: eSIM confirmations
    # were bounded by it. An order's screen and emails draw the same code: cached.
    if border < 0:
        raise ValueError("border must not be negative")
    import zxingcpp  # compiled; only needed once a QR code is drawn

    symbol = zxingcpp.create_barcode(data, zxingcpp.BarcodeFormat.QRCode, ec_level="M")
    pixels = memoryview(cast(Any, symbol.to_image(scale=1, add_quiet_zones=False)))
    height, width = cast(tuple[int, int], pixels.shape)
    flat = pixels.tobytes()
    light = (False,) * (width + 2 * border)
    rows = [light] * border
    for y in range(height):
        line = flat[y * width : (y + 1) * width]
        rows.append((False,) * border + tuple(v == 0 for v in line) + (False,) * border)
    rows += [light] * border
    return tuple(rows)


def qr_rows(data: str, border: int = QUIET_ZONE) -> list[str]:
    """``data``'s QR code as text rows, one character = 1 module wide, 2 modules tall
    ("█", "▀", "▄" or " "). With an odd number of module rows the last row's lower half
    is light. Draw them black on white (see the module's docstring)."""
    matrix = _matrix(data, border)
    light = [False] * (len(matrix[0]) if matrix else 0)
    rows = []
    for top in range(0, len(matrix), 2):
        upper = matrix[top]
        lower = matrix[top + 1] if top + 1 < len(matrix) else light
        rows.append("".join(_BLOCKS[pair] for pair in zip(upper, lower, strict=True)))
    return rows


def qr_png(data: str, scale: int = 8, border: int = QUIET_ZONE) -> bytes:
    """``data``'s QR code as a black-on-white PNG, ``scale`` pixels per module
    (8-bit greyscale written by PyPNG: no Pillow needed at run time)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    import png  # PyPNG: a pure-Python PNG writer

    matrix = _matrix(data, border)
    # 8-bit rows as bytes: PyPNG packs 1-bit rows in Python, about 7x slower.
    dark_run, light_run = b"\x00" * scale, b"\xff" * scale
    rows: list[bytes] = []
    for modules in matrix:
        row = b"".join(dark_run if dark else light_run for dark in modules)
        rows.extend([row] * scale)
    size = len(matrix) * scale
    out = io.BytesIO()
    png.Writer(size, size, greyscale=True, bitdepth=8).write(out, rows)
    return out.getvalue()
