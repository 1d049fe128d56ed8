"""The examples the hints give pass the rules of the fields they explain: an operator
who copies one must not get an error."""

from __future__ import annotations

import re

import pytest
from stdnum import luhn

from fleet_tui.core import fields
from fleet_tui.core.i18n import LANGUAGES, Lang, t

#: A run of digits and spaces at least 13 digits long: the example card number.
_NUMBER = re.compile(r"\d[\d ]{11,}\d")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_prepaid_port_in_hint_gives_a_valid_iccid(lang: Lang) -> None:
    hint = t("tui.port_in.hint.sim_card_number", lang)
    found = _NUMBER.findall(hint)
    assert len(found) == 1, hint
    digits = fields.current_sim_card_number(found[0])  # raises if the example is refused
    assert digits.startswith("89") and luhn.is_valid(digits)
