"""Helpers of the resilience tests that drive the wizard (Pilot): an app with drafts or
a kiosk on a demo backend in a throw-away folder, and what a notification shows."""

from __future__ import annotations

from pathlib import Path

from textual.pilot import Pilot
from textual.widgets._toast import Toast

from fleet_tui.clients.base import ClientOptions
from fleet_tui.clients.demo import DemoClient
from fleet_tui.session.drafts import DraftStore
from fleet_tui.session.kiosk import KioskSession
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.resilience import Resilience

SIZE = (100, 32)
#: Short, so that tests see a save without waiting half a second.
DELAY = 0.05


def demo_client(data_dir: Path) -> DemoClient:
    """A demo client on its own store in ``data_dir``."""
    client = DemoClient.from_options(ClientOptions(data_dir=data_dir))
    assert isinstance(client, DemoClient)
    return client


def drafts_app(tmp_path: Path, *, delay: float = DELAY) -> tuple[FleetApp, DraftStore]:
    """The wizard in English with drafts kept in ``tmp_path/drafts``, and their store."""
    store = DraftStore.for_client("demo", tmp_path / "demo", folder=tmp_path / "drafts")
    resilience = Resilience(store=store, delay=delay)
    return FleetApp(demo_client(tmp_path / "demo"), lang="en", resilience=resilience), store


def kiosk_app(session: KioskSession, idle: float = 120.0) -> FleetApp:
    """The wizard in English in kiosk mode on ``session``'s folder."""
    store = DraftStore.for_client("demo", session.data_dir, folder=session.drafts_dir)
    resilience = Resilience(store=store, kiosk=session, idle_timeout=idle, delay=DELAY)
    return FleetApp(demo_client(session.data_dir), lang="en", resilience=resilience)


def toasts(pilot: Pilot[None]) -> list[str]:
    """The text of every notification on screen, as rendered."""
    return [str(toast.render()) for toast in pilot.app.screen.query(Toast)]


async def until_toast(pilot: Pilot[None], timeout: float = 5.0) -> None:
    """Wait until a notification is on screen (at most ``timeout`` seconds). A notice
    raised with ``call_after_refresh`` shows only after the next frame and the toast's
    mount: one idle pause is not always enough."""
    await pilot.pause()
    waited = 0.0
    while not pilot.app.screen.query(Toast) and waited < timeout:
        await pilot.pause(0.01)
        waited += 0.01


def flat(text: str) -> str:
    """``text`` with every run of whitespace made one space (wrapped lines joined)."""
    return " ".join(text.split())
