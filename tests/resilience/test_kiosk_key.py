"""The kiosk's F12 is one static binding of the app (no private Textual API): the key
bar offers it in a kiosk, and nowhere else."""

from __future__ import annotations

from pathlib import Path

from fleet_tui.core.i18n import t
from fleet_tui.session.kiosk import KioskSession
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.widgets.key_bar import KeyBar
from tests.resilience.tui_support import SIZE, demo_client, kiosk_app


def offered(app: FleetApp) -> list[str]:
    return [text for _key, text, _enabled in app.screen.query_one(KeyBar).current_keys()]


async def test_the_key_bar_offers_the_reset_key_in_a_kiosk_only(tmp_path: Path) -> None:
    reset = t("drafts.binding.kiosk-reset", "en")
    with KioskSession(tmp_path) as session:
        app = kiosk_app(session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.pause()
            assert reset in offered(app)
    app = FleetApp(demo_client(tmp_path / "demo"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert reset not in offered(app)
