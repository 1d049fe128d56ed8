"""The key bar: the keys that work on the current screen, in the interface language,
redrawn only when that list changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.widgets.key_bar import KeyBar
from tests.support.screens import at_number_step, show_screen
from tests.tui.test_confirmation_screen import ESIM_ORDER, confirmation

from .conftest import SIZE, screen_text, sign_in


async def test_each_screen_lists_its_own_keys(make_app: Callable[..., FleetApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert screen_text(app).splitlines()[-1].strip() == (
            "^n Add a card  ^q Quit  f1 Help  f2 Language  f3 Theme  ^o Jump"
        )
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert screen_text(app).splitlines()[-1].strip() == (
            "esc Back  ^n Continue  ^q Quit  f1 Help  f2 Language  f3 Theme  ^o Jump"
        )


async def test_moving_the_focus_does_not_redraw_the_bar(
    make_app: Callable[..., FleetApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        bar = app.screen.query_one(KeyBar)
        keys = bar.keys
        refreshes: list[object] = []
        original = bar.refresh

        def counting_refresh(*args: object, **kwargs: object) -> KeyBar:
            refreshes.append(args)
            return original()

        monkeypatch.setattr(bar, "refresh", counting_refresh)
        for _ in range(4):
            await pilot.press("tab")  # the radio set, Back, Continue, …
        await pilot.pause()
        assert bar.keys is keys
        assert refreshes == []
        await pilot.press("f2")  # en → fr: other texts, so other keys
        await pilot.pause()
        new_bar = app.screen.query_one(KeyBar)
        assert "Retour" in [description for _key, description, _on in new_bar.keys]


@pytest.mark.parametrize("lang", ["fr", "nl", "en"])
async def test_a_bar_too_long_for_80_columns_shows_whole_keys_and_keeps_help(
    make_app: Callable[..., FleetApp], lang: str
) -> None:
    """The eSIM confirmation has more keys than 80 columns hold: the bar leaves out the
    last ones whole (F1 lists them all) rather than cutting one after its key name."""
    app = make_app(lang=lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await show_screen(pilot, ConfirmationScreen(confirmation(ESIM_ORDER)))
        bar = app.screen.query_one(KeyBar)
        line = screen_text(app).splitlines()[-1].rstrip()
        whole = [f"{key} {text}" for key, text, _on in bar.keys]
        assert len("  ".join(whole)) + 2 > 80  # the case: not every key fits
        shown = [entry for entry in whole if entry in line]
        # What is drawn is exactly the whole entries kept, in their order.
        assert line.strip() == "  ".join(shown)
        help_entry = next(e for e in whole if e.startswith("f1 "))
        assert help_entry in shown
        assert len(shown) < len(whole)
