"""The order state machine: every allowed and every refused step, for both kinds."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from itertools import product
from typing import get_args

import pytest

from fleet_tui.core.order_status import (
    InvalidTransition,
    OrderStatus,
    RequestKind,
    StatusEvent,
    allowed,
    cancel_refusal,
    check_history,
    check_step,
)

STATUSES: tuple[OrderStatus, ...] = get_args(OrderStatus)

# Written out here, not read from the core, so that a wrong table fails.
ALLOWED: dict[RequestKind, set[tuple[OrderStatus | None, OrderStatus]]] = {
    "new": {
        (None, "received"),
        ("received", "active"),
        ("received", "cancelled"),
        ("received", "refused"),
    },
    "transfer": {
        (None, "received"),
        ("received", "donor_validation"),
        ("received", "cancelled"),
        ("received", "refused"),
        ("donor_validation", "scheduled"),
        ("donor_validation", "cancelled"),
        ("donor_validation", "refused"),
        ("scheduled", "active"),
        ("scheduled", "refused"),
    },
}


@pytest.mark.parametrize("kind", ["new", "transfer"])
@pytest.mark.parametrize(("current", "target"), list(product((None, *STATUSES), STATUSES)))
def test_every_step_is_allowed_or_refused_as_the_table_says(
    kind: RequestKind, current: OrderStatus | None, target: OrderStatus
) -> None:
    expected = (current, target) in ALLOWED[kind]
    assert allowed(kind, current, target) is expected
    if expected:
        check_step(kind, current, target)
    else:
        with pytest.raises(InvalidTransition):
            check_step(kind, current, target)


@pytest.mark.parametrize(
    ("kind", "status", "refusal"),
    [
        ("new", "received", None),
        ("new", "active", "cancel_active"),
        ("new", "cancelled", None),  # cancelling twice answers the same
        ("new", "refused", "cancel_refused"),
        ("transfer", "received", None),
        ("transfer", "donor_validation", None),
        ("transfer", "scheduled", "cancel_after_validation"),
        ("transfer", "active", "cancel_active"),
        ("transfer", "cancelled", None),
        ("transfer", "refused", "cancel_refused"),
    ],
)
def test_a_cancellation_is_possible_until_the_donor_has_validated(
    kind: RequestKind, status: OrderStatus, refusal: str | None
) -> None:
    assert cancel_refusal(kind, status) == refusal


def _events(*statuses: OrderStatus) -> list[StatusEvent]:
    start = datetime(2027, 2, 2, 10, 0, tzinfo=UTC)
    return [StatusEvent(status=s, at=start + timedelta(minutes=i)) for i, s in enumerate(statuses)]


def test_a_whole_history_is_checked_step_by_step() -> None:
    assert check_history("transfer", _events("received", "donor_validation", "scheduled")) == (
        "scheduled"
    )
    assert check_history("new", _events("received", "active")) == "active"
    with pytest.raises(InvalidTransition):
        check_history("new", _events("received", "donor_validation"))
    with pytest.raises(InvalidTransition):
        check_history("transfer", _events("received", "active"))
    with pytest.raises(ValueError):
        check_history("new", [])


def test_a_history_going_back_in_time_is_refused() -> None:
    received, active = _events("received", "active")
    late = received.model_copy(update={"at": active.at})
    early = active.model_copy(update={"at": received.at})
    with pytest.raises(ValueError, match="before the previous step"):
        check_history("new", [late, early])
