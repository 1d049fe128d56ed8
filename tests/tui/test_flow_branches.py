"""Every branch of the wizard walked with the keyboard from sign-in to the confirmation,
then checked where it matters: the order the demo backend stored in its SQLite file,
and the processing-time rule the confirmation shows (SPEC §2 processing time)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Static

from fleet_tui.core.i18n import t
from fleet_tui.core.processing import BRUSSELS
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.support.screens import open_step
from tests.tui.card_helpers import (
    EMAIL,
    ESIM_NUMBER,
    SIM_NUMBER,
    card_draft,
    fill_card,
    go_on,
    to_new_card,
)
from tests.tui.conftest import SIZE, to_number_step
from tests.tui.flow_helpers import (
    PORT_IN_BY_CARD_TYPE,
    assert_duration,
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

#: The port-in answers as stored: the phone number in E.164, the VAT number compact,
#: the SIM card number without its spaces, names as typed.
PORT_IN_STORED: dict[str, str] = {
    "phone_number": "+32470123456",
    "sim_card_number": "1150100084757",
    "current_customer_number": "PX-778899",
    "holder_name": "Jan Peeters",
    "company_name": "Peeters Bouw BV",
    "vat_number": "BE0456810810",
    "contact_name": "An Claes",
}

#: The rest of the order every flow below enters on step 5 (``fill_card`` defaults).
CARD: dict[str, Any] = {
    "customer_number": "5.16142",
    "sim": {"format": "physical", "sim_number": SIM_NUMBER},
    "subscription": {"type": "mobile", "plan": "shape-traveller"},
    "options": {"mode": "select", "codes": []},
    "travel_data_control": 50,  # the catalogue's default, left as offered
    "surf_extra_card": False,
}


#: Plans of the demo catalogue that are not of the "mobile" type.
PLAN_TYPES: dict[str, str] = {"shape-data": "data", "data-connect": "data"}


def without_split(document: dict[str, Any]) -> dict[str, Any]:
    """``document`` without its Invoice Split, checked to be off (null or absent)."""
    assert document.get("invoice_split") is None
    return {k: v for k, v in document.items() if k != "invoice_split"}


def check_rule(screen: ConfirmationScreen, code: str, hours: int | None) -> None:
    """The confirmation names rule ``code`` (SPEC's row) and its date follows it."""
    done = screen.confirmation
    assert done.processing_rule == code
    shown = str(screen.query_one("#confirmation-rule", Static).render())
    assert shown == t(f"processing.{code}", "fr")
    assert_duration(done.submitted_at, done.expected_activation, hours)
    activation = str(screen.query_one("#confirmation-activation", Static).render())
    assert f"{done.expected_activation.astimezone(BRUSSELS):%H:%M}" in activation


async def test_new_number_physical_sim_without_invoice_split(app: FleetApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await to_new_card(pilot)
        await fill_card(pilot)
        await go_on(pilot, "InvoiceSplitScreen")  # left off, as by default
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert without_split(document) == {"number": {"request": "new"}, **CARD}
        assert screen.confirmation.activation_code is None
        assert not screen.query("#qr")
        check_rule(screen, "new_or_orange_prepaid_shape", hours=1)
        # Esc: the dashboard lists the new request, in progress, first.
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        table = app.screen.query_one("#recent", DataTable)
        first = [str(cell) for cell in table.get_row_at(0)]
        assert screen.confirmation.reference in first
        assert t("orders.status.received", "fr") in first


async def test_new_number_esim(app: FleetApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await to_new_card(pilot)
        await fill_card(pilot, sim="esim")
        await go_on(pilot, "InvoiceSplitScreen")
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        esim = {
            "format": "esim",
            "esim_number": ESIM_NUMBER,
            "user_email": EMAIL,
            "user_language": "nl",
            "send_qr_to_fleet_manager": True,
        }
        assert without_split(document) == {"number": {"request": "new"}, **CARD, "sim": esim}
        code = screen.confirmation.activation_code
        assert code is not None and code.startswith("LPA:1$")
        assert not screen.query("#qr")  # a secret: shown on request (F6)
        await pilot.press("f6")
        await pilot.pause()
        assert screen.query("#qr")
        # The end user gets the activation code by email.
        emails = confirmation_emails(demo_dir(tmp_path), screen.confirmation.reference)
        to_user = [m for m in emails if recipient(m) == EMAIL]
        assert len(to_user) == 1 and code in email_text(to_user[0])
        check_rule(screen, "new_or_orange_prepaid_shape", hours=1)


def stored_transfer(operator: str, card_type: str, plan: str) -> dict[str, Any]:
    """The order a transfer from ``operator`` of a ``card_type`` number on ``plan``
    stores: the port-in answers that card type asks for, the step 5 answers of
    ``fill_card`` (``card_draft``'s too)."""
    number = {
        "request": "transfer",
        "current_operator": operator,
        "card_type": card_type,
        **{name: PORT_IN_STORED[name] for name in PORT_IN_BY_CARD_TYPE[card_type]},
    }
    kind = PLAN_TYPES.get(plan, "mobile")
    return {"number": number, **CARD, "subscription": {"type": kind, "plan": plan}}


async def test_transfer_walked_with_the_keyboard(app: FleetApp, tmp_path: Path) -> None:
    """The transfer branch's one walk from the sign-in, every answer typed: a
    professional number from another operator (the card type with the most port-in
    answers), 48 hours (SPEC: "Port of a professional number from another operator").
    The other transfers are the screen-tier variants of ``test_transfer`` below."""
    operator, card_type, plan = "proximus", "professional_subscription", "shape-traveller"
    async with app.run_test(size=SIZE) as pilot:
        await to_number_step(pilot)
        await number_step_transfer(pilot, operator, card_type)
        await go_on(pilot, "PortInScreen")
        await fill_port_in(pilot, card_type)
        await go_on(pilot, "NewCardScreen")
        await fill_card(pilot, plan=plan)
        await go_on(pilot, "InvoiceSplitScreen")
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert without_split(document) == stored_transfer(operator, card_type, plan)
        check_rule(screen, "port_professional", 48)


@pytest.mark.parametrize(
    ("operator", "card_type", "plan", "rule", "hours"),
    [
        # SPEC: "New number, or an Orange prepaid number" — Shape plan without split.
        ("orange", "prepaid", "shape-traveller", "new_or_orange_prepaid_shape", 1),
        # …and with a plan outside the Shape family.
        ("orange", "prepaid", "business-flex", "new_or_orange_prepaid_other", None),
        # SPEC: "Transfer of an Orange number (subscription)": 1 business day.
        ("orange", "private_subscription", "shape-traveller", "orange_subscription", None),
        ("orange", "professional_subscription", "shape-traveller", "orange_subscription", None),
        # SPEC: "A prepaid number from another operator counts as private": 24 hours.
        ("proximus", "prepaid", "shape-traveller", "port_private", 24),
        ("proximus", "private_subscription", "shape-traveller", "port_private", 24),
        # …whatever the plan: here a data-only one.
        ("proximus", "private_subscription", "shape-data", "port_private", 24),
        # SPEC: "Port of a professional number from another operator": 48 hours is
        # test_transfer_walked_with_the_keyboard.
    ],
)
async def test_transfer(
    app: FleetApp,
    tmp_path: Path,
    operator: str,
    card_type: str,
    plan: str,
    rule: str,
    hours: int | None,
) -> None:
    """Screen tier: the port-in step opened on a draft with the number step's and
    step 5's answers prepared; the port-in answers of ``card_type`` typed with the
    keyboard; then on, as an operator, through the review's submission."""
    kind = PLAN_TYPES.get(plan, "mobile")
    draft = card_draft(
        plan=plan,
        kind=kind,
        number_request="transfer",
        current_operator=operator,
        card_type=card_type,
    )
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "port_in", draft)
        await fill_port_in(pilot, card_type)
        await go_on(pilot, "NewCardScreen")
        assert control_value(app.screen, "plan") == plan  # the prepared step 5, shown
        await go_on(pilot, "InvoiceSplitScreen")
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert without_split(document) == stored_transfer(operator, card_type, plan)
        check_rule(screen, rule, hours)


async def test_invoice_split_with_matching_subdivision_and_signed_pdf(
    app: FleetApp, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    scan = signed_pdf(tmp_path, monkeypatch)
    async with app.run_test(size=SIZE) as pilot:
        await to_new_card(pilot)
        await fill_card(pilot, customer="5.16143")  # the Titanium Executive sub-division
        await go_on(pilot, "InvoiceSplitScreen")
        await split_on(pilot, scan, "titanium-executive-20")
        screen = await review_and_submit(pilot)
        document = confirmed_order(screen, demo_dir(tmp_path))
        assert document == {
            "number": {"request": "new"},
            **CARD,
            "customer_number": "5.16143",
            "invoice_split": {"profile": "titanium-executive-20", "contract": str(scan)},
        }
        # A Shape plan with Invoice Split is "other": one business day, not an hour.
        check_rule(screen, "new_or_orange_prepaid_other", hours=None)
