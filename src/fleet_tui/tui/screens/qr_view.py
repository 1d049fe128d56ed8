"""F5 on the confirmation: the eSIM QR code alone, centred, so that a phone can scan it
even at 80x24 where the confirmation's own copy is partly scrolled away."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Middle
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from fleet_tui.tui.widgets.key_bar import KeyBar
from fleet_tui.tui.widgets.qr import QrCode


class QrScreen(ModalScreen[None]):
    """The activation code's QR code on its own, with the code as text under it.

    | Key | Action |
    |-----|--------|
    | Esc, F5 | Back to the confirmation |
    """

    DEFAULT_CSS = """
    QrScreen {
        background: $background;
    }
    QrScreen Center {
        height: auto;
    }
    QrScreen #qr-code-text {
        width: auto;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f5", "dismiss", "Close", id="close-qr"),
    ]

    def __init__(self, activation_code: str) -> None:
        super().__init__()
        self.activation_code = activation_code

    def compose(self) -> ComposeResult:
        with Middle():
            with Center():
                yield QrCode(self.activation_code, id="qr-full")
            with Center():
                # The code as text: typed by hand on a device that cannot scan.
                yield Static(Content(self.activation_code), id="qr-code-text")
        yield KeyBar()  # how to get back: nothing else on this screen says it
