"""The eSIM activation code on the confirmation is a secret: hidden until F6, hidden
again after the timeout or when the screen is left; F7 copies it; the QR view draws the
largest drawing that fits, or says the window is too small — never a cropped code."""

from __future__ import annotations

import asyncio
import urllib.parse
from pathlib import Path
from typing import Any

from textual.widgets import Static

from fleet_tui.session.code_display import CodeDisplay
from fleet_tui.session.kiosk import KioskSession
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.qr_view import QrScreen, pick_drawing
from fleet_tui.tui.screens.sign_in import SignInScreen
from fleet_tui.tui.widgets.qr import QrCode
from tests.resilience.tui_support import kiosk_app
from tests.tui.conftest import SIZE, screen_text
from tests.tui.test_confirmation_qr import decode, drawn, rendered_modules, reveal
from tests.tui.test_confirmation_screen import ESIM_ORDER, confirmation, show

CODE = "LPA:1$SMDP.FLEET-TUI-DEMO.INVALID$ABCDE-12345-FGHIJ-67890$$1"
SECRET = "48151623"


def _flagged() -> Any:
    return confirmation(ESIM_ORDER, code=CODE).model_copy(update={"confirmation_code": SECRET})


def _value(app: FleetApp, name: str) -> str:
    return str(app.screen.query_one(f"#confirmation-{name}", Static).render())


async def test_the_code_shows_only_after_f6_with_every_way_to_install(app: FleetApp) -> None:
    async with app.run_test(size=(100, 60)) as pilot:
        await show(pilot, _flagged())
        assert "ABCDE-12345" not in screen_text(app)
        assert not app.screen.query(QrCode)
        assert "F6" in screen_text(app)  # the notice and the key bar say which key
        qr = await reveal(pilot)
        assert decode(rendered_modules(app, qr)) == [CODE]
        assert _value(app, "smdp-address") == "SMDP.FLEET-TUI-DEMO.INVALID"
        assert _value(app, "matching-id") == "ABCDE-12345-FGHIJ-67890"
        ios = _value(app, "ios-link")
        assert ios.startswith("https://esimsetup.apple.com/esim_qrcode_provisioning?carddata=")
        assert urllib.parse.parse_qs(urllib.parse.urlsplit(ios).query)["carddata"] == [CODE]
        assert _value(app, "windows-link") == "lpa:" + CODE[4:]
        # The confirmation code: shown apart, never in the QR code.
        assert str(app.screen.query_one("#confirmation-code", Static).render()) == SECRET
        assert SECRET not in decode(rendered_modules(app, qr))[0]
        await pilot.press("f6")
        await pilot.pause()
        assert not app.screen.query(QrCode)
        assert SECRET not in screen_text(app) and "ABCDE" not in screen_text(app)


async def test_the_code_hides_itself_after_the_timeout(app: FleetApp) -> None:
    app.code_display = CodeDisplay(timeout=1.0)
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, _flagged())
        await pilot.press("f6")
        await pilot.pause()
        assert app.screen.query("#confirmation-activation-code")
        await asyncio.sleep(1.3)
        await pilot.pause()
        assert not app.screen.query("#confirmation-activation-code")
        assert not app.screen.query(QrCode)


async def test_leaving_the_screen_hides_the_code(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, _flagged())
        confirmation_screen = app.screen
        await reveal(pilot)
        await pilot.press("f1")  # help on top: the confirmation is left
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is confirmation_screen
        assert not app.screen.query("#confirmation-activation-code")


async def test_f7_copies_the_activation_code(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, _flagged())
        await pilot.press("f7")
        await pilot.pause()
        assert app.clipboard == CODE
        assert "ABCDE" not in screen_text(app)  # copying shows nothing


async def test_help_says_some_terminals_ignore_osc_52(app: FleetApp) -> None:
    async with app.run_test(size=(100, 40)) as pilot:
        await show(pilot, _flagged())
        await pilot.press("f1")
        await pilot.pause()
        assert "OSC 52" in screen_text(app)


async def test_the_qr_view_closes_itself_after_the_timeout(app: FleetApp) -> None:
    app.code_display = CodeDisplay(timeout=1.5)
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, _flagged())
        await pilot.press("f5")
        await pilot.pause()
        assert isinstance(app.screen, QrScreen)
        await asyncio.sleep(1.8)
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert "ABCDE" not in screen_text(app)


async def test_full_blocks_that_do_not_fit_are_refused_not_cropped(app: FleetApp) -> None:
    app.code_display = CodeDisplay(drawing="full")
    async with app.run_test(size=SIZE) as pilot:
        await show(pilot, _flagged())
        await pilot.press("f5")
        assert await drawn(pilot) is None
        text = screen_text(app)
        assert "trop petite" in text and "80×24" in text
        await pilot.press("f8")  # the other drawing: half blocks fit
        qr = await drawn(pilot)
        assert qr is not None and qr.drawing == "half"
        assert decode(rendered_modules(app, qr)) == [CODE]


async def test_full_blocks_decode_where_they_fit(app: FleetApp) -> None:
    async with app.run_test(size=(100, 45)) as pilot:
        await show(pilot, _flagged())
        await pilot.press("f5")
        qr = await drawn(pilot)
        assert qr is not None and qr.drawing == "full"  # auto: the largest that fits
        assert qr.region.width == 2 * qr.region.height
        assert decode(rendered_modules(app, qr)) == [CODE]


def test_pick_drawing_prefers_the_largest_that_fits() -> None:
    sizes: Any = {"half": (37, 19), "full": (74, 37)}
    assert pick_drawing("auto", sizes, 80, 24) == "half"
    assert pick_drawing("auto", sizes, 80, 40) == "full"
    assert pick_drawing("auto", sizes, 36, 40) is None
    assert pick_drawing("full", sizes, 80, 24) is None
    assert pick_drawing("half", sizes, 80, 40) == "half"


async def test_a_kiosks_idle_wipe_hides_the_code(tmp_path: Path) -> None:
    with KioskSession(tmp_path) as session:
        # Idle long enough for the sign-in and the dashboard under a loaded machine.
        app = kiosk_app(session, idle=4.0)
        async with app.run_test(size=SIZE) as pilot:
            await show(pilot, _flagged())
            await pilot.press("f5")  # a key: the kiosk is in use again
            await drawn(pilot)
            assert "ABCDE" in screen_text(app)
            await pilot.pause(5.0)  # left alone: the kiosk wipes the order
            assert isinstance(app.screen, SignInScreen)
            assert not app.query(QrCode)
            assert "ABCDE" not in screen_text(app)
