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
from typing import Final

QUIET_ZONE: Final = 4

#: (top dark, bottom dark) → the character showing it in the foreground colour.
_BLOCKS: Final = {
    (True, True): "█",
    (True, False): "▀",
    (False, True): "▄",
    (False, False): " ",
}


def _code(data: str, border: int, box_size: int = 1) -> object:
    import qrcode  # slow to import; only needed once a QR code is shown

    code = qrcode.QRCode(
        version=None,  # the smallest version that fits
        error_correction=qrcode.constants.ERROR_CORRECT_M,
        box_size=box_size,
        border=border,
    )
    code.add_data(data)
    code.make(fit=True)
    return code


def qr_matrix(data: str, border: int = QUIET_ZONE) -> list[list[bool]]:
    """The modules of ``data``'s QR code (error correction M), quiet zone of ``border``
    modules included; ``True`` is a dark module."""
    return [list(row) for row in _matrix(data, border)]


@lru_cache(maxsize=64)
def _matrix(data: str, border: int) -> tuple[tuple[bool, ...], ...]:
    # Choosing the mask pattern dominates the cost; an order's confirmation emails and
    # screen draw the same code, so it is computed once.
    if border < 0:
        raise ValueError("border must not be negative")
    matrix = _code(data, border).get_matrix()  # type: ignore[attr-defined]
    return tuple(tuple(bool(cell) for cell in row) for row in matrix)


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
    (1-bit greyscale written by PyPNG: no Pillow needed at run time)."""
    if scale < 1:
        raise ValueError("scale must be at least 1")
    import png  # PyPNG, installed with qrcode[png]

    matrix = _matrix(data, border)
    rows = []
    for modules in matrix:
        # In 1-bit greyscale 1 is white: a dark module is 0.
        row = [0 if dark else 1 for dark in modules for _ in range(scale)]
        rows.extend([row] * scale)
    size = len(matrix) * scale
    out = io.BytesIO()
    png.Writer(size, size, greyscale=True, bitdepth=1).write(out, rows)
    return out.getvalue()
