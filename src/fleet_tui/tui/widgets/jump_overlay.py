"""The jump overlay: a letter on every field of the screen below; typing it focuses
that field (see :mod:`fleet_tui.tui.jump`)."""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.errors import NoWidget
from textual.geometry import Region
from textual.screen import ModalScreen, Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Static

from fleet_tui.core.i18n import Translator
from fleet_tui.tui.widgets.field import Field

#: The label keys, in the order they are handed out.
LABEL_KEYS = string.ascii_lowercase + string.digits


@dataclass(frozen=True)
class JumpTarget:
    """One labelled control: the key that focuses it, what it is called, and where it
    is on screen (``None`` when it is scrolled out of view)."""

    key: str
    widget: Widget
    title: str
    region: Region | None


def title_of(widget: Widget) -> str:
    """How the operator knows ``widget``: a box or button by its own text (a field can
    hold several boxes), anything else by its field's label."""
    if isinstance(widget, Button | Checkbox):
        return str(widget.label)
    for node in widget.ancestors:
        if isinstance(node, Field):
            label = next(iter(node.query(".field--label").results(Static)), None)
            return str(label.content).rstrip(" *") if label is not None else node.name or ""
    return widget.name or widget.id or ""


def _visible_region(screen: Screen[object], widget: Widget) -> Region | None:
    try:
        geometry = screen.find_widget(widget)
    except NoWidget:
        return None
    region = geometry.region.intersection(geometry.clip)
    return region if region.area else None


def jump_targets(screen: Screen[object]) -> list[JumpTarget]:
    """The controls of ``screen`` that jump mode labels, in focus order."""
    chain = screen.focus_chain
    # A scrolling container that holds other targets (the step's body) is no answer.
    holders = {node for widget in chain for node in widget.ancestors}
    controls = [w for w in chain if w not in holders]
    return [
        JumpTarget(key, widget, title_of(widget), _visible_region(screen, widget))
        for key, widget in zip(LABEL_KEYS, controls, strict=False)
    ]


class JumpOverlay(ModalScreen[Widget | None]):
    """Letters over the fields of the screen below; dismissed with the chosen control,
    or ``None``.

    | Key | Action |
    |-----|--------|
    | a–z, 0–9 | Focus the field with that letter |
    | Esc / Ctrl+O | Close, the focus where it was |

    Labels are drawn in reverse video as well as in colour, so they read under
    ``NO_COLOR`` and on a 16-colour terminal. Fields out of view are listed by name on
    the bottom line with their letters.
    """

    DEFAULT_CSS = """
    JumpOverlay {
        background: $background 40%;
    }
    JumpOverlay > .jump--label {
        position: absolute;
        width: auto;
        height: 1;
        padding: 0 1;
        color: $warning;
        background: $background;
        text-style: bold reverse;
    }
    JumpOverlay > #jump-info {
        dock: bottom;
        width: 1fr;
        height: auto;
        max-height: 4;
        padding: 0 1;
        color: $text;
        background: $panel;
        text-style: bold;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,ctrl+o", "close", "Close", id="jump-close", show=False),
    ]

    def __init__(self, targets: list[JumpTarget], tr: Translator) -> None:
        super().__init__()
        self.targets = {target.key: target for target in targets}
        self._tr = tr

    def compose(self) -> ComposeResult:
        elsewhere: list[str] = []
        for target in self.targets.values():
            if target.region is None:
                elsewhere.append(f"{target.key} {_short(target.title)}")
                continue
            label = Static(target.key, classes="jump--label", markup=False)
            label.styles.offset = (target.region.x, target.region.y)
            yield label
        info = self._tr("quick.jump.info")
        if elsewhere:
            info += "\n" + self._tr("quick.jump.elsewhere", targets=" · ".join(elsewhere))
        yield Static(Content(info), id="jump-info")

    def on_key(self, event: events.Key) -> None:
        target = self.targets.get(event.character or "")
        if target is not None:
            event.stop()
            event.prevent_default()
            self.dismiss(target.widget)

    def action_close(self) -> None:
        """Close without moving the focus."""
        self.dismiss(None)


def _short(title: str, limit: int = 22) -> str:
    # Many fields can be out of view at 80x24: short names keep the list on its lines.
    return title if len(title) <= limit else title[: limit - 1].rstrip() + "…"
