"""Every catalogue file exists in French, Dutch and English with the same keys, the
same ``{placeholders}`` per key, and no empty text."""

from __future__ import annotations

import string

import pytest

from fleet_tui.core.i18n import LANGUAGES, keys, namespaces, t

NAMESPACES = sorted({ns for lang in LANGUAGES for ns in namespaces(lang)})


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def test_there_are_catalogues() -> None:
    assert {"error", "processing", "summary"} <= set(NAMESPACES)


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_same_keys_in_every_language(namespace: str) -> None:
    for lang in LANGUAGES:
        assert namespace in namespaces(lang), f"{lang}/{namespace}.json is missing"
    english = set(keys("en", namespace))
    for lang in LANGUAGES:
        found = set(keys(lang, namespace))
        assert found == english, (
            f"{lang}/{namespace}.json: missing {sorted(english - found)}, "
            f"extra {sorted(found - english)}"
        )


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_keys_live_in_their_namespace_file(namespace: str) -> None:
    for lang in LANGUAGES:
        misplaced = [k for k in keys(lang, namespace) if k.split(".", 1)[0] != namespace]
        assert not misplaced, f"{lang}/{namespace}.json holds {misplaced}"


@pytest.mark.parametrize("namespace", NAMESPACES)
def test_same_placeholders_and_no_empty_text(namespace: str) -> None:
    english = keys("en", namespace)
    for lang in LANGUAGES:
        for key, text in keys(lang, namespace).items():
            assert isinstance(text, str) and text.strip(), f"{lang}: {key} is empty"
            assert placeholders(text) == placeholders(english.get(key, text)), (
                f"{lang}: {key} has {sorted(placeholders(text))}, "
                f"en has {sorted(placeholders(english.get(key, '')))}"
            )


def test_translation_fills_parameters_and_falls_back() -> None:
    assert t("summary.options_copied", "en", number="0470 11 22 33") == (
        "Copied from 0470 11 22 33"
    )
    assert t("summary.yes", "nl") == "Ja"
    assert t("no_such_namespace.key", "fr") == "no_such_namespace.key"
