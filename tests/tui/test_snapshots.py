"""Snapshots of steps 1 to 4 at 80x24 (``pytest --snapshot-update`` to accept changes).

Deterministic by construction: the demo backend is seeded from its data file into a
fresh folder, no screen shows a clock, and no cursor blinks.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.pilot import Pilot

from fleet_tui.tui.app import FleetApp
from tests.support.screens import at_number_step

from .conftest import SIZE, choose, sign_in, transfer

SnapCompare = Callable[..., bool]


def test_sign_in(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def fill(pilot: Pilot[Any]) -> None:
        await pilot.press(*"patricia", "tab", *"secret")

    assert snap_compare(app, terminal_size=SIZE, run_before=fill)


def test_sign_in_refused(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def refused(pilot: Pilot[Any]) -> None:
        await sign_in(pilot, password="wrong")

    assert snap_compare(app, terminal_size=SIZE, run_before=refused)


def test_dashboard(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def dashboard(pilot: Pilot[Any]) -> None:
        await sign_in(pilot)
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=dashboard)


def test_number_transfer(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def number(pilot: Pilot[Any]) -> None:
        await at_number_step(pilot)
        await choose(pilot, "input-number_request", "transfer")
        await choose(pilot, "input-current_operator", "proximus")

    assert snap_compare(app, terminal_size=SIZE, run_before=number)


def test_number_new_in_dutch(snap_compare: SnapCompare, make_app: Callable[..., FleetApp]) -> None:
    async def number(pilot: Pilot[Any]) -> None:
        await at_number_step(pilot)
        await choose(pilot, "input-number_request", "new")

    assert snap_compare(make_app(lang="nl"), terminal_size=SIZE, run_before=number)


def test_port_in_professional_with_errors(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def port_in(pilot: Pilot[Any]) -> None:
        await at_number_step(pilot)
        await transfer(pilot, "proximus", "professional_subscription")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"0470 12 34 5", "ctrl+n")
        await pilot.pause()
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=port_in)


def test_port_in_prepaid_in_english(
    snap_compare: SnapCompare, make_app: Callable[..., FleetApp]
) -> None:
    async def port_in(pilot: Pilot[Any]) -> None:
        await at_number_step(pilot)
        await transfer(pilot, "orange", "prepaid")
        await pilot.press("ctrl+n")
        await pilot.pause()

    assert snap_compare(make_app(lang="en"), terminal_size=SIZE, run_before=port_in)


def test_help_on_the_number_step(snap_compare: SnapCompare, app: FleetApp) -> None:
    async def help_open(pilot: Pilot[Any]) -> None:
        await at_number_step(pilot)
        await pilot.press("f1")
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=help_open)


def test_too_small_notice(snap_compare: SnapCompare, app: FleetApp) -> None:
    assert snap_compare(app, terminal_size=(60, 20))


def test_port_in_high_contrast_ascii(
    snap_compare: SnapCompare, make_app: Callable[..., FleetApp]
) -> None:
    async def port_in(pilot: Pilot[Any]) -> None:
        await at_number_step(pilot)
        await transfer(pilot, "telenet", "private_subscription")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press(*"Acme [GmbH] [/]", "tab")
        await pilot.pause()

    app = make_app(theme="high-contrast", ascii_only=True)
    assert snap_compare(app, terminal_size=SIZE, run_before=port_in)
