"""The signed-in company's account: customer numbers, reserved numbers, fleet lines,
Invoice Split profiles, and its recent orders."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, ConfigDict

from fleet_tui.core.order import Order
from fleet_tui.core.order_status import CancelRefusal, OrderStatus, StatusEvent, cancel_refusal


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class CustomerNumber(_Frozen):
    """A customer number (e.g. ``5.16142``) under which lines can be billed.

    ``billing_only`` numbers are shown but cannot be chosen; a number with an
    ``invoice_split_profile`` is the sub-division for that Invoice Split profile.
    """

    number: str
    label: str = ""
    billing_only: bool = False
    invoice_split_profile: str | None = None


class InvoiceSplitProfile(_Frozen):
    """A way to split a line's cost between company and employee."""

    code: str
    name: str
    company_share_eur: int | None = None


class FleetLine(_Frozen):
    """A line already in the fleet (numbers in E.164)."""

    number: str
    user: str = ""
    plan: str = ""
    options: tuple[str, ...] = ()


class Account(_Frozen):
    """The account of the signed-in fleet manager."""

    company: str
    holder: str
    holder_email: str
    language: Literal["fr", "nl", "en"] = "fr"
    customer_numbers: tuple[CustomerNumber, ...]
    reserved_numbers: tuple[str, ...] = ()
    fleet: tuple[FleetLine, ...] = ()
    invoice_split_profiles: tuple[InvoiceSplitProfile, ...] = ()

    def customer(self, number: str) -> CustomerNumber | None:
        """The customer number ``number``, if the account has it."""
        return next((c for c in self.customer_numbers if c.number == number), None)

    def line(self, number: str) -> FleetLine | None:
        """The fleet line with E.164 ``number``, if any."""
        return next((f for f in self.fleet if f.number == number), None)

    def profile(self, code: str) -> InvoiceSplitProfile | None:
        """The Invoice Split profile ``code``, if any."""
        return next((p for p in self.invoice_split_profiles if p.code == code), None)

    @property
    def selectable_customer_numbers(self) -> list[CustomerNumber]:
        """Customer numbers a line can be activated under."""
        return [c for c in self.customer_numbers if not c.billing_only]


class OrderRecord(_Frozen):
    """A past request as the dashboard lists it, with its status and the steps it went
    through (SPEC §8). ``order`` (the submitted order) is given for one order looked up
    by reference, not in lists."""

    reference: str
    submitted_at: datetime
    expected_activation: datetime
    status: OrderStatus
    phone_number: str | None = None
    plan: str = ""
    request: Literal["new", "transfer"] = "new"
    porting_date: date | None = None
    history: tuple[StatusEvent, ...] = ()
    order: Order | None = None

    @property
    def cancel_refusal(self) -> CancelRefusal | None:
        """Why the order cannot be cancelled now (``None``: it can, or already is)."""
        return cancel_refusal(self.request, self.status)

    @property
    def cancellable(self) -> bool:
        """Whether a cancellation would change something now."""
        return self.status != "cancelled" and self.cancel_refusal is None
