"""Fixtures of the TUI tests: a demo backend in a throw-away folder and the app on it."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from fleet_tui.clients.base import ClientOptions
from fleet_tui.clients.demo import DemoClient
from fleet_tui.core.i18n import Lang
from fleet_tui.tui.app import FleetApp

SIZE = (80, 24)


@pytest.fixture(autouse=True)
def _truecolor_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """The same terminal for every run (the theme follows the colour depth)."""
    monkeypatch.setenv("TERM", "xterm-256color")
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.delenv("NO_COLOR", raising=False)


@pytest.fixture
def demo_client(tmp_path: Path) -> DemoClient:
    """A demo client whose store and outbox live in ``tmp_path`` (seeded on first use)."""
    return DemoClient.from_options(ClientOptions(data_dir=tmp_path / "demo"))


@pytest.fixture
def make_app(demo_client: DemoClient) -> Callable[..., FleetApp]:
    """Build the app on the demo client: ``make_app(lang="nl", ascii_only=True)``."""

    def build(lang: Lang = "fr", **kwargs: object) -> FleetApp:
        return FleetApp(demo_client, lang=lang, **kwargs)  # type: ignore[arg-type]

    return build


@pytest.fixture
def app(make_app: Callable[..., FleetApp]) -> FleetApp:
    """The app in French (the default language) on the demo client."""
    return make_app()


# The driving helpers live in drive.py (no pytest there); re-exported for the tests.
from tests.support.drive import (  # noqa: E402
    choose,
    screen_text,
    sign_in,
    to_number_step,
    transfer,
)

__all__ = ["SIZE", "choose", "screen_text", "sign_in", "to_number_step", "transfer"]
