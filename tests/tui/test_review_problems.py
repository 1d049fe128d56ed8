"""The review of an order with problems: a step that still has problems is not shown
done in the step indicator, and the toast that refused the step's Continue does not
follow the operator onto the review (both were frozen into a snapshot)."""

from __future__ import annotations

from collections.abc import Callable

from textual.widgets._toast import Toast

from fleet_tui.core.draft import OrderDraft
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.review import ReviewScreen
from fleet_tui.tui.steps import states
from tests.support.screens import open_step
from tests.tui.card_helpers import at_new_card, go_on
from tests.tui.conftest import SIZE, choose


def test_a_step_passed_with_problems_is_not_done() -> None:
    draft = OrderDraft(number_request="new")
    shown = {s.id: state for s, state in states("review", draft, {"new_card"})}
    assert shown["new_card"] == "todo"
    assert shown["number"] == shown["invoice_split"] == "done"
    assert {s.id: state for s, state in states("review", draft)}["new_card"] == "done"


async def test_the_review_marks_the_step_to_fix_and_drops_the_stale_toast(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await at_new_card(pilot)
        await choose(pilot, "input-sim_format", "physical")
        await go_on(pilot, "NewCardScreen")  # refused, with a toast
        assert app.screen.query(Toast)
        await open_step(pilot, "review")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert not app.screen.query(Toast)
        indicator = dict(app.screen.indicator_states())
        assert indicator["tui.step.new_card"] == "todo"
        assert indicator["tui.step.number"] == "done"
