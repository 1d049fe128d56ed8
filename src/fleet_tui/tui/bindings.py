"""Key binding descriptions in the interface language.

Textual's ``Binding.description`` is fixed when the class is defined, yet the Footer
and the help screen must speak fr, nl or en and follow F2. Every binding has an
``id``; its text lives under ``tui.binding.<id>``. Each node keeps its own copy of its
bindings, so a screen (or the app) swaps in translated copies when it is built and
when the language changes, then asks the Footer to refresh.
"""

from __future__ import annotations

from dataclasses import replace

from textual.binding import Binding
from textual.dom import DOMNode

from fleet_tui.core.i18n import Translator


def binding_text(binding: Binding, tr: Translator) -> str:
    """What ``binding`` does, in ``tr``'s language (its own description without an id)."""
    return tr(f"tui.binding.{binding.id}") if binding.id else binding.description


def translate_bindings(node: DOMNode, tr: Translator) -> None:
    """Give every binding of ``node`` that has an ``id`` its translated description."""
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(b, description=binding_text(b, tr), tooltip=binding_text(b, tr)) if b.id else b
            for b in bindings
        ]
    node.refresh_bindings()
