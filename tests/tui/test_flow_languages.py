"""One complete order in each interface language: every step screen shows its labels
in that language (as the translation layer gives them) and no raw translation key.

French is walked with the keyboard from the sign-in (the branch's walk); Dutch and
English see the same screens in the same states, the answers prepared rather than
typed (``test_every_screen_of_an_order_in_each_language``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Static

from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import Lang, t
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.support.screens import open_step, signed_in
from tests.tui.card_helpers import card_draft, fill_card, go_on, submit
from tests.tui.conftest import SIZE, screen_text, sign_in
from tests.tui.flow_helpers import (
    RAW_KEY,
    all_text,
    confirmed_order,
    demo_dir,
    field_error,
    fill_port_in,
    number_step_transfer,
    signed_pdf,
    split_on,
)


def check_screen(pilot: Pilot[None], lang: Lang, title_key: str, *label_keys: str) -> None:
    """The screen shows the title ``title_key`` and the labels ``label_keys`` in
    ``lang``, and no translation key is left untranslated anywhere on it."""
    app = pilot.app
    visible = screen_text(app)
    everything = all_text(app.screen)
    assert t(title_key, lang) in visible, (title_key, visible)
    for key in label_keys:
        assert t(key, lang) in everything, key
    for text in (visible, everything):
        raw = RAW_KEY.findall(text)
        assert not raw, (type(app.screen).__name__, raw)


async def dashboard_then_number_step(pilot: Pilot[None], lang: Lang) -> None:
    """From the dashboard (checked) to step 3, and its first error: Continue with nothing
    chosen, in the interface language."""
    check_screen(pilot, lang, "tui.step.dashboard", "tui.dashboard.customer_numbers")
    await pilot.press("ctrl+n")
    await pilot.pause()
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert t("error.required", lang) in field_error(pilot.app.screen, "number_request")
    check_screen(pilot, lang, "tui.step.number", "tui.number.request", "tui.number.new")


async def test_a_complete_order_walked_in_french(
    make_app: Callable[..., FleetApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    lang: Lang = "fr"
    scan = signed_pdf(tmp_path, monkeypatch)
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        check_screen(pilot, lang, "tui.step.sign_in", "tui.sign_in.username")
        await sign_in(pilot)
        await dashboard_then_number_step(pilot, lang)
        await number_step_transfer(pilot, "proximus", "private_subscription")
        check_screen(pilot, lang, "tui.step.number", "tui.card_type.private_subscription")

        await go_on(pilot, "PortInScreen")
        check_screen(pilot, lang, "tui.step.port_in", "tui.port_in.phone_number")
        shown = str(app.screen.query_one("#current-operator", Static).render())
        assert shown == t("tui.port_in.current_operator", lang, operator="Proximus")
        await fill_port_in(pilot, "private_subscription")

        await go_on(pilot, "NewCardScreen")
        check_screen(pilot, lang, "tui.step.new_card", "tui_card.customer_number")
        await fill_card(pilot, sim="esim", customer="5.16143")
        check_screen(pilot, lang, "tui.step.new_card", "tui_card.esim_number", "tui_card.plan")

        await go_on(pilot, "InvoiceSplitScreen")
        check_screen(pilot, lang, "tui.step.invoice_split", "tui_card.split.enable")
        await split_on(pilot, scan)
        check_screen(pilot, lang, "tui.step.invoice_split", "tui_card.split.profile")

        await go_on(pilot, "ReviewScreen")
        check_screen(pilot, lang, "tui.step.review", "tui_card.review.submit")
        await submit(pilot)
        await check_confirmation(pilot, lang, tmp_path)


async def check_confirmation(pilot: Pilot[None], lang: Lang, tmp_path: Path) -> None:
    """The confirmation of the order both tests submit, in ``lang``, and what the
    store holds."""
    app = pilot.app
    screen = app.screen
    assert isinstance(screen, ConfirmationScreen)
    check_screen(
        pilot,
        lang,
        "tui_card.confirm.title",
        "tui_card.confirm.reference",
        "processing.port_private",
    )
    await pilot.press("f6")  # the activation code shows on request only
    await pilot.pause()
    assert t("tui_card.confirm.activation_code", lang) in all_text(screen)
    assert not RAW_KEY.findall(all_text(screen))
    document = confirmed_order(screen, demo_dir(tmp_path))
    assert document["number"]["card_type"] == "private_subscription"
    assert document["sim"]["format"] == "esim"
    assert document["invoice_split"]["profile"] == "titanium-executive-20"


def prepared_order(scan: Path) -> OrderDraft:
    """The answers the French walk types, prepared: a transfer of a private
    subscription from Proximus, an eSIM for the sub-division 5.16143, Invoice Split on
    with the signed ``scan``."""
    return card_draft(
        sim="esim",
        customer="5.16143",
        number_request="transfer",
        current_operator="proximus",
        card_type="private_subscription",
        phone_number="+32470123456",
        current_customer_number="PX-778899",
        holder_name="Jan Peeters",
        invoice_split=True,
        invoice_split_profile="titanium-executive-20",
        contract_path=str(scan),
    )


@pytest.mark.parametrize("lang", ["nl", "en"])
async def test_every_screen_of_an_order_in_each_language(
    make_app: Callable[..., FleetApp], tmp_path: Path, monkeypatch: pytest.MonkeyPatch, lang: Lang
) -> None:
    """Screen tier: the French walk's screens and checks in ``lang``, each screen
    opened on the answers the walk has given by then (signed in without keys), then
    Continue, the review's submission and the confirmation."""
    scan = signed_pdf(tmp_path, monkeypatch)
    order = prepared_order(scan)
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE) as pilot:
        check_screen(pilot, lang, "tui.step.sign_in", "tui.sign_in.username")
        await signed_in(pilot)
        await dashboard_then_number_step(pilot, lang)
        answered = OrderDraft(
            number_request="transfer", current_operator="proximus", card_type="private_subscription"
        )
        await open_step(pilot, "number", answered)
        check_screen(pilot, lang, "tui.step.number", "tui.card_type.private_subscription")

        await go_on(pilot, "PortInScreen")
        check_screen(pilot, lang, "tui.step.port_in", "tui.port_in.phone_number")
        shown = str(app.screen.query_one("#current-operator", Static).render())
        assert shown == t("tui.port_in.current_operator", lang, operator="Proximus")

        await open_step(pilot, "new_card", order)
        check_screen(
            pilot,
            lang,
            "tui.step.new_card",
            "tui_card.customer_number",
            "tui_card.esim_number",
            "tui_card.plan",
        )

        await go_on(pilot, "InvoiceSplitScreen")
        check_screen(
            pilot, lang, "tui.step.invoice_split", "tui_card.split.enable", "tui_card.split.profile"
        )

        await go_on(pilot, "ReviewScreen")
        check_screen(pilot, lang, "tui.step.review", "tui_card.review.submit")
        await submit(pilot)
        await check_confirmation(pilot, lang, tmp_path)
