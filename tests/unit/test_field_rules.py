"""The field rules of SPEC §3, compared with the libraries that define them.

Each property draws values a person might type and checks that
:mod:`fleet_tui.core.fields` accepts exactly what the oracle library accepts, and
normalises to what it would.
"""

from __future__ import annotations

import re

import phonenumbers
import pytest
from email_validator import EmailNotValidError, validate_email
from hypothesis import assume, example, given
from hypothesis import strategies as st
from stdnum import luhn
from stdnum.be import vat as be_vat

from fleet_tui.core import fields
from fleet_tui.core.fields import RuleViolation
from tests.support.unicode import BIDI_CONTROLS


def code_of(rule: object, value: object) -> str | None:
    """The violation code of ``rule(value)``, or ``None`` when the value is accepted."""
    try:
        rule(value)  # type: ignore[operator]
    except RuleViolation as exc:
        return exc.code
    return None


digits = st.text("0123456789", min_size=1)

# --- Belgian mobile numbers ------------------------------------------------------------

mobile_nsn = st.builds(
    lambda second, rest: f"4{second}{rest}",
    st.sampled_from("56789"),
    st.text("0123456789", min_size=7, max_size=7),
)


def spellings(nsn: str) -> list[str]:
    """The four spellings of SPEC §3 for a national significant number ``4xxxxxxxx``."""
    a, b, c, d = nsn[:3], nsn[3:5], nsn[5:7], nsn[7:]
    return [f"0{a} {b} {c} {d}", f"0{a}/{b}.{c}.{d}", f"+32 {a} {b} {c} {d}", f"0032{nsn}"]


@given(mobile_nsn)
@example("456123456")  # 045x and 046x: valid only with recent metadata
@example("467123456")
@example("470123456")
def test_belgian_mobile_numbers_in_every_spelling(nsn: str) -> None:
    oracle = phonenumbers.parse("0" + nsn, "BE")
    assert phonenumbers.is_valid_number(oracle)
    assert phonenumbers.number_type(oracle) == phonenumbers.PhoneNumberType.MOBILE
    for text in spellings(nsn):
        assert fields.be_mobile_number(text) == "+32" + nsn


@given(st.text("0123456789", min_size=7, max_size=10), st.sampled_from(["0", "+32 ", "0032"]))
@example("80200000", "0")  # 080, Stavelot–Malmedy's zone, was taken for 0800 (free)
@example("80012345", "0")  # 0800 itself
def test_mobile_rule_agrees_with_phonenumbers(national: str, prefix: str) -> None:
    assume(not national.startswith("0"))
    text = prefix + national
    parsed = phonenumbers.parse(text, "BE")
    mobile = phonenumbers.is_valid_number(parsed) and phonenumbers.number_type(parsed) in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    )
    code = code_of(fields.be_mobile_number, text)
    assert (code is None) == mobile
    kind = phonenumbers.number_type(parsed)
    if mobile:
        assert re.fullmatch(r"\+324[5-9]\d{7}", fields.be_mobile_number(text))
    elif phonenumbers.is_valid_number(parsed) and kind == phonenumbers.PhoneNumberType.FIXED_LINE:
        assert code == "phone_landline"
    elif phonenumbers.is_valid_number(parsed):
        assert code == "phone_not_mobile"
    else:
        # Landline-shaped (8 digits after the 0, not a mobile's 04[5-9]) or not a number.
        assert code in ("phone_invalid", "phone_landline")
        if code == "phone_landline":
            assert len(str(parsed.national_number)) == 8


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("02 511 11 11", "phone_landline"),  # Brussels landline
        ("+32 9 223 44 55", "phone_landline"),  # Ghent landline
        ("03 123 45 67", "phone_landline"),  # Antwerp, a range not in use: still a landline
        ("04 223 44 55", "phone_landline"),  # Liège
        ("0470 12 34 5", "phone_invalid"),  # a mobile a digit short is no landline
        ("0800 12 345", "phone_not_mobile"),  # freephone
        ("0900 12 345", "phone_not_mobile"),  # premium rate
        ("+33 6 12 34 56 78", "phone_invalid"),  # French mobile
        ("+31 6 12345678", "phone_invalid"),  # Dutch mobile
        ("0470 12 34 5", "phone_invalid"),  # a digit short
        ("0470 12 34 567", "phone_invalid"),
        ("0470 12 34 56 78", "phone_invalid"),
        ("0470 12 34 56 78 90 12 34 56 78 90", "text_too_long"),
        ("", "required"),
    ],
)
def test_non_mobile_numbers_are_refused(text: str, code: str) -> None:
    assert code_of(fields.be_mobile_number, text) == code


