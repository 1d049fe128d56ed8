"""The "resume the order in progress?" dialog shown after sign-in when a draft was saved."""

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
from fleet_tui.core.moments import format_moment
from fleet_tui.session.drafts import SavedDraft


class ResumeDialog(ModalScreen[bool | None]):
    """Answers ``True`` (resume), ``False`` (discard) or ``None`` (decide later: the
    dashboard's button still resumes it).

    | Key | Action |
    |-----|--------|
    | Enter | The focused button (Resume is focused first) |
    | Tab / Shift+Tab, ← / → | Between Resume and Discard |
    | Esc | Decide later |
    """

    DEFAULT_CSS = """
    ResumeDialog {
        align: center middle;
    }
    ResumeDialog > #resume-dialog {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ResumeDialog #resume-title {
        text-style: bold;
    }
    ResumeDialog #resume-actions {
        height: auto;
        margin-top: 1;
    }
    ResumeDialog #resume-actions Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "later", "Later", id="resume-later"),
        Binding("left", "app.focus_previous", "Previous", id="resume-previous", show=False),
        Binding("right", "app.focus_next", "Next", id="resume-next", show=False),
    ]

    def __init__(self, saved: SavedDraft, step_title: str, tr: Translator) -> None:
        super().__init__()
        self.saved = saved
        self.step_title = step_title
        self.tr = tr

    def compose(self) -> ComposeResult:
        tr = self.tr
        # Brussels time, written out, like every other moment the wizard shows (not the
        # machine's zone: a server runs in UTC).
        when = format_moment(self.saved.saved_at, tr.lang)
        with Vertical(id="resume-dialog"):
            yield Static(Content(tr("drafts.resume_title")), id="resume-title")
            yield Static(
                Content(tr("drafts.resume_body", saved_at=when, step=self.step_title)),
                id="resume-body",
            )
            with Horizontal(id="resume-actions"):
                yield Button(
                    Content(tr("drafts.resume")), id="resume", variant="primary", compact=True
                )
                yield Button(Content(tr("drafts.discard")), id="discard", compact=True)

    def on_mount(self) -> None:
        self.query_one("#resume", Button).focus()

    @on(Button.Pressed, "#resume")
    def _resume(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(True)

    @on(Button.Pressed, "#discard")
    def _discard(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(False)

    def action_later(self) -> None:
        """Close without deciding."""
        self.dismiss(None)
