"""Snapshots of steps 5 to 7 at 80x24 (``pytest --snapshot-update`` to accept changes).

Deterministic: a fresh demo folder, answers typed by the test, no clock on these
screens, no blinking cursor.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from fleet_tui.tui.app import FleetApp
from tests.tui.card_helpers import fill_card, go_on, pick, tick, to_new_card
from tests.tui.conftest import SIZE, choose

SnapCompare = Callable[..., bool]


def test_new_card_esim(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def esim(pilot: Pilot[Any]) -> None:
        await to_new_card(pilot)
        await choose(pilot, "input-customer_number", "1.52797")
        await choose(pilot, "input-sim_format", "esim")
        pilot.app.screen.query_one("#input-esim_compatible").focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=esim)


def test_new_card_plan_and_options(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def plan(pilot: Pilot[Any]) -> None:
        await to_new_card(pilot)
        await fill_card(pilot, plan="shape-traveller")
        await tick(pilot, "option-world-traveller")
        await tick(pilot, "input-surf_extra_card")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=plan)


def test_invoice_split_on(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def split(pilot: Pilot[Any]) -> None:
        await to_new_card(pilot)
        await fill_card(pilot, customer="5.16143")
        await go_on(pilot, "InvoiceSplitScreen")
        await tick(pilot, "input-invoice_split")
        await pick(pilot, "input-invoice_split_profile", "titanium-executive-20")

    assert snap_compare(app, terminal_size=SIZE, run_before=split)


def test_review_complete_order(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def review(pilot: Pilot[Any]) -> None:
        await to_new_card(pilot)
        await fill_card(pilot, sim="esim")
        await go_on(pilot, "InvoiceSplitScreen")
        await go_on(pilot, "ReviewScreen")

    assert snap_compare(app, terminal_size=SIZE, run_before=review)


def test_review_with_problems_in_english(
    snap_compare: SnapCompare, make_app: Callable[..., FleetApp]
) -> None:
    async def review(pilot: Pilot[Any]) -> None:
        await to_new_card(pilot)
        await choose(pilot, "input-sim_format", "physical")
        await go_on(pilot, "NewCardScreen")  # refused: still step 5
        assert isinstance(pilot.app, FleetApp)
        pilot.app.go_to("review")
        await pilot.pause()
        await pilot.pause()

    assert snap_compare(make_app(lang="en"), terminal_size=SIZE, run_before=review)
