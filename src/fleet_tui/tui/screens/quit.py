"""Ctrl+Q in the middle of an order: ask first, and say what becomes of the order."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.binding import Binding, BindingType

from fleet_tui.tui.screens.question import Choice, Question, QuestionScreen

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard


class QuitScreen(QuestionScreen[bool]):
    """ "Quit fleet-tui?" with what happens to the order; answers whether to quit.

    The focus starts on Stay: Enter typed ahead never quits.

    | Key | Action |
    |-----|--------|
    | Ctrl+Q | Quit |
    | Esc | Stay |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "escape_answer", "Stay", id="quit-stay"),
    ]

    def __init__(self, *, draft_kept: bool) -> None:
        super().__init__()
        self.draft_kept = draft_kept

    def question(self) -> Question[bool]:
        tr = cast("Wizard", self.app).tr
        kept = "safety.quit.draft_kept" if self.draft_kept else "safety.quit.draft_lost"
        return Question(
            tr("safety.quit.title"),
            tr(kept),
            [
                Choice("stay", tr("safety.quit.stay"), False),
                Choice("quit-now", tr("safety.quit.quit"), True),
            ],
        )

    def on_escape(self) -> bool:
        return False  # back to the order
