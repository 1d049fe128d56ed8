"""Another like this: from the confirmation, the next employee's order, pre-filled.

The copy is the core's (:meth:`OrderDraft.another_like_this`); this module only starts
it in the wizard: the new draft replaces the submitted one (so it gets its own
idempotency key: :func:`fleet_tui.session.submission.submission_key` belongs to the
draft), the wizard opens the first step that still has a question to answer —
normally "your new card" — with the focus on the first field to fill in.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.order import Order
from fleet_tui.core.rules import OrderContext
from fleet_tui.tui.steps import STEPS, StepId

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard

#: The steps an order's answers live on, in wizard order.
_ANSWER_STEPS: tuple[StepId, ...] = ("number", "port_in", "new_card", "invoice_split")


def first_step_to_fill(draft: OrderDraft, context: OrderContext | None) -> StepId:
    """The first step that applies and has an answer missing or wrong; the review when
    every step is complete."""
    for step in STEPS:
        applies = step.id in _ANSWER_STEPS and step.applies(draft)
        if applies and draft.errors_for(step.fields(draft), context):
            return step.id
    return "review"


def first_field_to_fill(
    draft: OrderDraft, names: tuple[str, ...], context: OrderContext | None
) -> str | None:
    """Of the answers ``names`` (one screen's, in screen order), the first one that is
    missing or wrong."""
    errors = draft.errors_for(names, context)
    return next((name for name in names if name in errors), None)


def start_another(app: Wizard, submitted: Order) -> None:
    """Replace the draft by the next order like ``submitted`` and open the step to fill."""
    draft = OrderDraft.from_document(submitted.document()).another_like_this()
    app.state.new_order(draft)
    app.draft_changed()
    target = first_step_to_fill(draft, app.context)
    app.go_to(target)
    # Queued on the new screen after its mount (which focuses its first field).
    app.screen.call_later(_focus_first_to_fill, app, target)


def _focus_first_to_fill(app: Wizard, target: StepId) -> None:
    from fleet_tui.tui.screens.base import StepScreen

    screen = app.screen
    if not isinstance(screen, StepScreen) or target != screen.STEP:
        return
    name = first_field_to_fill(app.draft, screen.active_fields(), app.context)
    field = screen.field(name) if name else None
    if field is not None and field.control.focusable:
        field.control.focus()
        field.control.scroll_visible(animate=False)
