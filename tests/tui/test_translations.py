"""The TUI's own translation file: same keys and placeholders in fr, nl and en."""

from __future__ import annotations

import string

from fleet_tui.core.i18n import LANGUAGES, keys


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_tui_strings_exist_in_every_language_with_the_same_placeholders() -> None:
    french = keys("fr", "tui")
    assert len(french) > 80
    for lang in LANGUAGES:
        other = keys(lang, "tui")
        assert set(other) == set(french), lang
        for key, template in other.items():
            assert template.strip(), (lang, key)
            assert _fields(template) == _fields(french[key]), (lang, key)


def test_dutch_and_english_are_translated_not_copied() -> None:
    fr, nl, en = (keys(lang, "tui") for lang in ("fr", "nl", "en"))
    # Proper names and formats may match; most sentences must not.
    same_nl = [k for k in fr if fr[k] == nl[k]]
    same_en = [k for k in fr if fr[k] == en[k]]
    assert len(same_nl) < len(fr) // 10, same_nl
    assert len(same_en) < len(fr) // 10, same_en
