"""A labelled answer: label, the control, an optional hint and the error line."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Static


class Field(Vertical):
    """One answer of the draft, shown as label, control, hint and error.

    ``name`` is the draft answer the control edits (the control carries the same
    ``name``). The error line is text, prefixed with a sign, so it reads without
    colour; the field gets the ``-invalid`` class while it shows one.
    """

    DEFAULT_CSS = """
    Field {
        height: auto;
        margin: 0 0 1 0;
    }
    Field > .field--label {
        text-style: bold;
    }
    Field > .field--hint {
        color: $text-muted;
    }
    Field > .field--error {
        display: none;
        color: $text-error;
        text-style: bold;
    }
    Field.-invalid > .field--error {
        display: block;
    }
    """

    def __init__(
        self,
        name: str,
        label: str,
        control: Widget,
        *,
        required: bool = False,
        hint: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id or f"field-{name}", classes=classes)
        self._label = label + (" *" if required else "")
        self.control = control
        if control.name is None:
            control._name = name  # the screen maps control events back to the draft
        self._hint = hint

    def compose(self) -> ComposeResult:
        yield Static(Content(self._label), classes="field--label")
        yield self.control
        if self._hint:
            yield Static(Content(self._hint), classes="field--hint")
        yield Static("", classes="field--error", markup=False)

    def show_error(self, message: str | None) -> None:
        """Show ``message`` under the control, or clear the error."""
        self.set_class(message is not None, "-invalid")
        sign = "!" if getattr(self.app, "ascii_only", False) else "⚠"
        self.query_one(".field--error", Static).update(
            Content(f"{sign} {message}" if message else "")
        )

    @property
    def invalid(self) -> bool:
        """Whether the field shows an error."""
        return self.has_class("-invalid")
