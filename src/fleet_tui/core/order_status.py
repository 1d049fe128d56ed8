"""An order's life after submission (SPEC §8): its status and the steps it went through.

``received`` → (transfer) ``donor_validation`` → ``scheduled`` → ``active``; a new number
goes from ``received`` straight to ``active``. ``cancelled`` and ``refused`` end an order
early. Belgian porting can be cancelled only until the donor operator has validated the
request: a transfer while ``received`` or ``donor_validation``, a new number while
``received``; after that a cancellation is refused with the reason.

The table below is the one place these rules live; backends record steps through
:func:`check_step`, and front ends ask :func:`cancel_refusal` what to offer.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Final, Literal

from pydantic import BaseModel, ConfigDict

OrderStatus = Literal["received", "donor_validation", "scheduled", "active", "cancelled", "refused"]
RequestKind = Literal["new", "transfer"]
#: Why a cancellation is refused; error codes (``orders.error.<code>``).
CancelRefusal = Literal["cancel_after_validation", "cancel_active", "cancel_refused"]

#: The statuses an order never leaves.
FINAL: Final[frozenset[OrderStatus]] = frozenset({"active", "cancelled", "refused"})

_NEXT: Final[dict[RequestKind, dict[OrderStatus, frozenset[OrderStatus]]]] = {
    "new": {
        "received": frozenset({"active", "cancelled", "refused"}),
    },
    "transfer": {
        "received": frozenset({"donor_validation", "cancelled", "refused"}),
        # The donor operator may refuse (wrong customer number, contract bound…).
        "donor_validation": frozenset({"scheduled", "cancelled", "refused"}),
        "scheduled": frozenset({"active", "refused"}),
    },
}

#: The ordinary way through, without cancellation or refusal.
ORDINARY: Final[dict[RequestKind, tuple[OrderStatus, ...]]] = {
    "new": ("received", "active"),
    "transfer": ("received", "donor_validation", "scheduled", "active"),
}


class StatusEvent(BaseModel):
    """One step of an order's history: the status it entered and when; ``reason`` (a
    code) says why it was refused or cancelled, when known; ``by`` who took the step,
    when the backend recorded it (:mod:`fleet_tui.core.submitter`'s wire text for the
    operator who submitted the order: audit metadata, never part of the order)."""

    model_config = ConfigDict(frozen=True)

    status: OrderStatus
    at: datetime
    reason: str | None = None
    by: str | None = None


class InvalidTransition(ValueError):
    """A step the order's kind does not allow from its current status."""

    def __init__(self, kind: RequestKind, current: OrderStatus | None, target: OrderStatus):
        super().__init__(f"{kind}: {current or 'start'} → {target} is not allowed")
        self.kind, self.current, self.target = kind, current, target


def allowed(kind: RequestKind, current: OrderStatus | None, target: OrderStatus) -> bool:
    """Whether an order of ``kind`` may go from ``current`` (``None``: not yet
    submitted) to ``target``."""
    if current is None:
        return target == "received"
    return target in _NEXT[kind].get(current, frozenset())


def check_step(kind: RequestKind, current: OrderStatus | None, target: OrderStatus) -> None:
    """Raise :class:`InvalidTransition` unless ``current`` → ``target`` is allowed."""
    if not allowed(kind, current, target):
        raise InvalidTransition(kind, current, target)


def check_history(kind: RequestKind, events: Iterable[StatusEvent]) -> OrderStatus:
    """Check a whole history, step by step and in time order; its last status."""
    current: OrderStatus | None = None
    last: datetime | None = None
    for event in events:
        check_step(kind, current, event.status)
        if last is not None and event.at < last:
            raise ValueError(f"{event.status} at {event.at} is before the previous step")
        current, last = event.status, event.at
    if current is None:
        raise ValueError("an order's history starts with 'received'")
    return current


def cancel_refusal(kind: RequestKind, status: OrderStatus) -> CancelRefusal | None:
    """Why an order of ``kind`` in ``status`` cannot be cancelled now, or ``None`` when
    it can (or already is: cancelling twice answers the same)."""
    if status == "cancelled" or allowed(kind, status, "cancelled"):
        return None
    if status == "active":
        return "cancel_active"
    if status == "refused":
        return "cancel_refused"
    return "cancel_after_validation"
