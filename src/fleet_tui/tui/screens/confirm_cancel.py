"""The question before a cancellation: yes cancels, no (the default, and Esc) keeps."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from fleet_tui.core.i18n import Translator
from fleet_tui.tui.screens.question import Choice, Question, QuestionScreen


class ConfirmCancelScreen(QuestionScreen[bool]):
    """Cancel request ``reference``? Dismissed with ``True`` (yes) or ``False``.

    | Key | Action |
    |-----|--------|
    | Esc | No, keep the request |
    | Tab, ← / →, Enter | Move between and press the buttons ("No" has the focus first) |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "escape_answer", "No", id="confirm-no"),
    ]

    def __init__(self, reference: str) -> None:
        super().__init__(classes="-danger")
        self.reference = reference

    def question(self) -> Question[bool]:
        tr: Translator = getattr(self.app, "tr", Translator())
        # The safe answer first: an Enter typed ahead keeps the request.
        return Question(
            None,
            tr("orders.confirm.question", reference=self.reference),
            [
                Choice("confirm-no", tr("orders.confirm.no"), False),
                Choice("confirm-yes", tr("orders.confirm.yes"), True, variant="error"),
            ],
        )

    def on_escape(self) -> bool:
        return False  # keep the request
