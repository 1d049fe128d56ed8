"""The seven steps as an ordered registry (SPEC §1).

Each step names its screen (imported lazily), the draft answers it owns, and whether it
applies to the draft: port-in details only for a transfer. The step indicator, the
Back/Continue navigation and the review's "edit" links all read this one table.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Collection
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Literal, cast

from fleet_tui.session.wizard_state import Questions

if TYPE_CHECKING:
    # The order model is imported on first use: the sign-in screen is drawn without it.
    from textual.screen import Screen

    from fleet_tui.core.draft import OrderDraft

StepId = Literal["sign_in", "dashboard", "number", "port_in", "new_card", "invoice_split", "review"]
StepState = Literal["done", "current", "skipped", "todo"]


def _always(draft: OrderDraft) -> bool:
    return True


def _is_transfer(draft: OrderDraft) -> bool:
    return draft.number_request == "transfer"


def _never(draft: OrderDraft) -> bool:
    return False


def _number_undecided(draft: OrderDraft) -> bool:
    return draft.number_request is None


@dataclass(frozen=True)
class Step:
    """One step of the wizard."""

    id: StepId
    #: ``module:Class`` of the screen, imported when the step is first shown.
    screen: str
    #: Draft answers this step owns (for Continue, and to send errors to the right step).
    fields: Callable[[OrderDraft], tuple[str, ...]]
    applies: Callable[[OrderDraft], bool] = _always
    #: True while the draft does not yet tell whether the step applies (shown "to do",
    #: not "skipped", until the operator has chosen).
    undecided: Callable[[OrderDraft], bool] = _never

    @property
    def title_key(self) -> str:
        """The translation key of the step's name."""
        return f"tui.step.{self.id}"

    def build(self) -> Screen[None]:
        """A fresh screen for this step (screens render from the draft on entry)."""
        module, _, name = self.screen.partition(":")
        cls: type[Screen[None]] = getattr(importlib.import_module(module), name)
        return cls()


def _fixed(*names: str) -> Callable[[OrderDraft], tuple[str, ...]]:
    return lambda draft: names


def _port_in(draft: OrderDraft) -> tuple[str, ...]:
    from fleet_tui.core.draft import port_in_fields, porting_fields

    return port_in_fields(draft.card_type) + porting_fields(draft)


def _new_card(draft: OrderDraft) -> tuple[str, ...]:
    names: list[str] = ["customer_number", "sim_format"]
    if draft.sim_format == "physical":
        names.append("sim_number")
    elif draft.sim_format == "esim":
        names += [
            "esim_compatible",
            "esim_number",
            "user_email",
            "user_language",
            "send_qr_to_fleet_manager",
        ]
    if draft.number_request == "new":
        names.append("desired_number")
    names += ["subscription_type", "plan", "options_mode"]
    names.append("copy_from_number" if draft.options_mode == "copy" else "option_codes")
    names += ["travel_data_control", "surf_extra_card"]
    return tuple(names)


def _invoice_split(draft: OrderDraft) -> tuple[str, ...]:
    if draft.invoice_split:
        return ("invoice_split", "invoice_split_profile", "contract_path")
    return ("invoice_split",)


_SCREENS = "fleet_tui.tui.screens"

STEPS: tuple[Step, ...] = (
    Step("sign_in", f"{_SCREENS}.sign_in:SignInScreen", _fixed()),
    Step("dashboard", f"{_SCREENS}.dashboard:DashboardScreen", _fixed()),
    Step(
        "number",
        f"{_SCREENS}.number:NumberScreen",
        _fixed("number_request", "current_operator", "card_type"),
    ),
    Step(
        "port_in",
        f"{_SCREENS}.port_in:PortInScreen",
        _port_in,
        _is_transfer,
        _number_undecided,
    ),
    Step("new_card", f"{_SCREENS}.new_card:NewCardScreen", _new_card),
    Step("invoice_split", f"{_SCREENS}.invoice_split:InvoiceSplitScreen", _invoice_split),
    Step("review", f"{_SCREENS}.review:ReviewScreen", _fixed()),
)


def step(step_id: StepId) -> Step:
    """The step with ``step_id``."""
    return next(s for s in STEPS if s.id == step_id)


def next_step(current: StepId, draft: OrderDraft) -> Step | None:
    """The next step that applies after ``current``."""
    index = [s.id for s in STEPS].index(current)
    return next((s for s in STEPS[index + 1 :] if s.applies(draft)), None)


def previous_step(current: StepId, draft: OrderDraft) -> Step | None:
    """The previous step that applies before ``current``."""
    index = [s.id for s in STEPS].index(current)
    return next((s for s in reversed(STEPS[:index]) if s.applies(draft)), None)


def questions(draft: OrderDraft) -> Questions:
    """What each step asks for ``draft`` now (taken when the operator leaves the review
    to edit a step, and compared on the way back)."""
    return {s.id: s.fields(draft) if s.applies(draft) else None for s in STEPS}


def changed_step(current: StepId, before: Questions, draft: OrderDraft) -> Step | None:
    """After editing ``current`` from the review: the first later step (the review
    excluded) whose questions differ from ``before`` — one that applies now and did not,
    or asks for other answers (a transfer's port-in details, a new number's desired
    number). ``None``: back to the review."""
    now = questions(draft)
    index = [s.id for s in STEPS].index(current)
    for s in STEPS[index + 1 :]:
        if s.id != "review" and now[s.id] is not None and now[s.id] != before.get(s.id):
            return s
    return None


def step_of_field(name: str, draft: OrderDraft) -> Step | None:
    """The step whose screen holds the draft answer ``name``."""
    return next((s for s in STEPS if s.applies(draft) and name in s.fields(draft)), None)


def states(
    current: StepId, draft: OrderDraft, unfinished: Collection[str] = ()
) -> list[tuple[Step, StepState]]:
    """Each step with its state for the step indicator; a step passed whose answers
    still have problems (``unfinished``: step ids, as the review lists them) is not done."""
    ids = [s.id for s in STEPS]
    index = ids.index(current)
    out: list[tuple[Step, StepState]] = []
    for i, s in enumerate(STEPS):
        if not s.applies(draft) and not s.undecided(draft):
            out.append((s, "skipped"))
        elif i < index and s.applies(draft):
            out.append((s, "todo" if s.id in unfinished else "done"))
        elif i < index:
            out.append((s, "todo"))
        elif i == index:
            out.append((s, "current"))
        else:
            out.append((s, "todo"))
    return out


class _BlankDraft:
    """Stands for an empty :class:`OrderDraft` (every answer unset) in the rules above,
    without importing the order model."""

    def __getattr__(self, name: str) -> Any:
        return None


def blank_states(current: StepId) -> list[tuple[Step, StepState]]:
    """:func:`states` for an empty draft (the sign-in screen, drawn before the order
    model is loaded)."""
    return states(current, cast("OrderDraft", _BlankDraft()))
