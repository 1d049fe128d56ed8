"""Belgium's public holidays: the shipped table is the ``holidays`` package's answer,
and computing an activation time inside the table's years does not import the package."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from importlib import resources

import pytest

from fleet_tui.core import public_holidays as ph


def test_shipped_table_is_what_the_installed_package_gives() -> None:
    # Fails after an update of `holidays` that moves a date (not after one that merely
    # changes its version): run `python -m fleet_tui.core.public_holidays --write`.
    shipped = resources.files("fleet_tui.core").joinpath("data", ph.TABLE).read_text("utf-8")
    assert json.loads(shipped)["days"] == ph.build_table()["days"]


def test_the_table_is_written_as_it_is_shipped() -> None:
    shipped = resources.files("fleet_tui.core").joinpath("data", ph.TABLE).read_text("utf-8")
    assert ph._dumps(json.loads(shipped)) == shipped  # one year a line, nothing lost


def test_table_covers_its_years_with_belgian_dates() -> None:
    table = ph._table()
    assert sorted(table) == list(range(ph.FIRST_YEAR, ph.LAST_YEAR + 1))
    days_2027 = ph.public_holidays(2027)
    assert date(2027, 3, 29) in days_2027  # Easter Monday
    assert date(2027, 7, 21) in days_2027  # National Day
    assert date(2027, 11, 11) in days_2027  # Armistice
    assert date(2027, 7, 22) not in days_2027


def test_year_outside_the_table_comes_from_the_package() -> None:
    year = ph.FIRST_YEAR - 7
    assert year not in ph._table()
    days = ph.public_holidays(year)
    assert days == ph.from_package(year)
    assert date(year, 7, 21) in days


PROBE = """
import json, sys
from datetime import datetime
from fleet_tui.core.processing import RULES, expected_activation, BRUSSELS
friday = datetime(2026, 12, 24, 15, 0, tzinfo=BRUSSELS)  # Christmas is a Friday
end = expected_activation(friday, RULES["orange_subscription"])
print(json.dumps({"end": end.isoformat(), "holidays": "holidays" in sys.modules}))
"""


@pytest.mark.slow
def test_activation_in_table_years_does_not_import_the_package() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], capture_output=True, text=True, check=True, timeout=60
    )
    result = json.loads(done.stdout)
    assert result["end"] == "2026-12-28T15:00:00+01:00"  # Thursday → Monday, over Christmas
    assert result["holidays"] is False
