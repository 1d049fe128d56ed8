"""Choice widgets built from (value, label) pairs; labels are always plain text.

Radio buttons and checkboxes show their state as a glyph — ``(•)``/``( )`` and
``[x]``/``[ ]`` — so they read on a monochrome terminal and under ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Checkbox, RadioButton, RadioSet


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


class ChoiceSet(RadioSet):
    """A RadioSet where Enter chooses and moves on, as Enter does in a text field.

    | Key(s) | Description |
    | :- | :- |
    | Up / Down, Left / Right | Move between the choices |
    | Enter | Choose the highlighted one and go to the next field |
    | Space | Choose the highlighted one (the focus stays) |

    The focus moves once the screen has handled the choice (its step screen calls
    :meth:`changed`), so a panel the choice opens (the eSIM details after "eSIM") is
    where it lands.
    """

    #: Set by Enter until the choice has reached the screen.
    advance_after_change = False

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "choose_and_next", "Choose", id="choose-next", show=False),
        Binding("space", "toggle_button", "Choose", id="choose", show=False),
    ]

    def action_choose_and_next(self) -> None:
        """Choose the highlighted button, then focus the next field."""
        highlighted = self._nodes[self._selected] if self._selected is not None else None
        if isinstance(highlighted, RadioButton) and not highlighted.value:
            self.advance_after_change = True  # once the screen has seen the change
            self.action_toggle_button()
        else:  # already chosen: nothing will change, move on now
            self.screen.focus_next()

    def changed(self) -> None:
        """The screen has handled a choice: move on if Enter made it."""
        if self.advance_after_change:
            self.advance_after_change = False
            # After the next layout: focus order follows screen positions, which a
            # panel just shown does not have yet.
            self.call_after_refresh(self._next_field)

    def _next_field(self) -> None:
        if self.is_attached and self.has_focus:
            self.screen.focus_next()


def radio_set(
    name: str,
    choices: Iterable[tuple[str, str]],
    selected: str | None,
    *,
    id: str | None = None,
) -> ChoiceSet:
    """A :class:`ChoiceSet` whose buttons carry their value as ``name``; ``selected`` is
    pressed."""
    buttons = [
        GlyphRadioButton(Content(label), value=value == selected, name=value)
        for value, label in choices
    ]
    return ChoiceSet(*buttons, name=name, id=id or f"input-{name}", compact=True)


def checkbox(name: str, label: str, value: bool, *, id: str | None = None) -> GlyphCheckbox:
    """A checkbox editing draft answer ``name`` (a yes/no answer); ``label`` is text."""
    return GlyphCheckbox(
        Content(label), value=value, name=name, id=id or f"input-{name}", compact=True
    )
