"""F1: the keys that work on the current screen, read from the live bindings."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from fleet_tui.tui.bindings import binding_text
from fleet_tui.tui.widgets.key_bar import KeyBar

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard

_KEY_NAMES = {"escape": "Esc", "enter": "Enter", "space": "Space", "tab": "Tab"}


def key_label(key: str) -> str:
    """A key as written on keyboards: ``ctrl+n`` → ``Ctrl+N``, ``escape`` → ``Esc``."""
    *modifiers, name = key.split("+")
    name = _KEY_NAMES.get(name, name.upper() if len(name) <= 3 else name.capitalize())
    return "+".join([m.capitalize() for m in modifiers] + [name])


_GENERAL_KEYS = ("tab", "enter_space", "arrows", "enter_input", "function_keys", "close")


class HelpScreen(ModalScreen[None]):
    """The keys of the screen underneath (read from its live, translated bindings),
    plus the general ones.

    | Key | Action |
    |-----|--------|
    | Esc / F1 | Close |
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,f1", "dismiss", "Close", id="close-help"),
    ]

    def compose(self) -> ComposeResult:
        app = cast("Wizard", self.app)
        tr = app.tr
        lines: list[str] = []
        below = app.screen_stack[-2] if len(app.screen_stack) > 1 else None
        seen: set[str] = set()
        if below is not None:
            for active in below.active_bindings.values():
                binding = active.binding
                if not binding.show or binding.action in seen:
                    continue
                seen.add(binding.action)
                label = binding_text(binding, tr)
                lines.append(f"{key_label(binding.key):>10}  {label}")
        lines += [tr(f"tui.help.{key}") for key in _GENERAL_KEYS]
        lines.append(tr("quick.help.jump"))
        with VerticalScroll(id="help"):
            yield Static(Content(tr("tui.help.title")), classes="screen-title")
            yield Static(Content("\n".join(lines)), id="help-keys")
        # Over the step's own key bar: under the dialog only its keys work (Ctrl+N,
        # say, does nothing here), so the bottom line must not offer the step's.
        yield KeyBar()
