"""Drafts in the wizard (Pilot): every change saved, offered again after sign-in,
resumed at its step or discarded, removed once submitted, flushed on SIGTERM."""

from __future__ import annotations

import asyncio
import json
import os
import signal
from pathlib import Path

from textual.widgets import Button, Input

from fleet_tui.core.draft import OrderDraft
from fleet_tui.session.drafts import DraftStore
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.resilience import Resilience
from fleet_tui.tui.screens.dashboard import DashboardScreen
from fleet_tui.tui.screens.number import NumberScreen
from fleet_tui.tui.screens.port_in import PortInScreen
from fleet_tui.tui.screens.resume import ResumeDialog
from tests.resilience.tui_support import (
    SIZE,
    demo_client,
    drafts_app,
    flat,
    toasts,
    until_toast,
)
from tests.support.screens import open_step
from tests.tui.card_helpers import card_draft, go_on, type_into
from tests.tui.conftest import screen_text, sign_in, to_number_step
from tests.tui.flow_helpers import number_step_transfer

PHONE = "0470 12 34 56"


async def _half_an_order(app: FleetApp) -> None:
    """Sign in, choose a prepaid transfer from Proximus, type the phone number."""
    async with app.run_test(size=SIZE) as pilot:
        await to_number_step(pilot)
        await number_step_transfer(pilot, "proximus", "prepaid")
        await go_on(pilot, "PortInScreen")
        await type_into(pilot, "input-phone_number", PHONE)
        await pilot.pause(0.3)


#: What :func:`_half_an_order` leaves in the draft store (its test checks it does).
HALF_AN_ORDER = OrderDraft(
    number_request="transfer", current_operator="proximus", card_type="prepaid", phone_number=PHONE
)


def _half_an_order_saved(tmp_path: Path) -> None:
    """The draft :func:`_half_an_order` saves, saved by the store itself at the port-in
    step (what the wizard's saver does), without running a wizard to type it."""
    drafts_app(tmp_path)[1].save(HALF_AN_ORDER, "port_in")


async def test_every_change_is_saved_with_its_step_and_no_credentials(tmp_path: Path) -> None:
    app, store = drafts_app(tmp_path)
    await _half_an_order(app)

    saved = store.load()
    assert saved is not None
    assert saved.step == "port_in"
    assert saved.draft.number_request == "transfer"
    assert saved.draft.current_operator == "proximus"
    assert saved.draft.phone_number == PHONE
    assert saved.draft == HALF_AN_ORDER  # what the other tests start from
    raw = store.path.read_text(encoding="utf-8")
    assert "patricia" not in raw and "password" not in raw
    assert set(json.loads(raw)["draft"]) <= set(OrderDraft.model_fields)


async def test_after_sign_in_the_order_is_offered_and_resumed_at_its_step(
    tmp_path: Path,
) -> None:
    _half_an_order_saved(tmp_path)

    app, store = drafts_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        text = flat(screen_text(app))
        assert "Unfinished order" in text
        assert "“Port-in details”" in text
        await pilot.press("enter")  # Resume has the focus
        await pilot.pause()
        assert isinstance(app.screen, PortInScreen)
        assert app.screen.query_one("#input-phone_number", Input).value == PHONE
    assert store.load() is not None  # still unfinished


async def test_discarding_removes_the_draft_and_starts_clean(tmp_path: Path) -> None:
    _half_an_order_saved(tmp_path)

    app, store = drafts_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        await pilot.press("right", "enter")  # to Discard, press it
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.draft == OrderDraft()
        assert str(app.screen.query_one("#add-card", Button).label) == "Add a card to my fleet"
        await pilot.pause(0.2)
    assert store.load() is None
    assert not store.path.exists()


async def test_put_off_the_dashboard_button_resumes_it(tmp_path: Path) -> None:
    _half_an_order_saved(tmp_path)

    app, _ = drafts_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.screen.order_in_progress
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)
        assert app.draft.phone_number == PHONE


async def test_a_submitted_order_leaves_no_draft(tmp_path: Path) -> None:
    app, store = drafts_app(tmp_path)
    async with app.run_test(size=SIZE) as pilot:
        # Step 6 of a new number's order, signed in without keys: the draft is saved
        # (the step shown is).
        await open_step(pilot, "invoice_split", card_draft())
        await pilot.pause(0.2)
        assert store.path.exists()
        await go_on(pilot, "ReviewScreen")
        await pilot.press("f9")
        await app.workers.wait_for_complete()
        await pilot.pause(0.2)
        assert type(app.screen).__name__ == "ConfirmationScreen"
        assert not store.path.exists()
        await pilot.press("escape")  # dashboard: the empty draft is not saved either
        await pilot.pause(0.2)
    assert store.load() is None


async def test_sigterm_writes_the_last_change_before_leaving(tmp_path: Path) -> None:
    # A long delay: only the signal handler's flush can have written the phone number.
    store = DraftStore(tmp_path / "drafts")
    app = FleetApp(
        demo_client(tmp_path / "demo"),
        lang="en",
        resilience=Resilience(store=store, delay=60.0),
    )
    async with app.run_test(size=SIZE) as pilot:
        answered = HALF_AN_ORDER.model_copy(update={"phone_number": ""})
        await open_step(pilot, "port_in", answered)  # signed in without keys
        await type_into(pilot, "input-phone_number", PHONE)
        assert not store.path.exists()
        os.kill(os.getpid(), signal.SIGTERM)
        for _ in range(50):
            if app.return_code is not None:
                break
            await asyncio.sleep(0.02)
        assert app.return_code == 128 + signal.SIGTERM
    saved = store.load()
    assert saved is not None and saved.draft.phone_number == PHONE
    assert saved.step == "port_in"


async def test_without_drafts_nothing_is_saved_and_the_operator_is_told(tmp_path: Path) -> None:
    app = FleetApp(
        demo_client(tmp_path / "demo"), lang="en", resilience=Resilience(drafts_off=True)
    )
    async with app.run_test(size=SIZE, notifications=True) as pilot:
        await until_toast(pilot)
        assert any("Drafts are off (--no-drafts)" in flat(text) for text in toasts(pilot))
        await to_number_step(pilot)
        await number_step_transfer(pilot, "proximus", "prepaid")
        await pilot.pause(0.2)
    assert not [p for p in tmp_path.rglob("*") if "draft" in p.name]


async def test_drafts_loaded_after_the_sign_in_are_still_offered(tmp_path: Path) -> None:
    # The wizard loads drafts in a thread after the first frame: a fast operator may
    # reach the dashboard first.
    _half_an_order_saved(tmp_path)
    app = FleetApp(demo_client(tmp_path / "demo"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert isinstance(app.screen, DashboardScreen)
        store = DraftStore.for_client("demo", tmp_path / "demo", folder=tmp_path / "drafts")
        app.resilience = Resilience(store=store, delay=0.05)
        app.resilience.attach(app)
        await pilot.pause()
        assert isinstance(app.screen, ResumeDialog)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PortInScreen)
        assert app.draft.phone_number == PHONE
