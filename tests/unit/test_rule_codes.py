"""Every error code the core can produce is produced here, by the order document (or the
draft) a person could write, at the field it belongs to.

The list of codes is read from the core's source (each ``FieldError(path, "code")`` and
``RuleViolation("code")``, and the codes pydantic's errors are folded into), so a new
rule without an example here fails :func:`test_every_core_code_has_an_example`; a rule
that stops firing fails its example. (A mutation check found six account and catalogue
codes no test ever triggered.)
"""

from __future__ import annotations

import ast
import os
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any, get_args

import pytest

from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.draft import FIELD_PATHS
from fleet_tui.core.errors import _PYDANTIC_CODES, FieldPath
from fleet_tui.core.porting import PortingProblem
from fleet_tui.core.rules import OrderContext, order_errors
from tests.support.orders import as_draft, esim_sim, plain_order, professional_transfer, spec_order

CORE = Path(__file__).resolve().parents[2] / "src" / "fleet_tui" / "core"
#: The core modules whose rules raise codes.
RULE_MODULES = ("rules.py", "fields.py", "draft.py", "order.py", "errors.py")

Document = Callable[[Path], Any]


def core_codes() -> set[str]:
    """Every code literal the core's rules raise, and pydantic's folded codes."""
    codes = set(_PYDANTIC_CODES.values())
    for name in RULE_MODULES:
        for node in ast.walk(ast.parse((CORE / name).read_text(encoding="utf-8"))):
            if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)):
                continue
            position = {"FieldError": 1, "RuleViolation": 0, "rule_error": 0}.get(node.func.id)
            if position is None or len(node.args) <= position:
                continue
            code = node.args[position]
            if name == "errors.py" and not isinstance(code, ast.Constant):
                continue  # the folding of pydantic's errors: _PYDANTIC_CODES above
            if name in ("rules.py", "order.py") and not isinstance(code, ast.Constant):
                continue  # a porting problem (added below) or a RuleViolation passed on
            assert isinstance(code, ast.Constant) and isinstance(code.value, str), node.lineno
            codes.add(str(code.value))
    return codes | set(get_args(PortingProblem))


def contract(kind: str) -> Document:
    """A plain order split under the Titanium profile (customer 5.16143) whose contract is
    a file of ``kind``, made in the test's folder."""

    def build(folder: Path) -> Any:
        path = folder / "contract.pdf"
        if kind == "missing":
            pass
        elif kind == "directory":
            path.mkdir()
        elif kind == "dangling_link":
            path.symlink_to(folder / "gone.pdf")
        elif kind == "fifo":
            os.mkfifo(path)
        elif kind == "too_large":
            with path.open("wb") as handle:
                handle.write(b"%PDF-1.7\n")
                handle.truncate(10 * 1024 * 1024 + 1)  # sparse: nothing is written
        elif kind == "text":
            path.write_text("not a scan\n", encoding="utf-8")
        elif kind == "unreadable":
            # A regular file whose first bytes cannot be read (even as root): this
            # process's memory at address 0.
            path = Path("/proc/self/mem")
        split = {"profile": "titanium-executive-20", "contract": str(path)}
        return plain_order(customer_number="5.16143", invoice_split=split)

    return build


def pdf(folder: Path) -> str:
    path = folder / "signed.pdf"
    path.write_bytes(b"%PDF-1.7\n%signed\n")
    return str(path)


def order(**changes: Any) -> Document:
    return lambda folder: plain_order(**changes)


def transfer(**number: Any) -> Document:
    return lambda folder: professional_transfer(**number)


def prepaid(sim_card_number: str) -> Document:
    number = {
        "request": "transfer",
        "current_operator": "proximus",
        "card_type": "prepaid",
        "phone_number": "0499 11 22 33",
        "sim_card_number": sim_card_number,
    }
    return lambda folder: plain_order(number=number)


def without(part: str) -> Document:
    def build(folder: Path) -> Any:
        document = plain_order()
        del document[part]
        return document

    return build


