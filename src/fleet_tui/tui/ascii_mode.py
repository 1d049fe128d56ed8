"""``--ascii``: no Unicode signs on screen, for terminals and fonts that lack them.

Our own widgets choose ASCII signs themselves (the step indicator, radio buttons, error
lines), but text from the catalogues and the backend (dashes, typographic quotes, the
French no-break spaces, "…"), Textual's own widgets (a Select's arrow, half-block
edges) and its block scroll bars reached the terminal as they were. Two measures:

- every character written to the terminal goes through :data:`ASCII_SIGNS`, a one-for-
  one table (each sign and its replacement are one cell wide, so no layout moves):
  ``—`` → ``-``, ``“ ”`` → ``"``, box drawing → ``- | +``, edge blocks → ``|`` …;
- scroll bars are drawn with ``#`` for the thumb instead of eighth blocks.

Not replaced: letters (``é`` is no sign, and Latin-1 terminals show it) and the QR
code's half and full blocks (``▀ ▄ █``): a QR code cannot be drawn in ASCII and stay
scannable, and without the blocks there is nothing to scan.
"""

from __future__ import annotations

import unicodedata

from rich.color import Color
from rich.segment import Segment, Segments
from rich.style import Style
from textual._context import active_app
from textual.driver import Driver
from textual.scrollbar import ScrollBar, ScrollBarRender

#: Blocks the QR code is drawn with (kept, see the module docstring).
QR_BLOCKS = frozenset("▀▄█")

_PUNCTUATION = {
    "\u00a0": " ",  # no-break space
    "\u2007": " ",  # figure space
    "\u2009": " ",  # thin space
    "\u202f": " ",  # narrow no-break space
    "\u2010": "-",
    "\u2011": "-",
    "\u2012": "-",
    "\u2013": "-",
    "\u2014": "-",
    "\u2015": "-",
    "\u2212": "-",
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u00ab": '"',
    "\u00bb": '"',
    "\u2026": ".",
    "\u00b7": "|",
    "\u2022": "*",
    "\u25cf": "*",
    "\u25cb": "o",
    "\u2713": "+",
    "\u2714": "+",
    "\u26a0": "!",
    "\u25bc": "v",
    "\u25b2": "^",
    "\u25b6": ">",
    "\u25c0": "<",
    "\u2192": ">",
    "\u2190": "<",
    "\u2191": "^",
    "\u2193": "v",
    "\u20ac": "E",  # "20€" → "20E": one cell, as the layout was measured
}


def _box_or_block(char: str) -> str | None:
    """The ASCII stand-in of a box-drawing or block character (by its Unicode name)."""
    if char in QR_BLOCKS:
        return None
    name = unicodedata.name(char, "")
    if name.startswith("BOX DRAWINGS"):
        horizontal, vertical = "HORIZONTAL" in name, "VERTICAL" in name
        if horizontal and not vertical:
            return "-"
        if vertical and not horizontal:
            return "|"
        return "+"
    if "SHADE" in name or "QUADRANT" in name:
        return "#"
    if "LEFT" in name or "RIGHT" in name:
        return "|"
    if "LOWER" in name:
        return "_"
    if "UPPER" in name:
        return "-"
    return None


def _table() -> dict[int, str]:
    table = {ord(char): ascii_char for char, ascii_char in _PUNCTUATION.items()}
    for code in range(0x2500, 0x25A0):  # box drawing and block elements
        stand_in = _box_or_block(chr(code))
        if stand_in is not None:
            table[code] = stand_in
    return table


#: ``str.translate`` table from each replaced sign to its one-cell ASCII stand-in.
ASCII_SIGNS: dict[int, str] = _table()


def ascii_text(text: str) -> str:
    """``text`` as ``--ascii`` shows it."""
    return text.translate(ASCII_SIGNS)


def ascii_driver(base: type[Driver]) -> type[Driver]:
    """``base`` with every write passed through :data:`ASCII_SIGNS`."""

    class AsciiDriver(base):  # type: ignore[valid-type, misc]
        def write(self, data: str) -> None:
            super().write(data.translate(ASCII_SIGNS))

    AsciiDriver.__name__ = f"Ascii{base.__name__}"
    return AsciiDriver


#: Textual's own defaults for a bar drawn without colours.
_BACK = Color.parse("#555555")
_BAR = Color.parse("bright_magenta")


class _BlankEnds(ScrollBarRender):
    VERTICAL_BARS = [" "] * 8
    HORIZONTAL_BARS = [" "] * 8


class FleetScrollBarRender(ScrollBarRender):
    """Textual's scroll bar; in an ``--ascii`` app the thumb is ``#`` on the track
    (no eighth blocks). Checked at each draw, so other apps in the process (tests)
    keep Textual's bars."""

    @classmethod
    def render_bar(
        cls,
        size: int = 25,
        virtual_size: float = 50,
        window_size: float = 20,
        position: float = 0,
        thickness: int = 1,
        vertical: bool = True,
        back_color: Color = _BACK,
        bar_color: Color = _BAR,
    ) -> Segments:
        args = (size, virtual_size, window_size, position, thickness, vertical)
        app = active_app.get(None)
        if not getattr(app, "ascii_only", False):
            return super().render_bar(*args, back_color, bar_color)
        drawn = _BlankEnds.render_bar(*args, back_color, bar_color)
        thumb = Style(color=bar_color, bgcolor=back_color)
        segments = [
            Segment("#" * len(s.text), thumb + Style(meta=s.style.meta))
            if s.style is not None and s.style.meta.get("@mouse.down") == "grab"
            else s
            for s in drawn.segments
        ]
        return Segments(segments, new_lines=drawn.new_lines)


def install(driver_class: type[Driver]) -> type[Driver]:
    """Turn on ASCII drawing; return the driver class the app must use."""
    ScrollBar.renderer = FleetScrollBarRender
    return ascii_driver(driver_class)
