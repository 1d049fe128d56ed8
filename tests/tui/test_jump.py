"""Jump mode (Ctrl+O): a letter on every field of the screen; typing it focuses that
field, Esc closes; listed in the key bar and in F1 help, in the interface language."""

from __future__ import annotations

from collections.abc import Callable

from textual.pilot import Pilot
from textual.widgets import Input, Static

from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import t
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.jump import jump_targets
from fleet_tui.tui.screens.help import HelpScreen
from fleet_tui.tui.screens.new_card import NewCardScreen
from fleet_tui.tui.steps import StepId
from fleet_tui.tui.widgets.jump_overlay import JumpOverlay
from tests.support import screens

from .conftest import SIZE, screen_text


async def open_step(pilot: Pilot[None], draft: OrderDraft, step: StepId = "new_card") -> FleetApp:
    """Sign in without keys (not what is tested) and show ``step`` on ``draft``."""
    return await screens.open_step(pilot, step, draft)


def esim_draft() -> OrderDraft:
    return OrderDraft(number_request="new", sim_format="esim", customer_number="5.16142")


async def test_a_label_focuses_its_field(make_app: Callable[..., FleetApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, esim_draft())
        assert isinstance(app.screen, NewCardScreen)
        email = app.screen.query_one("#input-user_email", Input)
        assert app.focused is not email
        await pilot.press("ctrl+o")
        await pilot.pause()
        overlay = app.screen
        assert isinstance(overlay, JumpOverlay)
        key = next(k for k, t in overlay.targets.items() if t.widget is email)
        assert overlay.targets[key].title == "End user's email address"
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, NewCardScreen)
        assert app.focused is email
        await pilot.press(*"x@y.be")  # the letters now type into the field
        assert email.value == "x@y.be"


async def test_esc_closes_without_moving_the_focus(make_app: Callable[..., FleetApp]) -> None:
    app = make_app(lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, esim_draft())
        before = app.focused
        await pilot.press("ctrl+o")
        await pilot.pause()
        assert isinstance(app.screen, JumpOverlay)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NewCardScreen)
        assert app.focused is before


async def test_every_control_gets_a_label_and_fields_out_of_view_are_listed(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, esim_draft())
        step_screen = app.screen
        targets = jump_targets(step_screen)
        chain = [w for w in step_screen.focus_chain if w.id != "body"]
        assert [t.widget for t in targets] == chain
        assert len({t.key for t in targets}) == len(targets)
        assert any(t.region is None for t in targets)  # 80x24: the form scrolls
        await pilot.press("ctrl+o")
        await pilot.pause()
        text = screen_text(app)
        assert "Hors de vue" in text
        # A field far below the fold (the last one): its label scrolls it into view.
        below = [t for t in targets if t.region is None][-1]
        await pilot.press(below.key)
        await pilot.pause()
        assert app.focused is below.widget
        assert below.widget.is_on_screen


async def test_jump_is_in_the_key_bar_and_in_help_in_each_language(
    make_app: Callable[..., FleetApp],
) -> None:
    app = make_app(lang="fr")
    async with app.run_test(size=SIZE) as pilot:
        await open_step(pilot, OrderDraft(), "number")
        for lang, word in (("fr", "Aller à"), ("nl", "Ga naar"), ("en", "Jump")):
            assert app.lang == lang
            bar = screen_text(app).splitlines()[-1]
            assert f"^o {word}" in bar
            assert "f3" in bar  # the theme key is shown too
            await pilot.press("f1")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            help_text = str(app.screen.query_one("#help-keys", Static).content)
            assert t("quick.help.jump", lang) in help_text
            assert help_text.count("Ctrl+O") == 1
            await pilot.press("escape")
            await pilot.pause()
            await pilot.press("f2")
            await pilot.pause()
