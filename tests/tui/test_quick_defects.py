"""Small defects of the wizard (issue 9, item 9): the draft's time in Brussels time, a
toast in the old language after F2, the catch-all operator named in three languages."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime

import pytest
from textual.widgets import Static

from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.catalogue import OTHER_OPERATOR
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import LANGUAGES, Lang
from fleet_tui.session.drafts import SavedDraft
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.resume import ResumeDialog
from tests.support.screens import at_number_step

from .conftest import SIZE, screen_text, transfer

#: Friday 14 March 2025, 09:26 UTC: 10:26 in Brussels.
SAVED_AT = datetime(2025, 3, 14, 9, 26, tzinfo=UTC)


@pytest.fixture
def machine_in_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """The machine's own zone is UTC, as on most servers."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.mark.usefixtures("machine_in_utc")
async def test_the_resume_dialog_says_when_in_brussels_time(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        saved = SavedDraft(OrderDraft(number_request="new"), "new_card", SAVED_AT)
        await app.push_screen(ResumeDialog(saved, "Votre nouvelle carte", app.tr))
        await pilot.pause()
        body = str(app.screen.query_one("#question-body", Static).content)
        assert "vendredi 14 mars 2025 à 10:26" in body
        assert "09:26" not in body


async def test_a_toast_does_not_stay_in_the_old_language(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await pilot.press("ctrl+n")  # nothing chosen: "corrigez 1 champ" as a toast
        await pilot.pause()
        french = [n.message for n in app._notifications]
        assert french
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "nl"
        assert not [n for n in app._notifications if n.message in french]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catch_all_operator_is_named_in_one_language(lang: Lang) -> None:
    other = next(o for o in load_seed().catalogue.operators if o.code == OTHER_OPERATOR)
    words = {"fr": "Autre", "nl": "Andere", "en": "Other"}
    assert other.label(lang) == words[lang]
    assert "/" not in other.name


async def test_the_number_step_lists_other_in_the_interface_language(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="nl")
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await transfer(pilot, "proximus", "prepaid")
        text = screen_text(app)
        assert "( ) Andere" in text
        assert "Autre" not in text and "Other" not in text
