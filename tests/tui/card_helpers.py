"""Helpers of the step 5–7 tests: reach the new-card step, fill it as a user would.

Every answer is given with the keyboard (focus, type, arrows, Enter/Space) except where
a test says otherwise, so the tests go through the same events as an operator.
"""

from __future__ import annotations

from textual.pilot import Pilot
from textual.widgets import Checkbox, Input, Select, Static

from fleet_tui.core.draft import OrderDraft
from tests.support.drive import choose, to_number_step, type_text
from tests.support.screens import open_step

#: A physical SIM's first 13 digits and an eSIM number (SPEC's examples).
SIM_NUMBER = "1150100084757"
ESIM_NUMBER = "1150100048141"
EMAIL = "jan.peeters@example.be"


async def to_new_card(pilot: Pilot[None], request: str = "new") -> None:
    """Sign in, start an order, choose a new number, continue to step 5."""
    await to_number_step(pilot)
    await choose(pilot, "input-number_request", request)
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == "NewCardScreen"


async def at_new_card(pilot: Pilot[None], draft: OrderDraft | None = None) -> None:
    """The screen tier's :func:`to_new_card`: signed in without keys, step 5 shown on
    ``draft`` (default: a new number, nothing else answered)."""
    await open_step(pilot, "new_card", draft or OrderDraft(number_request="new"))
    assert type(pilot.app.screen).__name__ == "NewCardScreen"


def card_draft(
    *,
    sim: str = "physical",
    plan: str = "shape-traveller",
    kind: str = "mobile",
    send_qr: bool = True,
    customer: str = "5.16142",
    **changes: object,
) -> OrderDraft:
    """The draft :func:`fill_card` leaves after a new number (the same answers, with
    the same defaults), prepared rather than typed; ``changes``: other draft fields."""
    answers: dict[str, object] = {
        "number_request": "new",
        "customer_number": customer,
        "sim_format": sim,
        "subscription_type": kind,
        "plan": plan,
        "travel_data_control": 50,  # the catalogue's default, as the step offers it
    }
    if sim == "physical":
        answers["sim_number"] = SIM_NUMBER
    else:
        answers |= {
            "esim_compatible": True,
            "esim_number": ESIM_NUMBER,
            "user_email": EMAIL,
            "user_language": "nl",
            "send_qr_to_fleet_manager": send_qr,
        }
    answers |= changes
    return OrderDraft.model_validate(answers)


async def type_into(pilot: Pilot[None], input_id: str, text: str) -> None:
    """Focus Input ``#input_id``, clear it and type ``text`` (in one burst:
    :func:`~tests.support.drive.type_text`)."""
    control = pilot.app.screen.query_one(f"#{input_id}", Input)
    control.focus()
    await pilot.pause()
    control.value = ""
    await type_text(pilot, text)


async def tick(pilot: Pilot[None], checkbox_id: str, value: bool = True) -> None:
    """Set Checkbox ``#checkbox_id`` to ``value`` with the space bar."""
    box = pilot.app.screen.query_one(f"#{checkbox_id}", Checkbox)
    box.focus()
    await pilot.pause()
    if box.value != value:
        await pilot.press("space")
        await pilot.pause()
    assert box.value == value


async def pick(pilot: Pilot[None], select_id: str, value: object) -> None:
    """Choose ``value`` in Select ``#select_id``: open it with Enter, move with the
    arrows to the option, Enter."""
    select: Select[object] = pilot.app.screen.query_one(f"#{select_id}", Select)
    select.focus()
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    values = [v for _, v in select._options]
    target = values.index(value)
    await pilot.press("home")
    for _ in range(target):
        await pilot.press("down")
    await pilot.press("enter")
    await pilot.pause()
    assert select.value == value, (select.value, value)


async def fill_card(
    pilot: Pilot[None],
    *,
    sim: str = "physical",
    plan: str = "shape-traveller",
    kind: str = "mobile",
    send_qr: bool = True,
    customer: str = "5.16142",
) -> None:
    """Answer every question of step 5 for a valid order."""
    await choose(pilot, "input-customer_number", customer)
    await choose(pilot, "input-sim_format", sim)
    if sim == "physical":
        await type_into(pilot, "input-sim_number", SIM_NUMBER)
    else:
        await tick(pilot, "input-esim_compatible")
        await type_into(pilot, "input-esim_number", ESIM_NUMBER)
        await type_into(pilot, "input-user_email", EMAIL)
        await choose(pilot, "input-user_language", "nl")
        await choose(pilot, "input-send_qr_to_fleet_manager", "yes" if send_qr else "no")
    await choose(pilot, "input-subscription_type", kind)
    await pick(pilot, "input-plan", plan)


async def go_on(pilot: Pilot[None], expected: str) -> None:
    """Press Continue (Ctrl+N) and check the screen that opens."""
    await pilot.press("ctrl+n")
    await pilot.pause()
    assert type(pilot.app.screen).__name__ == expected, type(pilot.app.screen).__name__


async def submit(pilot: Pilot[None]) -> None:
    """On the review: submit with its own key (F9) and wait for the worker."""
    await pilot.press("f9")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()


async def print_contract(pilot: Pilot[None], timeout: float = 10.0) -> str:
    """Enter on step 6's "Print the contract"; the line that names the file written,
    once shown (the key goes to the button, back to the app for its binding, then to a
    worker: a single pause did not always see it through)."""
    app = pilot.app
    app.screen.query_one("#print-contract").focus()
    await pilot.press("enter")
    for _ in range(int(timeout / 0.05)):
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = str(app.screen.query_one("#contract-written", Static).render())
        if ": " in shown:
            return shown
        await pilot.pause(0.05)
    raise AssertionError("the written contract was never named")
