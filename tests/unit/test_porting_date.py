"""The porting date of a transfer: the parser, the business-day and window rules,
the document, and the processing time that runs from the chosen day."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest

from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.catalogue import PortingWindow
from fleet_tui.core.errors import FieldError, OrderInvalid
from fleet_tui.core.fields import RuleViolation, calendar_date
from fleet_tui.core.i18n import LANGUAGES
from fleet_tui.core.order import parse_order
from fleet_tui.core.porting import earliest_date, latest_date, porting_problem
from fleet_tui.core.processing import BRUSSELS, order_expected_activation, processing_start
from fleet_tui.core.rules import OrderContext, order_errors
from tests.support.orders import plain_order, professional_transfer

WINDOW = PortingWindow(earliest_business_days=1, latest_days=90)
#: A Tuesday with no holiday near it.
TUESDAY = date(2027, 2, 2)


@pytest.mark.parametrize("typed", ["2027-01-15", "15/01/2027", "15.01.2027", " 15/1/2027 "])
def test_the_three_usual_spellings_are_read_as_the_same_day(typed: str) -> None:
    assert calendar_date(typed) == date(2027, 1, 15)


def test_a_toml_date_is_taken_as_is() -> None:
    assert calendar_date(date(2027, 1, 15)) == date(2027, 1, 15)


@pytest.mark.parametrize(
    "typed",
    [
        "2027-02-31",
        "31/02/2027",
        "15/01/27",
        "2027-01-15T10:00",
        "01/15/2027",
        "demain",
        "",
        20270115,
    ],
)
def test_what_is_not_a_calendar_date_is_refused(typed: object) -> None:
    with pytest.raises(RuleViolation) as caught:
        calendar_date(typed)
    assert caught.value.code in {"porting_date_invalid", "required", "text_expected"}


def test_a_datetime_is_not_a_date() -> None:
    with pytest.raises(RuleViolation):
        calendar_date(datetime(2027, 1, 15, 10, 0))


@pytest.mark.parametrize("day", [date(2027, 2, 6), date(2027, 2, 7)])  # Saturday, Sunday
def test_a_weekend_day_is_refused(day: date) -> None:
    assert porting_problem(day, TUESDAY, WINDOW) == "porting_date_weekend"


@pytest.mark.parametrize(
    ("day", "kind"),
    [
        (date(2027, 1, 1), "New Year's Day, fixed"),
        (date(2027, 3, 29), "Easter Monday, moves with Easter"),
        (date(2027, 5, 6), "Ascension Day, Easter + 39"),
        (date(2027, 5, 17), "Whit Monday, Easter + 50"),
        (date(2026, 5, 1), "Labour Day, fixed"),
        (date(2027, 7, 21), "National Day, fixed"),
        (date(2028, 8, 15), "Assumption, fixed"),
        (date(2027, 11, 1), "All Saints' Day, fixed"),
        (date(2027, 11, 11), "Armistice Day, fixed"),
        (date(2026, 12, 25), "Christmas, fixed"),
    ],
)
def test_each_kind_of_public_holiday_is_refused(day: date, kind: str) -> None:
    assert day.weekday() < 5, kind  # a weekday, so it is the holiday that refuses it
    today = day - timedelta(days=20)
    assert porting_problem(day, today, WINDOW) == "porting_date_holiday", kind


def test_good_friday_and_christmas_eve_are_business_days() -> None:
    # Not legal public holidays in Belgium (many offices close; the law does not).
    for day in (date(2027, 3, 26), date(2027, 12, 24)):
        assert porting_problem(day, day - timedelta(days=10), WINDOW) is None


def test_the_past_is_said_before_the_weekend() -> None:
    assert porting_problem(date(2027, 1, 30), TUESDAY, WINDOW) == "porting_date_past"
    assert porting_problem(TUESDAY - timedelta(days=1), TUESDAY, WINDOW) == "porting_date_past"


def test_the_lead_time_counts_business_days_after_today() -> None:
    assert porting_problem(TUESDAY, TUESDAY, WINDOW) == "porting_date_too_soon"
    assert porting_problem(TUESDAY + timedelta(days=1), TUESDAY, WINDOW) is None
    three = PortingWindow(earliest_business_days=3, latest_days=90)
    assert earliest_date(TUESDAY, three) == date(2027, 2, 5)  # Wed, Thu, Fri
    assert porting_problem(date(2027, 2, 4), TUESDAY, three) == "porting_date_too_soon"


def test_the_lead_time_skips_weekends_and_holidays() -> None:
    friday = date(2027, 2, 5)
    assert earliest_date(friday, WINDOW) == date(2027, 2, 8)  # Monday
    # Thursday 24 December 2026: Christmas Friday, then the weekend.
    assert earliest_date(date(2026, 12, 24), WINDOW) == date(2026, 12, 28)
    assert porting_problem(date(2026, 12, 28), date(2026, 12, 24), WINDOW) is None


def test_without_lead_time_today_can_be_chosen() -> None:
    none = PortingWindow(earliest_business_days=0, latest_days=30)
    assert porting_problem(TUESDAY, TUESDAY, none) is None
    assert earliest_date(date(2027, 2, 6), none) == date(2027, 2, 8)  # Saturday → Monday


def test_the_horizon_is_counted_in_calendar_days() -> None:
    last = latest_date(TUESDAY, WINDOW)
    assert last == TUESDAY + timedelta(days=90)
    assert last.weekday() < 5
    assert porting_problem(last, TUESDAY, WINDOW) is None
    next_business = last + timedelta(days=1)
    assert porting_problem(next_business, TUESDAY, WINDOW) == "porting_date_too_late"


def _transfer(porting_date: object) -> dict[str, Any]:
    return professional_transfer(porting_date=porting_date)


def _context(today: date) -> OrderContext:
    seed = load_seed()
    return OrderContext(seed.account, seed.catalogue, today=today)


def test_the_document_holds_an_iso_date_or_nothing() -> None:
    assert parse_order(_transfer("15/02/2027")).document()["number"]["porting_date"] == "2027-02-15"
    for empty in (None, ""):
        assert "porting_date" not in parse_order(_transfer(empty)).document()["number"]


def test_a_date_on_a_new_number_has_its_own_error() -> None:
    with pytest.raises(OrderInvalid) as caught:
        parse_order(plain_order(number={"request": "new", "porting_date": "2027-02-15"}))
    assert caught.value.errors == [
        FieldError(("number", "porting_date"), "porting_date_new_number")
    ]
    # Null is "as soon as possible", which a new number is anyway.
    parse_order(plain_order(number={"request": "new", "porting_date": None}))


@pytest.mark.parametrize(
    ("typed", "code", "params"),
    [
        ("13/02/2027", "porting_date_weekend", {}),
        ("01/02/2027", "porting_date_past", {}),
        ("02.02.2027", "porting_date_too_soon", {"earliest": "03/02/2027"}),
        ("2027-06-01", "porting_date_too_late", {"latest": "03/05/2027"}),
        ("2027-13-01", "porting_date_invalid", {}),
    ],
)
def test_the_catalogue_window_is_checked_from_the_day_of_the_check(
    typed: str, code: str, params: dict[str, str]
) -> None:
    _, errors = order_errors(_transfer(typed), _context(TUESDAY))
    assert errors == [FieldError(("number", "porting_date"), code, params)]
    for lang in LANGUAGES:
        message = errors[0].message(lang)
        assert "porting" not in message and all(v in message for v in params.values())


def test_the_demo_catalogue_ships_its_window() -> None:
    assert load_seed().catalogue.porting == PortingWindow(earliest_business_days=1, latest_days=90)


def test_the_processing_time_runs_from_the_chosen_day() -> None:
    seed = load_seed()
    order = parse_order(_transfer("2027-02-10"))  # professional port: 48 hours
    submitted = datetime(2027, 2, 2, 14, 35, tzinfo=BRUSSELS)
    when, rule = order_expected_activation(order, seed.catalogue, submitted)
    assert rule.code == "port_professional"
    assert when == datetime(2027, 2, 12, 14, 35, tzinfo=BRUSSELS)
    asap, _ = order_expected_activation(parse_order(_transfer(None)), seed.catalogue, submitted)
    assert asap == datetime(2027, 2, 4, 14, 35, tzinfo=BRUSSELS)


def test_a_chosen_day_already_reached_starts_at_submission() -> None:
    submitted = datetime(2027, 2, 10, 9, 0, tzinfo=BRUSSELS)
    assert processing_start(submitted, date(2027, 2, 10)) == submitted
    assert processing_start(submitted, date(2027, 2, 1)) == submitted


def test_the_chosen_day_after_spring_forward_keeps_the_wall_clock_time() -> None:
    # Clocks go forward on Sunday 28 March 2027; Monday 29 is Easter Monday.
    submitted = datetime(2027, 3, 26, 10, 0, tzinfo=BRUSSELS)  # 09:00 UTC
    start = processing_start(submitted, date(2027, 3, 30))
    assert start.astimezone(BRUSSELS).hour == 10
    assert start.astimezone(UTC) == datetime(2027, 3, 30, 8, 0, tzinfo=UTC)


def test_the_chosen_day_after_fall_back_keeps_the_wall_clock_time() -> None:
    # Clocks go back on Sunday 25 October 2026.
    submitted = datetime(2026, 10, 23, 15, 0, tzinfo=BRUSSELS)  # 13:00 UTC
    start = processing_start(submitted, date(2026, 10, 26))
    assert start.astimezone(UTC) == datetime(2026, 10, 26, 14, 0, tzinfo=UTC)


def test_hours_from_a_chosen_friday_across_the_clock_change_are_elapsed_hours() -> None:
    seed = load_seed()
    order = parse_order(_transfer("2027-03-26"))  # Friday; 48 hours end on DST Sunday
    submitted = datetime(2027, 3, 15, 10, 0, tzinfo=BRUSSELS)
    when, _ = order_expected_activation(order, seed.catalogue, submitted)
    assert when.astimezone(UTC) - datetime(2027, 3, 26, 9, 0, tzinfo=UTC) == timedelta(hours=48)
    assert (when.hour, when.date()) == (11, date(2027, 3, 28))


def test_the_review_estimate_starts_from_the_chosen_porting_day() -> None:
    # The review shows processing_table.estimate before sending; it must be the same
    # moment the backend will confirm, the chosen day included (it ignored it).
    from fleet_tui.core.processing_table import estimate

    seed = load_seed()
    order = parse_order(_transfer("2027-02-10"))
    submitted = datetime(2027, 2, 2, 14, 35, tzinfo=BRUSSELS)
    shown = estimate(order, seed.catalogue, submitted)
    assert shown.expected == datetime(2027, 2, 12, 14, 35, tzinfo=BRUSSELS)
    assert (shown.expected, shown.rule) == order_expected_activation(
        order, seed.catalogue, submitted
    )
