"""Footer and help text of the bindings the card screens add (steps 5–7, confirmation).

The shared translation (:func:`fleet_tui.tui.bindings.translate_bindings`) reads
``tui.binding.<id>``; the ids below are this part's own, so their text lives with the
rest of its strings, under ``tui_card.binding.<id>``.
"""

from __future__ import annotations

from dataclasses import replace

from textual.dom import DOMNode

from fleet_tui.core.i18n import Translator

OWN_BINDINGS = frozenset({"new-order", "dashboard", "submit", "browse-contract", "cancel-picker"})


def translate_own_bindings(node: DOMNode, tr: Translator) -> None:
    """Give ``node``'s bindings listed in :data:`OWN_BINDINGS` their translated text."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(
                b,
                description=tr(f"tui_card.binding.{b.id}"),
                tooltip=tr(f"tui_card.binding.{b.id}"),
            )
            if b.id in OWN_BINDINGS
            else b
            for b in bindings
        ]
    node.refresh_bindings()
