"""Where the operator is among the seven steps: done, current, skipped, to do."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from fleet_tui.core.i18n import Translator
from fleet_tui.tui.steps import StepState

# Signs, not colours alone: the states read on a monochrome terminal too.
_SIGNS: dict[StepState, tuple[str, str]] = {
    "done": ("✓", "x"),
    "current": ("●", ">"),
    "skipped": ("–", "-"),
    "todo": ("○", "."),
}


class StepIndicator(Static):
    """A one-line strip ``1✓ 2✓ 3● 4– 5○ 6○ 7○ · Step 3/7: Number``."""

    DEFAULT_CSS = """
    StepIndicator {
        height: 1;
        padding: 0 1;
        background: $panel;
    }
    """

    def __init__(
        self,
        states: list[tuple[str, StepState]],
        tr: Translator,
        *,
        ascii_only: bool = False,
    ) -> None:
        super().__init__(self.render_states(states, tr, ascii_only=ascii_only))

    @staticmethod
    def render_states(
        states: list[tuple[str, StepState]], tr: Translator, *, ascii_only: bool = False
    ) -> Content:
        """The strip as text."""
        parts: list[Content] = []
        current = ""
        number = 0
        for index, (title_key, state) in enumerate(states, start=1):
            sign = _SIGNS[state][1 if ascii_only else 0]
            style = {"current": "bold reverse", "done": "", "skipped": "dim", "todo": "dim"}[state]
            parts.append(
                Content(f"{index}{sign}").stylize(style) if style else Content(f"{index}{sign}")
            )
            if state == "current":
                current, number = tr(title_key), index
        line = Content(" ").join(parts)
        if current:
            separator = " | " if ascii_only else " · "
            step = tr("tui.step_of", number=number, total=len(states))
            line += Content(separator) + Content(tr("tui.label", label=step))
            line += Content(current).stylize("bold")
        return line
