"""Every binding of the wizard on a key a browser keeps has a browser key of its own
(fleet_tui.tui.browser_keys), which is not kept either and clashes with nothing."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

from textual.binding import Binding
from textual.dom import DOMNode

import fleet_tui.tui
from fleet_tui.tui.browser_keys import BROWSER_KEPT, BROWSER_KEYMAP


def _nodes() -> list[type[DOMNode]]:
    found: dict[str, type[DOMNode]] = {}
    for module in pkgutil.walk_packages(fleet_tui.tui.__path__, "fleet_tui.tui."):
        for _, value in inspect.getmembers(importlib.import_module(module.name), inspect.isclass):
            if issubclass(value, DOMNode) and value.__module__.startswith("fleet_tui."):
                found[f"{value.__module__}.{value.__qualname__}"] = value
    return list(found.values())


def test_every_browser_kept_key_of_ours_has_a_browser_key_that_is_not_kept() -> None:
    # Our own BINDINGS only: Textual's Input has a hidden Ctrl+W (delete a word), which a
    # browser keeps; Backspace does the same there.
    kept: list[str] = []
    for node in _nodes():
        for item in node.__dict__.get("BINDINGS", []):
            assert isinstance(item, Binding), node
            for key in item.key.split(","):
                if key in BROWSER_KEPT:
                    kept.append(f"{node.__qualname__}: {key} ({item.id})")
                    assert item.id in BROWSER_KEYMAP, (node, item)
    assert kept, "the audit found no binding at all: it looks in the wrong place"
    for keys in BROWSER_KEYMAP.values():
        assert not set(keys.split(",")) & BROWSER_KEPT, keys


def test_the_browser_keys_clash_with_no_other_binding_of_the_same_screen() -> None:
    for node in _nodes():
        if node._merged_bindings is None:
            continue
        result = node._merged_bindings.copy().apply_keymap(BROWSER_KEYMAP)
        assert not result.clashed_bindings, (node, result.clashed_bindings)
