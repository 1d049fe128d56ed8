"""The review sends the order only on a deliberate act (issue #9, safety).

Each test signs in, then opens the review on a prepared, valid draft (the steps before
are tested elsewhere), and checks with the keyboard what sends and what does not — by
what the demo backend really stored.
"""

from __future__ import annotations

import asyncio

import pytest
from textual.pilot import Pilot
from textual.widgets import Button, Static

from fleet_tui.core.draft import OrderDraft
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens import review as review_module
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.help import HelpScreen
from fleet_tui.tui.screens.review import SUBMIT_BUTTON_GRACE_S, ReviewScreen
from tests.support.screens import fleet, open_step, signed_in
from tests.tui.card_helpers import card_draft
from tests.tui.conftest import SIZE, screen_text


def valid_draft() -> OrderDraft:
    """A complete new-number order on a physical SIM."""
    return card_draft()


async def open_review(pilot: Pilot[None], draft: OrderDraft | None = None) -> ReviewScreen:
    """Sign in, then show the review of ``draft`` (a valid order by default)."""
    app = await open_step(pilot, "review", draft or valid_draft())
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def stored(app: FleetApp) -> int:
    return len(await app.client.recent_orders(100))


async def test_keys_of_earlier_screens_send_nothing_and_f9_sends(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        before = await stored(app)
        submit = screen.query_one("#continue", Button)
        assert app.focused is screen.query_one("#body")  # the summary, not the button
        for key in ("enter", "space", "ctrl+n", "down", "up"):
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is screen, key
            assert app.focused is not submit, key
        await app.workers.wait_for_complete()
        assert await stored(app) == before
        assert "F9" in screen_text(app)  # the notice after Ctrl+N says which key sends
        await pilot.press("f9")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert await stored(app) == before + 1


async def test_tab_to_the_submit_button_then_enter_sends(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_review(pilot)
        before = await stored(app)
        submit = screen.query_one("#continue", Button)
        await pilot.press("shift+tab")  # from the summary, back round to the last stop
        await pilot.pause()
        assert app.focused is submit
        await asyncio.sleep(SUBMIT_BUTTON_GRACE_S)  # the review read (see the next tests)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert await stored(app) == before + 1


async def test_the_key_bar_and_help_show_f9_not_ctrl_n(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await open_review(pilot)
        bar = screen_text(app).splitlines()[-1]
        assert "f9 Envoyer" in bar and "^n" not in bar, bar
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        # The review's help opens on the processing-time table; the keys follow it.
        keys = app.screen.query_one("#help-keys", Static).content
        text = str(keys).replace("\u00a0", " ")
        assert "F9  Envoyer" in text
        assert "Ctrl+N n'envoie rien ici" in text


async def test_page_down_scrolls_the_whole_review_at_80x24_on_arrival(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        draft = valid_draft()
        draft.sim_format, draft.esim_compatible = "esim", True
        draft.esim_number, draft.user_email = "1150100048141", "jan.peeters@example.be"
        draft.user_language, draft.send_qr_to_fleet_manager = "nl", True
        screen = await open_review(pilot, draft)
        body = screen.query_one("#body")
        assert body.max_scroll_y > 0  # it does not fit: the test means something
        last = screen.query_one("#review-invoice_split .review-title", Static)
        assert last.region.y >= body.region.bottom or not last.region  # below the fold
        for _ in range(10):
            await pilot.press("pagedown")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y
        assert last.region and body.region.contains_region(last.region)
        for _ in range(10):
            await pilot.press("pageup")
        await pilot.pause()
        assert body.scroll_y == 0


async def test_a_key_before_the_new_screen_is_drawn_is_dropped(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await signed_in(pilot)
        fleet(pilot).draft = valid_draft()
        before = await stored(app)
        gate = fleet(pilot).key_gate
        fleet(pilot).go_to("review")
        assert not gate.is_open  # closed from the switch until the first frame
        dropped = gate.dropped
        # Typed ahead: F9 reaches the app before the review has been drawn.
        await pilot.press("f9")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        assert gate.dropped == dropped + 1
        assert gate.is_open
        assert await stored(app) == before  # F9 reached no screen


async def test_a_double_click_on_continue_does_not_send_from_the_review(
    app: FleetApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A long grace, so that a loaded machine cannot make the double click a slow one.
    monkeypatch.setattr(review_module, "SUBMIT_BUTTON_GRACE_S", 60.0)
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, "invoice_split", valid_draft())
        before = await stored(app)
        await pilot.click("#continue")  # step 6's Continue...
        for _ in range(20):  # ...until the review is on screen, drawn
            await pilot.pause(0.01)
            if isinstance(app.screen, ReviewScreen) and fleet(pilot).key_gate.is_open:
                break
        review = app.screen
        assert isinstance(review, ReviewScreen)
        await pilot.click("#continue")  # the second click lands on Submit, same spot
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen is review
        assert await stored(app) == before
        assert any("venait de s'ouvrir" in n.message for n in app._notifications)
        # Read, then clicked on purpose: sent.
        monkeypatch.setattr(review_module, "SUBMIT_BUTTON_GRACE_S", 0.2)
        await asyncio.sleep(0.2)
        await pilot.click("#continue")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert await stored(app) == before + 1


async def test_a_key_still_waiting_when_the_screen_changes_is_dropped(
    app: FleetApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A key admitted for one screen waits for that screen to take in the keys before it
    # (key_gate.taken_in). A worker can switch screens meanwhile: the sign-in's opened
    # the dashboard while a Ctrl+N typed with the sign-in waited, and the Ctrl+N then
    # opened a new order there. Here the switch is to the review, and the key F9.
    from fleet_tui.tui.key_gate import taken_in

    async with app.run_test(size=SIZE) as pilot:
        await signed_in(pilot)
        fleet(pilot).draft = valid_draft()
        before = await stored(app)
        gate = fleet(pilot).key_gate
        dropped = gate.dropped
        switched: list[object] = []

        async def switch_while_waiting(screen: object) -> None:
            if not switched:
                switched.append(screen)
                fleet(pilot).go_to("review")  # as a worker's message handler would
                await asyncio.sleep(0.3)
            await taken_in(app.screen)

        monkeypatch.setattr("fleet_tui.tui.app.taken_in", switch_while_waiting)
        await pilot.press("f9")  # typed on the dashboard, where it does nothing
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert switched, "the key did not wait"
        assert isinstance(app.screen, ReviewScreen)
        assert await stored(app) == before  # F9 reached no screen
        assert gate.dropped == dropped + 1
