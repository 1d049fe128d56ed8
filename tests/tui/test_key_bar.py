"""The key bar: the keys that work on the current screen, in the interface language,
redrawn only when that list changes."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.widgets.key_bar import KeyBar
from tests.support.screens import at_number_step

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
