"""The translation layer: every user-visible string, in French, Dutch and English.

Keys are dotted; the first segment names the catalogue file that holds the key
(``error.phone_invalid`` lives in ``<lang>/error.json``), so each part of the program
owns its own files. Parameters use ``str.format`` fields: ``"{limit} characters"``.
A key missing from a language falls back to English, then to the key itself, so a
forgotten translation shows up as visibly odd rather than crashing; the test-suite
checks that the three languages have the same keys and the same parameters.
"""

from __future__ import annotations

import json
import string
from collections.abc import Mapping
from functools import cache
from importlib import resources
from typing import Any, Literal, get_args

Lang = Literal["fr", "nl", "en"]
LANGUAGES: tuple[Lang, ...] = get_args(Lang)
DEFAULT_LANG: Lang = "fr"


def as_lang(value: str | None, default: Lang = DEFAULT_LANG) -> Lang:
    """Return ``value`` as a supported language code (case-insensitive), else ``default``."""
    if value:
        lowered = value.strip().lower()[:2]
        for lang in LANGUAGES:
            if lang == lowered:
                return lang
    return default


@cache
def _catalogue(lang: str, namespace: str) -> Mapping[str, str]:
    path = resources.files(__package__).joinpath(lang, f"{namespace}.json")
    if not path.is_file():
        return {}
    data: dict[str, str] = json.loads(path.read_text(encoding="utf-8"))
    return data


class _KeepMissing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def has_key(key: str, lang: Lang) -> bool:
    """Whether ``key`` is translated in ``lang`` (without falling back)."""
    namespace = key.split(".", 1)[0]
    return key in _catalogue(lang, namespace)


def t(key: str, lang: Lang = DEFAULT_LANG, /, **params: Any) -> str:
    """Translate ``key`` into ``lang`` and fill in ``params``."""
    namespace = key.split(".", 1)[0]
    template = _catalogue(lang, namespace).get(key)
    if template is None:
        template = _catalogue("en", namespace).get(key, key)
    if not params:
        return template
    return string.Formatter().vformat(template, (), _KeepMissing(params))


def namespaces(lang: Lang) -> list[str]:
    """The catalogue files present for ``lang`` (used by the parity tests)."""
    folder = resources.files(__package__).joinpath(lang)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".json"))


def keys(lang: Lang, namespace: str) -> Mapping[str, str]:
    """All keys of one catalogue file (used by the parity tests)."""
    return _catalogue(lang, namespace)


class Translator:
    """``t`` bound to one language: ``tr = Translator("nl"); tr("tui.next")``."""

    __slots__ = ("lang",)

    def __init__(self, lang: Lang = DEFAULT_LANG) -> None:
        self.lang: Lang = lang

    def __call__(self, key: str, /, **params: Any) -> str:
        return t(key, self.lang, **params)
