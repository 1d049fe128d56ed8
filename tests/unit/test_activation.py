"""eSIM activation codes (GSMA SGP.22 §4.1): parsing, printing, validation, generation."""

from __future__ import annotations

import random
import re
import urllib.parse

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fleet_tui.core.activation import (
    ActivationCode,
    InstallDetails,
    InvalidActivationCode,
    generate,
    generate_confirmation_code,
)

label = st.from_regex(r"[A-Za-z0-9]([A-Za-z0-9-]{0,20}[A-Za-z0-9])?", fullmatch=True)
hosts = st.lists(label, min_size=1, max_size=5).map(".".join)
matching_ids = st.from_regex(r"[A-Za-z0-9-]{1,40}", fullmatch=True)
oids = st.lists(st.integers(0, 99999), min_size=1, max_size=9).map(
    lambda parts: ".".join(map(str, parts))
)
codes = st.builds(ActivationCode, hosts, matching_ids, st.none() | oids, st.booleans())


@given(codes)
def test_round_trip(code: ActivationCode) -> None:
    text = str(code)
    assert text.startswith("LPA:1$")
    assert ActivationCode.parse(text) == code
    assert str(ActivationCode.parse(text)) == text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "LPA:1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815",
            ActivationCode("SMDP.GSMA.COM", "04386-AGYFT-A74Y8-3F815"),
        ),
        (
            "LPA:1$smdp.example.com$ABC$1.3.6.1.4.1.31746",
            ActivationCode("smdp.example.com", "ABC", "1.3.6.1.4.1.31746"),
        ),
        (
            "LPA:1$smdp.example.com$ABC$1.3.6.1.4.1.31746$1",
            ActivationCode("smdp.example.com", "ABC", "1.3.6.1.4.1.31746", True),
        ),
        ("LPA:1$smdp.example.com$ABC$$1", ActivationCode("smdp.example.com", "ABC", None, True)),
    ],
)
def test_parse_examples(text: str, expected: ActivationCode) -> None:
    assert ActivationCode.parse(text) == expected
    assert str(expected) == text


def test_surrounding_white_space_is_ignored() -> None:
    assert ActivationCode.parse("  LPA:1$a.example$X\n") == ActivationCode("a.example", "X")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "1$smdp.example.com$ABC",  # no LPA: prefix
        "LPA:smdp.example.com$ABC",
        "LPA:2$smdp.example.com$ABC",  # unknown format
        "lpa:1$smdp.example.com$ABC",
        "LPA:1$smdp.example.com",  # no Matching ID field
        "LPA:1$smdp.example.com$",  # empty Matching ID
        "LPA:1$$ABC",  # empty address
        "LPA:1$smdp.example.com$AB_C",  # bad Matching ID character
        "LPA:1$smdp.example.com$AB C",
        "LPA:1$smdp.exa mple.com$ABC",
        "LPA:1$-smdp.example.com$ABC",
        "LPA:1$smdp..example.com$ABC",
        "LPA:1$smdp.example.com$ABC$1.3.x",  # bad OID
        "LPA:1$smdp.example.com$ABC$",  # empty OID without the flag
        "LPA:1$smdp.example.com$ABC$1.3.6$2",  # the flag can only be 1
        "LPA:1$smdp.example.com$ABC$1.3.6$1$extra",
        "LPA:1$smdp.example.com$ABC$$1$",
    ],
)
def test_rejected(text: str) -> None:
    with pytest.raises(InvalidActivationCode):
        ActivationCode.parse(text)


@pytest.mark.parametrize(
    ("address", "matching_id", "oid"),
    [
        ("smdp$example.com", "ABC", None),  # '$' in a field
        ("smdp.example.com", "AB$C", None),
        ("smdp.example.com", "ABC", "1.3$6"),
        ("smdp.example.com", "", None),
        ("smdp.example.com", "ÄBC", None),
        ("", "ABC", None),
        ("a" * 64 + ".example", "ABC", None),
        ("smdp.example.com", "ABC", ""),
        ("smdp.example.com", "ABC", ".1"),
    ],
)
def test_construction_validates(address: str, matching_id: str, oid: str | None) -> None:
    with pytest.raises(InvalidActivationCode):
        ActivationCode(address, matching_id, oid)


def test_invalid_activation_code_is_a_value_error() -> None:
    assert issubclass(InvalidActivationCode, ValueError)


def test_generate_makes_a_demo_code() -> None:
    code = generate()
    assert code.smdp_address == "SMDP.FLEET-TUI-DEMO.INVALID"
    assert re.fullmatch(r"[A-Z0-9]{5}(-[A-Z0-9]{5}){3}", code.matching_id)
    assert code.oid is None and not code.confirmation_code_required
    assert ActivationCode.parse(str(code)) == code
    assert len({generate().matching_id for _ in range(20)}) == 20


def test_generate_is_reproducible_with_an_rng() -> None:
    one = ActivationCode.generate("smdp.test.invalid", random.Random(3))
    two = generate("smdp.test.invalid", random.Random(3))
    assert one == two
    assert str(one).startswith("LPA:1$smdp.test.invalid$")


def test_install_details_split_the_code_and_build_the_links() -> None:
    code = "LPA:1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1"
    details = InstallDetails.of(code)
    assert details.smdp_address == "SMDP.GSMA.COM"
    assert details.matching_id == "04386-AGYFT-A74Y8-3F815"
    assert details.confirmation_code_required
    assert details.ios_install_url == (
        "https://esimsetup.apple.com/esim_qrcode_provisioning?carddata="
        "LPA%3A1%24SMDP.GSMA.COM%2404386-AGYFT-A74Y8-3F815%241.3.6.1.4.1.31746%241"
    )
    # The link's query decodes back to exactly the code.
    query = urllib.parse.urlsplit(details.ios_install_url).query
    assert urllib.parse.parse_qs(query)["carddata"] == [code]
    assert (
        details.windows_install_url
        == "lpa:1$SMDP.GSMA.COM$04386-AGYFT-A74Y8-3F815$1.3.6.1.4.1.31746$1"
    )


def test_install_details_of_no_code_or_a_broken_one_are_none() -> None:
    assert InstallDetails.maybe(None) is None
    assert InstallDetails.maybe("LPA:1$bad host$X") is None
    assert InstallDetails.maybe(" LPA:1$A.INVALID$X ") == InstallDetails.of("LPA:1$A.INVALID$X")


def test_confirmation_codes_are_digits_and_random() -> None:
    codes = {generate_confirmation_code() for _ in range(20)}
    assert len(codes) == 20
    assert all(re.fullmatch(r"[0-9]{8}", c) for c in codes)
    assert generate_confirmation_code(random.Random(1)) == generate_confirmation_code(
        random.Random(1)
    )
    flagged = ActivationCode.generate(confirmation_code_required=True)
    assert str(flagged).endswith("$$1")
