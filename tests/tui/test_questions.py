"""The quit, resume and cancel questions behave alike: the safe answer has the focus,
← and → move between the buttons, Esc gives the question's own answer, and the key bar
says what Esc does, in the interface language."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.widgets import Button

from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import t
from fleet_tui.session.drafts import SavedDraft
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirm_cancel import ConfirmCancelScreen
from fleet_tui.tui.screens.question import QuestionScreen
from fleet_tui.tui.screens.quit import QuitScreen
from fleet_tui.tui.screens.resume import ResumeDialog
from tests.support.drive import screen_text

from .conftest import SIZE

SAVED = SavedDraft(OrderDraft(number_request="new"), "new_card", datetime(2025, 3, 14, tzinfo=UTC))


def _quit(app: FleetApp) -> QuestionScreen[Any]:
    return QuitScreen(draft_kept=True)


def _resume(app: FleetApp) -> QuestionScreen[Any]:
    return ResumeDialog(SAVED, "Your new card", app.tr)


def _cancel(app: FleetApp) -> QuestionScreen[Any]:
    return ConfirmCancelScreen("OBE-2612021347-HQIK")


def _focused(app: FleetApp) -> str | None:
    return app.focused.id if isinstance(app.focused, Button) else None


#: Each question: how to build it, its buttons in order (the safe one first), what
#: Enter on the first and Esc answer, Esc's words on the key bar.
QUESTIONS = [
    (_quit, ["stay", "quit-now"], False, False, "safety.binding.quit-stay"),
    (_resume, ["resume", "discard"], True, None, "drafts.binding.resume-later"),
    (_cancel, ["confirm-no", "confirm-yes"], False, False, "orders.binding.confirm-no"),
]


@pytest.mark.parametrize(
    ("build", "buttons", "on_enter", "on_escape", "escape_words"),
    QUESTIONS,
    ids=["quit", "resume", "cancel"],
)
@pytest.mark.parametrize("key", ["enter", "escape"])
async def test_a_question_starts_on_its_safe_answer_and_moves_with_the_arrows(
    make_app: Callable[..., FleetApp],
    build: Callable[[FleetApp], QuestionScreen[Any]],
    buttons: list[str],
    on_enter: object,
    on_escape: object,
    escape_words: str,
    key: str,
) -> None:
    app = make_app(lang="en")
    answers: list[object] = []
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        question = build(app)
        app.push_screen(question, answers.append)
        await pilot.pause()
        assert _focused(app) == buttons[0]
        await pilot.press("right")
        assert _focused(app) == buttons[1]
        await pilot.press("left")
        assert _focused(app) == buttons[0]
        bar = screen_text(app).splitlines()[-1]
        assert f"esc {t(escape_words, 'en')}" in bar, bar
        await pilot.press(key)
        await pilot.pause()
        assert app.screen is not question
    assert answers == [on_enter if key == "enter" else on_escape]
