"""What an order claims for itself: numbers no other live order may hold at once.

An order claims its line's number (a reserved number it takes, or a number it transfers
in) and its (e)SIM card. Two orders may not claim the same thing: a card fitted in two
phones, or a number ported in twice, cannot both be delivered. A batch refuses two of
its orders claiming one thing; a backend refuses an order claiming what a stored, not
cancelled, order already holds (the demo store with a UNIQUE constraint).

A physical SIM card and an eSIM profile share one kind: both are numbered from one
series of card numbers, and either number names one card.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

from fleet_tui.core import fields
from fleet_tui.core.errors import FieldPath
from fleet_tui.core.order import NewNumber, Order

ClaimKind = Literal["line_number", "sim_card"]

#: The conflict code of a claim already held, by the field that claims it.
CONFLICT_CODES: Mapping[FieldPath, str] = {
    ("number", "desired_number"): "reserved_number_taken",
    ("number", "phone_number"): "transfer_already_requested",
    ("sim", "sim_number"): "sim_card_taken",
    ("sim", "esim_number"): "sim_card_taken",
}


@dataclass(frozen=True)
class Claim:
    """``value`` (normalised) of ``kind``, claimed by the field at ``path``."""

    kind: ClaimKind
    value: str
    path: FieldPath

    @property
    def conflict_code(self) -> str:
        """The error code when another order already holds this claim."""
        return CONFLICT_CODES[self.path]


def claims_of(order: Order) -> list[Claim]:
    """Everything ``order`` claims."""
    out: list[Claim] = []
    number = order.number
    if isinstance(number, NewNumber):
        if number.desired_number:
            out.append(Claim("line_number", number.desired_number, ("number", "desired_number")))
    else:
        out.append(Claim("line_number", number.phone_number, ("number", "phone_number")))
    sim = order.sim
    if sim.format == "physical":
        out.append(Claim("sim_card", sim.sim_number, ("sim", "sim_number")))
    else:
        out.append(Claim("sim_card", sim.esim_number, ("sim", "esim_number")))
    return out


def claims_of_document(document: Mapping[str, Any]) -> list[Claim]:
    """What an order document claims, for a document that may be invalid elsewhere:
    each claiming field counts when it is itself valid (so a batch can report a clash
    in the same pass as the order's other errors)."""
    out: list[Claim] = []
    number = document.get("number")
    sim = document.get("sim")
    if isinstance(number, Mapping):
        request = number.get("request")
        name = "desired_number" if request == "new" else "phone_number"
        if request in ("new", "transfer"):
            _add(out, "line_number", number.get(name), ("number", name), fields.be_mobile_number)
    if isinstance(sim, Mapping):
        kind = sim.get("format")
        name = "sim_number" if kind == "physical" else "esim_number"
        if kind in ("physical", "esim"):
            _add(out, "sim_card", sim.get(name), ("sim", name), fields.sim_13_digits)
    return out


def _add(
    out: list[Claim],
    kind: ClaimKind,
    raw: object,
    path: FieldPath,
    normalise: Callable[[object], str],
) -> None:
    if raw is None or raw == "":
        return
    try:
        value = normalise(raw)
    except fields.RuleViolation:
        return
    out.append(Claim(kind, value, path))
