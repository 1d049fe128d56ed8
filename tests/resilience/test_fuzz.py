"""Arbitrary data through the order model: validation errors, never another exception.

Three shapes of input: any JSON-like value; a valid order with random parts replaced
by anything (which reaches the deep and context rules); and drafts whose answers are
arbitrary strings, numbers and flags. Whatever validates must be clean: normalised,
free of control characters, and stable when validated again.
"""

from __future__ import annotations

import copy
import math
import unicodedata
from collections.abc import Iterator
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.errors import FieldError, OrderInvalid
from fleet_tui.core.order import Order
from fleet_tui.core.rules import OrderContext, validate_order
from tests.resilience.orders import demo_context, esim_draft, professional_transfer_draft

CONTEXT = demo_context()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

#: Names the model knows, so that random dicts often hit real fields and tags.
KNOWN_KEYS = sorted(
    {
        *Order.model_fields,
        *OrderDraft.model_fields,
        "request", "desired_number", "current_operator", "card_type", "phone_number",
        "format", "sim_number", "esim_number", "user_email", "user_language",
        "send_qr_to_fleet_manager", "type", "plan", "mode", "codes", "from_number",
        "profile", "contract", "new", "transfer", "prepaid", "esim", "physical",
        "select", "copy",
    }
)  # fmt: skip

hostile_text = st.one_of(
    st.text(),
    st.text(alphabet=st.characters(codec="utf-8")),
    st.sampled_from(
        [
            "",
            " ",
            "\x1b[31mred\x1b[0m",
            "\x1b]8;;https://x\x1b\\link",
            "\x9b2J",
            "\u202eevil",
            "[b]bold[/b]",
            "[/]",
            "Acme [GmbH]",
            "[link=https://x]click[/link]",
            "0470 12 34 56",
            "+32470123456",
            "BE 0456.810.810",
            "1150100048141",
            "5.16142",
            "shape-traveller",
            "world-traveller",
            "proximus",
            "titanium-executive-20",
            "upload:abcdefgh",
            "/dev/null",
            "/",
            "~",
            "x" * 5000,
        ]
    ),
    st.sampled_from(KNOWN_KEYS),
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    hostile_text,
)
json_like = st.recursive(
    scalars,
    lambda inner: st.one_of(
        st.lists(inner, max_size=5),
        st.dictionaries(st.one_of(st.sampled_from(KNOWN_KEYS), st.text()), inner, max_size=6),
    ),
    max_leaves=30,
)


def valid_documents() -> list[dict[str, Any]]:
    return [d.to_document(CONTEXT.catalogue) for d in (esim_draft(), professional_transfer_draft())]


def paths(value: Any, prefix: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    yield prefix
    if isinstance(value, dict):
        for key, item in value.items():
            yield from paths(item, (*prefix, key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from paths(item, (*prefix, index))


@st.composite
def mutated_orders(draw: st.DrawFn) -> object:
    document = copy.deepcopy(draw(st.sampled_from(valid_documents())))
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        candidates = [p for p in paths(document) if p]
        if not candidates:
            break
        path = draw(st.sampled_from(candidates))
        parent: Any = document
        for step in path[:-1]:
            parent = parent[step]
        if draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        else:
            parent[path[-1]] = draw(json_like)
    return document


def strings_in(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield str(key)
            yield from strings_in(item)
    elif isinstance(value, list):
        for item in value:
            yield from strings_in(item)


def check_validation(data: object, context: OrderContext | None) -> None:
    """Only OrderInvalid may come out; an accepted order is clean and stable."""
    try:
        order = validate_order(data, context)
    except OrderInvalid as exc:
        assert exc.errors, "OrderInvalid without errors"
        for error in exc.errors:
            assert isinstance(error, FieldError) and error.code
            error.message("fr")  # every error can be shown
        return
    document = order.document()
    for text in strings_in(document):
        assert not any(unicodedata.category(ch) == "Cc" for ch in text), text
    assert validate_order(document, context).document() == document


@SETTINGS
@given(json_like)
def test_any_json_like_value_gives_only_validation_errors(data: object) -> None:
    check_validation(data, None)
    check_validation(data, CONTEXT)


@SETTINGS
@given(mutated_orders())
def test_a_valid_order_with_random_parts_replaced_gives_only_validation_errors(
    data: object,
) -> None:
    check_validation(data, None)
    check_validation(data, CONTEXT)


_DRAFT_TEXT_FIELDS = [
    name for name, info in OrderDraft.model_fields.items() if info.annotation in (str, str | None)
]
_DRAFT_CHOICES: dict[str, list[Any]] = {
    "number_request": ["new", "transfer", None],
    "card_type": ["prepaid", "private_subscription", "professional_subscription", None],
    "sim_format": ["physical", "esim", None],
    "user_language": ["fr", "nl", "en", None],
    "subscription_type": ["mobile", "data", None],
    "options_mode": ["copy", "select"],
}


@st.composite
def typed_drafts(draw: st.DrawFn) -> dict[str, Any]:
    """Draft answers of the right types (what the TUI can produce) with hostile values."""
    data: dict[str, Any] = {}
    for name in _DRAFT_TEXT_FIELDS:
        if draw(st.booleans()):
            data[name] = draw(hostile_text)
    for name, choices in _DRAFT_CHOICES.items():
        data[name] = draw(st.sampled_from(choices))
    for name in ("esim_compatible", "send_qr_to_fleet_manager", "surf_extra_card"):
        data[name] = draw(st.booleans())
    data["invoice_split"] = draw(st.booleans())
    data["option_codes"] = draw(st.lists(hostile_text, max_size=4))
    data["travel_data_control"] = draw(
        st.one_of(st.none(), st.integers(), st.sampled_from([0, 50, 100, 10**30]))
    )
    return data


def check_draft(data: object) -> None:
    try:
        draft = OrderDraft.model_validate(data)
    except ValidationError:
        return  # a draft file or caller with wrong types: a validation error is the answer
    for context in (None, CONTEXT):
        errors = draft.errors(context)
        assert all(isinstance(e, FieldError) for e in errors)
        draft.errors_for(list(OrderDraft.model_fields), context)
        if not errors:
            catalogue = context.catalogue if context else None
            check_validation(draft.to_document(catalogue), context)


@SETTINGS
@given(typed_drafts())
def test_drafts_with_hostile_answers_give_only_field_errors(data: dict[str, Any]) -> None:
    check_draft(data)


@SETTINGS
@given(json_like)
def test_any_json_like_value_as_a_draft_gives_only_validation_errors(data: object) -> None:
    check_draft(data)


def test_huge_and_odd_numbers_are_refused_as_values() -> None:
    for amount in (10**400, -1, math.inf, math.nan, 50.5, "50€", True):
        document = {**valid_documents()[0], "travel_data_control": amount}
        try:
            validate_order(document, CONTEXT)
        except OrderInvalid as exc:
            assert [e.field for e in exc.errors] == ["travel_data_control"], amount
        else:
            raise AssertionError(f"travel_data_control={amount!r} was accepted")
