"""App-wide behaviour: languages, help, themes, small terminals, ASCII mode."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.binding import Binding
from textual.dom import DOMNode
from textual.widgets import Input

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.help import HelpScreen
from fleet_tui.tui.screens.number import NumberScreen
from fleet_tui.tui.screens.port_in import PortInScreen
from fleet_tui.tui.themes import textual_theme
from tests.support.screens import at_number_step

from .conftest import SIZE, choose, screen_text, sign_in, transfer


async def test_f2_cycles_the_language_and_keeps_the_answers(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await choose(pilot, "input-number_request", "new")
        expected = [
            ("fr", "Demander un nouveau numéro", "Retour"),
            ("nl", "Een nieuw nummer aanvragen", "Terug"),
            ("en", "Request a new number", "Back"),
            ("fr", "Demander un nouveau numéro", "Retour"),
        ]
        for lang, label, back in expected:
            assert app.lang == lang
            assert isinstance(app.screen, NumberScreen)
            text = screen_text(app)
            assert f"(•) {label}" in text
            footer = text.splitlines()[-1]
            assert back in footer  # binding descriptions follow the language
            await pilot.press("f2")
            await pilot.pause()


async def test_a_shown_error_is_shown_again_in_the_new_language(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await transfer(pilot, "proximus", "prepaid")
        await pilot.press("ctrl+n")
        await pilot.pause()
        await pilot.press("ctrl+n")  # required errors
        await pilot.pause()
        assert "Obligatoire" in screen_text(app)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PortInScreen)
        text = screen_text(app)
        assert "Obligatoire" not in text
        assert "Over te zetten telefoonnummer" in text
        assert app.screen.query_one("#field-phone_number").has_class("-invalid")


@pytest.mark.parametrize(("lang", "title"), [("nl", "Aanmelden"), ("en", "Sign in")])
async def test_the_app_starts_in_the_chosen_language(
    make_app: Callable[..., FleetApp], lang: str, title: str
) -> None:
    app = make_app(lang=lang)
    async with app.run_test(size=SIZE):
        assert f"Step 1/7: {title}" in screen_text(app) or f"Stap 1/7: {title}" in screen_text(app)


async def test_f1_opens_the_keys_of_the_screen_and_closes(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = screen_text(app)
        assert "Touches" in text
        assert "Ctrl+N  Continuer" in text and "Esc  Retour" in text
        await pilot.press("f2")  # no language switch under a dialog
        await pilot.pause()
        assert app.lang == "fr" and isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)
        await pilot.press("f1")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)


def test_every_binding_of_ours_has_an_id_and_a_text_in_each_language() -> None:
    from fleet_tui.core.i18n import LANGUAGES, has_key
    from fleet_tui.tui.bindings import NAMESPACES
    from fleet_tui.tui.screens.base import StepScreen
    from fleet_tui.tui.screens.dashboard import DashboardScreen
    from fleet_tui.tui.screens.sign_in import SignInScreen

    classes: tuple[type[DOMNode], ...] = (FleetApp, StepScreen, DashboardScreen, SignInScreen)
    classes += (NumberScreen, PortInScreen, HelpScreen)
    bindings = [b for cls in classes for b in cls.__dict__.get("BINDINGS", [])]
    assert len(bindings) >= 7
    for binding in bindings:
        assert isinstance(binding, Binding) and binding.id, binding
        for lang in LANGUAGES:
            assert any(has_key(f"{ns}.binding.{binding.id}", lang) for ns in NAMESPACES), (
                binding.id,
                lang,
            )


async def test_below_80x24_a_notice_replaces_the_layout(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await choose(pilot, "input-number_request", "transfer")
        for size in ((79, 24), (30, 8), (1, 1), (80, 23)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
            assert app.screen.has_class("-too-small")
            if size[0] >= 30:
                assert "Fenêtre trop petite" in screen_text(app).replace("\n", " ")
        await pilot.resize_terminal(100, 32)
        await pilot.pause()
        assert not app.screen.has_class("-too-small")
        assert app.draft.number_request == "transfer"
        assert "(•) Transférer un numéro existant" in screen_text(app)


async def test_ascii_mode_uses_plain_signs(make_app: Callable[..., FleetApp]) -> None:
    app = make_app(ascii_only=True)
    async with app.run_test(size=SIZE) as pilot:
        await at_number_step(pilot)
        await choose(pilot, "input-number_request", "new")
        text = screen_text(app)
        assert "(*) Demander un nouveau numéro" in text
        assert text.startswith(" 1x 2x 3> 4- 5. 6. 7. | Étape 3/7")


async def test_f3_cycles_the_themes(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        seen = [app.theme]
        for _ in range(3):
            await pilot.press("f3")
            await pilot.pause()
            seen.append(app.theme)
        assert seen == ["fleet-default", "fleet-light", "fleet-high-contrast", "fleet-default"]


@pytest.mark.parametrize(
    ("name", "colours", "theme"),
    [
        ("default", "truecolor", "fleet-default"),
        ("default", "standard", "fleet-ansi"),
        ("light", "standard", "fleet-light"),
        ("high-contrast", "256", "fleet-high-contrast"),
    ],
)
def test_the_theme_follows_the_colour_depth(name: str, colours: str, theme: str) -> None:
    assert textual_theme(name, colours) == theme


async def test_a_16_colour_terminal_gets_the_ansi_theme(
    make_app: Callable[..., FleetApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("TERM", "linux")
    monkeypatch.delenv("COLORTERM")
    app = make_app()
    assert app.theme == "fleet-ansi"


async def test_no_color_is_honoured_and_states_still_read(
    make_app: Callable[..., FleetApp], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        assert app.no_color
        await at_number_step(pilot)
        await choose(pilot, "input-number_request", "new")
        text = screen_text(app)
        assert "(•) Demander" in text and "( ) Transférer" in text


async def test_no_input_blinks(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        inputs = list(app.screen.query(Input))
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await transfer(pilot, "proximus", "professional_subscription")
        await pilot.press("ctrl+n")
        await pilot.pause()
        inputs += list(app.screen.query(Input))
        assert len(inputs) == 8  # sign-in 2, port-in 5, its porting date 1
        assert not any(i.cursor_blink for i in inputs)
