"""F5 on the confirmation: the eSIM QR code alone, centred, so that a phone can scan it
even at 80x24 where the confirmation's own copy is partly scrolled away.

The view draws the largest drawing that fits the terminal (or the one the settings or
F8 chose) and, when none fits, says so instead of cropping the quiet zone. The code is
a secret: the view closes itself after the configured timeout.
"""

from __future__ import annotations

from dataclasses import replace
from typing import TYPE_CHECKING, ClassVar, cast

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from fleet_tui.core.qr import DRAWINGS, Drawing
from fleet_tui.tui.timers import screen_timer
from fleet_tui.tui.widgets.key_bar import KeyBar
from fleet_tui.tui.widgets.qr import QrCode

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard

#: Lines of the view besides the code: the status line, the code as text, the key bar.
_OTHER_LINES = 3


def pick_drawing(
    choice: str, sizes: dict[Drawing, tuple[int, int]], width: int, height: int
) -> Drawing | None:
    """The drawing to show: ``choice`` if it fits (``auto``: the largest that fits), or
    ``None`` when the terminal is too small for it."""
    candidates: list[Drawing] = ["full", "half"] if choice == "auto" else [cast(Drawing, choice)]
    for drawing in candidates:
        columns, lines = sizes[drawing]
        if columns <= width and lines + _OTHER_LINES <= height:
            return drawing
    return None


class QrScreen(ModalScreen[None]):
    """The activation code's QR code on its own, with the code as text under it.

    | Key | Action |
    |-----|--------|
    | Esc, F5 | Back to the confirmation |
    | F7 | Copy the activation code (OSC 52) |
    | F8 | The other drawing (half blocks / full blocks) |
    """

    DEFAULT_CSS = """
    QrScreen {
        background: $background;
    }
    QrScreen Middle {
        width: 100%;
    }
    QrScreen Center {
        height: auto;
    }
    QrScreen #qr-code-text, QrScreen #qr-status {
        width: 100%;
        text-align: center;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f5", "dismiss", "Close", id="close-qr"),
        Binding("f7", "copy_code", "Copy code", id="copy-code"),
        Binding("f8", "switch_drawing", "Drawing", id="qr-drawing"),
    ]
    #: The help screen's note for this screen.
    HELP_NOTE: ClassVar[str] = "esim.help"

    def __init__(self, activation_code: str) -> None:
        super().__init__()
        self.activation_code = activation_code
        #: The drawing on screen (``None``: not yet encoded, or too small).
        self.drawing: Drawing | None = None
        self._sizes: dict[Drawing, tuple[int, int]] | None = None

    @property
    def measured(self) -> bool:
        """Whether the code's drawings have been measured (the view then shows one, or
        says the window is too small)."""
        return self._sizes is not None

    @property
    def fleet(self) -> Wizard:
        """The app, typed."""
        return cast("Wizard", self.app)

    def compose(self) -> ComposeResult:
        with Middle():
            yield Static(Content(self.fleet.tr("esim.encoding")), id="qr-status")
            slot = Center(id="qr-slot")
            slot.display = False  # until a drawing that fits is there
            yield slot
            # The code as text: typed by hand on a device that cannot scan.
            yield Static(Content(self.activation_code), id="qr-code-text")
        yield KeyBar()  # how to get back: nothing else on this screen says it

    def on_mount(self) -> None:
        self._measure()
        # A secret: gone after the timeout, whatever the operator does meanwhile.
        screen_timer(self, self.fleet.code_display.timeout, self._expire)

    @work(thread=True, exclusive=True, group="qr-measure")
    def _measure(self) -> None:
        from fleet_tui.core.qr import qr_size

        sizes = {drawing: qr_size(self.activation_code, drawing) for drawing in DRAWINGS}
        self.app.call_from_thread(self._measured, sizes)

    def _measured(self, sizes: dict[Drawing, tuple[int, int]]) -> None:
        self._sizes = sizes
        self._place()

    def on_resize(self) -> None:
        self._place()

    def _place(self) -> None:
        if self._sizes is None or not self.is_mounted:
            return
        tr = self.fleet.tr
        choice = self.fleet.code_display.drawing
        width, height = self.app.size
        drawing = pick_drawing(choice, self._sizes, width, height)
        status = self.query_one("#qr-status", Static)
        if drawing is None:
            self.drawing = None
            self._show(None)
            wanted: Drawing = "half" if choice == "auto" else choice
            columns, lines = self._sizes[wanted]
            status.update(
                Content(
                    tr(
                        "esim.too_small",
                        drawing=tr(f"esim.drawing.{wanted}"),
                        columns=columns,
                        lines=lines + _OTHER_LINES,
                        width=width,
                        height=height,
                        key="F8",
                    )
                )
            )
            return
        status.update(
            Content(
                tr(
                    "esim.drawing_now",
                    drawing=tr(f"esim.drawing.{drawing}"),
                    choice=tr(f"esim.choice.{choice}"),
                )
            )
        )
        if drawing != self.drawing:
            self.drawing = drawing
            self._show(drawing)

    @work(exclusive=True, group="qr-place")
    async def _show(self, drawing: Drawing | None) -> None:
        # The old drawing must be gone before the new one (same id) is mounted:
        # removing is asynchronous, and F8 where both drawings fit swapped them at once.
        slot = self.query_one("#qr-slot", Center)
        await slot.remove_children()
        if drawing is None:
            slot.display = False
            return
        await slot.mount(QrCode(self.activation_code, drawing=drawing, id="qr-full"))
        slot.display = True

    def _expire(self) -> None:
        app = self.app
        if self not in app.screen_stack:
            return
        while app.screen is not self:  # covered (help): that goes too, the code must
            app.pop_screen()
        self.dismiss()

    def action_copy_code(self) -> None:
        """Copy the activation code to the operator's clipboard (OSC 52)."""
        self.app.copy_to_clipboard(self.activation_code)
        self.app.notify(self.fleet.tr("esim.copied"), markup=False)

    def action_switch_drawing(self) -> None:
        """Half blocks ⇄ full blocks (kept for the rest of the session)."""
        app = self.fleet
        choice = app.code_display.drawing
        # What is on screen, or (too small) what was asked for: switch to the other one.
        shown: Drawing = self.drawing or ("half" if choice == "auto" else choice)
        new: Drawing = "full" if shown == "half" else "half"
        app.code_display = replace(app.code_display, drawing=new)
        self._place()
