"""The question before a cancellation: yes cancels, no (the default, and Esc) keeps."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from fleet_tui.core.i18n import Translator


class ConfirmCancelScreen(ModalScreen[bool]):
    """Cancel request ``reference``? Dismissed with ``True`` (yes) or ``False``.

    | Key | Action |
    |-----|--------|
    | Esc | No, keep the request |
    | Tab, Enter | Move between and press the buttons ("No" has the focus first) |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "keep", "No", id="confirm-no"),
    ]

    DEFAULT_CSS = """
    ConfirmCancelScreen {
        align: center middle;
    }
    ConfirmCancelScreen > Vertical {
        width: 60;
        height: auto;
        padding: 1 2;
        border: heavy $error;
        background: $surface;
    }
    ConfirmCancelScreen Horizontal {
        height: auto;
        margin: 1 0 0 0;
    }
    ConfirmCancelScreen Button {
        margin: 0 2 0 0;
    }
    """

    def __init__(self, reference: str) -> None:
        super().__init__()
        self.reference = reference

    def compose(self) -> ComposeResult:
        tr: Translator = getattr(self.app, "tr", Translator())
        with Vertical():
            yield Static(
                Content(tr("orders.confirm.question", reference=self.reference)), id="question"
            )
            with Horizontal():
                yield Button(Content(tr("orders.confirm.no")), id="confirm-no", compact=True)
                yield Button(
                    Content(tr("orders.confirm.yes")),
                    id="confirm-yes",
                    variant="error",
                    compact=True,
                )

    def on_mount(self) -> None:
        # The safe answer first: an Enter typed ahead keeps the request.
        self.query_one("#confirm-no", Button).focus()

    @on(Button.Pressed, "#confirm-yes")
    def _yes(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#confirm-no")
    def _no(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    def action_keep(self) -> None:
        """No: keep the request."""
        self.dismiss(False)
