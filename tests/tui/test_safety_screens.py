"""Visible focus, the too-small notice on every screen, Ctrl+Q mid-order (issue #9)."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import RadioSet, Select

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.number import NumberScreen
from fleet_tui.tui.screens.quit import QuitScreen
from tests.support.screens import at_number_step, fleet
from tests.tui.card_helpers import at_new_card
from tests.tui.conftest import SIZE, choose, screen_text
from tests.tui.test_review_safety import open_review, valid_draft

NOTICE = "Fenêtre trop petite"


def row_styles(app: FleetApp, y: int) -> list[tuple[str, str]]:
    """The text and style of each segment of screen row ``y``."""
    strip = app.screen._compositor.render_strips()[y]
    return [(s.text, str(s.style)) for s in strip if s.text.strip()]


async def test_keys_do_nothing_behind_the_too_small_notice(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        assert NOTICE in screen_text(app).replace("\n", " ")
        await pilot.press("down", "enter", "ctrl+n", "escape", "f2")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, NumberScreen) and app.lang == "fr"
        assert fleet(pilot).draft.number_request is None  # the list was not touched
        assert not screen.query_one("#field-number_request").has_class("-invalid")
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        assert NOTICE not in screen_text(app)


async def test_the_confirmation_and_the_qr_code_show_the_notice(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        draft = valid_draft()
        draft.sim_format, draft.esim_compatible = "esim", True
        draft.esim_number, draft.user_email = "1150100048141", "jan.peeters@example.be"
        draft.user_language, draft.send_qr_to_fleet_manager = "nl", True
        await open_review(pilot, draft)
        await pilot.press("f9")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        await pilot.press("f5")
        await pilot.pause()
        assert "▀" in screen_text(app) or "▄" in screen_text(app)  # the QR code alone
        await pilot.resize_terminal(70, 20)
        await pilot.pause()
        text = screen_text(app)
        assert NOTICE in text.replace("\n", " ")
        assert "▀" not in text and "▄" not in text  # no cropped QR code
        await pilot.press("escape")  # behind the notice: nothing
        await pilot.pause()
        assert type(app.screen).__name__ == "QrScreen"
        await pilot.resize_terminal(*SIZE)
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmationScreen)
        await pilot.resize_terminal(79, 24)
        await pilot.pause()
        assert NOTICE in screen_text(app).replace("\n", " ")


async def test_ctrl_q_mid_order_asks_first(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, QuitScreen)
        text = screen_text(app)
        assert "Quitter fleet-tui" in text and "perdue" in text  # no drafts in this test
        await pilot.press("enter")  # the focus is on Stay
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen) and app.return_code is None
        await pilot.press("ctrl+q")
        await pilot.pause()
        await pilot.press("ctrl+q")  # a second Ctrl+Q, once asked, quits
        await pilot.pause()
        assert app.return_code == 0


async def test_ctrl_q_on_the_dashboard_quits_at_once(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        from tests.tui.conftest import sign_in

        await sign_in(pilot)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def _focus_marks(pilot: Pilot[None]) -> None:
    """On the new-card step: the focused Select shows reverse video and its field a bar;
    the body is no Tab stop; the billing-only number looks disabled."""
    app = fleet(pilot)
    screen = app.screen
    chain = screen.focus_chain
    assert screen.query_one("#body") not in chain
    radio = screen.query_one("#input-customer_number", RadioSet)
    billing = next(b for b in radio.query("RadioButton") if b.name == "5.16100")
    y = billing.region.y
    assert any("dim" in style for text, style in row_styles(app, y) if "5.16100" in text)
    await choose(pilot, "input-subscription_type", "mobile")  # plans to choose from
    select = screen.query_one("#input-plan", Select)
    select.focus()
    select.scroll_visible(animate=False)
    await pilot.pause()
    field = screen.query_one("#field-plan")
    row = row_styles(app, select.region.y)
    assert row[0][0] == "▌", row  # the focused field's bar, drawn as a glyph
    assert any("reverse" in style for _, style in row[1:]), row
    assert row_styles(app, field.region.y)[0][0] == "▌"
    other = screen.query_one("#field-customer_number")
    assert row_styles(app, other.region.y)[0][0] != "▌"  # only the focused field


@pytest.mark.parametrize(
    ("theme", "term", "no_color"),
    [
        ("default", "xterm-256color", False),
        ("light", "xterm-256color", False),
        ("high-contrast", "xterm-256color", False),
        ("default", "linux", False),
        ("default", "xterm-256color", True),
    ],
)
async def test_focus_is_visible_without_colour(
    make_app: object, monkeypatch: pytest.MonkeyPatch, theme: str, term: str, no_color: bool
) -> None:
    monkeypatch.setenv("TERM", term)
    if term == "linux":
        monkeypatch.delenv("COLORTERM", raising=False)
    if no_color:
        monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(theme=theme)  # type: ignore[operator]
    async with app.run_test(size=(100, 40)) as pilot:
        await at_new_card(pilot)  # step 5 of a new number, signed in without keys
        await _focus_marks(pilot)
