"""A labelled answer: label, the control, an optional hint, the portal's explanation
(shown while the field has the focus) and the error line."""

from __future__ import annotations

from textual import events
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

    ``explain`` is the source portal's explanation of the field (its ⓘ text). It is
    shown under the control only while the field has the focus, so that at 80x24 the
    explanations of the other fields never push the form off the screen; F1 shows it
    in the help dialog as well (:attr:`explanation`).
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
    Field > .field--explain {
        display: none;
        color: $text-muted;
        text-style: italic;
    }
    Field.-focused > .field--explain {
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
        explain: str | None = None,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id or f"field-{name}", classes=classes)
        self._label = label + (" *" if required else "")
        self.control = control
        if control.name is None:
            control._name = name  # the screen maps control events back to the draft
        self._hint = hint
        self.label_text = label
        #: The portal's explanation of this field, if it has one.
        self.explanation = explain

    def compose(self) -> ComposeResult:
        yield Static(Content(self._label), classes="field--label")
        yield self.control
        if self._hint:
            yield Static(Content(self._hint), classes="field--hint")
        if self.explanation:
            yield Static(Content(self.explanation), classes="field--explain")
        yield Static("", classes="field--error", markup=False)

    # A class set on focus events rather than ``:focus-within``: the explanation must be
    # laid out before the field is scrolled into view, and the pseudo-class is only
    # re-evaluated on a later style pass.
    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        if self.explanation and not self.has_class("-focused"):
            self.add_class("-focused")
            # Once the explanation has its lines, show the whole field if it fits.
            self.call_after_refresh(self.scroll_visible, animate=False, immediate=True)

    def on_resize(self, event: events.Resize) -> None:
        # The explanation's lines can arrive a layout pass after the refresh above: then
        # the field was scrolled into view at its old height and the explanation was
        # left below the fold (seen on a loaded machine). Its new height brings it in.
        if self.has_class("-focused") and self.has_focus_within:
            self.scroll_visible(animate=False, immediate=True)

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        if self.explanation:
            self.call_later(self._still_focused)

    def _still_focused(self) -> None:
        # Focus may move between two widgets of the same field (e.g. a Select's list).
        if not self.has_focus_within:
            self.remove_class("-focused")

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
