"""The wizard's session state, with one owner: who is signed in, the order being
entered, and what waits for the screens still to come.

Screens read it and change it only through its transitions, each named for what
happened to the operator:

- :meth:`~WizardState.signed_in`: the session, account and catalogue are known;
- :meth:`~WizardState.new_order`: the next order (after a confirmation, from the
  dashboard, "another like this", a saved draft declined);
- :meth:`~WizardState.sign_out`: everything forgotten (a kiosk's reset key or timeout);
- :meth:`~WizardState.edit_from_review`, :meth:`~WizardState.back_to_review`: a step
  opened from the review, and the way back;
- :meth:`~WizardState.refused`: answers the backend refused, waiting for their step;
- :meth:`~WizardState.carry_errors`: errors on show when a screen is rebuilt (a
  language switch).

A new order always starts from a new draft, and so with a new idempotency key: the key
belongs to the draft (:func:`fleet_tui.session.submission.submission_key`).

No Textual here; the order model is imported on first use (the sign-in screen is drawn
before it is loaded).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from fleet_tui.clients.base import Session
    from fleet_tui.core.draft import OrderDraft
    from fleet_tui.core.errors import FieldError
    from fleet_tui.core.rules import OrderContext

#: Each step's questions (the answers it asks for, by step id), ``None`` for a step
#: that does not apply: taken when the operator leaves the review to edit a step.
Questions = dict[str, tuple[str, ...] | None]


class WizardState:
    """One operator's session in the wizard: the sign-in, the draft, pending errors."""

    def __init__(self, draft: OrderDraft | None = None) -> None:
        self._draft = draft
        #: The signed-in session, ``None`` before the sign-in and after a sign-out.
        self.session: Session | None = None
        #: Account and catalogue of the signed-in operator.
        self.context: OrderContext | None = None
        #: The user name typed on the sign-in screen (kept across a language switch).
        self.sign_in_username = ""
        #: Errors the backend returned, by draft answer, waiting for their screen.
        self.pending_errors: dict[str, FieldError] = {}
        #: Answers whose error was showing when the screen was rebuilt: the new screen
        #: shows them again, in the new language.
        self.carried_errors: set[str] = set()
        #: Each step's questions when the operator left the review to edit a step;
        #: ``None`` when no step is being edited from the review.
        self.review_questions: Questions | None = None

    # -- what is read -------------------------------------------------------------------

    @property
    def draft(self) -> OrderDraft:
        """The order being entered (an empty one until something is typed)."""
        if self._draft is None:
            self._draft = _empty_draft()
        return self._draft

    @draft.setter
    def draft(self, draft: OrderDraft) -> None:
        # The same order, other answers (a resumed draft, a test's prepared one).
        self._draft = draft

    @property
    def editing_from_review(self) -> bool:
        """Whether the operator jumped from the review to edit a step."""
        return self.review_questions is not None

    @property
    def in_use(self) -> bool:
        """Whether there is anything to forget (someone signed in or typed something)."""
        return (
            self.session is not None
            or bool(self.sign_in_username)
            or (self._draft is not None and self._draft != _empty_draft())
        )

    # -- transitions --------------------------------------------------------------------

    def signed_in(self, session: Session, context: OrderContext) -> None:
        """The operator signed in: ``session``, with the account and catalogue."""
        self.session = session
        self.context = context

    def new_order(self, draft: OrderDraft | None = None) -> OrderDraft:
        """Start the next order from ``draft`` (default: an empty one); what was
        pending for the previous order is dropped. Returns the new draft."""
        self._draft = draft if draft is not None else _empty_draft()
        self.pending_errors.clear()
        self.carried_errors = set()
        self.review_questions = None
        return self._draft

    def sign_out(self) -> None:
        """Forget the operator and the order: back to a state before the sign-in."""
        self.new_order()
        self.session = None
        self.context = None
        self.sign_in_username = ""

    def edit_from_review(self, questions: Questions) -> None:
        """A step is opened from the review; ``questions`` is what each step asked then."""
        self.review_questions = questions

    def back_to_review(self) -> None:
        """The edit is done: the review shows again."""
        self.review_questions = None

    def refused(self, errors: Mapping[str, FieldError]) -> None:
        """The backend refused these answers (by draft answer): each waits for the
        step that asks it to be opened."""
        self.pending_errors.update(errors)

    def take_pending(self, names: Iterable[str]) -> dict[str, FieldError]:
        """The pending errors for the answers ``names`` (one screen's), now taken."""
        return {n: e for n in names if (e := self.pending_errors.pop(n, None)) is not None}

    def carry_errors(self, names: Iterable[str]) -> None:
        """The errors on these answers were showing when the screen was rebuilt."""
        self.carried_errors = set(names)

    def take_carried(self, names: Iterable[str]) -> list[str]:
        """Of ``names`` (one screen's answers), those whose error is to show again;
        nothing stays carried after this."""
        carried = [n for n in names if n in self.carried_errors]
        self.carried_errors = set()
        return carried


def _empty_draft() -> OrderDraft:
    from fleet_tui.core.draft import OrderDraft

    return OrderDraft()
