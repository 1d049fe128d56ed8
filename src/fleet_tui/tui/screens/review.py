"""Step 7 — review everything, then submit (SPEC §2 step 7).

Each step's answers are listed under its name with an "Edit" button (the step opens,
and its Continue comes back here). Every rule the draft breaks is listed under its
step. Submitting runs in a worker; while it runs the buttons are disabled and a line
says so, and the UI stays responsive. A backend error keeps the whole order:

- refused fields (``InvalidOrder``, ``Conflict``) are listed under their step and wait
  in ``app.pending_errors`` to be shown on their field when the step is opened;
- an unreachable backend gets "try again", with the same idempotency key;
- an ended session goes back to sign-in, the draft kept.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Button, Static

from fleet_tui.clients.base import (
    BackendUnavailable,
    ClientError,
    Conflict,
    InvalidOrder,
    NotSignedIn,
)
from fleet_tui.core.draft import draft_field
from fleet_tui.core.errors import FieldError, OrderInvalid
from fleet_tui.core.rules import OrderContext
from fleet_tui.session.submission import forget_key, submit_draft
from fleet_tui.tui.review_rows import answer_label, answer_value, shown_answers
from fleet_tui.tui.screens.base import StepScreen
from fleet_tui.tui.screens.new_card import require_context
from fleet_tui.tui.steps import STEPS, StepId, step_of_field

#: The steps whose answers the review lists.
REVIEWED: tuple[StepId, ...] = ("number", "port_in", "new_card", "invoice_split")
_OTHER = "other"


class ReviewScreen(StepScreen):
    """Step 7: the whole draft by step, its problems, and Submit.

    | Key | Action |
    |-----|--------|
    | Ctrl+N | Submit the order |
    | Esc | Back to Invoice Split |
    """

    STEP = "review"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+n", "continue", "Submit", id="submit", priority=True),
    ]

    busy: reactive[bool] = reactive(False, init=False)
    """Whether a submission is running."""

    def __init__(self) -> None:
        super().__init__()
        #: What the backend refused on the last attempt.
        self.backend_errors: list[FieldError] = []
        self._notice: str | None = None

    @property
    def context(self) -> OrderContext:
        """Account and catalogue."""
        return require_context(self.fleet.context)

    # -- layout -----------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        tr = self.tr
        yield Static(Content(tr("tui_card.review.intro")), classes="field--hint")
        yield Static("", id="review-status", markup=False)
        yield Static(Content(tr("tui_card.review.submitting")), id="review-busy")
        for step in STEPS:
            if step.id not in REVIEWED or not step.applies(self.draft):
                continue
            with Vertical(id=f"review-{step.id}", classes="review-group"):
                with Horizontal(classes="review-heading"):
                    yield Static(Content(tr(step.title_key)), classes="review-title")
                    yield Button(
                        Content(tr("tui_card.review.edit")),
                        id=f"edit-{step.id}",
                        classes="edit",
                        compact=True,
                    )
                yield Static(self._rows(step.id), classes="review-rows")
                yield Static("", classes="review-errors", markup=False)
        with Vertical(id=f"review-{_OTHER}", classes="review-group"):
            yield Static(Content(tr("tui_card.review.other")), classes="review-title")
            yield Static("", classes="review-errors", markup=False)

    def _rows(self, step_id: StepId) -> Content:
        step = next(s for s in STEPS if s.id == step_id)
        lines = [
            Content(f"{answer_label(n, self.tr)}: ")
            + Content(answer_value(n, self.draft, self.context, self.tr)).stylize("bold")
            for n in shown_answers(step.fields(self.draft), self.draft)
        ]
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        # Textual also runs StepScreen.on_mount (after this one): finish after it.
        self.call_later(self._after_mount)

    def _after_mount(self) -> None:
        self.query_one("#continue", Button).label = Content(self.tr("tui_card.review.submit"))
        self.show_problems()

    def focus_first(self) -> None:
        # Nothing to type here: Submit is the natural first stop.
        self.query_one("#continue", Button).focus()

    # -- problems -----------------------------------------------------------------------

    def problems(self) -> dict[str, list[FieldError]]:
        """The draft's errors and the backend's last ones, by step id (or "other")."""
        by_step: dict[str, list[FieldError]] = {}
        errors = self.draft.errors(self.context) + self.backend_errors
        seen: set[tuple[str, str]] = set()
        for error in errors:
            if (error.field, error.code) in seen:
                continue
            seen.add((error.field, error.code))
            name = draft_field(error.path)
            step = step_of_field(name, self.draft) if name else None
            key = step.id if step is not None and step.id in REVIEWED else _OTHER
            by_step.setdefault(key, []).append(error)
        return by_step

    def show_problems(self) -> dict[str, list[FieldError]]:
        """List the problems under their step; say whether the order can be sent."""
        tr = self.tr
        problems = self.problems()
        for group in self.query(".review-group"):
            key = (group.id or "").removeprefix("review-")
            errors = problems.get(key, [])
            lines = [self._error_line(e) for e in errors]
            group.query_one(".review-errors", Static).update(
                Content("\n".join(f"⚠ {line}" for line in lines))
            )
            group.query_one(".review-errors").display = bool(errors)
            if key == _OTHER:
                group.display = bool(errors)
        count = sum(len(v) for v in problems.values())
        status = self.query_one("#review-status", Static)
        if self._notice:
            text = self._notice
        elif count:
            text = tr("tui_card.review.problems", count=count)
        else:
            text = tr("tui_card.review.ready")
        status.update(Content(text))
        status.set_class(bool(self._notice or count), "-problem")
        return problems

    def _error_line(self, error: FieldError) -> str:
        name = draft_field(error.path)
        message = error.message(self.fleet.lang)
        return f"{answer_label(name, self.tr)}: {message}" if name else message

    # -- actions ------------------------------------------------------------------------

    @on(Button.Pressed, ".edit")
    def _edit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        step_id = (event.button.id or "").removeprefix("edit-")
        if step_id in REVIEWED:
            self.edit(step_id)

    def edit(self, step_id: StepId) -> None:
        """Open step ``step_id``; its Continue comes back to the review."""
        self.fleet.editing_from_review = True
        self.fleet.go_to(step_id)

    def can_continue(self) -> bool:
        problems = self.show_problems()
        if not problems:
            return True
        self.notify(
            self.tr("tui_card.review.problems", count=sum(len(v) for v in problems.values())),
            severity="warning",
            markup=False,
        )
        self._focus_edit(problems)
        return False

    def action_continue(self) -> None:
        """Submit the order, if nothing is left to fix and nothing is running."""
        if self.busy:
            return
        self._notice = None
        self.backend_errors = []
        if self.can_continue():
            self.submit()

    def _focus_edit(self, problems: dict[str, list[FieldError]]) -> None:
        for step_id in REVIEWED:
            if step_id in problems:
                button = self.query_one(f"#edit-{step_id}", Button)
                button.focus()
                button.scroll_visible()
                return

    def watch_busy(self, busy: bool) -> None:
        """Disable every button and show the busy line while submitting."""
        self.set_class(busy, "-busy")
        for button in self.query(Button):
            button.disabled = busy

    # -- submitting ---------------------------------------------------------------------

    @work(exclusive=True, group="submit")
    async def submit(self) -> None:
        """Submit the draft; show the confirmation, or say what went wrong."""
        from fleet_tui.tui.screens.confirmation import ConfirmationScreen

        self.busy = True
        try:
            confirmation = await submit_draft(self.fleet.client, self.draft, self.context)
        except NotSignedIn:
            self.busy = False
            self.notify(self.tr("tui_card.review.signed_out"), severity="warning", markup=False)
            self.fleet.go_to("sign_in")
            return
        except (InvalidOrder, OrderInvalid) as exc:
            self._refused(exc.errors)
        except Conflict as exc:
            if draft_field(exc.error.path) is None:
                forget_key(self.draft)  # e.g. the key was used for another order
            self._refused([exc.error])
        except BackendUnavailable:
            self._failed(self.tr("tui_card.review.unavailable"))
        except OSError as exc:
            self._failed(self.tr("tui_card.review.upload_failed", reason=exc.strerror or str(exc)))
        except ClientError as exc:
            self._failed(str(exc))
        else:
            self.busy = False
            self.fleet.show_screen(ConfirmationScreen(confirmation))
            return
        self.busy = False
        self.show_problems()

    def _refused(self, errors: list[FieldError]) -> None:
        self.backend_errors = list(errors)
        for error in errors:
            name = draft_field(error.path)
            if name is not None:
                self.fleet.pending_errors[name] = error
        self._notice = self.tr("tui_card.review.refused")
        self.call_after_refresh(self._focus_edit, self.problems())

    def _failed(self, message: str) -> None:
        self._notice = message
        self.query_one("#continue", Button).label = Content(self.tr("tui_card.review.retry"))
