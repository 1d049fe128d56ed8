"""Every key the bar shows speaks the interface language — Textual's own widgets
included (a Select's open list brings its Escape binding, written in English)."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Select

from fleet_tui.core.i18n import Lang, keys
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.bindings import NAMESPACES
from fleet_tui.tui.widgets.key_bar import KeyBar
from tests.support.screens import open_step, signed_in

from .card_helpers import card_draft, go_on, submit
from .conftest import SIZE, choose


def _catalogue_texts(lang: Lang) -> set[str]:
    return {
        text
        for namespace in NAMESPACES
        for key, text in keys(lang, namespace).items()
        if ".binding." in key
    }


async def _keys_everywhere_on_this_screen(app: FleetApp, pilot: Pilot[None]) -> set[str]:
    """The key texts shown with the focus on each control in turn, and with each
    Select's list open."""
    seen: set[str] = set()
    screen = app.screen
    for widget in list(screen.query("*")):
        if not widget.focusable:
            continue
        widget.focus()
        await pilot.pause()
        seen |= {text for _key, text, _on in app.screen.query_one(KeyBar).keys}
        if isinstance(widget, Select):
            widget.action_show_overlay()
            await pilot.pause()
            seen |= {text for _key, text, _on in app.screen.query_one(KeyBar).keys}
            await pilot.press("escape")
            await pilot.pause()
    return seen


async def test_every_key_shown_during_an_order_is_translated(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="nl")
    allowed = _catalogue_texts("nl")
    shown: set[str] = set()
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        shown |= await _keys_everywhere_on_this_screen(app, pilot)  # sign-in
        await signed_in(pilot)
        shown |= await _keys_everywhere_on_this_screen(app, pilot)  # dashboard
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "input-number_request", "new")
        shown |= await _keys_everywhere_on_this_screen(app, pilot)
        await open_step(pilot, "new_card", card_draft(sim="esim"))
        shown |= await _keys_everywhere_on_this_screen(app, pilot)
        await go_on(pilot, "InvoiceSplitScreen")
        shown |= await _keys_everywhere_on_this_screen(app, pilot)
        await go_on(pilot, "ReviewScreen")
        shown |= await _keys_everywhere_on_this_screen(app, pilot)
        await submit(pilot)
        shown |= await _keys_everywhere_on_this_screen(app, pilot)  # confirmation
        await pilot.press("f5")
        await pilot.pause()
        shown |= await _keys_everywhere_on_this_screen(app, pilot)  # the QR alone
    assert {"Terug", "Doorgaan", "Nieuwe bestelling"} <= shown, shown  # the check sees the bar
    assert shown <= allowed, sorted(shown - allowed)