# --- VAT / enterprise numbers ----------------------------------------------------------

vat_bases = st.builds(
    lambda first, rest: int(first + rest),
    st.sampled_from("01"),
    st.text("0123456789", min_size=7, max_size=7),
).filter(lambda base: base > 0)


def vat_number(base: int, check: int) -> str:
    return f"{base:08d}{check:02d}"


def vat_spellings(number: str) -> list[str]:
    return [
        number,
        f"BE{number}",
        f"BE {number[:4]}.{number[4:7]}.{number[7:]}",
        f"be {number[:4]} {number[4:7]} {number[7:]}",
        f"{number[:4]}-{number[4:7]}-{number[7:]}",
    ]


@given(vat_bases)
def test_vat_with_correct_check_digits(base: int) -> None:
    number = vat_number(base, 97 - base % 97)
    for text in vat_spellings(number):
        assert be_vat.is_valid(text)
        assert fields.be_vat_number(text) == "BE" + number


@given(vat_bases, st.integers(0, 99))
def test_vat_with_any_check_digits_agrees_with_stdnum(base: int, check: int) -> None:
    number = vat_number(base, check)
    valid = be_vat.is_valid(number)
    assert valid == ((base + check) % 97 == 0)
    assert code_of(fields.be_vat_number, number) == (None if valid else "vat_checksum")


@given(st.text("0123456789 .BE-", max_size=16))
def test_vat_acceptance_agrees_with_stdnum(text: str) -> None:
    assume(text.strip())
    assert (code_of(fields.be_vat_number, text) is None) == be_vat.is_valid(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BE 0456.810.810", "BE0456810810"),  # Orange Belgium
        ("0456810810", "BE0456810810"),
        ("456.810.810", "BE0456810810"),  # the old 9-digit form
        ("1023.456.797", "BE1023456797"),  # the 1-series, since 2023
        ("BE1000000021", "BE1000000021"),
    ],
)
def test_vat_examples(text: str, expected: str) -> None:
    assert fields.be_vat_number(text) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("BE 0456.810.811", "vat_checksum"),
        ("BE 2456.810.810", "vat_invalid"),  # must start with 0 or 1
        ("BE 0456.810.81", "vat_checksum"),  # 9 digits read as the old 0-less form
        ("BE 0456.810.81.00", "vat_invalid"),
        ("NL 0456.810.810", "vat_invalid"),
        ("0000000000", "vat_invalid"),
    ],
)
def test_vat_refused(text: str, code: str) -> None:
    assert code_of(fields.be_vat_number, text) == code


# --- SIM / eSIM 13 digits --------------------------------------------------------------


@given(st.lists(st.sampled_from("0123456789 "), max_size=30).map("".join))
def test_sim_13_digits_is_exactly_13_digits_after_removing_spaces(text: str) -> None:
    compact = text.replace(" ", "")
    code = code_of(fields.sim_13_digits, text)
    if len(compact) == 13:
        assert code is None
        assert fields.sim_13_digits(text) == compact
    else:
        assert code == ("required" if not compact else "sim_13_digits")


@pytest.mark.parametrize("text", ["115010008475A", "1150-100084757", "١١٥٠١٠٠٠٨٤٧٥٧"])
def test_sim_13_digits_refuses_other_characters(text: str) -> None:
    assert code_of(fields.sim_13_digits, text) == "digits_only"


def test_sim_13_digits_examples() -> None:
    assert fields.sim_13_digits("1150 1000 8475 7") == "1150100084757"
    assert fields.sim_13_digits("1150100048141") == "1150100048141"


