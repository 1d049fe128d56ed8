"""Step 3: new number or transfer, and what the step indicator says about step 4."""

from __future__ import annotations

from textual.widgets import RadioSet

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.dashboard import DashboardScreen
from fleet_tui.tui.screens.number import NumberScreen
from fleet_tui.tui.screens.port_in import PortInScreen
from fleet_tui.tui.steps import states
from tests.support.screens import at_number_step

from .conftest import SIZE, choose, screen_text, transfer


async def test_transfer_panel_only_for_a_transfer(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        panel = app.screen.query_one("#transfer-panel")
        assert not panel.display
        await choose(pilot, "input-number_request", "transfer")
        assert panel.display
        assert app.draft.number_request == "transfer"
        await choose(pilot, "input-number_request", "new")
        assert not panel.display


async def test_new_number_shows_port_in_as_skipped_and_jumps_over_it(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        assert screen_text(app).startswith(" 1✓ 2✓ 3● 4○ 5○")  # undecided: to do
        await choose(pilot, "input-number_request", "new")
        assert screen_text(app).startswith(" 1✓ 2✓ 3● 4– 5○")
        assert [state for _, state in states("number", app.draft)][3] == "skipped"
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current_step == "new_card"


async def test_transfer_leads_to_port_in(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await transfer(pilot, "proximus", "prepaid")
        assert screen_text(app).startswith(" 1✓ 2✓ 3● 4○ 5○")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PortInScreen)
        assert "Opérateur actuel\u00a0: Proximus" in screen_text(app)


async def test_continue_without_a_choice_is_refused_and_focuses_it(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        app.screen.query_one("#continue").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)
        assert app.focused is app.screen.query_one("#input-number_request", RadioSet)
        await choose(pilot, "input-number_request", "transfer")
        await choose(pilot, "input-card_type", "prepaid")
        app.screen.query_one("#continue").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)
        assert app.focused is app.screen.query_one("#input-current_operator", RadioSet)
        assert app.screen.query_one("#field-current_operator").has_class("-invalid")


async def test_back_keeps_the_answers(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await transfer(pilot, "telenet", "private_subscription")
        await pilot.press("ctrl+n")
        await pilot.pause()
        app.screen.query_one("#input-phone_number").focus()
        await pilot.press(*"0470 12 34 56")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)
        for radio_id, value in (
            ("input-number_request", "transfer"),
            ("input-current_operator", "telenet"),
            ("input-card_type", "private_subscription"),
        ):
            pressed = app.screen.query_one(f"#{radio_id}", RadioSet).pressed_button
            assert pressed is not None and pressed.name == value
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.screen.query_one("#input-phone_number").value == "0470 12 34 56"  # type: ignore[attr-defined]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
