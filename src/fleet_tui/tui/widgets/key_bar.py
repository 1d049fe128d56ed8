"""The bottom line: the keys that work now, and what they do.

Textual's ``Footer`` rebuilds one widget per key every time the focus moves (the screen's
bindings are announced again even when they have not changed): on a form where every Tab
moves the focus, that rebuild was a third of the wizard's CPU time and repainted the
whole line on every Tab. This bar is one widget that redraws only when the list of keys
actually changes.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget

from fleet_tui.core.i18n import Translator
from fleet_tui.tui.bindings import binding_text

#: One shown key: what the terminal calls it, what it does, whether it works now.
Key = tuple[str, str, bool]


class KeyBar(Widget, can_focus=False):
    """``F1 Help  F2 Language  ^N Continue …``: the screen's active bindings that are
    shown (one per action, as Textual's Footer lists them), described in the interface
    language (:func:`~fleet_tui.tui.bindings.binding_text`); disabled ones are dimmed."""

    DEFAULT_CSS = """
    KeyBar {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyBar > .key-bar--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyBar > .key-bar--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyBar > .key-bar--disabled {
        text-style: dim;
    }
    """

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-bar--key",
        "key-bar--description",
        "key-bar--disabled",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.keys: tuple[Key, ...] = ()
        #: The action of each of :attr:`keys`, in the same order.
        self.actions: tuple[str, ...] = ()

    def on_mount(self) -> None:
        self.screen.bindings_updated_signal.subscribe(self, self._bindings_changed)
        self._bindings_changed(self.screen)

    def on_unmount(self) -> None:
        self.screen.bindings_updated_signal.unsubscribe(self)

    def current_keys(self) -> tuple[Key, ...]:
        """The keys to show for the screen's bindings as they are now."""
        return tuple(key for _action, key in self._current())

    def _current(self) -> list[tuple[str, Key]]:
        keys: list[tuple[str, Key]] = []
        actions: set[str] = set()
        tr: Translator | None = getattr(self.app, "tr", None)
        for _node, binding, enabled, _tooltip in self.screen.active_bindings.values():
            if not binding.show or binding.action in actions:
                continue
            actions.add(binding.action)
            text = binding_text(binding, tr) if tr is not None else binding.description
            keys.append((binding.action, (self.app.get_key_display(binding), text, enabled)))
        return keys

    def _bindings_changed(self, screen: Screen[object]) -> None:
        current = self._current()
        keys = tuple(key for _action, key in current)
        if keys != self.keys:
            self.keys = keys
            self.actions = tuple(action for action, _key in current)
            self.refresh()

    def render(self) -> Content:
        key_style = self.get_visual_style("key-bar--key", partial=True)
        text_style = self.get_visual_style("key-bar--description", partial=True)
        dim = self.get_visual_style("key-bar--disabled", partial=True)
        parts: list[tuple[str, Content]] = []
        for action, (key, description, enabled) in zip(self.actions, self.keys, strict=True):
            part = Content.assemble((f" {key} ", key_style), (f"{description} ", text_style))
            parts.append((action, part if enabled else part.stylize(dim)))
        return Content("").join(part for _action, part in _fitting(parts, self.size.width))


def _fitting(parts: list[tuple[str, Content]], width: int) -> list[tuple[str, Content]]:
    """``parts`` without the last ones that do not fit in ``width`` cells, whole keys
    only (a key cut after its name reads as another key). Help stays: it lists every
    key of the screen, those left out here too."""
    kept = list(parts)
    while sum(part.cell_length for _action, part in kept) > width:
        dropped = next((i for i in reversed(range(len(kept))) if kept[i][0] != "help"), None)
        if dropped is None:
            break
        del kept[dropped]
    return kept
