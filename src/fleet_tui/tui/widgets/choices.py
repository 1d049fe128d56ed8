"""Choice widgets built from (value, label) pairs; labels are always plain text.

Radio buttons and checkboxes show their state as a glyph — ``(•)``/``( )`` and
``[x]``/``[ ]`` — so they read on a monochrome terminal and under ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet, Select
from textual.widgets._select import SelectCurrent, SelectOverlay


class GlyphRadioButton(RadioButton):
    """A radio button drawn ``(•) label`` when pressed and ``( ) label`` when not."""

    ON: ClassVar[str] = "(•)"
    #: The pressed sign in ``--ascii`` mode (the app's ``ascii_only``).
    ON_ASCII: ClassVar[str] = "(*)"
    OFF: ClassVar[str] = "( )"

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        on = self.ON_ASCII if getattr(self.app, "ascii_only", False) else self.ON
        return Content(on if self.value else self.OFF).stylize(style)


class GlyphCheckbox(Checkbox):
    """A checkbox drawn ``[x] label`` when ticked and ``[ ] label`` when not.

    | Key(s) | Description |
    | :- | :- |
    | enter, space | Tick or untick. |
    """

    ON: ClassVar[str] = "[x]"
    OFF: ClassVar[str] = "[ ]"

    @property
    def _button(self) -> Content:
        style = self.get_visual_style("toggle--button")
        return Content(self.ON if self.value else self.OFF).stylize(style)


class ChoiceList(RadioSet):
    """A list of choices whose arrow keys choose, as a radio group does everywhere else
    (WAI-ARIA's radio group, a browser's, GTK's): the cursor and the choice move together,
    so picking the second entry is one key, not two. Enter or Space chooses the entry
    under the cursor — the first one, when nothing is chosen yet. Disabled entries are
    skipped, and the cursor wraps round at either end, as RadioSet's does.

    | Key(s) | Description |
    | :- | :- |
    | down, right | Choose the next entry. |
    | up, left | Choose the previous entry. |
    | enter, space | Choose the entry under the cursor. |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,right", "next_choice", "Next choice", show=False),
        Binding("up,left", "previous_choice", "Previous choice", show=False),
    ]

    def action_next_choice(self) -> None:
        """Move to the next entry and choose it."""
        self.action_next_button()
        self._choose_cursor()

    def action_previous_choice(self) -> None:
        """Move to the previous entry and choose it."""
        self.action_previous_button()
        self._choose_cursor()

    def _choose_cursor(self) -> None:
        # RadioSet's own next/previous actions only move the cursor (and its mount calls
        # them, which must choose nothing): choosing is this binding's doing alone.
        if self._selected is not None:
            button = self._nodes[self._selected]
            if isinstance(button, RadioButton) and not button.value:
                button.value = True


def radio_set(
    name: str,
    choices: Iterable[tuple[str, str]],
    selected: str | None,
    *,
    id: str | None = None,
) -> ChoiceList:
    """A RadioSet whose buttons carry their value as ``name``; ``selected`` is pressed."""
    buttons = [
        GlyphRadioButton(Content(label), value=value == selected, name=value)
        for value, label in choices
    ]
    return ChoiceList(*buttons, name=name, id=id or f"input-{name}", compact=True)


def checkbox(name: str, label: str, value: bool, *, id: str | None = None) -> GlyphCheckbox:
    """A checkbox editing draft answer ``name`` (a yes/no answer); ``label`` is text."""
    return GlyphCheckbox(
        Content(label), value=value, name=name, id=id or f"input-{name}", compact=True
    )


class _SearchOverlay(SelectOverlay):
    """Select's drop-down list, whose type-to-search also reads ``Content`` prompts.

    Textual's own search skips every option whose prompt is neither ``str`` nor
    ``Text``, and our prompts are ``Content`` (never markup): typing "tr" in the open
    plan list found nothing. Same rule as Textual's otherwise: the option whose prompt
    holds the typed letters earliest, case-insensitive."""

    def _find_search_match(self, query: str) -> int | None:
        query = query.lower()
        best: tuple[int, int] | None = None  # (where in the prompt, option index)
        for index, option in enumerate(self._options):
            prompt = option.prompt
            plain = prompt.plain if isinstance(prompt, Content) else str(prompt)
            found = plain.lower().find(query)
            if found != -1 and (best is None or found < best[0]):
                best = (found, index)
        return None if best is None else best[1]


class SearchSelect(Select[Any]):
    """A drop-down list (Enter opens it) in which typing a few letters of an entry moves
    to it: "tr" in the plan list is Shape Traveller.

    Keys typed ahead while the list opens act on the list. Enter opens it, and the list
    takes the focus a moment later (Textual focuses it through the app's queue, behind
    the keys already typed); until then Down and Enter reached the closed list, which
    only opened it again: "Enter Down Enter" in one burst left it open on its prompt.

    | Key(s) | Description |
    | :- | :- |
    | enter, space | Open the list; in a list still opening, choose the entry highlighted |
    | down, up | Open the list; in a list still opening, move the highlight |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,space", "open_or_choose", "Show menu", show=False),
        Binding("down", "open_or_move(1)", "Show menu", show=False),
        Binding("up", "open_or_move(-1)", "Show menu", show=False),
    ]

    def action_open_or_choose(self) -> None:
        """Open the list, or choose in it if it is already opening."""
        if self.expanded:
            self.query_one(_SearchOverlay).action_select()
        else:
            self.action_show_overlay()

    def action_open_or_move(self, step: int) -> None:
        """Open the list, or move its highlight if it is already opening."""
        overlay = self.query_one(_SearchOverlay)
        if not self.expanded:
            self.action_show_overlay()
        elif step > 0:
            overlay.action_cursor_down()
        else:
            overlay.action_cursor_up()

    def compose(self) -> ComposeResult:
        # Select.compose, with the overlay above.
        yield SelectCurrent(self.prompt)
        yield _SearchOverlay(type_to_search=self._type_to_search).data_bind(compact=Select.compact)
