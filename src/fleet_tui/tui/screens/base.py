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
from textual.widgets import Button, Checkbox, Input, RadioButton, RadioSet, Select, Static

from fleet_tui.core.i18n import Translator
from fleet_tui.tui.steps import Step, StepId, StepState, states, step
from fleet_tui.tui.widgets import too_small
from fleet_tui.tui.widgets.field import Field
from fleet_tui.tui.widgets.key_bar import KeyBar
from fleet_tui.tui.widgets.step_indicator import StepIndicator

if TYPE_CHECKING:
    # Not imported at run time here: the sign-in screen is drawn before the order model.
    from textual.widget import Widget

    from fleet_tui.core.draft import OrderDraft
    from fleet_tui.core.errors import FieldError
    from fleet_tui.tui.host import Wizard


#: The smallest terminal the layout is made for (below it a notice replaces any screen).
MIN_WIDTH, MIN_HEIGHT = too_small.MIN_WIDTH, too_small.MIN_HEIGHT


class StepScreen(Screen[None]):
    """Base of the seven step screens.

    | Key | Action |
    |-----|--------|
    | Esc | Back to the previous step (answers are kept) |
    | Ctrl+N | Continue (validates this step, with what the controls show) |

    Binding descriptions are translated from ``tui.binding.<id>`` (every binding
    has an ``id``). Below 80x24 the app puts a notice on every screen instead of a
    cramped layout (:mod:`fleet_tui.tui.widgets.too_small`); answers stay where they are.
    """

    STEP: ClassVar[StepId]
    #: Whether this screen shows Back / Continue buttons.
    NAVIGATION: ClassVar[bool] = True
    #: Whether the scrolling body is a Tab stop. Not on a form: focus shown on a
    #: whole page reads as nothing focused; the fields scroll into view by themselves.
    BODY_FOCUSABLE: ClassVar[bool] = False
    #: Translation keys of lines the F1 help adds for this screen.
    HELP_KEYS: ClassVar[tuple[str, ...]] = ()

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="back"),
        # Not a priority key: it then follows the keys typed before it through the
        # focused control (Enter on a list, the last digit of a field), so the step is
        # checked with those answers in, not refused for an answer on screen.
        Binding("ctrl+n", "continue", "Continue", id="continue"),
    ]

    def __init__(self) -> None:
        super().__init__()
        self._shown_error: set[str] = set()
        self._touched: set[str] = set()
        #: Whether Continue was refused here with a toast (see :meth:`leave`).
        self._continue_refused = False

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
        body = VerticalScroll(id="body")
        body.can_focus = self.BODY_FOCUSABLE
        with body:
            yield Static(Content(self.screen_title()), classes="screen-title")
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
        yield too_small.TooSmallNotice(self.tr)
        yield KeyBar()

    def screen_title(self) -> str:
        """The title over the body: the step's name (a step may use the portal's)."""
        return self.tr(self.step.title_key)

    def compose_body(self) -> ComposeResult:
        """The step's own widgets."""
        yield from ()

    def on_mount(self) -> None:
        self._cursors_on_choices()
        self.refresh_panels()
        self.show_pending_errors()
        carried = self.fleet.state.take_carried(self.active_fields())
        if carried:
            self.check(carried)
        self.focus_first()

    def _cursors_on_choices(self) -> None:
        # Textual puts a list's cursor on its first entry whatever is chosen: with
        # "transfer" chosen, the first Up only moved the cursor onto it and looked
        # ignored. Start each list's cursor on its chosen entry (RadioSet has no public
        # way to move it; its children have mounted before this screen's on_mount).
        for radio in self.query(RadioSet):
            if radio.pressed_index >= 0:
                radio._selected = radio.pressed_index

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
        for name, error in self.fleet.state.take_pending(self.active_fields()).items():
            widget = self.field(name)
            if widget is not None:
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

    # -- focus ------------------------------------------------------------------------

    def set_focus(
        self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False
    ) -> None:
        """Focus ``widget`` and scroll its whole field into view (label, control,
        explanation), at once rather than animated.

        Textual scrolls a focused widget to the centre a moment after the focus, and
        checks that the widget's top left stays in view. Inside a field one cell wider
        than the step's scrolling body, that check failed on the horizontal axis, and
        the body was scrolled until the control was at the top: the label above it went
        out of sight. Step 5's first field, the customer number list, lost its label
        every time the step opened.
        """
        super().set_focus(widget, scroll_visible=False, from_app_focus=from_app_focus)
        if scroll_visible and widget is not None and self.focused is widget:
            self.call_after_refresh(self.show_focused, widget)

    def show_focused(self, widget: Widget) -> None:
        """Scroll ``widget``'s field (or ``widget``, outside a field) into view, if
        ``widget`` still has the focus."""
        if self.focused is widget:
            field = next((node for node in widget.ancestors if isinstance(node, Field)), None)
            (field or widget).scroll_visible(animate=False, immediate=True)

    # -- navigation -------------------------------------------------------------------

    def leave(self) -> None:
        """The wizard is moving to another step: a toast that refused this step's
        Continue ("4 fields need attention") would be stale on the next one."""
        if self._continue_refused:
            self.app.clear_notifications()

    def can_continue(self) -> bool:
        """Validate the whole step; focus the first invalid field if any."""
        errors = self.check(self.active_fields())
        if not errors:
            return True
        self.notify(self.tr("tui.fix_errors", count=len(errors)), severity="warning", markup=False)
        self._continue_refused = True
        first = self.first_invalid(errors)
        if first is not None:
            self.set_focus(first.control)
            # Already focused, set_focus does not scroll: the errors just shown move it.
            self.call_after_refresh(self.show_focused, first.control)
        return False

    def action_continue(self) -> None:
        """Continue to the next step that applies, if this one is valid."""
        # A screen already left (Ctrl+N twice in one burst) does nothing.
        if not self.is_current:
            return
        self.sync_controls()
        if self.can_continue():
            self.fleet.go_next(self.STEP)

    def sync_controls(self) -> None:
        """Write what the text fields, choice lists and boxes show to the draft, for
        the answers whose change message has not arrived yet."""
        fields = type(self.draft).model_fields
        changed = False
        for control in self.query("Input, RadioSet, Checkbox"):
            name = control.name
            if not name or name not in fields:
                continue
            value: Any
            if isinstance(control, Input):
                value = control.value
            elif isinstance(control, RadioSet):
                value = _shown_choice(control)
            elif isinstance(control, Checkbox):
                value = control.value
            else:
                continue
            before = getattr(self.draft, name)
            if value is not None and value != before:
                self.set_answer(name, value)
                changed = changed or getattr(self.draft, name) != before
        if changed:
            self.refresh_panels()
            self.refresh_indicator()

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


def _shown_choice(radio: RadioSet) -> str | None:
    """The ``name`` of the button shown pressed: a button just pressed is on before
    the set has turned the previous one off (that happens in its change handler)."""
    on = [button for button in radio.query(RadioButton) if button.value]
    fresh = [button for button in on if button is not radio.pressed_button]
    chosen = fresh[0] if fresh else (on[0] if on else None)
    return chosen.name if chosen is not None else None
