"""The browser's keymap (fleet_tui.tui.browser_keys) on the confirmation: F4 shows the
QR code, F8 there switches its drawing, F4 closes it (the terminal keys are the other
confirmation tests'). At 120x50 both drawings fit: F8 swapped them at once, and the new
one was mounted before the old one was gone (DuplicateIds, the app crashed)."""

from __future__ import annotations

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.browser_keys import BROWSER_KEYMAP
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.qr_view import QrScreen
from tests.tui.test_confirmation_qr import drawn
from tests.tui.test_confirmation_qr_view import _esim_confirmation


async def test_in_a_browser_f4_shows_the_qr_code_and_f8_switches_its_drawing(
    app: FleetApp,
) -> None:
    async with app.run_test(size=(120, 50)) as pilot:
        confirmation = await _esim_confirmation(pilot, send_qr=True)
        app.update_keymap(BROWSER_KEYMAP)  # what FleetApp does when App.is_web
        await pilot.press("f4")
        await drawn(pilot)
        screen = app.screen
        assert isinstance(screen, QrScreen)
        first = screen.drawing
        await pilot.press("f8")
        await pilot.pause()
        assert screen.drawing != first
        await pilot.press("f4")
        await pilot.pause()
        assert app.screen is confirmation
        assert isinstance(confirmation, ConfirmationScreen)
