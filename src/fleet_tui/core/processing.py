"""Processing time: when a submitted line is expected to be active (SPEC §2).

The rule depends on the kind of activation and, for a new number or an Orange prepaid
number, on the plan's family and Invoice Split:

==============================================  ==========================  ==============
Activation type                                 Shape plan, no Invoice Split Other plans
==============================================  ==========================  ==============
New number, or an Orange prepaid number         1 hour                      1 business day
Transfer of an Orange number (subscription)     1 business day              1 business day
Port of a private number from another operator  24 hours                    24 hours
Port of a professional number (other operator)  48 hours                    48 hours
==============================================  ==========================  ==============

A prepaid number from another operator counts as private. A business day is Monday to
Friday minus Belgium's legal public holidays.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.order import NewNumber, Order
from fleet_tui.core.public_holidays import is_business_day as is_business_day

BRUSSELS = ZoneInfo("Europe/Brussels")

RuleCode = Literal[
    "new_or_orange_prepaid_shape",
    "new_or_orange_prepaid_other",
    "orange_subscription",
    "port_private",
    "port_professional",
]


@dataclass(frozen=True)
class ProcessingRule:
    """One row (and column) of the processing-time table: a duration in elapsed
    ``hours`` or in ``business_days`` — exactly one of the two is set."""

    code: RuleCode
    hours: int | None = None
    business_days: int | None = None

    def __post_init__(self) -> None:
        if (self.hours is None) == (self.business_days is None):
            raise ValueError("set exactly one of hours and business_days")
        if (self.hours or self.business_days or 0) < 1:
            raise ValueError("the duration must be positive")

    def describe(self, lang: Lang) -> str:
        """The rule as a sentence, e.g. "Port of a private number …: 24 hours"."""
        return t(f"processing.{self.code}", lang)


RULES: dict[RuleCode, ProcessingRule] = {
    "new_or_orange_prepaid_shape": ProcessingRule("new_or_orange_prepaid_shape", hours=1),
    "new_or_orange_prepaid_other": ProcessingRule("new_or_orange_prepaid_other", business_days=1),
    "orange_subscription": ProcessingRule("orange_subscription", business_days=1),
    "port_private": ProcessingRule("port_private", hours=24),
    "port_professional": ProcessingRule("port_professional", hours=48),
}


def processing_rule(order: Order, catalogue: Catalogue) -> ProcessingRule:
    """The processing-time rule that applies to ``order``.

    An operator or plan the catalogue does not know is treated as "another operator"
    and "not Shape": the slower estimate is the safe one to promise.
    """
    number = order.number
    if not isinstance(number, NewNumber):
        operator = catalogue.operator(number.current_operator)
        from_orange = operator is not None and operator.is_orange
        if from_orange and number.card_type != "prepaid":
            return RULES["orange_subscription"]
        if not from_orange:
            if number.card_type == "professional_subscription":
                return RULES["port_professional"]
            return RULES["port_private"]
    plan = catalogue.plan(order.subscription.plan)
    if plan is not None and plan.is_shape and order.invoice_split is None:
        return RULES["new_or_orange_prepaid_shape"]
    return RULES["new_or_orange_prepaid_other"]


def _next_business_day(d: date) -> date:
    d += timedelta(days=1)
    while not is_business_day(d):
        d += timedelta(days=1)
    return d


def expected_activation(submitted_at: datetime, rule: ProcessingRule) -> datetime:
    """When a line submitted at ``submitted_at`` is expected to be active, in
    Europe/Brussels.

    Hours are elapsed hours, counted in UTC so that a daylight-saving change in between
    neither adds nor loses one. A business day is read as "the same wall-clock time
    (Brussels) on the next business day", whatever day the order was submitted: Friday
    15:00 → Monday 15:00, Saturday 10:00 → Monday 10:00, the day before a holiday → the
    day after it. (Counting only opening hours would need office hours the seed does
    not give.) Clocks change on Sundays, which are never business days, so the target
    wall-clock time always exists.

    Raises :class:`ValueError` for a naive ``submitted_at``.
    """
    if submitted_at.tzinfo is None or submitted_at.utcoffset() is None:
        raise ValueError("submitted_at must be timezone-aware")
    if rule.hours is not None:
        end = submitted_at.astimezone(UTC) + timedelta(hours=rule.hours)
        return end.astimezone(BRUSSELS)
    local = submitted_at.astimezone(BRUSSELS)
    day = local.date()
    for _ in range(rule.business_days or 0):
        day = _next_business_day(day)
    target = datetime.combine(day, local.timetz().replace(tzinfo=None), tzinfo=BRUSSELS)
    # A round trip through UTC settles an ambiguous or missing wall-clock time.
    return target.astimezone(UTC).astimezone(BRUSSELS)


def processing_start(submitted_at: datetime, porting_date: date | None) -> datetime:
    """When the processing time starts to run: at submission, or for a transfer on a
    chosen day, that day at the submission's wall-clock time (Brussels) — the same
    reading as a business day above. A chosen day that is today or already past (a
    late replay) starts at submission. Business days are Monday to Friday, so the
    wall-clock time always exists (clocks change on Sundays).

    Raises :class:`ValueError` for a naive ``submitted_at``.
    """
    if submitted_at.tzinfo is None or submitted_at.utcoffset() is None:
        raise ValueError("submitted_at must be timezone-aware")
    local = submitted_at.astimezone(BRUSSELS)
    if porting_date is None or porting_date <= local.date():
        return submitted_at
    start = datetime.combine(porting_date, local.timetz().replace(tzinfo=None), tzinfo=BRUSSELS)
    return start.astimezone(UTC).astimezone(BRUSSELS)


def order_expected_activation(
    order: Order, catalogue: Catalogue, submitted_at: datetime
) -> tuple[datetime, ProcessingRule]:
    """The expected activation of ``order`` submitted at ``submitted_at`` and the rule
    used: the processing time runs from the chosen porting day, if any."""
    rule = processing_rule(order, catalogue)
    number = order.number
    chosen = None if isinstance(number, NewNumber) else number.porting_date
    return expected_activation(processing_start(submitted_at, chosen), rule), rule
