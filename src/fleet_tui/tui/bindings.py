"""Key binding descriptions in the interface language.

Textual's ``Binding.description`` is fixed when the class is defined, yet the Footer
and the help screen must speak fr, nl or en and follow F2. Every binding has an
``id``; its text lives under ``tui.binding.<id>`` (or ``tui_card.binding.<id>``).
Each node keeps its own copy of its bindings, so a screen (or the app) swaps in
translated copies when it is built and when the language changes, then asks the
Footer to refresh.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from fleet_tui.core.i18n import Translator, has_key

#: Translation files that hold binding texts, as ``<namespace>.binding.<id>``.
NAMESPACES: tuple[str, ...] = ("tui", "tui_card", "drafts")


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


def translate_bindings(node: DOMNode, tr: Translator) -> None:
    """Give every binding of ``node`` that has an ``id`` its translated description."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=binding_text(b, tr), tooltip=binding_text(b, tr)) if b.id else b
            for b in bindings
        ]
    node.refresh_bindings()
