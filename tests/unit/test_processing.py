"""Processing time (SPEC §2): which rule applies to an order, and when it is expected
to be active — elapsed hours across daylight-saving changes, business days across
weekends and Belgian public holidays."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import holidays
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fleet_tui.core.catalogue import Catalogue, Operator, Option, Plan
from fleet_tui.core.order import Order, parse_order
from fleet_tui.core.processing import (
    BRUSSELS,
    RULES,
    ProcessingRule,
    RuleCode,
    expected_activation,
    is_business_day,
    processing_rule,
)

SHAPE = "shape-traveller"
OTHER = "business-flex"


@pytest.fixture(scope="module")
def catalogue() -> Catalogue:
    return Catalogue(
        operators=(
            Operator(code="orange", name="Orange", is_orange=True),
            Operator(code="proximus", name="Proximus"),
        ),
        plans=(
            Plan(code=SHAPE, name="Shape Traveller", type="mobile", family="shape"),
            Plan(code=OTHER, name="Business Flex", type="mobile", family="other"),
        ),
        options=(Option(code="world-traveller", name="World Traveller"),),
    )


PORT_IN: dict[str, dict[str, str]] = {
    "prepaid": {"sim_card_number": "1150100084757"},
    "private_subscription": {"current_customer_number": "C-778812"},
    "professional_subscription": {
        "current_customer_number": "C-778812",
        "vat_number": "BE 0456.810.810",
        "contact_name": "Jan Peeters",
    },
}


def order(number: dict[str, Any], plan: str, split: bool = False) -> Order:
    return parse_order(
        {
            "number": number,
            "customer_number": "5.16142",
            "sim": {"format": "physical", "sim_number": "1150100084757"},
            "subscription": {"type": "mobile", "plan": plan},
            "travel_data_control": 0,
            "invoice_split": (
                {"profile": "titanium", "contract": "upload:abcdef123456"} if split else None
            ),
        }
    )


def new_number() -> dict[str, Any]:
    return {"request": "new"}


def transfer(operator: str, card_type: str) -> dict[str, Any]:
    return {
        "request": "transfer",
        "current_operator": operator,
        "card_type": card_type,
        "phone_number": "0470 12 34 56",
        **PORT_IN[card_type],
    }


# (number, Shape plan without Invoice Split, other plans) — one line per row of the table.
TABLE: list[tuple[str, dict[str, Any], RuleCode, RuleCode]] = [
    ("new", new_number(), "new_or_orange_prepaid_shape", "new_or_orange_prepaid_other"),
    (
        "orange prepaid",
        transfer("orange", "prepaid"),
        "new_or_orange_prepaid_shape",
        "new_or_orange_prepaid_other",
    ),
    (
        "orange private",
        transfer("orange", "private_subscription"),
        "orange_subscription",
        "orange_subscription",
    ),
    (
        "orange professional",
        transfer("orange", "professional_subscription"),
        "orange_subscription",
        "orange_subscription",
    ),
    ("other prepaid", transfer("proximus", "prepaid"), "port_private", "port_private"),
    (
        "other private",
        transfer("proximus", "private_subscription"),
        "port_private",
        "port_private",
    ),
    (
        "other professional",
        transfer("proximus", "professional_subscription"),
        "port_professional",
        "port_professional",
    ),
]


@pytest.mark.parametrize(("label", "number", "shape", "other"), TABLE, ids=[r[0] for r in TABLE])
def test_every_row_of_the_table(
    catalogue: Catalogue, label: str, number: dict[str, Any], shape: RuleCode, other: RuleCode
) -> None:
    assert processing_rule(order(number, SHAPE), catalogue).code == shape
    # "Other plans" covers a non-Shape plan and a Shape plan with Invoice Split alike.
    assert processing_rule(order(number, OTHER), catalogue).code == other
    assert processing_rule(order(number, SHAPE, split=True), catalogue).code == other
    assert processing_rule(order(number, OTHER, split=True), catalogue).code == other


def test_rule_durations_match_the_table() -> None:
    assert (RULES["new_or_orange_prepaid_shape"].hours, RULES["port_private"].hours) == (1, 24)
    assert RULES["port_professional"].hours == 48
    assert RULES["new_or_orange_prepaid_other"].business_days == 1
    assert RULES["orange_subscription"].business_days == 1
    assert all(code == rule.code for code, rule in RULES.items())


def test_unknown_operator_and_plan_get_the_slower_estimate(catalogue: Catalogue) -> None:
    assert processing_rule(order(transfer("vikings", "prepaid"), SHAPE), catalogue).code == (
        "port_private"
    )
    assert processing_rule(order(new_number(), "no-such-plan"), catalogue).code == (
        "new_or_orange_prepaid_other"
    )


def test_a_rule_has_exactly_one_duration() -> None:
    with pytest.raises(ValueError):
        ProcessingRule("port_private", hours=24, business_days=1)
    with pytest.raises(ValueError):
        ProcessingRule("port_private")
    with pytest.raises(ValueError):
        ProcessingRule("port_private", hours=0)


def test_describe_in_each_language() -> None:
    rule = RULES["new_or_orange_prepaid_shape"]
    assert rule.describe("en") == (
        "New number or Orange prepaid number, Shape plan without Invoice Split: 1 hour"
    )
    assert "1 heure" in rule.describe("fr")
    assert "1 uur" in rule.describe("nl")
    assert "48 heures" in RULES["port_professional"].describe("fr")
    assert "werkdag" in RULES["orange_subscription"].describe("nl")


def at(year: int, month: int, day: int, hour: int, minute: int) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=BRUSSELS)


HOUR_RULE = RULES["new_or_orange_prepaid_shape"]
DAY_RULE = RULES["new_or_orange_prepaid_other"]


@pytest.mark.parametrize(
    ("submitted", "rule", "expected", "offset_hours"),
    [
        (at(2026, 6, 10, 9, 15), HOUR_RULE, at(2026, 6, 10, 10, 15), 2),
        # Spring forward (2026-03-29 02:00 → 03:00): 24 elapsed hours read 25 on the clock.
        (at(2026, 3, 28, 10, 30), RULES["port_private"], at(2026, 3, 29, 11, 30), 2),
        (at(2026, 3, 29, 1, 30), HOUR_RULE, at(2026, 3, 29, 3, 30), 2),
        # Fall back (2026-10-25 03:00 → 02:00): 48 elapsed hours read 47 on the clock.
        (at(2026, 10, 24, 10, 0), RULES["port_professional"], at(2026, 10, 26, 9, 0), 1),
    ],
)
def test_hours_are_elapsed_hours_across_dst(
    submitted: datetime, rule: ProcessingRule, expected: datetime, offset_hours: int
) -> None:
    result = expected_activation(submitted, rule)
    assert result == expected
    assert result.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert result.utcoffset() == timedelta(hours=offset_hours)
    # Aware datetimes sharing a tzinfo subtract as wall-clock times: compare in UTC.
    assert result.astimezone(UTC) - submitted.astimezone(UTC) == timedelta(hours=rule.hours or 0)


@pytest.mark.parametrize(
    ("submitted", "expected"),
    [
        (at(2026, 6, 10, 9, 15), at(2026, 6, 11, 9, 15)),  # Wednesday → Thursday
        (at(2026, 6, 12, 15, 0), at(2026, 6, 15, 15, 0)),  # Friday → Monday
        (at(2026, 6, 13, 10, 0), at(2026, 6, 15, 10, 0)),  # Saturday → Monday
        (at(2026, 6, 14, 23, 59), at(2026, 6, 15, 23, 59)),  # Sunday → Monday
        (at(2026, 12, 24, 15, 0), at(2026, 12, 28, 15, 0)),  # Christmas on Friday
        (at(2026, 4, 3, 9, 0), at(2026, 4, 7, 9, 0)),  # weekend, then Easter Monday
        (at(2026, 4, 2, 9, 0), at(2026, 4, 3, 9, 0)),  # Good Friday is a working day
        (at(2026, 5, 13, 8, 0), at(2026, 5, 15, 8, 0)),  # Ascension Thursday
        (at(2026, 12, 31, 12, 0), at(2027, 1, 4, 12, 0)),  # New Year, then the weekend
        # Across spring forward the wall-clock time is kept, not the elapsed hours.
        (at(2026, 3, 27, 15, 0), at(2026, 3, 30, 15, 0)),
    ],
)
def test_a_business_day_is_the_same_time_on_the_next_business_day(
    submitted: datetime, expected: datetime
) -> None:
    result = expected_activation(submitted, DAY_RULE)
    assert result.replace(tzinfo=None) == expected.replace(tzinfo=None)
    assert result == expected


def test_result_is_in_brussels_whatever_the_input_zone() -> None:
    submitted = datetime(2026, 6, 12, 13, 0, tzinfo=UTC)  # Friday 15:00 in Brussels
    result = expected_activation(submitted, DAY_RULE)
    assert result.tzinfo is BRUSSELS
    assert result.replace(tzinfo=None) == datetime(2026, 6, 15, 15, 0)
    assert expected_activation(submitted, HOUR_RULE).tzinfo is BRUSSELS


def test_naive_datetime_is_rejected() -> None:
    with pytest.raises(ValueError):
        expected_activation(datetime(2026, 6, 10, 9, 0), HOUR_RULE)
    with pytest.raises(ValueError):
        expected_activation(datetime(2026, 6, 10, 9, 0), DAY_RULE)


def test_business_days_of_2026() -> None:
    assert holidays.country_holidays("BE", years=2026).get(date(2026, 12, 25))
    assert holidays.country_holidays("BE", years=2026).get(date(2026, 4, 6))
    assert not is_business_day(date(2026, 12, 25))  # Christmas, a Friday
    assert not is_business_day(date(2026, 4, 6))  # Easter Monday
    assert not is_business_day(date(2026, 7, 21))  # National Day, a Tuesday
    assert not is_business_day(date(2026, 6, 13))  # a Saturday
    assert is_business_day(date(2026, 4, 3))  # Good Friday: not a legal holiday
    assert is_business_day(date(2026, 12, 24))
    # 2026 has 261 weekdays; 8 of its 10 legal holidays fall on one (not 15/8 and 1/11).
    days = [date(2026, 1, 1) + timedelta(days=n) for n in range(365)]
    assert sum(map(is_business_day, days)) == 261 - 8


instants = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2035, 12, 31), timezones=st.just(UTC)
)


@given(instants)
def test_business_day_rule_lands_on_the_first_business_day_after(submitted: datetime) -> None:
    result = expected_activation(submitted, DAY_RULE)
    local = submitted.astimezone(BRUSSELS)
    assert is_business_day(result.date())
    assert result.date() > local.date()
    skipped = (
        local.date() + timedelta(days=n) for n in range(1, (result.date() - local.date()).days)
    )
    assert not any(is_business_day(d) for d in skipped)
    assert (result.hour, result.minute, result.second) == (local.hour, local.minute, local.second)


@given(instants, st.sampled_from([1, 24, 48]))
def test_hour_rules_add_elapsed_time(submitted: datetime, hours: int) -> None:
    result = expected_activation(submitted, ProcessingRule("port_private", hours=hours))
    assert result.astimezone(UTC) - submitted == timedelta(hours=hours)
    assert result.tzinfo is BRUSSELS
