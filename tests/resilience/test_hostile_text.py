"""What people paste: a megabyte of text, terminal escape sequences, markup-like names.

Every text field bounds its length and refuses control characters; text that merely
looks like Rich markup is ordinary text and comes out exactly as it went in.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from fleet_tui.core.answers import export_answers
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.rules import validate_order
from tests.resilience.orders import demo_context, esim_draft, professional_transfer_draft

CONTEXT = demo_context()
MEGABYTE = 1024 * 1024

# Each text answer of a draft, on a branch where it is submitted, so its rule runs.
_BRANCHES: dict[str, dict[str, Any]] = {
    "prepaid": {"number_request": "transfer", "card_type": "prepaid"},
    "private": {"number_request": "transfer", "card_type": "private_subscription"},
    "professional": {"number_request": "transfer", "card_type": "professional_subscription"},
    "physical": {"sim_format": "physical"},
    "copy": {"options_mode": "copy"},
    "split": {"invoice_split": True, "invoice_split_profile": "titanium-executive-20"},
}
TEXT_FIELDS: dict[str, dict[str, Any]] = {
    "phone_number": _BRANCHES["prepaid"],
    "sim_card_number": _BRANCHES["prepaid"],
    "holder_name": _BRANCHES["private"],
    "current_customer_number": _BRANCHES["private"],
    "company_name": _BRANCHES["professional"],
    "vat_number": _BRANCHES["professional"],
    "contact_name": _BRANCHES["professional"],
    "current_operator": _BRANCHES["prepaid"],
    "customer_number": {},
    "sim_number": _BRANCHES["physical"],
    "esim_number": {},
    "user_email": {},
    "desired_number": {},
    "plan": {},
    "copy_from_number": _BRANCHES["copy"],
    "invoice_split_profile": _BRANCHES["split"],
    "contract_path": _BRANCHES["split"],
    "porting_date": {**_BRANCHES["prepaid"], "porting_choice": "date"},
}


def test_every_text_answer_of_the_draft_is_covered() -> None:
    text_answers = {
        name
        for name, info in OrderDraft.model_fields.items()
        if info.annotation in (str, str | None)
    }
    # The idempotency key is made by the program, never typed: not an answer.
    assert text_answers - {"submission_key"} == set(TEXT_FIELDS)


def draft_with(name: str, value: str) -> OrderDraft:
    return esim_draft(**{**TEXT_FIELDS[name], name: value})


@pytest.mark.parametrize("name", TEXT_FIELDS)
@pytest.mark.parametrize("filler", ["a", "4", "é"])
def test_a_one_megabyte_paste_is_too_long(name: str, filler: str) -> None:
    draft = draft_with(name, filler * MEGABYTE)
    error = draft.errors_for([name], CONTEXT).get(name)
    assert error is not None, name
    assert error.code == "text_too_long"
    assert int(error.params["limit"]) <= 4096


def test_a_one_megabyte_option_code_is_too_long_or_never_submitted() -> None:
    draft = esim_draft(option_codes=["world-traveller", "x" * MEGABYTE])
    error = draft.errors_for(["option_codes"])["option_codes"]
    assert (error.path, error.code) == (("options", "codes", 1), "text_too_long")
    # Against the catalogue, a code the plan does not offer is not on screen: dropped.
    assert draft.to_document(CONTEXT.catalogue)["options"]["codes"] == ["world-traveller"]


ESCAPES = {
    "csi_colour": "Jan \x1b[31mPeeters\x1b[0m",
    "clear_screen": "Jan\x1b[2J\x1b[HPeeters",
    "osc_title": "Jan\x1b]0;pwned\x07Peeters",
    "osc8_link": "\x1b]8;;https://evil.example\x1b\\Jan\x1b]8;;\x1b\\",
    "c1_csi": "Jan \x9b31m Peeters",
    "bell": "Jan\x07Peeters",
    "backspace": "Jan\x08\x08\x08Eve",
    "carriage_return": "Jan\rEve Peeters",
    "newline": "Jan\nPeeters",
    "nul": "Jan\x00Peeters",
    "bidi_override": "Jan \u202eabc",
    "line_separator": "Jan\u2028Peeters",
}


@pytest.mark.parametrize("name", TEXT_FIELDS)
@pytest.mark.parametrize("payload", ESCAPES.values(), ids=ESCAPES.keys())
def test_escape_sequences_are_refused_in_every_text_field(name: str, payload: str) -> None:
    error = draft_with(name, payload).errors_for([name], CONTEXT).get(name)
    assert error is not None, (name, payload)
    # Digit-only fields refuse them as "digits only": either way nothing reaches a screen.
    digit_fields = {"sim_card_number", "sim_number", "esim_number"}
    expected = {"digits_only"} if name in digit_fields else {"control_characters"}
    assert error.code in expected, (name, error.code)


MARKUP = ["[b]", "[/]", "Acme [GmbH]", "[link=https://x]", "[b]Jan[/b] [red]P[/]", "[[/]]"]


@pytest.mark.parametrize("text", MARKUP)
@pytest.mark.parametrize("name", ["company_name", "contact_name", "current_customer_number"])
def test_markup_like_text_survives_validation_and_export_unchanged(name: str, text: str) -> None:
    draft = professional_transfer_draft(**{name: text})
    order = validate_order(draft.to_document(CONTEXT.catalogue), CONTEXT)

    assert order.document()["number"][name] == text
    exported = export_answers(order)
    assert json.loads(exported)["number"][name] == text
    assert f'"{name}": {json.dumps(text, ensure_ascii=False)}' in exported


@pytest.mark.parametrize("text", MARKUP)
def test_markup_like_holder_name_survives_a_draft_round_trip(text: str) -> None:
    draft = esim_draft(
        **TEXT_FIELDS["holder_name"],
        current_operator="telenet",
        phone_number="0499 11 22 34",
        current_customer_number="TN-1",
        holder_name=text,
    )
    document = validate_order(draft.to_document(CONTEXT.catalogue), CONTEXT).document()
    assert document["number"]["holder_name"] == text
    assert OrderDraft.from_document(document).holder_name == text
