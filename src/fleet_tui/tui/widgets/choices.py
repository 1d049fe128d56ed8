"""Choice widgets built from (value, label) pairs; labels are always plain text.

Radio buttons and checkboxes show their state as a glyph — ``(•)``/``( )`` and
``[x]``/``[ ]`` — so they read on a monochrome terminal and under ``NO_COLOR``.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import ClassVar

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


def radio_set(
    name: str,
    choices: Iterable[tuple[str, str]],
    selected: str | None,
    *,
    id: str | None = None,
) -> RadioSet:
    """A RadioSet whose buttons carry their value as ``name``; ``selected`` is pressed."""
    buttons = [
        GlyphRadioButton(Content(label), value=value == selected, name=value)
        for value, label in choices
    ]
    return RadioSet(*buttons, name=name, id=id or f"input-{name}", compact=True)


def checkbox(name: str, label: str, value: bool, *, id: str | None = None) -> GlyphCheckbox:
    """A checkbox editing draft answer ``name`` (a yes/no answer); ``label`` is text."""
    return GlyphCheckbox(
        Content(label), value=value, name=name, id=id or f"input-{name}", compact=True
    )
