"""Step 5 — your new card: conditional panels, choices the account and catalogue allow,
and branch switches that keep abandoned answers out of the submitted order."""

from __future__ import annotations

from textual.widgets import RadioButton, RadioSet, Select

from fleet_tui.clients.demo import DemoClient
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import t
from fleet_tui.core.order import ESim, PhysicalSim
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from tests.support.screens import fleet
from tests.tui.card_helpers import (
    SIM_NUMBER,
    at_new_card,
    card_draft,
    go_on,
    pick,
    submit,
    tick,
    type_into,
)
from tests.tui.conftest import SIZE, choose


async def test_billing_only_customer_number_is_listed_but_cannot_be_chosen(
    app: FleetApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        radio = app.screen.query_one("#input-customer_number", RadioSet)
        names = [b.name for b in radio.query(RadioButton)]
        assert "5.16100" in names  # shown…
        billing_only = next(b for b in radio.query(RadioButton) if b.name == "5.16100")
        assert billing_only.disabled
        assert "facturation uniquement" in str(billing_only.label)
        # …and walking the whole list with the arrows and Enter never picks it.
        radio.focus()
        chosen: set[str | None] = set()
        for _ in range(len(names) + 2):
            await pilot.press("down", "enter")
            chosen.add(fleet(pilot).draft.customer_number)
        assert "5.16100" not in chosen
        assert {"5.16142", "1.52797", "5.16143", "5.16144"} <= chosen


async def test_invoice_split_subdivision_is_labelled(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        button = app.screen.query_one("#input-customer_number", RadioSet).query(RadioButton)
        label = next(str(b.label) for b in button if b.name == "5.16143")
        assert "Invoice Split" in label and "Titanium Executive 20€" in label


async def test_esim_without_compatibility_confirmation_is_refused(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft(sim="esim"))
        await tick(pilot, "input-esim_compatible", False)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert type(app.screen).__name__ == "NewCardScreen"
        field = app.screen.query_one("#field-esim_compatible")
        assert field.has_class("-invalid")
        assert app.focused is app.screen.query_one("#input-esim_compatible")
        # Ticking it lets the operator go on.
        await tick(pilot, "input-esim_compatible", True)
        await go_on(pilot, "InvoiceSplitScreen")


async def test_plans_are_filtered_by_subscription_type(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        catalogue = fleet(pilot).context.catalogue  # type: ignore[union-attr]
        select: Select[str] = app.screen.query_one("#input-plan", Select)
        assert [v for _, v in select._options if v is not Select.NULL] == []
        for kind in ("data", "mobile"):
            await choose(pilot, "input-subscription_type", kind)
            offered = [v for _, v in select._options if v is not Select.NULL]
            assert offered == [p.code for p in catalogue.plans_of_type(kind)]
            assert offered  # the demo catalogue has plans of both types
        await pick(pilot, "input-plan", "shape-intense")
        await choose(pilot, "input-subscription_type", "data")
        assert fleet(pilot).draft.plan is None  # a mobile plan is no answer for data


async def test_the_rate_plan_is_passed_by_tab_until_a_subscription_type_is_chosen(
    app: FleetApp,
) -> None:
    # With no type chosen the list has nothing in it: Tab stopped on it, and Enter
    # opened an empty list under "Choose the subscription type first".
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        select: Select[str] = app.screen.query_one("#input-plan", Select)
        kind = app.screen.query_one("#input-subscription_type", RadioSet)
        kind.focus()
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is not None and app.focused is not select
        assert app.focused.id == "input-options_mode"
        assert str(select.prompt) == t("tui_card.plan_type_first", app.lang)  # says why
        await choose(pilot, "input-subscription_type", "mobile")
        kind.focus()
        await pilot.pause()
        await pilot.press("tab")
        assert app.focused is select


async def test_options_offered_follow_the_plan(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        catalogue = fleet(pilot).context.catalogue  # type: ignore[union-attr]
        await choose(pilot, "input-subscription_type", "mobile")
        for code in ("shape-traveller", "shape-smart"):
            await pick(pilot, "input-plan", code)
            plan = catalogue.plan(code)
            assert plan is not None
            boxes = app.screen.query(".option-boxes Checkbox")
            assert [b.id for b in boxes] == [
                f"option-{o.code}" for o in catalogue.options_for(plan)
            ]


async def test_surf_extra_card_only_with_plans_allowing_it_and_not_submitted_after_switch(
    app: FleetApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft(plan="shape-traveller"))
        surf = app.screen.query_one("#field-surf_extra_card")
        assert surf.display
        await tick(pilot, "input-surf_extra_card")
        await tick(pilot, "option-europe-roaming-plus")
        await pick(pilot, "input-plan", "shape-smart")
        assert not surf.display
        assert fleet(pilot).draft.surf_extra_card  # kept in the draft…
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")
        await submit(pilot)
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        order = screen.confirmation.order
        assert order.subscription.plan == "shape-smart"
        assert order.surf_extra_card is False  # …but not submitted
        assert order.document()["options"] == {"mode": "select", "codes": []}


async def test_switching_sim_esim_sim_submits_no_esim_answers(
    app: FleetApp, demo_client: DemoClient
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, card_draft(sim="esim"))
        await choose(pilot, "input-sim_format", "physical")
        await type_into(pilot, "input-sim_number", SIM_NUMBER)
        assert fleet(pilot).draft.user_email  # the eSIM answers are still in the draft
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")
        await submit(pilot)
        screen = app.screen
        assert isinstance(screen, ConfirmationScreen)
        order = screen.confirmation.order
        assert isinstance(order.sim, PhysicalSim)
        assert not isinstance(order.sim, ESim)
        assert order.document()["sim"] == {"format": "physical", "sim_number": SIM_NUMBER}
        assert screen.confirmation.activation_code is None
        assert not screen.query("#qr")
        stored = await demo_client.recent_orders(1)
        assert stored[0].reference == screen.confirmation.reference


async def test_desired_number_lists_reserved_numbers_in_national_format(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot)
        account = fleet(pilot).context.account  # type: ignore[union-attr]
        select: Select[str] = app.screen.query_one("#input-desired_number", Select)
        values = [v for _, v in select._options if v is not Select.NULL]
        assert values == list(account.reserved_numbers)
        labels = [str(p) for p, v in select._options if v is not Select.NULL]
        assert labels[0] == "0471 23 45 01"
        await pick(pilot, "input-desired_number", account.reserved_numbers[1])
        assert fleet(pilot).draft.desired_number == account.reserved_numbers[1]


async def test_no_desired_number_for_a_transfer(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_new_card(pilot, OrderDraft(number_request="transfer"))
        assert not app.screen.query("#input-desired_number")
