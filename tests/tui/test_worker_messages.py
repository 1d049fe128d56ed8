"""Workers report with Messages; the screens switch in their handlers (issue 11, item 4).

Each message is posted here as its worker would, with no backend call behind it: what
the handler does is then all that is tested. The last test walks a real submission and
checks that the screens it passed are gone from memory.
"""

from __future__ import annotations

import asyncio
import gc
from collections.abc import Callable

from textual import events
from textual._context import active_message_pump
from textual.pilot import Pilot
from textual.widgets import Button, Static

from fleet_tui.clients.base import Credentials, Session
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import t
from fleet_tui.core.rules import OrderContext
from fleet_tui.session.submission import order_of
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.base import StepScreen
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.dashboard import DashboardScreen
from fleet_tui.tui.screens.review import ReviewScreen
from fleet_tui.tui.screens.sign_in import SignInScreen
from tests.support.screens import fleet
from tests.tui.card_helpers import card_draft
from tests.tui.conftest import SIZE, sign_in


def _draft() -> OrderDraft:
    return card_draft()


async def _signed_in(app: FleetApp) -> tuple[Session, OrderContext]:
    client = app.client
    session = await client.sign_in(Credentials(username="patricia", password="demo"))
    return session, await client.order_context()


async def _review(pilot: Pilot[None]) -> ReviewScreen:
    await sign_in(pilot)
    app = fleet(pilot)
    app.draft = _draft()
    app.go_to("review")
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, ReviewScreen)
    return app.screen


async def test_signed_in_is_kept_in_the_state_and_opens_the_dashboard(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        session, context = await _signed_in(app)
        screen = app.screen
        assert isinstance(screen, SignInScreen)
        screen.post_message(SignInScreen.SignedIn(session, context))
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        assert app.state.session == session and app.context is context


async def test_a_refused_sign_in_says_why_and_stays(make_app: Callable[..., FleetApp]) -> None:
    application = make_app(lang="en")
    async with application.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = application.screen
        assert isinstance(screen, SignInScreen)
        screen.post_message(SignInScreen.Refused("tui.sign_in.unavailable"))
        await pilot.pause()
        assert application.screen is screen
        error = str(screen.query_one("#sign-in-error", Static).render())
        assert error == t("tui.sign_in.unavailable", "en")
        assert application.state.session is None


async def test_an_accepted_order_opens_its_confirmation(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await _review(pilot)
        order = order_of(app.draft, review.context)
        confirmation = await app.client.submit(order, "posted-by-the-test")
        stored = len(await app.client.recent_orders(100))
        review.post_message(ReviewScreen.Accepted(confirmation))
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        assert app.screen.confirmation is confirmation
        assert len(await app.client.recent_orders(100)) == stored  # nothing sent again


async def test_a_failure_that_may_be_retried_says_so_on_the_button(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await _review(pilot)
        review.busy = True
        review.post_message(ReviewScreen.Failed("the line is down", retry=True))
        await pilot.pause()
        assert app.screen is review and not review.busy
        assert str(review.query_one("#review-status", Static).render()) == "the line is down"
        label = str(review.query_one("#continue", Button).label)
        assert label == t("tui_card.review.retry", "fr")


async def test_a_signed_out_submission_goes_back_to_the_sign_in(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await _review(pilot)
        review.post_message(ReviewScreen.SignedOut())
        await pilot.pause()
        assert isinstance(app.screen, SignInScreen)
        assert app.draft == _draft()  # the order is kept


def _alive(kind: type[StepScreen]) -> list[StepScreen]:
    gc.collect()
    return [o for o in gc.get_objects() if isinstance(o, kind)]


async def _submitted(pilot: Pilot[None]) -> None:
    """F9 on the review, then the confirmation shown."""
    await pilot.press("f9")
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmationScreen)


async def test_after_a_submission_the_screens_passed_are_gone(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        review = await _review(pilot)
        assert _alive(StepScreen) == [review]  # the sign-in and the dashboard are gone
        del review
        await _submitted(pilot)
        assert _alive(StepScreen) == []  # not the review, not the steps before it


async def test_the_last_key_read_does_not_keep_its_screen_alive(app: FleetApp) -> None:
    # A terminal's input thread holds on to the last key it parsed until the next one
    # arrives; the key gate marks each key it admits with its screen. That mark kept
    # the review (and the step before it) alive behind the confirmation.
    async with app.run_test(size=SIZE) as pilot:
        review = await _review(pilot)
        last_key = events.Key("f9", None)
        assert fleet(pilot).key_gate.admits(last_key)
        del review
        await _submitted(pilot)
        assert _alive(StepScreen) == []
        assert last_key is not None  # still held, as the input thread holds it


async def test_the_review_s_timer_does_not_hold_the_review(app: FleetApp) -> None:
    # asyncio keeps a cancelled timer handle, with the context it was scheduled in,
    # until its time: the review's 20 s estimate refresh, set in the review's context,
    # kept the review alive behind the confirmation for up to 20 s.
    async with app.run_test(size=SIZE) as pilot:
        review = await _review(pilot)
        await pilot.pause(0.1)
        loop = asyncio.get_running_loop()
        later = [h for h in loop._scheduled if h.when() - loop.time() > 10]  # type: ignore[attr-defined]
        assert later  # the refresh is sleeping
        assert [h for h in later if h._context.get(active_message_pump) is review] == []