# --- Current SIM card number (ICCID) ---------------------------------------------------

# 18 or 19 digits before the check digit: full ICCIDs of 19 or 20 digits.
iccid_bodies = st.integers(16, 17).flatmap(
    lambda n: st.text("0123456789", min_size=n, max_size=n).map(lambda rest: "89" + rest)
)


@given(iccid_bodies)
def test_full_iccid_with_its_luhn_digit(body: str) -> None:
    iccid = body + luhn.calc_check_digit(body)
    assert luhn.is_valid(iccid)
    spaced = " ".join(iccid[i : i + 4] for i in range(0, len(iccid), 4))
    assert fields.current_sim_card_number(spaced) == iccid


@given(iccid_bodies, st.sampled_from("0123456789"))
def test_full_iccid_agrees_with_luhn(body: str, last: str) -> None:
    iccid = body + last
    code = code_of(fields.current_sim_card_number, iccid)
    assert code == (None if luhn.is_valid(iccid) else "iccid_checksum")


@given(st.text("0123456789", min_size=1, max_size=25))
def test_current_sim_card_number_lengths(number: str) -> None:
    code = code_of(fields.current_sim_card_number, number)
    if not 13 <= len(number) <= 20:
        assert code == "sim_card_length"
    elif len(number) >= 19 and number.startswith("89"):
        assert code == (None if luhn.is_valid(number) else "iccid_checksum")
    else:
        assert code is None  # a prefix of the ICCID: no check digit to verify


# --- Email -----------------------------------------------------------------------------


def oracle_email(text: str) -> str | None:
    try:
        return str(validate_email(text.strip(), check_deliverability=False).normalized)
    except EmailNotValidError:
        return None


@given(st.emails() | st.text("abcXYZ09.-_+@ é", max_size=40))
@example("jan.peeters@example.be")
@example("Jan.Peeters@EXAMPLE.BE")
@example("jan..peeters@example.be")
@example("jan@localhost")
def test_email_agrees_with_email_validator(text: str) -> None:
    assume(text.strip() and len(text) <= fields.EMAIL_MAX)
    expected = oracle_email(text)
    code = code_of(fields.email_address, text)
    if expected is None:
        assert code == "email_invalid"
    else:
        assert code is None
        assert fields.email_address(text) == expected


# --- Free text -------------------------------------------------------------------------

printable = st.text(
    st.characters(blacklist_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1, max_size=40
)


@given(printable, st.characters(whitelist_categories=["Cc"]), printable)
def test_clean_text_refuses_control_characters(before: str, control: str, after: str) -> None:
    assume(before.strip() and after.strip())
    assert code_of(fields.clean_text, before + control + after) == "control_characters"


@pytest.mark.parametrize(
    "text",
    [
        "Acme \x1b[31mRed",
        "Jan\u202ePeeters",
        "line\u2028break",
        "bell\x07",
        "del\x7fete",
        "c1\x85c1",
    ],
)
def test_clean_text_refuses_escapes_and_bidi_overrides(text: str) -> None:
    assert code_of(fields.clean_text, text) == "control_characters"


@pytest.mark.parametrize("control", BIDI_CONTROLS)
def test_clean_text_refuses_every_bidi_control(control: str) -> None:
    # They reorder what the fleet manager and the backend's staff read on screen.
    assert code_of(fields.clean_text, f"Jan{control}Peeters") == "control_characters"


@given(printable)
def test_clean_text_keeps_printable_text_trimmed(text: str) -> None:
    stripped = text.strip()
    assume(stripped and not any(ch in BIDI_CONTROLS for ch in stripped))
    assert fields.clean_text(text) == stripped


def test_clean_text_bounds() -> None:
    assert fields.clean_text("  Acme [GmbH]  ") == "Acme [GmbH]"
    assert code_of(fields.clean_text, "   ") == "required"
    assert code_of(fields.clean_text, "x" * (fields.NAME_MAX + 1)) == "text_too_long"
    assert code_of(fields.clean_text, 42) == "text_expected"
