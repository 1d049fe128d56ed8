""" "Another like this" (core): the next order keeps what is not personal to a line and
leaves the rest empty; its submission gets a key of its own."""

from __future__ import annotations

from fleet_tui.core.draft import OrderDraft
from fleet_tui.session.submission import submission_key
from tests.support.orders import spec_order


def full_draft() -> OrderDraft:
    """Every answer given, in every branch (hidden answers included)."""
    return OrderDraft(
        number_request="transfer",
        current_operator="proximus",
        card_type="professional_subscription",
        phone_number="0470 12 34 56",
        sim_card_number="8932010001234567891",
        current_customer_number="C-123",
        holder_name="Jan Peeters",
        company_name="Peeters BV",
        vat_number="BE 0456.810.810",
        contact_name="Jan",
        customer_number="5.16142",
        sim_format="esim",
        esim_compatible=True,
        sim_number="1150100084757",
        esim_number="1150100048141",
        user_email="jan.peeters@example.be",
        user_language="nl",
        send_qr_to_fleet_manager=True,
        desired_number="+32471234502",
        subscription_type="mobile",
        plan="shape-traveller",
        options_mode="select",
        option_codes=["world-traveller"],
        copy_from_number="+32470112233",
        travel_data_control=50,
        surf_extra_card=True,
        invoice_split=True,
        invoice_split_profile="titanium-executive-20",
        contract_path="/tmp/signed.pdf",
    )


def test_the_copy_keeps_what_is_shared_and_empties_what_is_personal() -> None:
    last = full_draft()
    copy = last.another_like_this()
    kept = {
        "number_request": "transfer",
        "customer_number": "5.16142",
        "sim_format": "esim",
        "user_language": "nl",
        "send_qr_to_fleet_manager": True,
        "subscription_type": "mobile",
        "plan": "shape-traveller",
        "options_mode": "select",
        "option_codes": ["world-traveller"],
        "copy_from_number": "+32470112233",
        "travel_data_control": 50,
        "surf_extra_card": True,
        "invoice_split": True,
        "invoice_split_profile": "titanium-executive-20",
    }
    assert {name: getattr(copy, name) for name in kept} == kept
    blank = OrderDraft()
    emptied = set(OrderDraft.model_fields) - set(kept)
    assert emptied >= {
        "phone_number",
        "sim_card_number",
        "current_customer_number",
        "holder_name",
        "company_name",
        "vat_number",
        "contact_name",
        "current_operator",
        "card_type",
        "sim_number",
        "esim_number",
        "user_email",
        "esim_compatible",
        "desired_number",
        "contract_path",
    }
    assert {name: getattr(copy, name) for name in emptied} == {
        name: getattr(blank, name) for name in emptied
    }


def test_the_copy_shares_no_list_with_the_last_order() -> None:
    last = full_draft()
    copy = last.another_like_this()
    copy.option_codes.append("mobile-security")
    assert last.option_codes == ["world-traveller"]


def test_the_next_order_is_submitted_with_a_fresh_idempotency_key() -> None:
    last = OrderDraft.from_document(spec_order())
    key = submission_key(last)
    assert submission_key(last) == key  # a retry of the last order: same key
    copy = last.another_like_this()
    assert not copy.submission_key  # the copy carries no key of the last order
    assert submission_key(copy) != key
