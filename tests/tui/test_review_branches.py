"""Editing from the review walks every step whose questions the edit changed, and a
choice list's cursor starts on the chosen entry (issue #9, items 5 and 6)."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Button, RadioSet

from fleet_tui.tui.app import FleetApp
from tests.support.screens import fleet
from tests.tui.card_helpers import go_on
from tests.tui.conftest import SIZE, choose
from tests.tui.flow_helpers import fill_port_in
from tests.tui.test_review_safety import open_review, valid_draft


async def edit(pilot: Pilot[None], step_id: str, expected: str) -> None:
    """Press the review's Edit button of ``step_id`` with the keyboard."""
    pilot.app.screen.query_one(f"#edit-{step_id}", Button).focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == expected


async def test_new_to_transfer_from_the_review_asks_the_port_in_details(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await edit(pilot, "number", "NumberScreen")
        await choose(pilot, "input-number_request", "transfer")
        await choose(pilot, "input-current_operator", "proximus")
        await choose(pilot, "input-card_type", "prepaid")
        await go_on(pilot, "PortInScreen")  # not straight back to the review
        await fill_port_in(pilot, "prepaid")
        # A transfer keeps its own number: the new card no longer asks for one.
        await go_on(pilot, "NewCardScreen")
        await go_on(pilot, "ReviewScreen")  # Invoice Split asks the same: skipped
        assert fleet(pilot).draft.number_request == "transfer"
        assert not fleet(pilot).state.editing_from_review


async def test_transfer_to_new_from_the_review_asks_the_desired_number(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        draft = valid_draft()
        draft.number_request, draft.current_operator, draft.card_type = (
            "transfer",
            "proximus",
            "prepaid",
        )
        draft.phone_number, draft.sim_card_number = "0470 12 34 56", "1150 1000 8475 7"
        draft.holder_name = "Jan Peeters"
        await open_review(pilot, draft)
        await edit(pilot, "number", "NumberScreen")
        await choose(pilot, "input-number_request", "new")
        await go_on(pilot, "NewCardScreen")  # the desired number is a new question
        assert pilot.app.screen.query("#input-desired_number")
        await go_on(pilot, "ReviewScreen")


async def test_an_edit_that_changes_no_question_goes_straight_back(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        await edit(pilot, "number", "NumberScreen")
        await go_on(pilot, "ReviewScreen")


async def test_the_first_arrow_moves_from_the_chosen_entry(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        draft = valid_draft()
        draft.number_request, draft.current_operator = "transfer", "proximus"
        await open_review(pilot, draft)
        await edit(pilot, "number", "NumberScreen")
        radio = pilot.app.screen.query_one("#input-number_request", RadioSet)
        assert pilot.app.focused is radio
        await pilot.press("up", "enter")  # from "transfer" (chosen) up to "new"
        await pilot.pause()
        assert fleet(pilot).draft.number_request == "new"
