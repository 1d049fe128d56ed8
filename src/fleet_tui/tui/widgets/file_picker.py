"""Choose a file with the keyboard: a path field above a folder tree.

Used for the signed Invoice Split contract. The tree lists folders and the file kinds a
contract scan can be (PDF, JPEG, PNG, judged by name here only to keep the list short);
whether the chosen file really is one — by content — and whether it is readable and
small enough is the core's rule, checked on the field once the picker closes.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import DirectoryTree, Input, Static

from fleet_tui.core.i18n import Translator

SCAN_SUFFIXES = frozenset({".pdf", ".jpg", ".jpeg", ".png"})


class ScanTree(DirectoryTree):
    """A folder tree showing sub-folders and PDF/JPEG/PNG files, hidden entries left out."""

    def filter_paths(self, paths: Iterable[Path]) -> Iterable[Path]:
        return [
            path
            for path in paths
            if not path.name.startswith(".")
            and (path.suffix.lower() in SCAN_SUFFIXES or _is_dir(path))
        ]


def _is_dir(path: Path) -> bool:
    try:
        return path.is_dir()
    except OSError:  # an unreadable entry is simply not offered
        return False


class FilePicker(ModalScreen[Path | None]):
    """A modal answering the chosen file's path, or ``None`` when cancelled.

    | Key | Action |
    |-----|--------|
    | Enter | Open the folder, or choose the file (typed path or tree) |
    | Tab / Shift+Tab | Between the path field and the tree |
    | Esc | Cancel |
    """

    DEFAULT_CSS = """
    FilePicker {
        align: center middle;
    }
    FilePicker > #picker {
        width: 76;
        max-width: 100%;
        height: 20;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    FilePicker #picker-title {
        text-style: bold;
    }
    FilePicker #picker-tree {
        height: 1fr;
    }
    FilePicker #picker-hint {
        color: $text-muted;
    }
    FilePicker #picker-error {
        text-style: bold;
        color: $text-error;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-picker"),
    ]

    def __init__(self, start: Path, tr: Translator, root: Path | None = None) -> None:
        super().__init__()
        #: Kiosk mode: nothing outside this folder may be shown or chosen.
        self.root = root.resolve() if root is not None else None
        if self.root is not None and not self.allowed(start):
            start = self.root
        self.start = start if _is_dir(start) else (self.root or Path.home())
        self.tr = tr

    def allowed(self, path: Path) -> bool:
        """Whether ``path`` (links followed) is inside :attr:`root`, if there is one."""
        if self.root is None:
            return True
        try:
            real = path.resolve()
        except (OSError, RuntimeError):
            return False
        return real == self.root or self.root in real.parents

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="picker"):
            yield Static(Content(tr("tui_card.picker.title")), id="picker-title")
            yield Input(
                str(self.start),
                placeholder=tr("tui_card.picker.path"),
                id="picker-path",
                compact=True,
            )
            yield ScanTree(self.start, id="picker-tree")
            yield Static(Content(tr("tui_card.picker.hint")), id="picker-hint")
            yield Static("", id="picker-error", markup=False)

    def on_mount(self) -> None:
        path_input = self.query_one("#picker-path", Input)
        path_input.cursor_blink = False
        self.query_one(ScanTree).focus()

    @on(Input.Submitted, "#picker-path")
    def _path_typed(self, event: Input.Submitted) -> None:
        event.stop()
        path = Path(os.path.expanduser(event.value.strip()))
        if not self.allowed(path):
            self._error(self.tr("drafts.kiosk_outside", folder=str(self.root)))
        elif _is_dir(path):
            self.query_one(ScanTree).path = path
            self._error(None)
        elif path.exists():
            self.dismiss(path.absolute())
        else:
            self._error(self.tr("tui_card.picker.not_found"))

    @on(DirectoryTree.FileSelected)
    def _file_chosen(self, event: DirectoryTree.FileSelected) -> None:
        event.stop()
        if self.allowed(event.path):
            self.dismiss(event.path.absolute())
        else:  # a link inside the kiosk folder pointing out of it
            self._error(self.tr("drafts.kiosk_outside", folder=str(self.root)))

    @on(DirectoryTree.DirectorySelected)
    def _folder_opened(self, event: DirectoryTree.DirectorySelected) -> None:
        # Keep the path field in step with the tree so a typed name completes it.
        event.stop()
        self.query_one("#picker-path", Input).value = str(event.path)

    def _error(self, message: str | None) -> None:
        self.query_one("#picker-error", Static).update(Content(f"⚠ {message}" if message else ""))

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
