"""The "resume the order in progress?" dialog shown after sign-in when a draft was saved."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from fleet_tui.core.i18n import Translator
from fleet_tui.core.moments import format_moment
from fleet_tui.session.drafts import SavedDraft
from fleet_tui.tui.screens.question import Choice, Question, QuestionScreen


class ResumeDialog(QuestionScreen[bool | None]):
    """Answers ``True`` (resume), ``False`` (discard) or ``None`` (decide later: the
    dashboard's button still resumes it).

    | Key | Action |
    |-----|--------|
    | Enter | The focused button (Resume is focused first) |
    | Tab / Shift+Tab, ← / → | Between Resume and Discard |
    | Esc | Decide later |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "escape_answer", "Later", id="resume-later"),
    ]

    def __init__(self, saved: SavedDraft, step_title: str, tr: Translator) -> None:
        super().__init__()
        self.saved = saved
        self.step_title = step_title
        self.tr = tr

    def question(self) -> Question[bool | None]:
        tr = self.tr
        # Brussels time, written out, like every other moment the wizard shows (not the
        # machine's zone: a server runs in UTC).
        when = format_moment(self.saved.saved_at, tr.lang)
        return Question(
            tr("drafts.resume_title"),
            tr("drafts.resume_body", saved_at=when, step=self.step_title),
            [
                Choice("resume", tr("drafts.resume"), True, variant="primary"),
                Choice("discard", tr("drafts.discard"), False),
            ],
        )

    def on_escape(self) -> bool | None:
        return None  # decide later
