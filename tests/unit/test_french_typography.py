"""French typography: every French string puts a no-break space before ``: ; ? !`` (the
sign then never starts a line), and the rule's checker and fixer agree."""

from __future__ import annotations

import pytest

from fleet_tui.core.i18n import keys, namespaces
from fleet_tui.core.i18n.french import NARROW_NO_BREAK, NO_BREAK, fix, violations


@pytest.mark.parametrize("namespace", namespaces("fr"))
def test_every_french_string_has_a_no_break_space_before_high_punctuation(
    namespace: str,
) -> None:
    wrong = {key: text for key, text in keys("fr", namespace).items() if violations(text)}
    assert wrong == {}, "run: python -m fleet_tui.core.i18n.french --write"


@pytest.mark.parametrize(
    ("text", "fixed"),
    [
        ("Fenêtre trop petite : agrandissez", f"Fenêtre trop petite{NO_BREAK}: agrandissez"),
        ("Voulez-vous la reprendre ?", f"Voulez-vous la reprendre{NARROW_NO_BREAK}?"),
        ("Rien ; non !", f"Rien{NARROW_NO_BREAK}; non{NARROW_NO_BREAK}!"),
        ("Entrée: choisir", f"Entrée{NO_BREAK}: choisir"),
        ("à 15:35, https://x.invalid, {n:d}", "à 15:35, https://x.invalid, {n:d}"),
        ('{{"orders": [...]}}', '{{"orders": [...]}}'),
    ],
)
def test_the_fixer_spaces_punctuation_and_leaves_times_links_and_code(
    text: str, fixed: str
) -> None:
    assert fix(text) == fixed
    assert violations(fixed) == []
    assert fix(fixed) == fixed
