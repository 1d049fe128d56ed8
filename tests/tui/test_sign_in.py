"""Step 1: signing in on the demo backend, errors as text, the dashboard after it."""

from __future__ import annotations

from textual.widgets import Input

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.dashboard import DashboardScreen
from fleet_tui.tui.screens.sign_in import SignInScreen

from .conftest import SIZE, screen_text, sign_in


async def test_the_demo_hint_is_shown_and_the_password_masked(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert "patricia / demo" in screen_text(app)
        assert app.screen.query_one("#input-password", Input).password
        assert app.focused is app.screen.query_one("#input-username")


async def test_a_wrong_password_shows_the_error_and_stays(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot, password="nope")
        assert isinstance(app.screen, SignInScreen)
        assert "Nom d'utilisateur ou mot de passe incorrect" in screen_text(app)
        assert app.context is None
        # The password is cleared and focused for the next try; the user name stays.
        assert app.screen.query_one("#input-password", Input).value == ""
        assert app.focused is app.screen.query_one("#input-password")
        assert app.screen.query_one("#input-username", Input).value == "patricia"


async def test_empty_fields_are_refused_before_asking_the_backend(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert "Indiquez le nom d'utilisateur et le mot de passe" in screen_text(app)


async def test_the_right_password_opens_the_dashboard_with_the_account(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, DashboardScreen)
        assert app.context is not None
        assert app.context.account.holder == "Patricia"
        text = screen_text(app)
        assert "Patricia" in text
        for customer in ("5.16142", "1.52797", "5.16100"):
            assert customer in text


async def test_the_busy_state_shows_while_the_worker_runs(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = app.screen
        assert isinstance(screen, SignInScreen)
        assert "Connexion en cours" not in screen_text(app)
        screen.busy = True
        await pilot.pause()
        assert "Connexion en cours" in screen_text(app)
        assert screen.query_one("#input-username", Input).disabled
