"""The screen tier: the wizard opened straight on one step, on a prepared draft.

A test about one step's behaviour (its fields, its errors, its keys) need not walk there
from the sign-in key by key: that walk is what the flow tests check, once per branch
(``tests/tui/test_flow_branches.py``, ``test_flow_languages.py``, ``test_review_flow.py``).
Here the operator is signed in as the sign-in screen's worker does it (the client's
sign-in, account and catalogue, handed to the wizard's state), with no keys typed and no
dashboard drawn, and the step is shown through the app's navigation, rendered from the
draft the test prepared, as the wizard does after a resumed draft or a jump from the
review. :func:`signed_in` goes through the sign-in screen's worker to the dashboard.

This is the one module of the tests that reaches into the application's wiring (how a
signed-in session is set up, how a step is opened). When that wiring changes, adapt it
here; the tests keep calling :func:`open_step` and :func:`show_screen`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual.pilot import Pilot

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.sign_in import SignInScreen

if TYPE_CHECKING:
    from textual.screen import Screen

    from fleet_tui.core.draft import OrderDraft
    from fleet_tui.tui.steps import StepId

#: The demo backend's operator (``tests/tui`` signs in with these, by keys or not).
USERNAME = "patricia"
PASSWORD = "demo"


def fleet(pilot: Pilot[Any]) -> FleetApp:
    """The app under test, typed."""
    app = pilot.app
    assert isinstance(app, FleetApp)
    return app


async def signed_in(pilot: Pilot[Any], username: str = USERNAME, password: str = PASSWORD) -> None:
    """Sign in without keys (what the sign-in screen's Enter starts: its worker, which
    loads the account and the catalogue and opens the dashboard)."""
    app = fleet(pilot)
    screen = app.screen
    assert isinstance(screen, SignInScreen), type(screen).__name__
    screen.sign_in(username, password)
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert type(app.screen).__name__ == "DashboardScreen", type(app.screen).__name__


async def _signed_in_for_a_step(pilot: Pilot[Any]) -> None:
    """What the sign-in screen's worker does (:meth:`SignInScreen.sign_in`), without the
    dashboard it opens after: a test of one step does not need it drawn."""
    from pydantic import SecretStr

    from fleet_tui.clients.base import Credentials

    app = fleet(pilot)
    app.start_preload()
    client = (await app.preload.wait()).client
    session = await client.sign_in(Credentials(username=USERNAME, password=SecretStr(PASSWORD)))
    app.state.signed_in(session, await client.order_context())


async def open_step(pilot: Pilot[Any], step: StepId, draft: OrderDraft | None = None) -> FleetApp:
    """Sign in without keys (if the sign-in screen shows) and show ``step`` rendered
    from ``draft`` (default: the draft the app holds)."""
    app = fleet(pilot)
    if isinstance(app.screen, SignInScreen):
        await _signed_in_for_a_step(pilot)
    if draft is not None:
        app.draft = draft
    app.go_to(step)
    await pilot.pause()
    assert getattr(app.screen, "STEP", None) == step, type(app.screen).__name__
    return app


async def show_screen(pilot: Pilot[Any], screen: Screen[Any]) -> FleetApp:
    """Sign in without keys (if the sign-in screen shows) and show ``screen`` (not a
    step: a confirmation, say)."""
    app = fleet(pilot)
    if isinstance(app.screen, SignInScreen):
        await signed_in(pilot)
    await app.switch_screen(screen)
    await pilot.pause()
    return app


async def at_number_step(pilot: Pilot[Any]) -> FleetApp:
    """The screen tier's sign-in and Ctrl+N: step 2 on an empty draft."""
    from fleet_tui.core.draft import OrderDraft

    return await open_step(pilot, "number", OrderDraft())


async def without_scroll_bars(pilot: Pilot[Any]) -> None:
    """Hide the current screen's scroll bars, for a snapshot of what they scroll.

    A scroll bar's thumb is drawn from the whole content's height to an eighth of a
    cell; that height settles a refresh or two after a field's explanation or a QR
    code is laid out, so two runs of the same screen drew the thumb one cell apart
    while every line of text was the same. The snapshot is of the text."""
    from textual.containers import ScrollableContainer

    for container in pilot.app.screen.query(ScrollableContainer):
        container.styles.scrollbar_visibility = "hidden"
    await pilot.pause()
