"""The baseline for bench_tui.py: a minimal Textual app (a Label, three Inputs, a Footer)."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import Footer, Input, Label


class MinimalApp(App[None]):
    """Three default Inputs under a Label."""

    def compose(self) -> ComposeResult:
        yield Label("Ready: minimal")
        yield Input(placeholder="one")
        yield Input(placeholder="two")
        yield Input(placeholder="three")
        yield Footer()


if __name__ == "__main__":
    MinimalApp().run()
