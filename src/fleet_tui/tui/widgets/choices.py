"""Choice widgets built from (value, label) pairs; labels are always plain text."""

from __future__ import annotations

from collections.abc import Iterable

from textual.content import Content
from textual.widgets import RadioButton, RadioSet


def radio_set(
    name: str, choices: Iterable[tuple[str, str]], selected: str | None, *, id: str | None = None
) -> RadioSet:
    """A RadioSet whose buttons carry their value as ``name``; ``selected`` is pressed."""
    buttons = [
        RadioButton(Content(label), value=value == selected, name=value) for value, label in choices
    ]
    return RadioSet(*buttons, name=name, id=id or f"input-{name}", compact=True)
