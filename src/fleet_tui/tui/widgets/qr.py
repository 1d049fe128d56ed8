"""An eSIM activation code drawn as a QR code a phone camera can read off the screen.

The rows come from :func:`fleet_tui.core.qr.qr_rows`, in one of two drawings (4-module
quiet zone included): ``half`` — half blocks, 1 module wide and 2 tall per cell — or
``full`` — two whole cells per module, painted by their background, for fonts that leave
gaps between half blocks and terminals that draw ambiguous-width characters wide. They
are drawn line by line as strips, never as wrapped text, in explicit black on white: a
theme's light-on-dark colours would invert the code, and many cameras do not read an
inverted QR code. Textual's ``NO_COLOR`` filter (which would hand the colours back to the
terminal) is not applied to this widget: a QR code is data, not decoration.

Encoding is pure Python (5–20 ms): it runs in a thread worker, cached per code, and the
widget posts :class:`QrCode.Encoded` once its rows are there.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.filter import LineFilter, NoColor
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from fleet_tui.core.qr import Drawing

#: Dark modules in the foreground, light ones in the background, whatever the theme.
QR_STYLE = Style(color="#000000", bgcolor="#ffffff")
#: Full-block cells: the whole cell painted (no glyph that a font could leave gaps in).
DARK_CELL = Style(color="#ffffff", bgcolor="#000000")
LIGHT_CELL = Style(color="#000000", bgcolor="#ffffff")


class QrCode(Widget):
    """The QR code of ``data`` in ``drawing``, exactly as wide and tall as its rows
    (nothing until they are encoded).

    The widget never wraps or pads the code; in a container narrower than the code it
    is cropped on the right, so put it in a container that scrolls horizontally, or
    check the size first (:func:`fleet_tui.core.qr.qr_size`), as the QR view does.
    """

    DEFAULT_CSS = """
    QrCode {
        width: auto;
        height: auto;
        padding: 0;
        margin: 0;
    }
    """

    class Encoded(Message):
        """The rows are ready (posted by the widget once it can be drawn)."""

        def __init__(self, qr: QrCode) -> None:
            super().__init__()
            self.qr = qr

    def __init__(
        self,
        data: str,
        *,
        drawing: Drawing = "half",
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.data = data
        self.drawing: Drawing = drawing
        self.rows: list[str] = []

    def on_mount(self) -> None:
        self._encode()

    @work(thread=True, exclusive=True, group="qr-encode")
    def _encode(self) -> None:
        # Off the UI thread: the first encoding of a code takes milliseconds.
        from fleet_tui.core.qr import qr_rows

        rows = qr_rows(self.data, drawing=self.drawing)
        self.app.call_from_thread(self._show, rows)

    def _show(self, rows: list[str]) -> None:
        self.rows = rows
        self.refresh(layout=True)
        self.post_message(self.Encoded(self))

    def get_line_filters(self) -> Sequence[LineFilter]:
        return [f for f in super().get_line_filters() if not isinstance(f, NoColor)]

    def get_content_width(self, container: Size, viewport: Size) -> int:
        return len(self.rows[0]) if self.rows else 0

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.rows)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if not 0 <= y < len(self.rows):
            return Strip.blank(width)
        row = self.rows[y]
        if self.drawing == "full":
            # Runs of equal modules as one segment each: blank cells painted dark or light.
            segments = [
                Segment(" " * len(list(run)), DARK_CELL if glyph != " " else LIGHT_CELL)
                for glyph, run in groupby(row)
            ]
        else:
            segments = [Segment(row, QR_STYLE)]
        return Strip(segments, len(row)).crop_extend(0, width, None)
