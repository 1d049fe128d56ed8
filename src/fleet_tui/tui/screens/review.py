"""Step 7 — review everything, then submit (SPEC §2 step 7).

Each step's answers are listed under its name with an "Edit" button (the step opens,
and its Continue comes back here). Every rule the draft breaks is listed under its
step. Submitting runs in a worker; while it runs the buttons are disabled and a line
says so, and the UI stays responsive. A backend error keeps the whole order:

- refused fields (``InvalidOrder``, ``Conflict``) are listed under their step and wait
  in the state's ``pending_errors`` to be shown on their field when the step is opened;
- an unreachable backend gets "try again", with the same idempotency key — the draft's
  own, saved with it before anything is sent, so that it survives a quit and resume
  too; when the backend already had the order, its first confirmation is shown;
- an ended session goes back to sign-in, the draft kept.

Nothing typed for an earlier screen can send the order: the review opens with the
focus on the summary (Enter, Space and the arrows only read it), Ctrl+N — Continue on
every other step — only says which key sends, and sending takes the review's own key
(F9, used by no other screen) or the submit button, focused on purpose with Tab.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import UTC, datetime
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Button, Static

from fleet_tui.clients.base import (
    BackendUnavailable,
    ClientError,
    Confirmation,
    Conflict,
    InvalidOrder,
    NotSignedIn,
)
from fleet_tui.core.draft import draft_field
from fleet_tui.core.errors import FieldError, OrderInvalid
from fleet_tui.core.moments import format_moment
from fleet_tui.core.processing_table import Estimate, estimate
from fleet_tui.core.rules import OrderContext
from fleet_tui.session.submission import order_of, submission_key, submit_draft
from fleet_tui.tui.browser_keys import browser_text
from fleet_tui.tui.processing_help import processing_table_text
from fleet_tui.tui.review_rows import answer_label, answer_value, shown_answers
from fleet_tui.tui.screens.base import StepScreen
from fleet_tui.tui.screens.new_card import require_context
from fleet_tui.tui.steps import STEPS, StepId, StepState, states, step_of_field
from fleet_tui.tui.timers import screen_timer

#: The steps whose answers the review lists.
REVIEWED: tuple[StepId, ...] = ("number", "port_in", "new_card", "invoice_split")
_OTHER = "other"
#: How often the expected activation is recomputed while the review is open.
_ESTIMATE_EVERY_S = 20.0


def current_time() -> datetime:
    """Now, in UTC (the review's clock; a test may replace it to fix the time)."""
    return datetime.now(UTC)


#: The key that sends the order: no other screen binds it, so no key typed ahead for
#: an earlier screen (Enter, Space, Ctrl+N) can be it.
SUBMIT_KEY = "f9"

#: Seconds after the review appears during which its submit button does not send. A
#: double click on step 6's Continue puts its second click on this button (it stands
#: where Continue stood), and Tab, Enter typed ahead can reach it once the first frame is
#: out; nobody has read an order in less. F9, which no other screen binds, is not held.
SUBMIT_BUTTON_GRACE_S = 1.0


class ReviewScreen(StepScreen):
    """Step 7: the whole draft by step, its problems, and Submit.

    | Key | Action |
    |-----|--------|
    | F9 | Submit the order (or Tab to the submit button, then Enter) |
    | Ctrl+N | Nothing is sent: says that F9 sends |
    | Page Up / Page Down | Scroll the review |
    | Esc | Back to Invoice Split |
    """

    STEP = "review"
    #: The summary takes the focus on arrival: Page Up/Down and the arrows scroll it.
    BODY_FOCUSABLE = True
    HELP_KEYS = ("safety.help.submit",)

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(SUBMIT_KEY, "submit", "Submit", id="submit", priority=True),
        # Continue elsewhere; here it must not send (a double Continue would).
        Binding("ctrl+n", "continue", "Continue", id="review-continue", show=False, priority=True),
        Binding("pagedown", "scroll_body(1)", "Scroll down", id="scroll-down", show=False),
        Binding("pageup", "scroll_body(-1)", "Scroll up", id="scroll-up", show=False),
    ]

    busy: reactive[bool] = reactive(False, init=False)
    """Whether a submission is running."""

    def __init__(self) -> None:
        super().__init__()
        #: When the review appeared (see :data:`SUBMIT_BUTTON_GRACE_S`).
        self._shown_at = time.monotonic()
        #: What the backend refused on the last attempt.
        self.backend_errors: list[FieldError] = []
        self._notice: str | None = None
        #: Where "now" comes from for the expected activation.
        self.clock: Callable[[], datetime] = current_time

    @property
    def context(self) -> OrderContext:
        """Account and catalogue."""
        return require_context(self.fleet.context)

    # -- layout -----------------------------------------------------------------------

    def compose_body(self) -> ComposeResult:
        tr = self.tr
        yield Static(Content(tr("tui_card.review.intro")), classes="field--hint")
        yield Static("", id="review-status", markup=False)
        yield Static("", id="review-activation", markup=False, classes="note")
        yield Static(
            Content(tr(browser_text("safety.review.submit_hint", self.app.is_web))),
            id="review-submit-hint",
            classes="field--hint",
        )
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
            Content(self.tr("tui.label", label=answer_label(n, self.tr)))
            + Content(answer_value(n, self.draft, self.context, self.tr)).stylize("bold")
            for n in shown_answers(step.fields(self.draft), self.draft)
        ]
        return Content("\n").join(lines)

    def on_mount(self) -> None:
        # Textual also runs StepScreen.on_mount (after this one): finish after it.
        self.call_later(self._after_mount)

    def _after_mount(self) -> None:
        self._shown_at = time.monotonic()
        self.query_one("#continue", Button).label = Content(self.tr("tui_card.review.submit"))
        self.show_problems()
        self.show_estimate()
        screen_timer(self, _ESTIMATE_EVERY_S, self.show_estimate, repeat=True)

    def focus_first(self) -> None:
        # The summary, never the submit button: Enter on arrival must not send.
        self.query_one("#body").focus()

    def action_scroll_body(self, direction: int) -> None:
        """Scroll the review by a page, whatever has the focus."""
        body = self.query_one("#body", VerticalScroll)
        if direction > 0:
            body.scroll_page_down(animate=False)
        else:
            body.scroll_page_up(animate=False)

    # -- know before you send -----------------------------------------------------------

    def estimate(self) -> Estimate | None:
        """The rule and expected activation if the order were sent now (``None`` while
        the draft is not a valid order). The rules are the core's."""
        try:
            order = order_of(self.draft, self.context)
        except OrderInvalid:
            return None
        return estimate(order, self.context.catalogue, self.clock())

    def show_estimate(self) -> None:
        """Show the expected activation (Europe/Brussels) and the rule that set it."""
        tr, lang = self.tr, self.fleet.lang
        found = self.estimate()
        if found is None:
            text = tr("help.review.pending")
        else:
            when = format_moment(found.expected, lang, zone_note=True)
            text = "\n".join(
                (
                    tr("help.review.activation", when=when),
                    tr("help.review.rule", rule=found.rule.describe(lang)),
                )
            )
        self.query_one("#review-activation", Static).update(Content(text))

    def help_topic(self) -> tuple[str, Content]:
        """F1 on the review: the seed's processing-time table, the applying row marked."""
        found = self.estimate()
        text = processing_table_text(
            self.tr, found.rule.code if found else None, ascii_only=self.fleet.ascii_only
        )
        return self.tr("help.processing.title"), Content(text)

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

    def indicator_states(self) -> list[tuple[str, StepState]]:
        # A step listed here with problems is not done (the indicator said ✓).
        unfinished = set(self.problems())
        return [(s.title_key, state) for s, state in states(self.STEP, self.draft, unfinished)]

    def show_problems(self) -> dict[str, list[FieldError]]:
        """List the problems under their step; say whether the order can be sent."""
        tr = self.tr
        problems = self.problems()
        self.refresh_indicator()
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
        return (
            self.tr("tui.label", label=answer_label(name, self.tr)) + message if name else message
        )

    # -- actions ------------------------------------------------------------------------

    @on(Button.Pressed, ".edit")
    def _edit_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        step_id = (event.button.id or "").removeprefix("edit-")
        if step_id in REVIEWED:
            self.edit(step_id)

    def edit(self, step_id: StepId) -> None:
        """Open step ``step_id``; its Continue comes back to the review."""
        self.fleet.edit_from_review(step_id)

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
        """Ctrl+N (Continue on the other steps): send nothing; show the problems, or
        say which key sends, and put the focus back on the summary."""
        if self.busy:
            return
        problems = self.show_problems()
        if problems:
            self._focus_edit(problems)
            return
        self.notify(self.tr("safety.review.how_to_submit"), markup=False)
        self.query_one("#body").focus()

    @on(Button.Pressed, "#continue")
    def _continue_pressed(self, event: Button.Pressed) -> None:
        # The submit button, pressed once focused on purpose (Tab, then Enter) — or
        # clicked — once the review has been on screen long enough to be read.
        event.stop()
        if time.monotonic() - self._shown_at < SUBMIT_BUTTON_GRACE_S:
            self.notify(self.tr("safety.review.too_soon"), markup=False)
            return
        self.action_submit()

    def action_submit(self) -> None:
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

    # -- submitting, and what the submission reports ----------------------------------

    class Accepted(Message):
        """The backend accepted the order (or had it already: ``replayed``)."""

        def __init__(self, confirmation: Confirmation) -> None:
            super().__init__()
            self.confirmation = confirmation

    class Refused(Message):
        """The backend (or the core, before sending) refused these answers."""

        def __init__(self, errors: list[FieldError]) -> None:
            super().__init__()
            self.errors = errors

    class Failed(Message):
        """Nothing was stored: ``notice`` says why; ``retry``: the same order, with the
        same key, may be sent again."""

        def __init__(self, notice: str, *, retry: bool) -> None:
            super().__init__()
            self.notice, self.retry = notice, retry

    class SignedOut(Message):
        """The session ended before the order was sent (the draft is kept)."""

    @work(exclusive=True, group="submit")
    async def submit(self) -> None:
        """Submit the draft; reports :class:`Accepted`, :class:`Refused`,
        :class:`Failed` or :class:`SignedOut`."""
        self.busy = True
        # The key goes to disk with the draft before the order goes out: if the answer
        # is lost (network, hang-up, crash), the resumed draft sends the same key.
        submission_key(self.draft)
        if self.fleet.resilience is not None:
            self.fleet.resilience.save_now(self.fleet)
        self.post_message(await self._submitted())

    async def _submitted(self) -> Message:
        tr = self.tr
        try:
            confirmation = await submit_draft(self.fleet.client, self.draft, self.context)
        except NotSignedIn:
            return self.SignedOut()
        except (InvalidOrder, OrderInvalid) as exc:
            return self.Refused(exc.errors)
        except Conflict as exc:
            if exc.error.code == "idempotency_key_reused":
                # An earlier submission of this draft reached the backend (its answer
                # was lost) and the order was changed since: sending it under a new key
                # would store a second order. Say so; the draft keeps its key.
                return self.Failed(tr("submission.changed_after_sent"), retry=False)
            return self.Refused([exc.error])
        except BackendUnavailable:
            return self.Failed(tr("tui_card.review.unavailable"), retry=True)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            return self.Failed(tr("tui_card.review.upload_failed", reason=reason), retry=True)
        except ClientError as exc:
            return self.Failed(str(exc), retry=True)
        return self.Accepted(confirmation)

    @on(Accepted)
    def _accepted(self, message: Accepted) -> None:
        from fleet_tui.tui.screens.confirmation import ConfirmationScreen

        message.stop()
        self.busy = False
        confirmation = message.confirmation
        self.fleet.show_screen(ConfirmationScreen(confirmation))
        if confirmation.replayed:
            # The first submission's answer was lost: this is that order, not a new one.
            self.fleet.notify(
                self.tr("submission.already_received", reference=confirmation.reference),
                markup=False,
                timeout=10,
            )

    @on(SignedOut)
    def _signed_out(self, message: SignedOut) -> None:
        message.stop()
        self.busy = False
        self.notify(self.tr("tui_card.review.signed_out"), severity="warning", markup=False)
        self.fleet.go_to("sign_in")

    @on(Refused)
    def _refused(self, message: Refused) -> None:
        message.stop()
        self.backend_errors = list(message.errors)
        by_answer = {n: e for e in message.errors if (n := draft_field(e.path)) is not None}
        self.fleet.state.refused(by_answer)
        self._notice = self.tr("tui_card.review.refused")
        self.call_after_refresh(self._focus_edit, self.problems())
        self.busy = False
        self.show_problems()

    @on(Failed)
    def _failed(self, message: Failed) -> None:
        message.stop()
        self._notice = message.notice
        if message.retry:
            self.query_one("#continue", Button).label = Content(self.tr("tui_card.review.retry"))
        self.busy = False
        self.show_problems()
