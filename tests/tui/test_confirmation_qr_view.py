"""At 80x24 the eSIM QR code does not fit under the confirmation: F5 shows it alone, and
the code read back from that screen as drawn decodes to the activation code."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.pilot import Pilot

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.qr_view import QrScreen
from tests.support.screens import open_step
from tests.tui.card_helpers import card_draft, submit
from tests.tui.conftest import SIZE, screen_text
from tests.tui.test_confirmation_qr import decode, drawn, rendered_modules


async def _esim_confirmation(pilot: Pilot[None], *, send_qr: bool) -> ConfirmationScreen:
    await open_step(pilot, "review", card_draft(sim="esim", send_qr=send_qr))
    await submit(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ConfirmationScreen)
    return screen


async def test_f5_shows_the_whole_qr_code_at_80x24(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        confirmation = await _esim_confirmation(pilot, send_qr=True)
        code = confirmation.confirmation.activation_code
        assert code
        await pilot.press("f5")
        qr = await drawn(pilot)
        assert isinstance(app.screen, QrScreen) and qr is not None
        modules = rendered_modules(app, qr)
        assert decode(modules) == [code]
        text = screen_text(app)
        assert code in text  # also as text, for a device that cannot scan
        assert text.splitlines()[-1].startswith(" esc Fermer")  # the way back, said
        await pilot.press("escape")
        await pilot.pause()
        shown: object = app.screen
        assert shown is confirmation


async def test_page_down_scrolls_the_confirmation(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        confirmation = await _esim_confirmation(pilot, send_qr=True)
        body = confirmation.query_one("#body", VerticalScroll)
        assert body.scroll_y == 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y > 0


async def test_no_qr_key_without_a_qr_code(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        confirmation = await _esim_confirmation(pilot, send_qr=False)
        await pilot.press("f5")
        await pilot.pause()
        assert app.screen is confirmation