def esim(**changes: Any) -> Document:
    return lambda folder: plain_order(sim={**esim_sim(), **changes})


def subscription(**changes: str) -> Document:
    return order(subscription={"type": "mobile", "plan": "shape-smart", **changes})


PLAN = ("subscription", "plan")
PORTING = ("number", "porting_date")
TODAY = date(2027, 2, 2)

#: code → (the document that breaks the rule, where the error is reported).
EXAMPLES: dict[str, tuple[Document, FieldPath]] = {
    # Account and catalogue rules (core/rules.py).
    "reserved_number_unknown": (
        order(number={"request": "new", "desired_number": "0471 99 99 99"}),
        ("number", "desired_number"),
    ),
    "operator_unknown": (transfer(current_operator="sfr"), ("number", "current_operator")),
    "already_in_fleet": (transfer(phone_number="0470 11 22 33"), ("number", "phone_number")),
    "customer_number_unknown": (order(customer_number="5.99999"), ("customer_number",)),
    "customer_number_billing_only": (order(customer_number="5.16100"), ("customer_number",)),
    "profile_unknown": (
        lambda f: plain_order(invoice_split={"profile": "platinum-50", "contract": pdf(f)}),
        ("invoice_split", "profile"),
    ),
    "customer_number_split_mismatch": (
        lambda f: plain_order(invoice_split={"profile": "gold-manager-35", "contract": pdf(f)}),
        ("invoice_split", "profile"),
    ),
    "plan_unknown": (
        subscription(plan="shape-ultra"),
        PLAN,
    ),
    "plan_type_mismatch": (
        subscription(type="data"),
        PLAN,
    ),
    "surf_extra_not_allowed": (order(surf_extra_card=True), ("surf_extra_card",)),
    "option_unknown": (
        order(options={"mode": "select", "codes": ["free-lunch"]}),
        ("options", "codes", 0),
    ),
    "option_not_for_plan": (
        order(options={"mode": "select", "codes": ["europe-roaming-plus"]}),
        ("options", "codes", 0),
    ),
    "copy_from_unknown": (
        order(options={"mode": "copy", "from_number": "0470 99 88 77"}),
        ("options", "from_number"),
    ),
    "travel_data_control_amount": (order(travel_data_control=75), ("travel_data_control",)),
    # Field rules (core/fields.py).
    "text_expected": (transfer(contact_name=12), ("number", "contact_name")),
    "text_too_long": (transfer(contact_name="x" * 300), ("number", "contact_name")),
    "control_characters": (transfer(contact_name="Jan\x07Peeters"), ("number", "contact_name")),
    "phone_invalid": (transfer(phone_number="12"), ("number", "phone_number")),
    "phone_not_mobile": (transfer(phone_number="0800 12 345"), ("number", "phone_number")),
    "phone_landline": (transfer(phone_number="02 555 12 34"), ("number", "phone_number")),
    "vat_checksum": (transfer(vat_number="BE 0456.810.811"), ("number", "vat_number")),
    "vat_invalid": (transfer(vat_number="BE 12"), ("number", "vat_number")),
    "digits_only": (
        order(sim={"format": "physical", "sim_number": "11501000840ab"}),
        ("sim", "sim_number"),
    ),
    "sim_13_digits": (
        order(sim={"format": "physical", "sim_number": "115010008400"}),
        ("sim", "sim_number"),
    ),
    "sim_card_length": (prepaid("123456789012"), ("number", "sim_card_number")),
    "iccid_checksum": (prepaid("8932010000000000001"), ("number", "sim_card_number")),
    "email_invalid": (esim(user_email="jan.peeters@"), ("sim", "user_email")),
    "customer_number_invalid": (order(customer_number="five"), ("customer_number",)),
    "code_invalid": (
        subscription(plan="Shape Smart!"),
        PLAN,
    ),
    "upload_missing": (contract("missing"), ("invoice_split", "contract")),
    "upload_directory": (contract("directory"), ("invoice_split", "contract")),
    "upload_dangling_link": (contract("dangling_link"), ("invoice_split", "contract")),
    "upload_not_regular": (contract("fifo"), ("invoice_split", "contract")),
    "upload_too_large": (contract("too_large"), ("invoice_split", "contract")),
    "upload_type": (contract("text"), ("invoice_split", "contract")),
    "upload_unreadable": (contract("unreadable"), ("invoice_split", "contract")),
    # The document's structure (core/rules.py and pydantic's errors, folded).
    "required": (without("sim"), ("sim",)),
    "not_expected": (order(colour="red"), ("colour",)),
    "object_expected": (order(sim="physical"), ("sim",)),
    "choice_invalid": (subscription(type="fax"), ("subscription", "type")),
    "list_expected": (
        order(options={"mode": "select", "codes": "world-traveller"}),
        ("options", "codes"),
    ),
    "too_many": (
        order(options={"mode": "select", "codes": ["world-traveller"] * 51}),
        ("options", "codes"),
    ),
    "too_small": (order(travel_data_control=-50), ("travel_data_control",)),
    "too_large": (order(travel_data_control=20_000), ("travel_data_control",)),
    "whole_number_expected": (order(travel_data_control="fifty"), ("travel_data_control",)),
    "yes_no_expected": (order(surf_extra_card="maybe"), ("surf_extra_card",)),
    "duplicate_option": (
        order(options={"mode": "select", "codes": ["world-traveller"] * 2}),
        ("options",),
    ),
    # The porting date, judged from TODAY (a Tuesday) with the demo's 1..90-day window.
    "porting_date_invalid": (transfer(porting_date="31/02/2027"), PORTING),
    "porting_date_past": (transfer(porting_date="01/02/2027"), PORTING),
    "porting_date_weekend": (transfer(porting_date="06.02.2027"), PORTING),
    "porting_date_holiday": (transfer(porting_date="2027-03-29"), PORTING),  # Easter Monday
    "porting_date_too_soon": (transfer(porting_date="02/02/2027"), PORTING),
    "porting_date_too_late": (transfer(porting_date="2027-06-01"), PORTING),
    "porting_date_new_number": (
        order(number={"request": "new", "porting_date": "2027-02-15"}),
        PORTING,
    ),
}
#: Codes the draft adds to the document's (core/draft.py).
DRAFT_CODES = {"esim_compat_unconfirmed"}


