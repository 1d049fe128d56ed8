"""The seed's processing-time table as rows and cells, and the estimate shown before
sending ("know before you send").

The rules themselves are :mod:`fleet_tui.core.processing`'s; this module only says
where each rule sits in the seed's table (row and column), so that a screen can draw
the table and mark the cell that applies without knowing any rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.order import Order
from fleet_tui.core.processing import (
    ProcessingRule,
    RuleCode,
    order_expected_activation,
)

RowCode = Literal["new", "orange", "private", "professional"]
ColumnCode = Literal["shape", "other", "any"]
#: How long a cell says, as the key suffix of its text (``help.processing.<duration>``).
DurationCode = Literal["hour", "business_day", "hours24", "hours48"]


@dataclass(frozen=True)
class TableCell:
    """One cell of the table: the rule it stands for, its column and its duration."""

    rule: RuleCode
    column: ColumnCode
    duration: DurationCode


@dataclass(frozen=True)
class TableRow:
    """One row (an activation type) and its cells, left to right."""

    code: RowCode
    cells: tuple[TableCell, ...]


#: The seed's table, in its order. Rows whose two columns say the same have one cell.
TABLE: tuple[TableRow, ...] = (
    TableRow(
        "new",
        (
            TableCell("new_or_orange_prepaid_shape", "shape", "hour"),
            TableCell("new_or_orange_prepaid_other", "other", "business_day"),
        ),
    ),
    TableRow("orange", (TableCell("orange_subscription", "any", "business_day"),)),
    TableRow("private", (TableCell("port_private", "any", "hours24"),)),
    TableRow("professional", (TableCell("port_professional", "any", "hours48"),)),
)


@dataclass(frozen=True)
class Estimate:
    """The rule that applies to an order and the activation it promises."""

    rule: ProcessingRule
    expected: datetime


def estimate(order: Order, catalogue: Catalogue, submitted_at: datetime) -> Estimate:
    """The processing rule of ``order`` and its expected activation if it were
    submitted at ``submitted_at`` (the backends apply the same two functions)."""
    moment, rule = order_expected_activation(order, catalogue, submitted_at)
    return Estimate(rule, moment)
