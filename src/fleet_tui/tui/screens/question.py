"""A question asked in a box over the screen, answered with one of its buttons.

The quit, resume and cancel questions are this one screen with their own words. The
first button has the focus, and it is the safe answer (Stay, Resume, No): an Enter typed
ahead never quits, throws a draft away or cancels a request. Tab, Shift+Tab, ← and →
move between the buttons; Esc gives the question's own answer (a binding each subclass
declares, with its id for the key bar's words); the key bar shows the keys.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import ClassVar, Generic, TypeVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Static
from textual.widgets.button import ButtonVariant

from fleet_tui.tui.widgets.key_bar import KeyBar

AnswerT = TypeVar("AnswerT")


@dataclass(frozen=True)
class Choice(Generic[AnswerT]):
    """One button: its id, its text (translated), what it answers."""

    id: str
    label: str
    answer: AnswerT
    variant: ButtonVariant = "default"


@dataclass(frozen=True)
class Question(Generic[AnswerT]):
    """What a :class:`QuestionScreen` shows: a title (bold), the text under it, the
    buttons (the first, the safe answer, has the focus)."""

    title: str | None
    body: str
    choices: Sequence[Choice[AnswerT]]


class QuestionScreen(ModalScreen[AnswerT]):
    """Shows :meth:`question` and is dismissed with the answer of the button pressed,
    or :meth:`on_escape`'s on Esc. A subclass binds Esc to ``escape_answer``."""

    DEFAULT_CSS = """
    QuestionScreen {
        align: center middle;
    }
    QuestionScreen > #question-box {
        width: 64;
        max-width: 100%;
        height: auto;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    QuestionScreen.-danger > #question-box {
        border: heavy $error;
    }
    QuestionScreen #question-title {
        text-style: bold;
    }
    QuestionScreen #question-actions {
        height: auto;
        margin-top: 1;
    }
    QuestionScreen #question-actions Button {
        margin-right: 2;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "app.focus_previous", "Previous", id="question-previous", show=False),
        Binding("right", "app.focus_next", "Next", id="question-next", show=False),
    ]

    def question(self) -> Question[AnswerT]:
        """The words and buttons (called once, when the screen is composed)."""
        raise NotImplementedError

    def on_escape(self) -> AnswerT:
        """The answer Esc gives."""
        raise NotImplementedError

    def compose(self) -> ComposeResult:
        asked = self.question()
        self._answers = {choice.id: choice.answer for choice in asked.choices}
        self._first = asked.choices[0].id
        with Vertical(id="question-box"):
            if asked.title is not None:
                yield Static(Content(asked.title), id="question-title")
            yield Static(Content(asked.body), id="question-body")
            with Horizontal(id="question-actions"):
                for choice in asked.choices:
                    yield Button(
                        Content(choice.label), id=choice.id, variant=choice.variant, compact=True
                    )
        yield KeyBar()

    def on_mount(self) -> None:
        self.query_one(f"#{self._first}", Button).focus()

    @on(Button.Pressed, "#question-actions Button")
    def _answered(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(self._answers[event.button.id or ""])

    def action_escape_answer(self) -> None:
        """Esc: the question's own answer."""
        self.dismiss(self.on_escape())
