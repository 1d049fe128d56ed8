"""The small widgets: compact inputs that drop control characters, glyph toggles."""

from __future__ import annotations

import pytest
from textual import events
from textual.app import App, ComposeResult
from textual.content import Content
from textual.screen import Screen

from fleet_tui.tui.widgets.choices import (
    ChoiceList,
    GlyphCheckbox,
    SearchSelect,
    checkbox,
    radio_set,
)
from fleet_tui.tui.widgets.inputs import CompactInput, printable, text_input
from tests.support.drive import screen_text
from tests.support.unicode import BIDI_CONTROLS


def test_printable_drops_controls_escapes_and_bidi_overrides() -> None:
    assert printable("Acme\x1b[31m [GmbH]\x07\n\t\u202e") == "Acme[31m [GmbH]"
    assert printable("Zoë 👩\u200d💻") == "Zoë 👩\u200d💻"


def test_printable_drops_every_bidi_control() -> None:
    assert printable("Jan" + "".join(BIDI_CONTROLS) + "Peeters") == "JanPeeters"


class _Form(App[None]):
    def compose(self) -> ComposeResult:
        yield text_input("holder_name", "a\x1bb", max_length=8)
        yield radio_set("pick", [("a", "[b]A[/b]"), ("b", "B")], "a")
        yield checkbox("tick", "Tick [me]", False)


async def test_pasted_escape_sequences_are_never_echoed() -> None:
    app = _Form()
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.query_one(CompactInput)
        assert field.value == "ab"
        field.focus()
        field.post_message(events.Paste("\x1b]0;owned\x07xyz\nmore"))
        await pilot.pause()
        assert field.value == "ab]0;own"  # bounded by max_length, control characters gone
        assert field.compact and not field.cursor_blink
        assert field.outer_size.height == 1


async def test_toggles_show_their_state_as_a_glyph_with_labels_as_text() -> None:
    app = _Form()
    async with app.run_test(size=(80, 24)) as pilot:
        buttons = [str(b.render()) for b in app.query("RadioButton")]
        assert buttons[0].startswith("(•) [b]A[/b]")
        assert buttons[1].startswith("( ) B")
        box = app.query_one(GlyphCheckbox)
        assert str(box.render()).startswith("[ ] Tick [me]")
        box.focus()
        await pilot.press("space")
        assert str(box.render()).startswith("[x] Tick [me]")
        assert box.value


class _Lists(App[None]):
    """A list of choices with nothing chosen and a disabled second entry, and a plan
    drop-down whose entries are ``Content`` (as every list in the wizard)."""

    def compose(self) -> ComposeResult:
        choices = radio_set("pick", [("a", "A"), ("b", "B"), ("c", "C")], None)
        yield choices
        yield SearchSelect(
            [(Content(name), name) for name in ("Shape Start", "Shape Smart", "Shape Traveller")],
            id="plan",
        )

    def on_mount(self) -> None:
        self.query("RadioButton")[1].disabled = True


def _chosen(app: App[None]) -> str | None:
    radio = app.query_one(ChoiceList)
    return radio.pressed_button.name if radio.pressed_button else None


async def test_an_arrow_chooses_in_a_list_of_choices_as_in_any_radio_group() -> None:
    app = _Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        radio = app.query_one(ChoiceList)
        radio.focus()
        await pilot.pause()
        assert _chosen(app) is None  # focusing (and mounting) chooses nothing
        await pilot.press("down")  # the disabled B is skipped
        assert _chosen(app) == "c"
        await pilot.press("up")  # round past B again: back to A
        assert _chosen(app) == "a"
        await pilot.press("left")  # wraps round, as RadioSet's cursor does
        assert _chosen(app) == "c"
        await pilot.press("right", "space")  # Space on the chosen entry keeps it
        assert _chosen(app) == "a"


async def test_typing_in_an_open_list_moves_to_the_entry_named() -> None:
    app = _Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        plan = app.query_one(SearchSelect)
        plan.focus()
        await pilot.press("enter", "t", "r", "enter")  # Textual's own found nothing here
        assert plan.value == "Shape Traveller"
        await pilot.press("enter", "s", "m", "enter")
        assert plan.value == "Shape Smart"


class _LongField(App[None]):
    def compose(self) -> ComposeResult:
        yield text_input("email")


def _row(app: App[None], y: int) -> str:
    return screen_text(app).splitlines()[y]


async def test_typing_re_lays_nothing_and_a_long_text_still_scrolls_to_the_cursor(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Textual's Input sets its virtual size on every key, and that reactive used to ask
    # for a layout of the whole screen before the character was echoed (a few ms a key
    # on a step with forty widgets, the largest part of the echo time over SSH).
    layouts = 0
    original = Screen._refresh_layout

    def counted(self: Screen[None], *args: object, **kwargs: object) -> None:
        nonlocal layouts
        layouts += 1
        original(self, *args, **kwargs)  # type: ignore[arg-type]

    app = _LongField()
    async with app.run_test(size=(80, 24)) as pilot:
        field = app.query_one(CompactInput)
        field.focus()
        await pilot.pause()
        monkeypatch.setattr(Screen, "_refresh_layout", counted)
        for key in "0123456789":
            await pilot.press(key)
            await pilot.pause()
        assert field.value == "0123456789"
        assert layouts == 0
        assert "0123456789" in _row(app, 0)
        # Longer than the field (60 cells wide): the end, where the cursor is, is shown.
        text = "".join(chr(ord("a") + i % 26) for i in range(10, 90))
        for key in text:
            await pilot.press(key)
        await pilot.pause()
        assert field.value.endswith(text)
        assert text[-40:] in _row(app, 0)
        assert "0123456789" not in _row(app, 0)
        await pilot.press("home")
        await pilot.pause()
        assert "0123456789" in _row(app, 0)


@pytest.mark.parametrize("burst", [False, True])
async def test_enter_down_enter_in_a_drop_down_chooses_its_first_entry_even_typed_ahead(
    burst: bool,
) -> None:
    # Enter opens the list, which takes the focus a moment later (through the app's
    # queue, behind the keys already typed). Typed in one burst, Down and Enter reached
    # the closed list first and only opened it again: it stayed open on its prompt.
    app = _Lists()
    async with app.run_test(size=(80, 24)) as pilot:
        plan = app.query_one(SearchSelect)
        plan.focus()
        await pilot.pause()
        keys = [("enter", "\r"), ("down", None), ("enter", "\r")]
        if burst:
            for key, character in keys:
                app.post_message(events.Key(key, character))
        else:
            for key, _ in keys:
                await pilot.press(key)
        await pilot.pause()
        await pilot.pause()
        assert plan.value == "Shape Start"
        assert not plan.expanded
