"""Orders for the HTTP tests, built from what the backend offers (no codes in tests)."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr

from fleet_tui.clients.base import Credentials
from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.order import Order, parse_order

DEMO = Credentials(username="patricia", password=SecretStr("demo"))


def new_line_document(
    account: Account,
    catalogue: Catalogue,
    *,
    serial: int = 84757,
    desired_number: str | None = None,
    customer_number: str | None = None,
) -> dict[str, Any]:
    """A new number on a physical SIM whose 13 digits end with ``serial``, so that
    every order of a run can be told apart in the store."""
    plain = next(c for c in account.selectable_customer_numbers if c.invoice_split_profile is None)
    return {
        "number": {"request": "new", "desired_number": desired_number},
        "customer_number": customer_number or plain.number,
        "sim": {"format": "physical", "sim_number": f"11501{serial:08d}"},
        "subscription": {"type": "mobile", "plan": catalogue.plans_of_type("mobile")[0].code},
        "options": {"mode": "select", "codes": []},
        "travel_data_control": catalogue.travel_data_control_amounts[0],
        "surf_extra_card": False,
        "invoice_split": None,
    }


def new_line(account: Account, catalogue: Catalogue, **changes: Any) -> Order:
    """:func:`new_line_document`, parsed."""
    return parse_order(new_line_document(account, catalogue, **changes))
