"""The review, exactly once: a card another order already holds is shown on its field;
an order changed after a submission whose answer was lost is not sent as a second one;
a new order gets a new key."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from fleet_tui.clients.base import BackendUnavailable, ClientOptions, Confirmation
from fleet_tui.clients.demo import DemoClient
from fleet_tui.core.order import Order
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.support.orders import as_draft, plain_order
from tests.support.screens import open_step
from tests.tui.card_helpers import submit
from tests.tui.conftest import SIZE


async def _at_review(app: FleetApp, pilot: object) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await open_step(pilot, "review")


async def test_a_card_held_by_another_order_is_shown_on_its_field(
    demo_client: DemoClient,
) -> None:
    draft = as_draft(plain_order())
    # Another operator (or a batch run) ordered on that card first.
    demo_client.backend.submit(plain_order(travel_data_control=100), "someone-else")
    app = FleetApp(demo_client, lang="en", draft=draft)
    async with app.run_test(size=SIZE) as pilot:
        await _at_review(app, pilot)
        await submit(pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        assert app.state.pending_errors["sim_number"].code == "sim_card_taken"
        assert app.focused is app.screen.query_one("#edit-new_card")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewCardScreen"
        field = app.screen.query_one("#field-sim_number")
        assert field.has_class("-invalid")
        message = str(field.query_one(".field--error", Static).render())
        assert message.endswith("This SIM card is already used by another order.")


class LosesFirstAnswer(DemoClient):
    """Stores the first submission, then fails as a lost answer would."""

    keys: list[str]

    async def submit(self, order: Order, idempotency_key: str) -> Confirmation:
        self.keys.append(idempotency_key)
        confirmation = await super().submit(order, idempotency_key)
        if len(self.keys) == 1:
            raise BackendUnavailable("connection reset")
        return confirmation


async def test_an_order_changed_after_a_lost_answer_is_not_sent_as_a_second(
    tmp_path: Path,
) -> None:
    client = LosesFirstAnswer.from_options(ClientOptions(data_dir=tmp_path / "demo"))
    assert isinstance(client, LosesFirstAnswer)
    client.keys = []
    app = FleetApp(client, lang="en", draft=as_draft(plain_order()))
    async with app.run_test(size=SIZE) as pilot:
        await _at_review(app, pilot)
        before = len(await client.recent_orders(50))
        await submit(pilot)  # stored; the answer is lost
        app.draft.travel_data_control = 100  # then the operator changes the order
        await open_step(pilot, "review")
        await submit(pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        status = str(app.screen.query_one("#review-status", Static).render())
        assert status.startswith("This order already reached the backend before it was changed")
        assert client.keys[0] == client.keys[1]
        assert len(await client.recent_orders(50)) == before + 1


async def test_the_next_order_gets_a_new_key(demo_client: DemoClient) -> None:
    app = FleetApp(demo_client, lang="en", draft=as_draft(plain_order()))
    async with app.run_test(size=SIZE) as pilot:
        await _at_review(app, pilot)
        await submit(pilot)
        assert isinstance(app.screen, ConfirmationScreen)
        first_key = app.draft.submission_key
        assert first_key
        await pilot.press("ctrl+n")  # a new order
        await pilot.pause()
        assert app.draft.submission_key is None
