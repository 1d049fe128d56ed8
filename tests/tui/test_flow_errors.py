"""Continue on an empty step: the errors show under their fields and focus moves to the
first invalid one; once shown, an error clears on the very keystroke that fixes it."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.pilot import Pilot

from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import t
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.widgets.field import Field
from tests.support.screens import open_step
from tests.tui.card_helpers import at_new_card, card_draft, fill_card, go_on, tick
from tests.tui.conftest import SIZE, choose
from tests.tui.flow_helpers import field_error, signed_pdf, typed_path

REQUIRED = t("error.required", "fr")


def invalid_fields(app: FleetApp) -> list[str]:
    """The answers whose field shows an error, in screen order."""
    return [str(f.name) for f in app.screen.query(Field) if f.invalid]


async def refused(pilot: Pilot[None], screen: str) -> None:
    """Press Continue and check that the step stays."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == screen


async def type_until_valid(pilot: Pilot[None], name: str, text: str) -> None:
    """Type ``text`` into the focused field of answer ``name`` key by key: its error
    stays until the last key, and goes with it."""
    app = pilot.app
    assert app.focused is app.screen.query_one(f"#input-{name}")
    field = app.screen.query_one(f"#field-{name}", Field)
    for key in text[:-1]:
        await pilot.press(key)
        assert field.invalid, (name, key)
    await pilot.press(text[-1])
    assert not field.invalid, field_error(app.screen, name)


async def test_number_step(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "number", OrderDraft())
        await refused(pilot, "NumberScreen")
        assert invalid_fields(app) == ["number_request"]
        assert field_error(app.screen, "number_request") == f"⚠ {REQUIRED}"
        assert app.focused is app.screen.query_one("#input-number_request")
        await choose(pilot, "input-number_request", "transfer")
        assert invalid_fields(app) == []  # gone with the choice
        await choose(pilot, "input-card_type", "prepaid")
        await refused(pilot, "NumberScreen")  # the transfer asks for the operator
        assert invalid_fields(app) == ["current_operator"]
        assert app.focused is app.screen.query_one("#input-current_operator")
        await choose(pilot, "input-current_operator", "proximus")
        assert invalid_fields(app) == []
        await go_on(pilot, "PortInScreen")


async def test_port_in_step(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        transfer = OrderDraft(
            number_request="transfer", current_operator="orange", card_type="prepaid"
        )
        await open_step(pilot, "port_in", transfer)
        await refused(pilot, "PortInScreen")
        assert invalid_fields(app) == ["phone_number", "sim_card_number"]
        await type_until_valid(pilot, "phone_number", "0470123456")
        assert invalid_fields(app) == ["sim_card_number"]
        await refused(pilot, "PortInScreen")
        await type_until_valid(pilot, "sim_card_number", "1150100084757")
        await go_on(pilot, "NewCardScreen")


async def test_new_card_step(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        await refused(pilot, "NewCardScreen")
        assert invalid_fields(app) == ["customer_number", "sim_format", "subscription_type", "plan"]
        assert app.focused is app.screen.query_one("#input-customer_number")
        await choose(pilot, "input-customer_number", "5.16142")
        await choose(pilot, "input-sim_format", "physical")
        assert invalid_fields(app) == ["subscription_type", "plan"]
        await refused(pilot, "NewCardScreen")
        # The SIM number appeared with the choice: it is now the first invalid field.
        assert invalid_fields(app) == ["sim_number", "subscription_type", "plan"]
        assert app.focused is app.screen.query_one("#input-sim_number")
        await pilot.press(*"115010008475")
        assert field_error(app.screen, "sim_number") == "⚠ " + t(
            "error.sim_13_digits", "fr", count=12
        )
        await pilot.press("7")
        assert "sim_number" not in invalid_fields(app)
        await choose(pilot, "input-subscription_type", "mobile")
        assert invalid_fields(app) == ["plan"]
        await fill_card(pilot)
        assert invalid_fields(app) == []
        await go_on(pilot, "InvoiceSplitScreen")


async def test_invoice_split_step(
    app: FleetApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = signed_pdf(tmp_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "invoice_split", card_draft(customer="5.16143"))
        await tick(pilot, "input-invoice_split")
        await refused(pilot, "InvoiceSplitScreen")
        assert invalid_fields(app) == ["invoice_split_profile", "contract_path"]
        assert app.focused is app.screen.query_one("#input-invoice_split_profile")
        app.screen.query_one("#input-contract_path").focus()
        await pilot.pause()
        await type_until_valid(pilot, "contract_path", typed_path(scan))
        assert invalid_fields(app) == ["invoice_split_profile"]
