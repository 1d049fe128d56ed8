"""Reading a QR code off a pyte screen the way a phone camera sees a *dark* terminal.

Each cell becomes pixels in the colours the program actually asked for; a cell left at
the terminal's default colours is drawn as a dark terminal draws it (light grey text on
black). The image is decoded with ZXing in strict polarity (``try_invert=False``): an
inverted code — light modules on dark — does not count.
"""

from __future__ import annotations

import pyte
import zxingcpp
from PIL import Image

#: Pixels per module side: a cell is 1 module wide and 2 tall in half blocks.
SCALE = 4
#: A dark terminal's defaults.
DEFAULT_FG = (229, 229, 229)
DEFAULT_BG = (0, 0, 0)
_NAMED = {
    "black": (0, 0, 0),
    "red": (205, 0, 0),
    "green": (0, 205, 0),
    "brown": (205, 205, 0),
    "yellow": (205, 205, 0),
    "blue": (0, 0, 238),
    "magenta": (205, 0, 205),
    "cyan": (0, 205, 205),
    "white": (229, 229, 229),
}


def _rgb(colour: str, default: tuple[int, int, int]) -> tuple[int, int, int]:
    # pyte names the 16 colours ("white", "brightwhite") and writes others as hex.
    if colour == "default":
        return default
    bright = colour.startswith("bright")
    name = colour.removeprefix("bright")
    if name in _NAMED:
        if colour == "brightblack":
            return (127, 127, 127)
        red, green, blue = _NAMED[name]
        lift = 26 if bright else 0
        return (min(255, red + lift), min(255, green + lift), min(255, blue + lift))
    if len(colour) == 6:
        return (int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16))
    raise AssertionError(f"unknown pyte colour {colour!r}")


def _halves(char: pyte.screens.Char) -> tuple[tuple[int, int, int], tuple[int, int, int]]:
    fg, bg = _rgb(char.fg, DEFAULT_FG), _rgb(char.bg, DEFAULT_BG)
    if char.reverse:
        fg, bg = bg, fg
    data = char.data or " "
    top = fg if data in ("█", "▀") else bg
    bottom = fg if data in ("█", "▄") else bg
    return top, bottom


def screen_image(screen: pyte.Screen) -> Image.Image:
    """The whole screen as an RGB image, each cell SCALE wide and 2×SCALE tall."""
    image = Image.new("RGB", (screen.columns * SCALE, screen.lines * 2 * SCALE), DEFAULT_BG)
    for y in range(screen.lines):
        line = screen.buffer[y]
        for x in range(screen.columns):
            top, bottom = _halves(line[x])
            left = x * SCALE
            image.paste(top, (left, 2 * y * SCALE, left + SCALE, (2 * y + 1) * SCALE))
            image.paste(bottom, (left, (2 * y + 1) * SCALE, left + SCALE, (2 * y + 2) * SCALE))
    return image


def decoded(screen: pyte.Screen) -> list[str]:
    """The QR codes on the screen, dark on light only."""
    return [b.text for b in zxingcpp.read_barcodes(screen_image(screen), try_invert=False)]
