"""Under the Help dialog the bottom line lists the dialog's keys, not the step's: the
step's Ctrl+N (Continue) does nothing while the dialog is open."""

from __future__ import annotations

from collections.abc import Callable

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.help import HelpScreen
from tests.support.screens import at_number_step

from .conftest import SIZE, screen_text


async def test_the_bar_under_help_offers_only_what_works(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        assert screen_text(app).splitlines()[-1].strip() == "esc Close"
        await pilot.press("ctrl+n")  # offered before the fix, and it did nothing
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("escape")
        await pilot.pause()
        assert screen_text(app).splitlines()[-1].strip().startswith("esc Back  ^n Continue")
