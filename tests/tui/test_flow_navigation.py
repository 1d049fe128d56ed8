"""Going back keeps every answer; switching branch keeps abandoned answers in the draft
but out of the stored order (SPEC §1: "Going back never loses an answer")."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Checkbox, Static

from fleet_tui.core.draft import OrderDraft
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.support.screens import fleet, open_step
from tests.tui.card_helpers import (
    EMAIL,
    ESIM_NUMBER,
    SIM_NUMBER,
    at_new_card,
    card_draft,
    fill_card,
    go_on,
    pick,
    tick,
    type_into,
)
from tests.tui.conftest import SIZE, choose, screen_text
from tests.tui.flow_helpers import (
    PORT_IN_BY_CARD_TYPE,
    PORT_IN_TYPED,
    confirmation_emails,
    confirmed_order,
    control_value,
    demo_dir,
    email_text,
    fill_port_in,
    number_step_transfer,
    recipient,
    review_and_submit,
    signed_pdf,
    split_on,
)

PROFESSIONAL = "professional_subscription"

#: Step 5 answers of the back-navigation walk, by control.
CARD_SHOWN: dict[str, object] = {
    "customer_number": "5.16143",
    "sim_format": "esim",
    "esim_compatible": True,
    "esim_number": ESIM_NUMBER,
    "user_email": EMAIL,
    "user_language": "nl",
    "send_qr_to_fleet_manager": "yes",
    "subscription_type": "mobile",
    "plan": "shape-traveller",
    "travel_data_control": 100,
    "surf_extra_card": True,
}


def professional_transfer() -> OrderDraft:
    """The draft after steps 2 and 4 of a professional transfer from Proximus, answered
    as :func:`fill_port_in` types them."""
    typed = {name: PORT_IN_TYPED[name] for name in PORT_IN_BY_CARD_TYPE[PROFESSIONAL]}
    return OrderDraft.model_validate(
        {
            "number_request": "transfer",
            "current_operator": "proximus",
            "card_type": PROFESSIONAL,
            **typed,
        }
    )


async def back(pilot: object, expected: str) -> None:
    """Press Esc (Back) and check the screen that opens."""
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot)
    await pilot.press("escape")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == expected, type(pilot.app.screen).__name__


def check_card_shown(app: FleetApp) -> None:
    """Step 5 shows every answer of ``CARD_SHOWN`` and the ticked option; so does the
    draft."""
    screen = app.screen
    for name, value in CARD_SHOWN.items():
        assert control_value(screen, name) == value, name
    assert screen.query_one("#option-world-traveller", Checkbox).value is True
    draft = app.draft
    assert (draft.customer_number, draft.sim_format, draft.esim_compatible) == (
        "5.16143",
        "esim",
        True,
    )
    assert (draft.esim_number, draft.user_email, draft.user_language) == (
        ESIM_NUMBER,
        EMAIL,
        "nl",
    )
    assert draft.send_qr_to_fleet_manager is True
    assert (draft.subscription_type, draft.plan) == ("mobile", "shape-traveller")
    assert draft.option_codes == ["world-traveller"]
    assert (draft.travel_data_control, draft.surf_extra_card) == (100, True)


async def test_back_three_times_from_invoice_split_keeps_every_answer(
    app: FleetApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Screen tier: steps 2 and 4 answered in the draft as typed (the transfer branch's
    # keyboard walk is test_flow_branches.py's); steps 5 and 6 typed here.
    scan = signed_pdf(tmp_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "new_card", professional_transfer())
        await fill_card(pilot, sim="esim", customer="5.16143")
        await tick(pilot, "option-world-traveller")
        await pick(pilot, "input-travel_data_control", 100)
        await tick(pilot, "input-surf_extra_card")
        await go_on(pilot, "InvoiceSplitScreen")  # step 6
        await split_on(pilot, scan)

        await back(pilot, "NewCardScreen")
        check_card_shown(app)
        await back(pilot, "PortInScreen")
        for name in PORT_IN_BY_CARD_TYPE[PROFESSIONAL]:
            assert control_value(app.screen, name) == PORT_IN_TYPED[name], name
            assert getattr(app.draft, name) == PORT_IN_TYPED[name], name
        assert "Proximus" in str(app.screen.query_one("#current-operator", Static).render())
        await back(pilot, "NumberScreen")
        assert control_value(app.screen, "number_request") == "transfer"
        assert control_value(app.screen, "current_operator") == "proximus"
        assert control_value(app.screen, "card_type") == PROFESSIONAL
        assert app.screen.query_one("#transfer-panel").display

        # Forward again with Continue only: nothing has to be typed twice.
        await go_on(pilot, "PortInScreen")
        await go_on(pilot, "NewCardScreen")
        check_card_shown(app)
        await go_on(pilot, "InvoiceSplitScreen")
        assert control_value(app.screen, "invoice_split") is True
        assert control_value(app.screen, "invoice_split_profile") == "titanium-executive-20"
        assert control_value(app.screen, "contract_path") == str(scan)

        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document["number"] == {
            "request": "transfer",
            "current_operator": "proximus",
            "card_type": PROFESSIONAL,
            "phone_number": "+32470123456",
            "current_customer_number": "PX-778899",
            "company_name": "Peeters Bouw BV",
            "vat_number": "BE0456810810",
            "contact_name": "An Claes",
        }
        assert document["sim"] == {
            "format": "esim",
            "esim_number": ESIM_NUMBER,
            "user_email": EMAIL,
            "user_language": "nl",
            "send_qr_to_fleet_manager": True,
        }
        assert document["options"] == {"mode": "select", "codes": ["world-traveller"]}
        assert document["travel_data_control"] == 100
        assert document["surf_extra_card"] is True
        assert document["invoice_split"] == {
            "profile": "titanium-executive-20",
            "contract": str(scan),
        }


async def test_transfer_answers_are_not_submitted_after_switching_to_new(
    app: FleetApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "new_card", professional_transfer())
        await back(pilot, "PortInScreen")
        await back(pilot, "NumberScreen")
        await choose(pilot, "input-number_request", "new")
        assert not app.screen.query_one("#transfer-panel").display
        await go_on(pilot, "NewCardScreen")  # port-in details skipped
        await fill_card(pilot)
        await go_on(pilot, "InvoiceSplitScreen")
        # Kept in the draft while in the flow (switching back would find them)…
        assert app.draft.vat_number == PORT_IN_TYPED["vat_number"]
        await go_on(pilot, "ReviewScreen")
        assert not app.screen.query("#review-port_in")
        assert PORT_IN_TYPED["contact_name"] not in screen_text(app)
        await back(pilot, "InvoiceSplitScreen")
        screen = await review_and_submit(pilot)
        # …but not submitted.
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document["number"] == {"request": "new"}
        (email,) = confirmation_emails(demo_dir(tmp_path), screen.confirmation.reference)
        body = email_text(email)
        for name in PORT_IN_BY_CARD_TYPE[PROFESSIONAL]:
            assert PORT_IN_TYPED[name] not in body, name
        assert "0456" not in body  # nor the VAT number in any form
        assert screen.confirmation.processing_rule == "new_or_orange_prepaid_shape"


async def test_esim_answers_are_not_submitted_after_switching_to_a_physical_sim(
    app: FleetApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft(sim="esim"))
        await choose(pilot, "input-sim_format", "physical")
        assert not app.screen.query_one("#esim-panel").display
        await type_into(pilot, "input-sim_number", SIM_NUMBER)
        await go_on(pilot, "InvoiceSplitScreen")
        assert fleet(pilot).draft.user_email == EMAIL  # kept in the draft
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document["sim"] == {"format": "physical", "sim_number": SIM_NUMBER}
        assert screen.confirmation.activation_code is None
        assert not screen.query("#qr")
        # One email, to the fleet manager; none to the end user of the abandoned eSIM.
        emails = confirmation_emails(demo_dir(tmp_path), screen.confirmation.reference)
        holder = fleet(pilot).context.account.holder_email  # type: ignore[union-attr]
        assert [recipient(m) for m in emails] == [holder]
        assert EMAIL not in email_text(emails[0])


async def test_surf_extra_card_is_not_submitted_after_switching_to_a_plan_without_it(
    app: FleetApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft(plan="shape-traveller"))
        await tick(pilot, "input-surf_extra_card")
        await tick(pilot, "option-europe-roaming-plus")  # only with Traveller / Intense
        await tick(pilot, "option-mobile-security")  # offered with every plan
        await pick(pilot, "input-plan", "shape-smart")
        await pilot.pause()
        assert not app.screen.query_one("#field-surf_extra_card").display
        await go_on(pilot, "InvoiceSplitScreen")
        assert fleet(pilot).draft.surf_extra_card is True  # kept in the draft
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document["subscription"] == {"type": "mobile", "plan": "shape-smart"}
        assert document["surf_extra_card"] is False
        assert document["options"] == {"mode": "select", "codes": ["mobile-security"]}


async def test_invoice_split_switched_off_is_not_submitted(
    app: FleetApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = signed_pdf(tmp_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "invoice_split", card_draft(customer="5.16143"))
        await split_on(pilot, scan)
        await go_on(pilot, "ReviewScreen")
        assert "Titanium Executive 20€" in str(
            app.screen.query_one("#review-invoice_split .review-rows", Static).render()
        )
        await back(pilot, "InvoiceSplitScreen")
        await tick(pilot, "input-invoice_split", False)
        assert not app.screen.query_one("#split-panel").display
        assert fleet(pilot).draft.contract_path == str(scan)  # kept in the draft
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document.get("invoice_split") is None
        assert screen.confirmation.order.invoice_split is None
        # Without Invoice Split the Shape plan is back to one hour.
        assert screen.confirmation.processing_rule == "new_or_orange_prepaid_shape"


async def test_desired_number_is_not_submitted_nor_claimed_after_switching_to_transfer(
    app: FleetApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft())
        account = fleet(pilot).context.account  # type: ignore[union-attr]
        reserved = account.reserved_numbers[0]
        await pick(pilot, "input-desired_number", reserved)
        await back(pilot, "NumberScreen")
        await number_step_transfer(pilot, "proximus", "private_subscription")
        await go_on(pilot, "PortInScreen")
        await fill_port_in(pilot, "private_subscription")
        await go_on(pilot, "NewCardScreen")
        assert not app.screen.query("#field-desired_number")  # new numbers only
        await go_on(pilot, "InvoiceSplitScreen")
        assert fleet(pilot).draft.desired_number == reserved  # kept in the draft
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert "desired_number" not in document["number"]
        assert document["number"]["request"] == "transfer"
        # The reserved number is still free for the next order.
        assert reserved in (await fleet(pilot).client.account()).reserved_numbers


async def test_switching_to_transfer_from_the_review_asks_for_the_port_in_details(
    app: FleetApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "review", card_draft())
        app.screen.query_one("#edit-number").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert type(app.screen).__name__ == "NumberScreen"
        await number_step_transfer(pilot, "orange", "private_subscription")
        # Continue walks the steps whose questions the switch changed: the port-in
        # details, then the new card (a transfer has no desired number), then back.
        await go_on(pilot, "PortInScreen")
        await fill_port_in(pilot, "private_subscription")
        await go_on(pilot, "NewCardScreen")
        await go_on(pilot, "ReviewScreen")
        await pilot.press("f9")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document["number"] == {
            "request": "transfer",
            "current_operator": "orange",
            "card_type": "private_subscription",
            "phone_number": "+32470123456",
            "current_customer_number": "PX-778899",
            "holder_name": "Jan Peeters",
        }
        assert screen.confirmation.processing_rule == "orange_subscription"


async def test_copied_options_are_not_submitted_after_switching_to_select(
    app: FleetApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft())
        await choose(pilot, "input-options_mode", "copy")
        assert app.screen.query_one("#copy-panel").display
        await pick(pilot, "input-copy_from_number", "+32470112233")
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")
        rows = str(app.screen.query_one("#review-new_card .review-rows", Static).render())
        assert "0470 11 22 33" in rows
        await back(pilot, "InvoiceSplitScreen")
        await back(pilot, "NewCardScreen")
        assert control_value(app.screen, "copy_from_number") == "+32470112233"
        await choose(pilot, "input-options_mode", "select")
        await tick(pilot, "option-world-traveller")
        await go_on(pilot, "InvoiceSplitScreen")
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document["options"] == {"mode": "select", "codes": ["world-traveller"]}


async def test_switching_language_mid_flow_keeps_every_answer(
    app: FleetApp, tmp_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft(sim="esim", customer="5.16143"))
        await tick(pilot, "option-world-traveller")
        await pick(pilot, "input-travel_data_control", 100)
        await tick(pilot, "input-surf_extra_card")
        await pilot.press("f2")
        await pilot.pause()
        assert app.lang == "nl"
        assert type(app.screen).__name__ == "NewCardScreen"
        check_card_shown(app)
        await go_on(pilot, "InvoiceSplitScreen")
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document["sim"]["user_email"] == EMAIL
        assert document["options"] == {"mode": "select", "codes": ["world-traveller"]}
        assert (document["travel_data_control"], document["surf_extra_card"]) == (100, True)