@pytest.fixture(scope="module")
def context() -> OrderContext:
    seed = load_seed()
    return OrderContext(seed.account, seed.catalogue, today=TODAY)


def test_every_core_code_has_an_example() -> None:
    assert core_codes() == set(EXAMPLES) | DRAFT_CODES


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_the_example_produces_its_code_at_its_field(
    code: str, context: OrderContext, tmp_path: Path
) -> None:
    build, path = EXAMPLES[code]
    _, errors = order_errors(build(tmp_path), context)
    assert (path, code) in [(e.path, e.code) for e in errors], errors


@pytest.mark.parametrize("code", sorted(EXAMPLES))
def test_the_example_breaks_only_what_it_changes(
    code: str, context: OrderContext, tmp_path: Path
) -> None:
    # The examples start from valid orders: what they report is their own doing.
    build, path = EXAMPLES[code]
    _, errors = order_errors(build(tmp_path), context)
    assert {e.path[: len(path)] for e in errors} == {path}, errors


def test_the_base_orders_are_valid(context: OrderContext) -> None:
    for document in (plain_order(), professional_transfer(), spec_order()):
        assert order_errors(document, context)[1] == []


def test_an_esim_needs_its_compatibility_confirmed(context: OrderContext) -> None:
    draft = as_draft(spec_order(), esim_compatible=False)
    assert [(e.path, e.code) for e in draft.errors(context)] == [
        (FIELD_PATHS["esim_compatible"], "esim_compat_unconfirmed")
    ]
    assert as_draft(spec_order(), esim_compatible=True).errors(context) == []
