""" "Another like this" (Ctrl+R on the confirmation): the next order opens pre-filled
with what is not personal, on the step left to fill, the focus on the first empty
field; it is stored as a second order."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, RadioSet, Select

from fleet_tui.core.rules import validate_order
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.new_card import NewCardScreen
from tests.support.orders import spec_order
from tests.support.screens import fleet, show_screen, signed_in

from .card_helpers import go_on, submit
from .conftest import SIZE, screen_text
from .flow_helpers import demo_dir, stored_document


def radio_value(radio: RadioSet) -> str | None:
    """The value (``name``) of the pressed button."""
    pressed = radio.pressed_button
    return pressed.name if pressed is not None else None


SECOND_ESIM = "1150100048158"
SECOND_EMAIL = "an.janssens@example.be"


async def confirmed(pilot: Pilot[None]) -> ConfirmationScreen:
    """Sign in without keys and show the confirmation of SPEC §7's order, submitted to
    the demo backend with the end user speaking Dutch and Surf Extra on."""
    await signed_in(pilot)
    client = fleet(pilot).client
    context = await client.order_context()
    document = spec_order(travel_data_control=50, surf_extra_card=True)
    document["sim"]["user_language"] = "nl"
    confirmation = await client.submit(validate_order(document, context), "first-order")
    screen = ConfirmationScreen(confirmation)
    await show_screen(pilot, screen)
    return screen


async def test_ctrl_r_opens_the_new_card_prefilled_on_the_first_empty_field(
    make_app: Callable[..., FleetApp], tmp_path: Path
) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        first = await confirmed(pilot)
        assert "^r Another like this" in screen_text(app).splitlines()[-1]
        await pilot.press("ctrl+r")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NewCardScreen)
        # What is not personal is there ...
        assert radio_value(screen.query_one("#input-customer_number", RadioSet)) == ("5.16142")
        assert radio_value(screen.query_one("#input-sim_format", RadioSet)) == "esim"
        assert radio_value(screen.query_one("#input-user_language", RadioSet)) == "nl"
        assert screen.query_one("#input-plan", Select).value == "shape-traveller"
        assert screen.query_one("#input-travel_data_control", Select).value == 50
        assert screen.query_one("#option-world-traveller", Checkbox).value is True
        assert screen.query_one("#input-surf_extra_card", Checkbox).value is True
        # ... what is personal is not, and the focus waits on the first empty field.
        assert screen.query_one("#input-esim_number", Input).value == ""
        assert screen.query_one("#input-user_email", Input).value == ""
        assert screen.query_one("#input-desired_number", Select).value is Select.NULL
        compatible = screen.query_one("#input-esim_compatible", Checkbox)
        assert compatible.value is False
        assert app.focused is compatible
        # Five keys and the two personal answers make the next order.
        await pilot.press("space", "tab", *SECOND_ESIM, "tab", *SECOND_EMAIL)
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")
        await submit(pilot)
        second = app.screen
        assert isinstance(second, ConfirmationScreen)
        assert second.confirmation.reference != first.confirmation.reference
        stored = stored_document(demo_dir(tmp_path), second.confirmation.reference)
        assert stored["sim"]["esim_number"] == SECOND_ESIM
        assert stored["sim"]["user_email"] == SECOND_EMAIL
        assert stored["sim"]["user_language"] == "nl"
        assert stored["subscription"]["plan"] == "shape-traveller"
        assert stored["options"]["codes"] == ["world-traveller"]
        assert stored["surf_extra_card"] is True
        assert stored["travel_data_control"] == 50
