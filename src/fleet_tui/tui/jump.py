"""Jump mode: one key puts a letter on every field of the screen, the letter focuses it.

posting's jump overlay is the model (Ctrl+O there too). ``textual-jumper`` packages the
same idea but needs Python 3.13, labels at most eight widgets that opt in with a
``jumpable`` attribute and has an English-only prompt; what fleet-tui needs is the
focus chain of any screen, labelled in order, in three languages: this module and
:mod:`fleet_tui.tui.widgets.jump_overlay`, about 150 lines.

Targets are the screen's focus chain (so a disabled or hidden control is never
offered) minus containers that hold other targets (the scrolling body is no answer).
Labels follow focus order, ``a``–``z`` then ``0``–``9``: the same field keeps the same
letter as long as the form above it does not change. A field scrolled out of view
gets a letter too; the overlay lists it by name, and jumping scrolls it into view.
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.errors import NoWidget
from textual.geometry import Region
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Button, Checkbox, Static

from fleet_tui.tui.widgets.field import Field

if TYPE_CHECKING:
    from fleet_tui.tui.app import FleetApp

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


def open_jump(app: FleetApp) -> None:
    """Show the jump overlay over the current screen; focus what the operator picks."""
    from fleet_tui.tui.widgets.jump_overlay import JumpOverlay

    targets = jump_targets(app.screen)
    if not targets:
        return

    def focus(widget: Widget | None) -> None:
        if widget is not None and widget.is_attached:
            widget.focus()
            widget.scroll_visible(animate=False)

    app.push_screen(JumpOverlay(targets, app.tr), focus)
