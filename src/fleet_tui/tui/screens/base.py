"""What every step screen shares: the step indicator, the body, Back and Continue,
writing answers to the draft as they change, and live validation.

Validation follows one rule for every field: checked when it loses focus (an
untouched empty field is not nagged about) or on Continue; once a field has shown an
error it is re-checked on every change, so the error goes the moment it is fixed.
The rules themselves are the core's (:meth:`OrderDraft.errors_for`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar, cast

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Checkbox, Input, RadioSet, Select, Static

from fleet_tui.core.i18n import Translator
from fleet_tui.tui.steps import Step, StepId, StepState, states, step
from fleet_tui.tui.widgets.field import Field
from fleet_tui.tui.widgets.key_bar import KeyBar
from fleet_tui.tui.widgets.step_indicator import StepIndicator

if TYPE_CHECKING:
    # Not imported at run time here: the sign-in screen is drawn before the order model.
    from fleet_tui.core.draft import OrderDraft
    from fleet_tui.core.errors import FieldError
    from fleet_tui.tui.host import Wizard


#: The smallest terminal the layout is made for; below it a notice replaces the step.
MIN_WIDTH, MIN_HEIGHT = 80, 24


class StepScreen(Screen[None]):
    """Base of the seven step screens.

    | Key | Action |
    |-----|--------|
    | Esc | Back to the previous step (answers are kept) |
    | Ctrl+N | Continue (validates this step) |

    Binding descriptions are translated from ``tui.binding.<id>`` (every binding
    has an ``id``). Below 80x24 the screen gets the ``-too-small`` class and shows a
    notice instead of a cramped layout; answers stay where they are.
    """

    STEP: ClassVar[StepId]
    #: Whether this screen shows Back / Continue buttons.
    NAVIGATION: ClassVar[bool] = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        Binding("ctrl+n", "continue", "Continue", id="continue", priority=True),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown_error: set[str] = set()
        self._touched: set[str] = set()

    # -- conveniences -----------------------------------------------------------------

    @property
    def fleet(self) -> Wizard:
        """The app, typed."""
        return cast("Wizard", self.app)

    @property
    def draft(self) -> OrderDraft:
        """The one order draft every screen reads and writes."""
        return self.fleet.draft

    @property
    def tr(self) -> Translator:
        """Translator in the interface language."""
        return self.fleet.tr

    @property
    def step(self) -> Step:
        """This screen's registry entry."""
        return step(self.STEP)

    # -- layout -----------------------------------------------------------------------

    def indicator_states(self) -> list[tuple[str, StepState]]:
        """Each step's title key and state, for the step indicator."""
        return [(s.title_key, state) for s, state in states(self.STEP, self.draft)]

    def compose(self) -> ComposeResult:
        yield StepIndicator(self.indicator_states(), self.tr, ascii_only=self.fleet.ascii_only)
        with VerticalScroll(id="body"):
            yield Static(Content(self.tr(self.step.title_key)), classes="screen-title")
            yield from self.compose_body()
        if self.NAVIGATION:
            with Horizontal(id="actions"):
                yield Button(Content(self.tr("tui.back")), id="back", compact=True)
                yield Static(id="actions-gap")
                yield Button(
                    Content(self.tr("tui.continue")),
                    id="continue",
                    variant="primary",
                    compact=True,
                )
        yield Static(
            Content(self.tr("tui.too_small", width=MIN_WIDTH, height=MIN_HEIGHT)),
            id="too-small",
        )
        yield KeyBar()

    def compose_body(self) -> ComposeResult:
        """The step's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        self._fit(self.app.size.width, self.app.size.height)
        self.refresh_panels()
        self.show_pending_errors()
        carried = [n for n in self.active_fields() if n in self.fleet.carried_errors]
        self.fleet.carried_errors = set()
        if carried:
            self.check(carried)
        self.focus_first()

    def on_resize(self, event: events.Resize) -> None:
        self._fit(event.size.width, event.size.height)

    def _fit(self, width: int, height: int) -> None:
        self.set_class(width < MIN_WIDTH or height < MIN_HEIGHT, "-too-small")

    @property
    def shown_errors(self) -> frozenset[str]:
        """The answers whose error is on screen now."""
        return frozenset(n for n in self._shown_error if (f := self.field(n)) and f.invalid)

    def focus_first(self) -> None:
        """Focus the first field (or the first focusable widget)."""
        for field in self.query(Field):
            shown = all(node.display for node in field.ancestors_with_self if node is not self)
            if shown and field.control.focusable:
                field.control.focus()
                return
        self.focus_next()

    def refresh_panels(self) -> None:
        """Show or hide conditional parts after a choice changed (override)."""

    def refresh_indicator(self) -> None:
        """Redraw the step indicator (a choice can make a later step apply or not)."""
        indicator = self.indicator_states()
        for widget in self.query(StepIndicator):
            widget.update(
                StepIndicator.render_states(indicator, self.tr, ascii_only=self.fleet.ascii_only)
            )

    # -- the draft --------------------------------------------------------------------

    def set_answer(self, name: str, value: Any) -> None:
        """Write one answer to the draft and re-check it if it has shown an error."""
        if not name or name not in type(self.draft).model_fields:
            return
        setattr(self.draft, name, value)
        self._touched.add(name)
        self.fleet.draft_changed()
        if name in self._shown_error:
            self.check([name])

    @on(Input.Changed)
    def _input_changed(self, event: Input.Changed) -> None:
        if event.input.name:
            self.set_answer(event.input.name, event.value)

    @on(RadioSet.Changed)
    def _radio_changed(self, event: RadioSet.Changed) -> None:
        name = event.radio_set.name
        if name:
            self.set_answer(name, event.pressed.name)
            self.refresh_panels()
            self.refresh_indicator()

    @on(Select.Changed)
    def _select_changed(self, event: Select.Changed) -> None:
        name = event.select.name
        if name:
            value = None if event.value is Select.NULL else event.value
            self.set_answer(name, value)
            self.refresh_panels()

    @on(Checkbox.Changed)
    def _checkbox_changed(self, event: Checkbox.Changed) -> None:
        name = event.checkbox.name
        if name and name in type(self.draft).model_fields:
            self.set_answer(name, event.value)
            self.refresh_panels()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        name = event.widget.name
        if name and name in self._touched and name in self.active_fields():
            self.check([name])

    @on(Input.Submitted)
    def _enter_moves_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.input_submitted(event.input)

    def input_submitted(self, control: Input) -> None:
        """Enter in a text field: go to the next field (fast data entry; override)."""
        self.focus_next()

    # -- validation -------------------------------------------------------------------

    def active_fields(self) -> tuple[str, ...]:
        """The draft answers this screen shows now."""
        return self.step.fields(self.draft)

    def field(self, name: str) -> Field | None:
        """The field widget of answer ``name``, if shown on this screen."""
        found = self.query(f"#field-{name}").results(Field)
        return next(iter(found), None)

    def check(self, names: list[str] | tuple[str, ...]) -> dict[str, FieldError]:
        """Validate answers ``names`` with the core and show or clear their errors."""
        errors = self.draft.errors_for(names, self.fleet.context)
        for name in names:
            widget = self.field(name)
            if widget is None:
                continue
            error = errors.get(name)
            widget.show_error(error.message(self.fleet.lang) if error else None)
            if error:
                self._shown_error.add(name)
        return errors

    def show_pending_errors(self) -> None:
        """Show errors the backend returned for this step's fields."""
        pending = self.fleet.pending_errors
        for name in self.active_fields():
            error = pending.pop(name, None)
            widget = self.field(name)
            if error and widget is not None:
                widget.show_error(error.message(self.fleet.lang))
                self._shown_error.add(name)

    def first_invalid(self, errors: dict[str, FieldError]) -> Field | None:
        """The first field on screen (in screen order) that has an error."""
        for name in self.active_fields():
            if name in errors:
                widget = self.field(name)
                if widget is not None:
                    return widget
        return None

    # -- navigation -------------------------------------------------------------------

    def can_continue(self) -> bool:
        """Validate the whole step; focus the first invalid field if any."""
        errors = self.check(self.active_fields())
        if not errors:
            return True
        self.notify(self.tr("tui.fix_errors", count=len(errors)), severity="warning", markup=False)
        first = self.first_invalid(errors)
        if first is not None:
            self.set_focus(first.control)
            first.control.scroll_visible()
        return False

    def action_continue(self) -> None:
        """Continue to the next step that applies, if this one is valid."""
        if self.can_continue():
            self.fleet.go_next(self.STEP)

    def action_back(self) -> None:
        """Back to the previous step; every answer stays in the draft."""
        self.fleet.go_back(self.STEP)

    @on(Button.Pressed, "#continue")
    def _continue_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_continue()

    @on(Button.Pressed, "#back")
    def _back_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.action_back()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("back", "continue"):
            return self.NAVIGATION
        return True
