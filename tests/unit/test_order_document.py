"""The order document of SPEC §7: what validates, what it normalises to, where errors land."""

from __future__ import annotations

from typing import Any

import pytest

from fleet_tui.core.errors import OrderInvalid
from fleet_tui.core.order import ESim, NewNumber, PrepaidTransfer, parse_order
from tests.support.orders import spec_order


def codes(doc: dict[str, Any]) -> dict[str, str]:
    with pytest.raises(OrderInvalid) as caught:
        parse_order(doc)
    return {e.field: e.code for e in caught.value.errors}


def test_spec_example_validates_and_normalises() -> None:
    order = parse_order(spec_order(customer_number="5.16142."))
    assert isinstance(order.number, NewNumber)
    assert isinstance(order.sim, ESim)
    assert order.customer_number == "5.16142"
    assert order.sim.user_language == "fr"


def test_transfer_accepts_other_card_types_fields_as_null() -> None:
    number = {
        "request": "transfer",
        "current_operator": "proximus",
        "card_type": "prepaid",
        "phone_number": "0470/12.34.56",
        "sim_card_number": "8932 0100 0000 0000 004",
        "current_customer_number": None,
        "vat_number": None,
    }
    order = parse_order(spec_order(number=number))
    assert isinstance(order.number, PrepaidTransfer)
    assert order.number.phone_number == "+32470123456"


def test_field_errors_carry_document_paths() -> None:
    number = {
        "request": "transfer",
        "current_operator": "proximus",
        "card_type": "professional_subscription",
        "phone_number": "02 512 34 56",
        "vat_number": "BE 0456.810.811",
        "sim_card_number": "1234567890123",
    }
    found = codes(spec_order(number=number, travel_data_control="lots"))
    assert found == {
        "number.phone_number": "phone_landline",
        "number.vat_number": "vat_checksum",
        "number.current_customer_number": "required",
        "number.contact_name": "required",
        "number.sim_card_number": "not_expected",
        "travel_data_control": "whole_number_expected",
    }


def test_text_is_kept_exactly_as_typed() -> None:
    number = {
        "request": "transfer",
        "current_operator": "telenet",
        "card_type": "professional_subscription",
        "phone_number": "0470123456",
        "current_customer_number": "[/]",
        "vat_number": "BE0456810810",
        "contact_name": "Jan [b]Peeters[/b]",
        "company_name": "Acme [GmbH]",
    }
    order = parse_order(spec_order(number=number))
    assert order.number.model_dump()["company_name"] == "Acme [GmbH]"
    assert order.number.model_dump()["contact_name"] == "Jan [b]Peeters[/b]"


@pytest.mark.parametrize("bad", ["Acme\x1b[31m", "a\x00b", "x\u202eevil", "line\u2028two"])
def test_control_characters_are_refused(bad: str) -> None:
    number = {
        "request": "transfer",
        "current_operator": "proximus",
        "card_type": "private_subscription",
        "phone_number": "0470123456",
        "current_customer_number": "C-1",
        "holder_name": bad,
    }
    assert codes(spec_order(number=number)) == {"number.holder_name": "control_characters"}


def test_a_megabyte_string_is_refused_quickly() -> None:
    assert codes(spec_order(customer_number="5" * 1_000_000)) == {
        "customer_number": "text_too_long"
    }


@pytest.mark.parametrize(
    "typed", ["0470 12 34 56x", "0470 12 34 56 ext 12", "0470123456;1", "tel:+32470123456"]
)
def test_phone_numbers_with_trailing_text_are_refused(typed: str) -> None:
    # phonenumbers alone would drop the tail and store a different number than typed.
    number = {"request": "new", "desired_number": typed}
    assert codes(spec_order(number=number)) == {"number.desired_number": "phone_invalid"}


@pytest.mark.parametrize(
    "doc",
    [{"number": "x"}, {"invoice_split": [1]}, {"options": {"codes": "abc"}}, {"sim": 3}],
)
def test_draft_from_a_misshapen_document_resumes_unanswered(doc: dict[str, Any]) -> None:
    from fleet_tui.core.draft import OrderDraft

    draft = OrderDraft.from_document(doc)
    assert draft.number_request is None
    assert draft.option_codes == []
    assert draft.invoice_split is False


def test_a_transfer_without_card_type_still_reports_its_operator() -> None:
    # Transfers are discriminated by card type: without one, the operator must still be
    # checked, or the number step would flag it only after a second Continue.
    from fleet_tui.core.draft import OrderDraft

    found = OrderDraft(number_request="transfer").errors_for(["current_operator", "card_type"])
    assert {name: e.code for name, e in found.items()} == {
        "current_operator": "required",
        "card_type": "required",
    }
