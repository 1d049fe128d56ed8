"""The wizard's session state and its transitions, without Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

from fleet_tui.clients.base import Session
from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.errors import FieldError
from fleet_tui.core.rules import OrderContext
from fleet_tui.session.submission import submission_key
from fleet_tui.session.wizard_state import WizardState


def demo_context() -> OrderContext:
    seed = load_seed()
    return OrderContext(seed.account, seed.catalogue)


def _refusal(field: str) -> FieldError:
    return FieldError(("sim", field), "sim_card_taken")


def _signed_in() -> WizardState:
    state = WizardState(OrderDraft(plan="shape-start", holder_name="Jan"))
    state.sign_in_username = "patricia"
    state.signed_in(Session(holder="Patricia", company="Demo"), demo_context())
    state.refused({"sim_number": _refusal("sim_number")})
    state.carry_errors(["holder_name"])
    state.edit_from_review({"number": ("number_request",)})
    return state


def test_a_new_state_has_an_empty_draft_and_nobody_signed_in() -> None:
    state = WizardState()
    assert state.draft == OrderDraft()
    assert state.session is None and state.context is None
    assert not state.editing_from_review and not state.in_use


def test_signing_in_keeps_the_session_and_the_context() -> None:
    context = demo_context()
    state = WizardState()
    state.signed_in(Session(holder="Patricia", company="Demo"), context)
    assert state.session == Session(holder="Patricia", company="Demo")
    assert state.context is context
    assert state.in_use


def test_a_new_order_drops_what_waited_for_the_previous_one_but_stays_signed_in() -> None:
    state = _signed_in()
    old = state.draft
    submission_key(old)
    new = state.new_order()
    assert new == OrderDraft() and new is not old and not new.submission_key
    assert state.draft is new
    assert state.pending_errors == {} and state.carried_errors == set()
    assert not state.editing_from_review
    assert state.session is not None and state.context is not None
    assert state.sign_in_username == "patricia"


def test_a_new_order_can_start_from_a_prepared_draft() -> None:
    state = _signed_in()
    prepared = OrderDraft(plan="shape-traveller")
    assert state.new_order(prepared) is prepared
    assert state.draft is prepared and state.pending_errors == {}


def test_signing_out_forgets_the_operator_and_the_order() -> None:
    state = _signed_in()
    state.sign_out()
    assert state.session is None and state.context is None
    assert state.sign_in_username == ""
    assert state.draft == OrderDraft()
    assert state.pending_errors == {} and state.carried_errors == set()
    assert not state.editing_from_review
    assert not state.in_use


def test_editing_from_the_review_keeps_the_questions_until_back_at_the_review() -> None:
    state = WizardState()
    state.edit_from_review({"port_in": None})
    assert state.editing_from_review and state.review_questions == {"port_in": None}
    state.back_to_review()
    assert not state.editing_from_review and state.review_questions is None


def test_a_screen_takes_only_its_own_pending_errors_and_only_once() -> None:
    state = WizardState()
    state.refused({"sim_number": _refusal("sim_number"), "plan": _refusal("plan")})
    taken = state.take_pending(("holder_name", "sim_number"))
    assert list(taken) == ["sim_number"]
    assert state.take_pending(("sim_number",)) == {}
    assert list(state.pending_errors) == ["plan"]


def test_carried_errors_go_to_the_next_screen_only() -> None:
    state = WizardState()
    state.carry_errors(["holder_name", "plan"])
    assert state.take_carried(("plan", "sim_number")) == ["plan"]
    assert state.take_carried(("holder_name",)) == []


def test_typing_a_user_name_or_an_answer_puts_the_state_in_use() -> None:
    state = WizardState()
    state.sign_in_username = "p"
    assert state.in_use
    state.sign_out()
    state.draft = OrderDraft(holder_name="Jan")
    assert state.in_use


@pytest.mark.slow  # a fresh interpreter, as a subprocess
def test_the_state_loads_neither_textual_nor_the_order_model() -> None:
    code = (
        "import sys, fleet_tui.session.wizard_state as m; m.WizardState(); "
        "print(sorted(n for n in ('textual', 'rich', 'pydantic', 'fleet_tui.core.draft') "
        "if n in sys.modules))"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
