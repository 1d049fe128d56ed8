"""Snapshots of steps 5 to 7 at 80x24 (``pytest --snapshot-update`` to accept changes).

Deterministic: a fresh demo folder, answers typed by the test, no blinking cursor;
the review's expected activation is read from a fixed clock.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from textual.pilot import Pilot

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens import review as review_screen
from tests.support.screens import open_step, without_scroll_bars
from tests.tui.card_helpers import (
    at_new_card,
    card_draft,
    fill_card,
    go_on,
    pick,
    tick,
    to_new_card,
)
from tests.tui.conftest import SIZE, choose

SnapCompare = Callable[..., bool]
#: The review's clock in these snapshots: a Friday, 15:03 in Brussels.
FRIDAY = datetime(2026, 3, 6, 14, 3, tzinfo=UTC)


@pytest.fixture(autouse=True)
def _fixed_review_clock(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review_screen, "current_time", lambda: FRIDAY)


def test_new_card_esim(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def esim(pilot: Pilot[Any]) -> None:
        await at_new_card(pilot)
        await choose(pilot, "input-customer_number", "1.52797")
        await choose(pilot, "input-sim_format", "esim")
        pilot.app.screen.query_one("#input-esim_compatible").focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=esim)


async def settled(pilot: Pilot[Any]) -> None:
    """Let the focused field's scrolling finish: it runs after a refresh (the field's
    explanation is laid out first), and a bare pause does not wait for one — on a loaded
    machine the picture was taken before it, at another scroll position."""
    for _ in range(3):
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(0.1)


def test_new_card_plan_and_options(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def plan(pilot: Pilot[Any]) -> None:
        await to_new_card(pilot)
        await fill_card(pilot, plan="shape-traveller")
        await tick(pilot, "option-world-traveller")
        await tick(pilot, "input-surf_extra_card")
        await settled(pilot)
        await without_scroll_bars(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=plan)


def test_invoice_split_on(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def split(pilot: Pilot[Any]) -> None:
        await open_step(pilot, "invoice_split", card_draft(customer="5.16143"))
        await tick(pilot, "input-invoice_split")
        await pick(pilot, "input-invoice_split_profile", "titanium-executive-20")

    assert snap_compare(app, terminal_size=SIZE, run_before=split)


def test_new_card_explains_the_focused_field(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def focused(pilot: Pilot[Any]) -> None:
        await to_new_card(pilot)
        await fill_card(pilot, plan="shape-traveller")
        pilot.app.screen.query_one("#input-travel_data_control").focus()
        await settled(pilot)
        await without_scroll_bars(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=focused)


def test_review_help_marks_the_processing_row(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def table(pilot: Pilot[Any]) -> None:
        await open_step(pilot, "review", card_draft(sim="esim"))
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=table)


def test_review_complete_order(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def review(pilot: Pilot[Any]) -> None:
        await open_step(pilot, "review", card_draft(sim="esim"))

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
