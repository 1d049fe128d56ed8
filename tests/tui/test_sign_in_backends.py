"""Sign-in against other backends: an unreachable HTTP server, a token-only client."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import ClassVar

from pydantic import SecretStr

from fleet_tui.clients.base import ClientOptions, Credentials, NotSignedIn, Session
from fleet_tui.clients.demo import DemoClient
from fleet_tui.clients.http import HttpClient
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.dashboard import DashboardScreen
from fleet_tui.tui.screens.sign_in import SignInScreen

from .conftest import SIZE, screen_text, sign_in


def _closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])  # closed again when the block ends


async def test_an_unreachable_backend_is_explained_in_the_interface_language() -> None:
    options = ClientOptions(
        api_url=f"http://127.0.0.1:{_closed_port()}",
        extra={"attempts": "1", "retry_base_delay": "0"},
    )
    app = FleetApp(HttpClient.from_options(options), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, SignInScreen)
        assert "The service cannot be reached right now" in screen_text(app)
        assert "patricia / demo" not in screen_text(app)  # the demo hint is for the demo


class TokenDemoClient(DemoClient):
    """The demo backend behind a token (as an SSO-style plugin would be)."""

    needs_password: ClassVar[bool] = False
    TOKEN: ClassVar[str] = "t0ken"

    async def sign_in(self, credentials: Credentials) -> Session:
        token = credentials.token.get_secret_value() if credentials.token else ""
        if token != self.TOKEN:
            raise NotSignedIn("bad token")
        return await super().sign_in(Credentials(username="patricia", password=SecretStr("demo")))


async def test_a_token_client_signs_in_with_one_button(tmp_path: Path) -> None:
    client = TokenDemoClient.from_options(ClientOptions(data_dir=tmp_path))
    app = FleetApp(client, token=SecretStr(TokenDemoClient.TOKEN))
    async with app.run_test(size=SIZE) as pilot:
        assert not app.screen.query("#input-password")
        app.screen.query_one("#sign-in-token").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)


async def test_a_wrong_token_is_refused(tmp_path: Path) -> None:
    client = TokenDemoClient.from_options(ClientOptions(data_dir=tmp_path))
    app = FleetApp(client, token=SecretStr("nope"))
    async with app.run_test(size=SIZE) as pilot:
        app.screen.query_one("#sign-in-token").focus()
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert "Le jeton configuré a été refusé" in screen_text(app)


async def test_f2_on_the_sign_in_keeps_the_user_name(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press(*"patricia", "f2")
        await pilot.pause()
        assert "Gebruikersnaam" in screen_text(app)
        assert "patricia" in screen_text(app)
