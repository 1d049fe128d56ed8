"""Rules that need the account or the catalogue (SPEC §2, step 5 and 6).

:func:`validate_order` is the one entry point used by the TUI, the batch mode and the
backends: structure and field rules first (:mod:`fleet_tui.core.order`), then these.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Annotated, Any, cast, get_args

from pydantic import TypeAdapter, ValidationError

from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.errors import FieldError, OrderInvalid, from_validation_error
from fleet_tui.core.fields import national_format
from fleet_tui.core.order import (
    CardType,
    CopyOptions,
    InvoiceSplit,
    NewNumber,
    Order,
    SelectOptions,
    Subscription,
    TransferCommon,
)
from fleet_tui.core.porting import brussels_today, porting_problem, problem_params


@dataclass(frozen=True)
class OrderContext:
    """What an order is checked against: the account it is for, the catalogue, and
    the day it is checked on (``today``, Brussels; ``None``: the current day), which
    a chosen porting date is judged from."""

    account: Account
    catalogue: Catalogue
    today: date | None = None

    def current_day(self) -> date:
        """``today``, or the current day in Brussels."""
        return self.today if self.today is not None else brussels_today()


def check_against(order: Order, context: OrderContext) -> list[FieldError]:
    """Every rule of ``order`` that depends on the account or the catalogue."""
    parts = {name: getattr(order, name) for name in Order.model_fields}
    return list(_context_errors(parts, context))


_PARTS: dict[str, TypeAdapter[Any]] = {
    name: TypeAdapter(cast(Any, Annotated[info.annotation, info]))
    for name, info in Order.model_fields.items()
}


def validate_parts(data: object) -> tuple[dict[str, Any], list[FieldError]]:
    """Validate each top-level part of an order document on its own.

    Returns the parts that passed (normalised) and the errors of the others, so that a
    half-filled order still gets every rule that can already be checked — the TUI
    shows errors for the step in front of the operator while later steps are empty.
    """
    if not isinstance(data, Mapping):
        return {}, [FieldError((), "object_expected")]
    parts: dict[str, Any] = {}
    errors: list[FieldError] = [
        FieldError((str(key),), "not_expected") for key in data if key not in _PARTS
    ]
    for name, adapter in _PARTS.items():
        info = Order.model_fields[name]
        if name not in data:
            if info.is_required():
                errors.append(FieldError((name,), "required"))
            else:
                parts[name] = info.get_default(call_default_factory=True)
            continue
        try:
            parts[name] = adapter.validate_python(data[name])
        except ValidationError as exc:
            errors.extend(from_validation_error(exc, prefix=(name,)))
            if name == "number":
                errors.extend(_untyped_transfer_errors(data[name], errors))
    return parts, errors


def _untyped_transfer_errors(number: object, found: list[FieldError]) -> list[FieldError]:
    # Transfers are told apart by card type; without one, pydantic checks nothing else,
    # so an empty operator would only be reported after the card type is chosen.
    if not isinstance(number, Mapping) or number.get("request") != "transfer":
        return []
    card_type = number.get("card_type")
    if isinstance(card_type, str) and card_type in _CARD_TYPES:
        return []
    common = {k: number[k] for k in TransferCommon.model_fields if k in number}
    try:
        TransferCommon.model_validate(common)
    except ValidationError as exc:
        seen = {e.path for e in found}
        return [e for e in from_validation_error(exc, prefix=("number",)) if e.path not in seen]
    return []


_CARD_TYPES = frozenset(get_args(CardType))


def order_errors(
    data: object, context: OrderContext | None = None
) -> tuple[Order | None, list[FieldError]]:
    """Every error of an order document, field rules and (with ``context``) account and
    catalogue rules alike; the :class:`Order` when there are none."""
    parts, errors = validate_parts(data)
    if context is not None:
        errors.extend(_context_errors(parts, context))
    if errors:
        return None, errors
    return Order.model_construct(**parts), []


def _context_errors(parts: Mapping[str, Any], context: OrderContext) -> Iterator[FieldError]:
    # Each rule runs when the parts it reads passed their own field rules.
    account, catalogue = context.account, context.catalogue
    number = parts.get("number")
    if isinstance(number, NewNumber):
        if number.desired_number and number.desired_number not in account.reserved_numbers:
            yield FieldError(("number", "desired_number"), "reserved_number_unknown")
    elif number is not None:
        if catalogue.operator(number.current_operator) is None:
            yield FieldError(("number", "current_operator"), "operator_unknown")
        if account.line(number.phone_number) is not None:
            yield FieldError(("number", "phone_number"), "already_in_fleet")
        if number.porting_date is not None:
            today = context.current_day()
            problem = porting_problem(number.porting_date, today, catalogue.porting)
            if problem is not None:
                params = problem_params(problem, today, catalogue.porting)
                yield FieldError(("number", "porting_date"), problem, params)

    customer_number: str | None = parts.get("customer_number")
    customer = account.customer(customer_number) if customer_number else None
    if customer_number is not None and customer is None:
        yield FieldError(("customer_number",), "customer_number_unknown")
    elif customer is not None and customer.billing_only:
        yield FieldError(("customer_number",), "customer_number_billing_only")

    split: InvoiceSplit | None = parts.get("invoice_split")
    if split is not None:
        profile = account.profile(split.profile)
        if profile is None:
            yield FieldError(("invoice_split", "profile"), "profile_unknown")
        elif customer is not None and customer.invoice_split_profile != split.profile:
            # Reported on the later choice (step 6): the operator sees it where it arises.
            expected = [
                c.number
                for c in account.customer_numbers
                if c.invoice_split_profile == split.profile and not c.billing_only
            ]
            yield FieldError(
                ("invoice_split", "profile"),
                "customer_number_split_mismatch",
                {"profile": profile.name, "expected": ", ".join(expected) or "—"},
            )

    subscription: Subscription | None = parts.get("subscription")
    plan = catalogue.plan(subscription.plan) if subscription else None
    if subscription is None:
        pass
    elif plan is None:
        yield FieldError(("subscription", "plan"), "plan_unknown")
    elif plan.type != subscription.type:
        yield FieldError(
            ("subscription", "plan"), "plan_type_mismatch", {"type": subscription.type}
        )

    if parts.get("surf_extra_card") and subscription and (plan is None or not plan.surf_extra_card):
        allowed = [p.name for p in catalogue.plans if p.surf_extra_card]
        yield FieldError(
            ("surf_extra_card",), "surf_extra_not_allowed", {"plans": ", ".join(allowed) or "—"}
        )

    options = parts.get("options")
    if isinstance(options, SelectOptions):
        for index, code in enumerate(options.codes):
            option = catalogue.option(code)
            if option is None:
                yield FieldError(("options", "codes", index), "option_unknown", {"code": code})
            elif plan is not None and not option.allowed_for(plan):
                yield FieldError(
                    ("options", "codes", index),
                    "option_not_for_plan",
                    {"option": option.name, "plan": plan.name},
                )
    elif isinstance(options, CopyOptions) and account.line(options.from_number) is None:
        yield FieldError(("options", "from_number"), "copy_from_unknown")

    amounts = catalogue.travel_data_control_amounts
    amount = parts.get("travel_data_control")
    if amount is not None and amount not in amounts:
        yield FieldError(
            ("travel_data_control",),
            "travel_data_control_amount",
            {"amounts": ", ".join(f"{a} €" for a in amounts)},
        )


def validate_order(data: object, context: OrderContext | None = None) -> Order:
    """Validate an order document completely; return the normalised :class:`Order`.

    Without ``context`` only the rules that need no account or catalogue are checked.
    Raises :class:`OrderInvalid` carrying every problem found.
    """
    order, errors = order_errors(data, context)
    if order is None:
        raise OrderInvalid(errors)
    return order


def display_number(e164: str | None) -> str:
    """A stored number as people read it (``0470 12 34 56``); empty for ``None``."""
    return national_format(e164) if e164 else ""
