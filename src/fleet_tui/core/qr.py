"""QR codes for eSIM activation codes: as text rows for the terminal, as PNG for email.

The symbol comes from the ``qrcode`` library (error correction M, its lowest-penalty
mask), as the design card says. Two text drawings, both **dark on light** — black on
white, set explicitly by the TUI rather than left to the terminal theme, because a
light-on-dark (inverted) QR code is not read by many phone cameras:

- ``half``: one character is 1 module wide and 2 tall (upper/lower half blocks), so a
  code stays square on a terminal whose cells are about twice as tall as wide;
- ``full``: two cells per module, one row per module, drawn as whole cells (the TUI
  paints their background) — for fonts that leave gaps between half blocks and for
  terminals that draw ambiguous-width characters wide. Twice as wide, twice as tall.

Colouring is the TUI's job; this module only says which modules are dark. Encoding
takes 5–20 ms in pure Python: results are cached per code, and the TUI encodes in a
worker thread.
"""

from __future__ import annotations

import io
import sys
from functools import lru_cache
from typing import Final, Literal

QUIET_ZONE: Final = 4
Drawing = Literal["half", "full"]
DRAWINGS: Final[tuple[Drawing, ...]] = ("half", "full")

#: (top dark, bottom dark) → the character showing it in the foreground colour.
_BLOCKS: Final = {
    (True, True): "█",
    (True, False): "▀",
    (False, True): "▄",
    (False, False): " ",
}
#: A full-block module: two cells. The glyph is "█" so that the rows read as the code
#: when printed; the TUI draws these cells by their background (no glyph needed).
FULL_DARK: Final = "██"
FULL_LIGHT: Final = "  "


def qr_matrix(data: str, border: int = QUIET_ZONE) -> list[list[bool]]:
    """The modules of ``data``'s QR code (error correction M), quiet zone of ``border``
    modules included; ``True`` is a dark module."""
    return [list(row) for row in _matrix(data, border)]


@lru_cache(maxsize=64)
def _matrix(data: str, border: int) -> tuple[tuple[bool, ...], ...]:
    # An order's screen and its emails draw the same code: cached per code.
    if border < 0:
        raise ValueError("border must not be negative")
    _import_qrcode()
    import qrcode
    from qrcode.constants import ERROR_CORRECT_M

    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=border)
    code.add_data(data)  # qrcode picks the smallest version and the segment modes
    code.make(fit=True)  # mask_pattern unset: qrcode chooses the lowest-penalty mask
    return tuple(tuple(bool(module) for module in row) for row in code.get_matrix())


#: The module by which ``qrcode`` brings in Pillow's drawing of styled images, when Pillow
#: is installed (fpdf2 installs it): Pillow's image, font and drawing modules, freetype,
#: harfbuzz, libtiff… 3 MiB of memory and 0.19 s of import, for images this module never
#: makes (the matrix is read directly; the e-mail's PNG is pypng's).
_PIL_DRAWERS: Final = "qrcode.image.styles.moduledrawers.pil"


def _import_qrcode() -> None:
    """Import ``qrcode`` (if not yet) without its Pillow drawers.

    ``qrcode.image.styles.moduledrawers`` imports them "for backwards compatibility"
    inside ``try … except ImportError``; a ``None`` in ``sys.modules`` makes that import
    fail, during this import only (importing the drawers explicitly works afterwards).
    """
    if "qrcode" in sys.modules:
        return
    blocked = _PIL_DRAWERS not in sys.modules
    if blocked:
        sys.modules[_PIL_DRAWERS] = None  # type: ignore[assignment]
    try:
        import qrcode  # noqa: F401  (pure Python; only needed once a QR code is drawn)
    finally:
        if blocked and sys.modules.get(_PIL_DRAWERS, False) is None:
            del sys.modules[_PIL_DRAWERS]


@lru_cache(maxsize=64)
def _rows(data: str, drawing: Drawing, border: int) -> tuple[str, ...]:
    matrix = _matrix(data, border)
    if drawing == "full":
        return tuple("".join(FULL_DARK if m else FULL_LIGHT for m in row) for row in matrix)
    light = (False,) * (len(matrix[0]) if matrix else 0)
    rows = []
    for top in range(0, len(matrix), 2):
        upper = matrix[top]
        lower = matrix[top + 1] if top + 1 < len(matrix) else light
        rows.append("".join(_BLOCKS[pair] for pair in zip(upper, lower, strict=True)))
    return tuple(rows)


def qr_rows(data: str, border: int = QUIET_ZONE, drawing: Drawing = "half") -> list[str]:
    """``data``'s QR code as text rows.

    ``half``: one character = 1 module wide, 2 modules tall ("█", "▀", "▄" or " "); with
    an odd number of module rows the last row's lower half is light. ``full``: two
    characters per module ("██" or two spaces), one row per module. Draw them black on
    white (see the module's docstring)."""
    if drawing not in DRAWINGS:
        raise ValueError(f"unknown drawing {drawing!r}")
    return list(_rows(data, drawing, border))


def qr_size(data: str, drawing: Drawing, border: int = QUIET_ZONE) -> tuple[int, int]:
    """(columns, lines) the text drawing of ``data`` takes on a terminal."""
    rows = _rows(data, drawing, border)
    return (len(rows[0]) if rows else 0, len(rows))


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
