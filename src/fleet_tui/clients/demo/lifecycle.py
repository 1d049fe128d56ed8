"""How the demo backend moves its orders along (SPEC §8), on a clock derived from
each order's expected activation, so that a demo shows progress over minutes and hours.

A new number is ``received`` at submission and ``active`` at its expected activation.
A transfer is ``received``, then in ``donor_validation`` after :data:`VALIDATION_STARTS`
(the current operator checks the request), ``scheduled`` once validated after
:data:`VALIDATED_AFTER`, and ``active`` at its expected activation (for a chosen
porting day, that day's processing time). Both delays shrink for an order activated
sooner than they add up to. A recorded end (a cancellation, a refusal) stops the clock.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from fleet_tui.clients.demo.store import StoredOrder
from fleet_tui.core.order_status import (
    ORDINARY,
    OrderStatus,
    RequestKind,
    StatusEvent,
    check_history,
)

#: After submission: when the donor operator starts checking a transfer…
VALIDATION_STARTS: Final = timedelta(minutes=2)
#: …and when it has validated it (from then on it cannot be cancelled).
VALIDATED_AFTER: Final = timedelta(minutes=20)


def kind_of(stored: StoredOrder) -> RequestKind:
    """``new`` or ``transfer``."""
    return "transfer" if stored.request == "transfer" else "new"


def planned(kind: RequestKind, submitted: datetime, expected: datetime) -> list[StatusEvent]:
    """The ordinary steps and when they happen."""
    span = max(expected - submitted, timedelta(0))
    at: dict[OrderStatus, datetime] = {
        "received": submitted,
        "donor_validation": submitted + min(VALIDATION_STARTS, span / 4),
        "scheduled": submitted + min(VALIDATED_AFTER, span / 2),
        "active": max(expected, submitted),
    }
    return [StatusEvent(status=s, at=at[s]) for s in ORDINARY[kind]]


def history(stored: StoredOrder, now: datetime) -> tuple[StatusEvent, ...]:
    """The steps order ``stored`` went through up to ``now``, oldest first; the
    ``received`` step says who submitted the order, when the store knows."""
    kind = kind_of(stored)
    end = next((e for e in stored.events if e.at <= now), None)
    steps = [
        e.model_copy(update={"by": stored.submitted_by}) if e.status == "received" else e
        for e in planned(kind, stored.submitted_at, stored.expected_activation)
        # Received from the start, even read by a clock a little behind the writer's.
        if (e.at <= now or e.status == "received") and (end is None or e.at <= end.at)
    ]
    if end is not None:
        steps.append(end)
    check_history(kind, steps)  # the core's table is the rule, the clock only its pace
    return tuple(steps)


def status_at(stored: StoredOrder, now: datetime) -> OrderStatus:
    """The status of ``stored`` at ``now``."""
    return history(stored, now)[-1].status
