"""Belgium's legal public holidays, the days that are not business days (SPEC §2).

The source is the ``holidays`` package (country BE). Importing it loads every country
it knows — some 300 modules and about 11 MiB, more than the rest of the core — to
answer a question about ten dates a year. So the dates for the years an order can
plausibly need are shipped as a table generated from that package
(``data/holidays_be.json``), and the package itself is only imported for a year
outside the table. A test compares the table with the installed package year by
year, so an update of ``holidays`` that moves a date fails the suite until the table
is written again::

    python -m fleet_tui.core.public_holidays --write
"""

from __future__ import annotations

import argparse
import json
from datetime import date
from functools import cache
from importlib import metadata, resources
from pathlib import Path

COUNTRY = "BE"
TABLE = "holidays_be.json"
FIRST_YEAR = 2000
LAST_YEAR = 2100  # the last year the package knows


@cache
def _table() -> dict[int, frozenset[date]]:
    text = resources.files("fleet_tui.core").joinpath("data", TABLE).read_text("utf-8")
    days: dict[str, list[str]] = json.loads(text)["days"]
    return {int(year): frozenset(map(date.fromisoformat, dates)) for year, dates in days.items()}


def from_package(year: int) -> frozenset[date]:
    """The public holidays of ``year`` as the ``holidays`` package computes them."""
    import holidays  # about 11 MiB and 300 modules: only for years outside the table

    return frozenset(holidays.country_holidays(COUNTRY, years=year))


@cache
def public_holidays(year: int) -> frozenset[date]:
    """Belgium's legal public holidays in ``year``."""
    shipped = _table().get(year)
    return shipped if shipped is not None else from_package(year)


def is_business_day(d: date) -> bool:
    """Monday to Friday, except Belgium's legal public holidays."""
    return d.weekday() < 5 and d not in public_holidays(d.year)


def build_table(first: int = FIRST_YEAR, last: int = LAST_YEAR) -> dict[str, object]:
    """The table as written to ``data/holidays_be.json``."""
    return {
        "source": f"holidays {metadata.version('holidays')}, country {COUNTRY}",
        "days": {
            str(year): sorted(d.isoformat() for d in from_package(year))
            for year in range(first, last + 1)
        },
    }


def _dumps(table: dict[str, object]) -> str:
    """JSON with one year per line: a regenerated table reads well in a diff."""
    days = table["days"]
    assert isinstance(days, dict)
    rows = ",\n".join(
        f"    {json.dumps(year)}: {json.dumps(dates)}" for year, dates in days.items()
    )
    return f'{{\n  "source": {json.dumps(table["source"])},\n  "days": {{\n{rows}\n  }}\n}}\n'


def main(argv: list[str] | None = None) -> None:
    """Write the table again from the installed ``holidays`` package."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--write", action="store_true", help="write data/" + TABLE)
    args = parser.parse_args(argv)
    table = _dumps(build_table())
    if args.write:
        Path(__file__).with_name("data").joinpath(TABLE).write_text(table, "utf-8")
    else:
        print(table, end="")


if __name__ == "__main__":
    main()
