"""Continue on a transfer with neither operator nor card type flags both at once."""

from __future__ import annotations

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.widgets.field import Field
from tests.support.screens import at_number_step
from tests.tui.conftest import SIZE, choose


async def test_transfer_without_operator_nor_card_type(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await choose(pilot, "input-number_request", "transfer")
        await pilot.press("ctrl+n")
        await pilot.pause()
        invalid = [str(f.name) for f in app.screen.query(Field) if f.invalid]
        assert invalid == ["current_operator", "card_type"]
        assert app.focused is app.screen.query_one("#input-current_operator")
