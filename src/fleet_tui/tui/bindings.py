"""Key binding descriptions in the interface language.

Textual's ``Binding.description`` is fixed when the class is defined, yet the key bar
and the help screen must speak fr, nl or en and follow F2. Every binding of ours has an
``id``; its text lives under ``tui.binding.<id>`` (or ``tui_card.binding.<id>``). Both
read it through :func:`binding_text` when they draw, so nothing is rewritten when the
language changes: the screens are rebuilt and ask again.
"""

from __future__ import annotations

from textual.binding import Binding

from fleet_tui.core.i18n import Translator, has_key

#: Translation files that hold binding texts, as ``<namespace>.binding.<id>``.
NAMESPACES: tuple[str, ...] = ("tui", "tui_card", "drafts", "esim", "orders", "safety", "quick")


def binding_text(binding: Binding, tr: Translator) -> str:
    """What ``binding`` does, in ``tr``'s language: ``<namespace>.binding.<id>`` from
    the first namespace that has it; for a binding of Textual's own widgets (no id, an
    English description), ``tui.binding.action.<action>``; else its own description."""
    if binding.id:
        for namespace in NAMESPACES:
            key = f"{namespace}.binding.{binding.id}"
            if has_key(key, "en"):
                return tr(key)
    key = f"tui.binding.action.{binding.action}"
    if has_key(key, "en"):
        return tr(key)
    return binding.description
