"""Ctrl+Q in the middle of an order: ask first, and say what becomes of the order."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static

from fleet_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard


class QuitScreen(ModalScreen[bool]):
    """ "Quit fleet-tui?" with what happens to the order; answers whether to quit.

    The focus starts on Stay: Enter typed ahead never quits.

    | Key | Action |
    |-----|--------|
    | Ctrl+Q | Quit |
    | Esc | Stay |
    """

    DEFAULT_CSS = """
    QuitScreen {
        align: center middle;
    }
    QuitScreen > #quit {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    QuitScreen #quit-title {
        text-style: bold;
    }
    QuitScreen #quit-actions {
        height: 1;
        margin: 1 0 0 0;
    }
    QuitScreen #quit-actions Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "stay", "Stay", id="quit-stay"),
    ]

    def __init__(self, *, draft_kept: bool) -> None:
        super().__init__()
        self.draft_kept = draft_kept

    def compose(self) -> ComposeResult:
        tr = cast("Wizard", self.app).tr
        kept = "safety.quit.draft_kept" if self.draft_kept else "safety.quit.draft_lost"
        with Vertical(id="quit"):
            yield Static(Content(tr("safety.quit.title")), id="quit-title")
            yield Static(Content(tr(kept)), id="quit-draft")
            with Horizontal(id="quit-actions"):
                yield Button(Content(tr("safety.quit.stay")), id="stay", compact=True)
                yield Button(Content(tr("safety.quit.quit")), id="quit-now", compact=True)
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one("#stay", Button).focus()

    @on(Button.Pressed, "#stay")
    def _stay_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    @on(Button.Pressed, "#quit-now")
    def _quit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    def action_stay(self) -> None:
        """Back to the order."""
        self.dismiss(False)
