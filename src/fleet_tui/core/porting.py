"""The porting date of a transfer (SPEC §2, step 4): as soon as possible, or a chosen
Belgian business day within the window the backend's catalogue gives.

BIPT lets a customer port immediately or on a date of their choice (EECC art. 106:
switching on the requested date where technically possible). The date must be a
business day (Monday–Friday minus Belgium's legal public holidays, the calendar of the
processing times), not in the past, at least ``earliest_business_days`` business days
ahead and at most ``latest_days`` calendar days ahead. The numbers come from the
catalogue (:class:`fleet_tui.core.catalogue.PortingWindow`), never from code.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Literal

from fleet_tui.core.catalogue import PortingWindow
from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.processing import BRUSSELS
from fleet_tui.core.public_holidays import is_business_day, public_holidays

#: Why a chosen day is refused; each is an error code (``porting.error.<code>``).
PortingProblem = Literal[
    "porting_date_past",
    "porting_date_weekend",
    "porting_date_holiday",
    "porting_date_too_soon",
    "porting_date_too_late",
]


def brussels_today(now: datetime | None = None) -> date:
    """Today's date in Brussels (``now`` default: the current time)."""
    return (now or datetime.now(UTC)).astimezone(BRUSSELS).date()


def earliest_date(today: date, window: PortingWindow) -> date:
    """The first day that can be chosen: ``earliest_business_days`` business days
    after ``today`` (today itself not counted), or the first business day from
    today on when the lead time is 0."""
    day = today
    if window.earliest_business_days == 0:
        while not is_business_day(day):
            day += timedelta(days=1)
        return day
    for _ in range(window.earliest_business_days):
        day += timedelta(days=1)
        while not is_business_day(day):
            day += timedelta(days=1)
    return day


def latest_date(today: date, window: PortingWindow) -> date:
    """The last day that can be chosen: ``latest_days`` calendar days after today."""
    return today + timedelta(days=window.latest_days)


def porting_problem(day: date, today: date, window: PortingWindow) -> PortingProblem | None:
    """Why ``day`` cannot be the porting date, or ``None`` when it can.

    The past is said first (a past Saturday is "in the past", not "a weekend"); then
    what is wrong with the day itself; then the window.
    """
    if day < today:
        return "porting_date_past"
    if day.weekday() >= 5:
        return "porting_date_weekend"
    if day in public_holidays(day.year):
        return "porting_date_holiday"
    if day < earliest_date(today, window):
        return "porting_date_too_soon"
    if day > latest_date(today, window):
        return "porting_date_too_late"
    return None


def problem_params(problem: PortingProblem, today: date, window: PortingWindow) -> dict[str, str]:
    """The parameters of a refusal's message (the first or last day allowed)."""
    if problem == "porting_date_too_soon":
        return {"earliest": show_date(earliest_date(today, window))}
    if problem == "porting_date_too_late":
        return {"latest": show_date(latest_date(today, window))}
    return {}


def show_date(day: date) -> str:
    """A date as Belgians write it, in every language: ``15/01/2027``."""
    return f"{day:%d/%m/%Y}"


def weekday_name(day: date, lang: Lang) -> str:
    """The day of the week of ``day`` in ``lang`` ("vendredi")."""
    return t(f"moment.weekday.{day.weekday()}", lang)
