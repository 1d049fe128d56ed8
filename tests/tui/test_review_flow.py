"""Step 7 — review, edit and come back, submit; what happens on each backend answer."""

from __future__ import annotations

import re
from pathlib import Path

from textual.widgets import Button, Static

from fleet_tui.clients.base import BackendUnavailable, ClientOptions, Confirmation
from fleet_tui.clients.demo import DemoClient
from fleet_tui.core.order import Order
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.support.screens import fleet, open_step
from tests.tui.card_helpers import (
    at_new_card,
    card_draft,
    fill_card,
    go_on,
    pick,
    submit,
    to_new_card,
)
from tests.tui.conftest import SIZE, screen_text

REFERENCE = re.compile(r"OBE-\d{10}-[A-Z]{4}")


async def to_review(app: FleetApp, pilot: object, **card: object) -> None:
    """Answer steps 3 to 6 for a valid new-number order and open the review."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await to_new_card(pilot)
    await fill_card(pilot, **card)  # type: ignore[arg-type]
    await go_on(pilot, "InvoiceSplitScreen")
    await go_on(pilot, "ReviewScreen")


async def at_review(pilot: object, **card: object) -> None:
    """The screen tier's :func:`to_review`: the review of :func:`card_draft`'s order."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await open_step(pilot, "review", card_draft(**card))  # type: ignore[arg-type]


async def test_new_number_physical_sim_end_to_end(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await to_review(app, pilot)
        # Every row of the review (the plan sits below the fold since the estimate
        # and the submit hint came above the answers).
        text = " ".join(str(row.content) for row in app.screen.query(Static))
        assert "Shape Traveller" in text and "5.16142" in text
        await submit(pilot)
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        assert REFERENCE.fullmatch(screen.confirmation.reference)
        assert screen.confirmation.reference in screen_text(app)


async def test_new_number_esim_end_to_end_shows_reference_and_qr(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await to_review(app, pilot, sim="esim")
        await submit(pilot)
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        assert REFERENCE.fullmatch(screen.confirmation.reference)
        code = screen.confirmation.activation_code
        assert code is not None and code.startswith("LPA:1$")
        assert not screen.query("#qr")  # a secret: shown on request (F6)
        await pilot.press("f6")
        await pilot.pause()
        assert screen.query("#qr")
        shown = screen.query_one("#confirmation-activation-code", Static).render()
        assert str(shown) == code


async def test_esim_without_qr_request_shows_no_qr(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_review(pilot, sim="esim", send_qr=False)
        await submit(pilot)
        assert isinstance(app.screen, ConfirmationScreen)
        assert app.screen.confirmation.activation_code
        assert not app.screen.query("#qr")


async def test_edit_from_review_then_back_to_review(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_review(pilot)
        app.screen.query_one("#edit-new_card", Button).focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewCardScreen"
        await pick(pilot, "input-plan", "shape-intense")
        await go_on(pilot, "ReviewScreen")  # straight back, not to Invoice Split
        rows = app.screen.query_one("#review-new_card .review-rows", Static)
        assert "Shape Intense" in str(rows.render())


async def test_review_lists_problems_by_step_and_refuses_to_submit(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        before = await fleet(pilot).client.recent_orders(50)
        await open_step(pilot, "review")
        await pilot.pause()
        errors = app.screen.query_one("#review-new_card .review-errors", Static)
        assert errors.display and "⚠" in str(errors.render())
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
        assert app.focused is app.screen.query_one("#edit-new_card")
        assert await fleet(pilot).client.recent_orders(50) == before  # nothing sent


async def test_reserved_number_taken_meanwhile_lands_on_desired_number(
    app: FleetApp, demo_client: DemoClient
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft())
        taken = fleet(pilot).context.account.reserved_numbers[0]  # type: ignore[union-attr]
        await pick(pilot, "input-desired_number", taken)
        # Another request (another operator, a batch run) claims the number first.
        earlier = fleet(pilot).draft.to_document()
        earlier["sim"] = {"format": "physical", "sim_number": "1150100000001"}
        demo_client.backend.submit(earlier, "someone-else")
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")
        await submit(pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        assert "desired_number" in fleet(pilot).state.pending_errors
        assert app.focused is app.screen.query_one("#edit-new_card")
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewCardScreen"
        field = app.screen.query_one("#field-desired_number")
        assert field.has_class("-invalid")
        message = str(field.query_one(".field--error", Static).render())
        assert "déjà été utilisé" in message or "utilisé" in message


class FlakyDemoClient(DemoClient):
    """The demo client whose first submission fails as an unreachable backend would
    (after the order reached the store: the answer is what got lost)."""

    keys: list[str]

    async def submit(self, order: Order, idempotency_key: str) -> Confirmation:
        self.keys.append(idempotency_key)
        confirmation = await super().submit(order, idempotency_key)
        if len(self.keys) == 1:
            raise BackendUnavailable("connection reset")
        return confirmation


async def test_backend_unavailable_keeps_the_order_and_retry_reuses_the_key(
    tmp_path: Path,
) -> None:
    client = FlakyDemoClient.from_options(ClientOptions(data_dir=tmp_path / "demo"))
    assert isinstance(client, FlakyDemoClient)
    client.keys = []
    app = FleetApp(client)
    async with app.run_test(size=SIZE) as pilot:
        await at_review(pilot)
        before = len(await client.recent_orders(50))
        await submit(pilot)
        assert type(app.screen).__name__ == "ReviewScreen"
        assert "injoignable" in screen_text(app)
        assert str(app.screen.query_one("#continue", Button).label) == "Réessayer"
        await submit(pilot)
        assert isinstance(app.screen, ConfirmationScreen)
        assert client.keys[0] == client.keys[1]
        # The lost answer did not create a second order.
        assert len(await client.recent_orders(50)) == before + 1


async def test_ended_session_goes_back_to_sign_in_keeping_the_draft(
    app: FleetApp, demo_client: DemoClient
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_review(pilot)
        draft = fleet(pilot).draft
        demo_client._session = None  # the session expired on the backend
        await submit(pilot)
        assert type(app.screen).__name__ == "SignInScreen"
        assert fleet(pilot).draft is draft and draft.plan == "shape-traveller"


async def test_submit_is_busy_and_buttons_disabled_while_running(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_review(pilot)
        screen = app.screen
        screen.busy = True  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen.query_one("#review-busy").display
        assert all(b.disabled for b in screen.query(Button))
        await pilot.press("ctrl+n")  # ignored while busy
        await pilot.pause()
        assert type(app.screen).__name__ == "ReviewScreen"
