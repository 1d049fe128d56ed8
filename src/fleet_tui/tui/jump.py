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

from typing import TYPE_CHECKING

from textual.widget import Widget

from fleet_tui.tui.widgets.jump_overlay import LABEL_KEYS, JumpTarget, jump_targets

if TYPE_CHECKING:
    from fleet_tui.tui.host import Wizard

__all__ = ["LABEL_KEYS", "JumpTarget", "jump_targets", "open_jump"]


def open_jump(app: Wizard) -> None:
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
