"""Step 4: the port-in fields by card type, required marks, live validation."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.port_in import PortInScreen
from fleet_tui.tui.widgets.field import Field
from tests.support.screens import at_number_step

from .conftest import SIZE, transfer

_ALL = (
    "phone_number",
    "sim_card_number",
    "current_customer_number",
    "holder_name",
    "company_name",
    "vat_number",
    "contact_name",
)


async def _port_in(app: FleetApp, pilot: object, operator: str, card_type: str) -> None:
    await at_number_step(pilot)  # type: ignore[arg-type]
    await transfer(pilot, operator, card_type)  # type: ignore[arg-type]
    await pilot.press("ctrl+n")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, PortInScreen)


def _shown(app: FleetApp) -> dict[str, bool]:
    """Fields on screen → whether marked required (``*``)."""
    out: dict[str, bool] = {}
    for field in app.screen.query(Field):
        label = str(field.query_one(".field--label").render())
        out[str(field.name)] = label.endswith(" *")
    return out


@pytest.mark.parametrize(
    ("card_type", "expected"),
    [
        ("prepaid", {"phone_number": True, "sim_card_number": True, "holder_name": False}),
        (
            "private_subscription",
            {"phone_number": True, "current_customer_number": True, "holder_name": False},
        ),
        (
            "professional_subscription",
            {
                "phone_number": True,
                "current_customer_number": True,
                "company_name": False,
                "vat_number": True,
                "contact_name": True,
            },
        ),
    ],
)
async def test_fields_by_card_type(
    app: FleetApp, card_type: str, expected: dict[str, bool]
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(app, pilot, "proximus", card_type)
        # The porting date follows every card type (the day itself while chosen).
        assert _shown(app) == {**expected, "porting_choice": False, "porting_date": True}
        assert set(_ALL) - set(expected) == {n for n in _ALL if not app.screen.query(f"#field-{n}")}


async def test_continue_shows_required_errors_and_focuses_the_first(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(app, pilot, "proximus", "professional_subscription")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, PortInScreen)
        invalid = [str(f.name) for f in app.screen.query(Field) if f.invalid]
        assert invalid == ["phone_number", "current_customer_number", "vat_number", "contact_name"]
        assert app.focused is app.screen.query_one("#input-phone_number")
        error = app.screen.query_one("#field-phone_number .field--error")
        assert "Obligatoire" in str(error.render())


async def test_focus_goes_to_the_first_invalid_field_not_the_first_field(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(app, pilot, "proximus", "prepaid")
        await pilot.press(*"0470 12 34 56")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.focused is app.screen.query_one("#input-sim_card_number")


async def test_an_error_clears_as_soon_as_the_field_is_fixed(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(app, pilot, "proximus", "professional_subscription")
        app.screen.query_one("#input-vat_number").focus()
        await pilot.press(*"BE 0456.810.81")
        await pilot.press("tab")  # blur: checked
        await pilot.pause()
        vat = app.screen.query_one("#field-vat_number", Field)
        assert vat.invalid
        app.screen.query_one("#input-vat_number").focus()
        await pilot.press("end", "0")  # BE 0456.810.810 is valid
        await pilot.pause()
        assert not vat.invalid
        await pilot.press("backspace")
        await pilot.pause()
        assert vat.invalid  # re-checked on every change once it has shown an error


async def test_an_untouched_field_is_not_nagged_on_blur(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(app, pilot, "proximus", "prepaid")
        await pilot.press("tab", "tab")
        await pilot.pause()
        assert not any(f.invalid for f in app.screen.query(Field))


async def test_a_valid_transfer_continues_with_normalised_answers_in_the_draft(
    app: FleetApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(app, pilot, "orange", "prepaid")
        await pilot.press(*"0470/12.34.56", "enter")
        await pilot.press(*"1150100084757")
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert app.current_step == "new_card"
        assert app.draft.phone_number == "0470/12.34.56"
        assert app.draft.to_document()["number"]["sim_card_number"] == "1150100084757"


async def test_markup_like_names_are_shown_literally(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _port_in(app, pilot, "proximus", "professional_subscription")
        company = app.screen.query_one("#input-company_name", Input)
        company.focus()
        await pilot.press(*"Acme [GmbH]")
        contact = app.screen.query_one("#input-contact_name", Input)
        contact.focus()
        await pilot.press(*"[/]", "[", "b", "]")
        await pilot.pause()
        from .conftest import screen_text

        text = screen_text(app)
        assert "Acme [GmbH]" in text
        assert "[/][b]" in text
        assert app.draft.company_name == "Acme [GmbH]"
