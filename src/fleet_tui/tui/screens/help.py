"""F1: help on what has the focus, then the keys that work on the current screen.

On a field that has an explanation (the source portal's ⓘ text), F1 explains that
field first; a screen may offer its own topic instead (``help_topic()``, e.g. the
review's processing-time table). Elsewhere F1 lists the keys only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, Protocol, cast, runtime_checkable

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from fleet_tui.tui.bindings import binding_text
from fleet_tui.tui.browser_keys import browser_text
from fleet_tui.tui.widgets.field import Field
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


@runtime_checkable
class HasHelpTopic(Protocol):
    """A screen with help of its own for F1: a title and the text (or ``None``)."""

    def help_topic(self) -> tuple[str, Content] | None:
        """The topic F1 shows above the keys, if any."""
        ...


def focused_topic(screen: Screen[object]) -> tuple[str, Content] | None:
    """What F1 explains on ``screen``: the focused field's explanation, else the
    screen's own topic, else nothing."""
    focused = screen.focused
    if focused is not None:
        for node in focused.ancestors_with_self:
            if isinstance(node, Field) and node.explanation:
                return node.label_text, Content(node.explanation)
    if isinstance(screen, HasHelpTopic):
        return screen.help_topic()
    return None


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
        lines += [tr(browser_text(key, app.is_web)) for key in getattr(below, "HELP_KEYS", ())]
        lines += [tr(f"tui.help.{key}") for key in _GENERAL_KEYS]
        # A screen may add a note about its own keys (the eSIM code's: OSC 52 caveat).
        note = getattr(below, "HELP_NOTE", None)
        if isinstance(note, str):
            lines += ["", tr(note)]
        topic = focused_topic(below) if below is not None else None
        lines.append(tr("quick.help.jump"))
        with VerticalScroll(id="help"):
            if topic is not None:
                title, text = topic
                yield Static(Content(tr("help.panel.title", field=title)), classes="screen-title")
                yield Static(text, id="help-topic", classes="note")
            yield Static(Content(tr("tui.help.title")), classes="screen-title")
            yield Static(Content("\n".join(lines)), id="help-keys")
        # Over the step's own key bar: under the dialog only its keys work (Ctrl+N,
        # say, does nothing here), so the bottom line must not offer the step's.
        yield KeyBar()
