"""An eSIM activation code drawn as a QR code a phone camera can read off the screen.

The rows come from :func:`fleet_tui.core.qr.qr_rows` (half blocks, 1 module wide and
2 tall per cell, 4-module quiet zone included). They are drawn line by line as strips,
never as wrapped text, in explicit black on white: a theme's light-on-dark colours would
invert the code, and many cameras do not read an inverted QR code.
"""

from __future__ import annotations

from rich.segment import Segment
from rich.style import Style
from textual.geometry import Size
from textual.strip import Strip
from textual.widget import Widget

#: Dark modules in the foreground, light ones in the background, whatever the theme.
QR_STYLE = Style(color="#000000", bgcolor="#ffffff")


class QrCode(Widget):
    """The QR code of ``data``, exactly as wide and tall as its rows.

    The widget never wraps or pads the code; in a container narrower than the code it
    is cropped on the right, so put it in a container that scrolls horizontally.
    """

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
        padding: 0;
        margin: 0;
    }
    """

    def __init__(self, data: str, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        from fleet_tui.core.qr import qr_rows  # imports zxing-cpp: only once a code is shown

        self.data = data
        self.rows: list[str] = qr_rows(data)

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self.rows[0]) if self.rows else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if not 0 <= y < len(self.rows):
            return Strip.blank(width)
        row = self.rows[y]
        return Strip([Segment(row, QR_STYLE)], len(row)).crop_extend(0, width, None)
