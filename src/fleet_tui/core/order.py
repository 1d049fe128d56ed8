"""The order: one mobile line to add to the fleet (SPEC §2 and §7).

The document's field names are a public interface: batch files, the HTTP API,
exported answers and drafts all use them. Values are what a person types; validation
normalises them (phone numbers to E.164, VAT to ``BE`` + 10 digits, …).

Rules that need no outside knowledge live here, as types. Rules that need the account
or the catalogue live in :mod:`fleet_tui.core.rules`; :func:`validate_order` runs both.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)

from fleet_tui.core import fields
from fleet_tui.core.errors import rule_error

_T = TypeVar("_T")


def _rule(check: Callable[[object], _T]) -> BeforeValidator:
    def run(value: object) -> _T:
        try:
            return check(value)
        except fields.RuleViolation as exc:
            raise rule_error(exc.code, **exc.params) from None

    return BeforeValidator(run)


MobileNumber = Annotated[str, _rule(fields.be_mobile_number)]
VatNumber = Annotated[str, _rule(fields.be_vat_number)]
SimNumber13 = Annotated[str, _rule(fields.sim_13_digits)]
CurrentSimCardNumber = Annotated[str, _rule(fields.current_sim_card_number)]
EmailAddress = Annotated[str, _rule(fields.email_address)]
Name = Annotated[str, _rule(fields.clean_text)]
CustomerNumberText = Annotated[str, _rule(fields.customer_number)]
DonorCustomerNumber = Annotated[str, _rule(fields.donor_customer_number)]
Code = Annotated[str, _rule(fields.catalogue_code)]
ContractReference = Annotated[str, _rule(fields.contract_reference)]
#: Whether the day can be chosen (business day, window) needs today and the catalogue:
#: :mod:`fleet_tui.core.rules` checks it; here only that it is a date.
PortingDate = Annotated[date, _rule(fields.calendar_date)]


def _optional_text(value: object) -> object:
    # An empty optional field is the same as an absent one.
    if isinstance(value, str) and not value.strip():
        return None
    return value


OptionalName = Annotated[Name | None, BeforeValidator(_optional_text)]


def _no_porting_date(value: object) -> None:
    # A new number has nothing to port: say so, rather than "field not expected".
    if _optional_text(value) is not None:
        raise rule_error("porting_date_new_number")
    return None


NoPortingDate = Annotated[None, BeforeValidator(_no_porting_date)]


def _language(value: object) -> object:
    return value.strip().lower() if isinstance(value, str) else value


UserLanguage = Annotated[Literal["fr", "nl", "en"], BeforeValidator(_language)]


class _Part(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- Step 3 and 4: the number ----------------------------------------------------------

TRANSFER_FIELDS = (
    "phone_number",
    "sim_card_number",
    "current_customer_number",
    "holder_name",
    "company_name",
    "vat_number",
    "contact_name",
)


class NewNumber(_Part):
    """A new number, optionally one of the account's reserved numbers."""

    request: Literal["new"]
    desired_number: Annotated[MobileNumber | None, BeforeValidator(_optional_text)] = None
    #: Never set: present only so that a date on a new number gets its own error.
    porting_date: NoPortingDate = None


class TransferCommon(_Part):
    """What every transfer has, whatever its card type."""

    request: Literal["transfer"]
    current_operator: Code
    phone_number: MobileNumber
    #: The chosen porting day; ``None``: as soon as possible.
    porting_date: Annotated[PortingDate | None, BeforeValidator(_optional_text)] = None

    @model_validator(mode="before")
    @classmethod
    def _drop_unused_nulls(cls, data: Any) -> Any:
        # The document lets the port-in fields of other card types be present as null.
        if isinstance(data, Mapping):
            return {
                k: v
                for k, v in data.items()
                if not (v is None and k in TRANSFER_FIELDS and k not in cls.model_fields)
            }
        return data


class PrepaidTransfer(TransferCommon):
    """Port a prepaid number: validated on the current SIM card's number."""

    card_type: Literal["prepaid"]
    sim_card_number: CurrentSimCardNumber
    holder_name: OptionalName = None


class PrivateSubscriptionTransfer(TransferCommon):
    """Port a number on a private subscription: validated on the customer number."""

    card_type: Literal["private_subscription"]
    current_customer_number: DonorCustomerNumber
    holder_name: OptionalName = None


class ProfessionalSubscriptionTransfer(TransferCommon):
    """Port a number that belongs to another company."""

    card_type: Literal["professional_subscription"]
    current_customer_number: DonorCustomerNumber
    vat_number: VatNumber
    contact_name: Name
    company_name: OptionalName = None


Transfer = Annotated[
    PrepaidTransfer | PrivateSubscriptionTransfer | ProfessionalSubscriptionTransfer,
    Field(discriminator="card_type"),
]
NumberRequest = Annotated[NewNumber | Transfer, Field(discriminator="request")]
CardType = Literal["prepaid", "private_subscription", "professional_subscription"]

# --- Step 5: the new card --------------------------------------------------------------


class PhysicalSim(_Part):
    """A blank physical SIM card; its first 13 printed digits."""

    format: Literal["physical"]
    sim_number: SimNumber13


class ESim(_Part):
    """An eSIM profile sent to the end user (and the fleet manager if asked)."""

    format: Literal["esim"]
    esim_number: SimNumber13
    user_email: EmailAddress
    user_language: UserLanguage
    send_qr_to_fleet_manager: bool = False


SimCard = Annotated[PhysicalSim | ESim, Field(discriminator="format")]


class Subscription(_Part):
    """Subscription type and rate plan."""

    type: Literal["mobile", "data"]
    plan: Code


class CopyOptions(_Part):
    """Copy the options of a line already in the fleet."""

    mode: Literal["copy"]
    from_number: MobileNumber


class SelectOptions(_Part):
    """Activate the listed options."""

    mode: Literal["select"]
    codes: Annotated[list[Code], Field(max_length=50)] = []

    @model_validator(mode="after")
    def _unique(self) -> SelectOptions:
        if len(set(self.codes)) != len(self.codes):
            raise rule_error("duplicate_option")
        return self


OptionsChoice = Annotated[CopyOptions | SelectOptions, Field(discriminator="mode")]

# --- Step 6: Invoice Split -------------------------------------------------------------


class InvoiceSplit(_Part):
    """Split the cost with the employee under a profile; the signed contract attached."""

    profile: Code
    contract: ContractReference


# --- The order -------------------------------------------------------------------------


class Order(_Part):
    """A complete, structurally valid order. See :func:`validate_order`."""

    number: NumberRequest
    customer_number: CustomerNumberText
    sim: SimCard
    subscription: Subscription
    options: OptionsChoice = SelectOptions(mode="select")
    travel_data_control: Annotated[int, Field(ge=0, le=10_000, strict=False)]
    surf_extra_card: bool = False
    invoice_split: InvoiceSplit | None = None

    @property
    def phone_number(self) -> str | None:
        """The line's number when known before activation (E.164)."""
        if isinstance(self.number, NewNumber):
            return self.number.desired_number
        return self.number.phone_number

    def document(self) -> dict[str, Any]:
        """The order document (SPEC §7), normalised, without absent optional fields."""
        return self.model_dump(mode="json", exclude_none=True)


def parse_order(data: object) -> Order:
    """Validate the structure and the field rules of an order document.

    Raises :class:`fleet_tui.core.errors.OrderInvalid`.
    """
    from fleet_tui.core.errors import OrderInvalid, from_validation_error

    try:
        return Order.model_validate(data)
    except ValidationError as exc:
        raise OrderInvalid(from_validation_error(exc)) from None
