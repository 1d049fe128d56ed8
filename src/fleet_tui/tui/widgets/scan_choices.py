"""The signed contract at a browser kiosk: a choice among the scans in one folder.

In a browser (``fleet-tui serve-web``) the file picker would show the server's disks,
not the visitor's device. The booth's staff put the scans in the folder given to
``serve-web --uploads-dir`` (a scanner's output folder, say); this dialog lists the PDF,
JPEG and PNG files found there, newest first, by name only, and answers the one chosen.
Nothing outside the folder can be chosen: no path is typed, no sub-folder is opened,
and a link leading out of the folder is left out. Whether the file really is a scan,
readable and small enough, is the core's rule, checked on the field afterwards.
"""

from __future__ import annotations

import contextlib
from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from fleet_tui.core.i18n import Translator
from fleet_tui.tui.widgets.file_picker import SCAN_SUFFIXES


def scans_in(folder: Path) -> list[Path]:
    """The PDF/JPEG/PNG files directly in ``folder`` (links followed only if they stay
    inside it), newest first; hidden and unreadable entries left out."""
    try:
        root = folder.resolve()
        entries = list(root.iterdir())
    except OSError:
        return []
    found: list[tuple[float, str, Path]] = []
    for entry in entries:
        if entry.name.startswith(".") or entry.suffix.lower() not in SCAN_SUFFIXES:
            continue
        with contextlib.suppress(OSError, RuntimeError):
            real = entry.resolve()
            if real.parent == root and real.is_file():
                found.append((-real.stat().st_mtime, entry.name, entry))
    return [path for _, _, path in sorted(found)]


class ScanChoices(ModalScreen[Path | None]):
    """A modal answering the chosen scan's path, or ``None`` when cancelled.

    | Key | Action |
    |-----|--------|
    | Up / Down | Move in the list |
    | Enter | Choose the scan |
    | Esc | Cancel |
    """

    DEFAULT_CSS = """
    ScanChoices {
        align: center middle;
    }
    ScanChoices > #scans {
        width: 76;
        max-width: 100%;
        height: 20;
        max-height: 100%;
        border: round $primary;
        background: $surface;
        padding: 0 1;
    }
    ScanChoices #scans-title {
        text-style: bold;
    }
    ScanChoices #scans-list {
        height: 1fr;
    }
    ScanChoices #scans-hint {
        color: $text-muted;
    }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", id="cancel-picker"),
    ]

    def __init__(self, folder: Path, tr: Translator) -> None:
        super().__init__()
        self.folder = folder
        self.tr = tr
        self.scans = scans_in(folder)

    def compose(self) -> ComposeResult:
        tr = self.tr
        with Vertical(id="scans"):
            yield Static(Content(tr("web_tui.scans.title")), id="scans-title")
            if self.scans:
                yield OptionList(
                    *(Option(Content(path.name), id=str(i)) for i, path in enumerate(self.scans)),
                    id="scans-list",
                    compact=True,
                )
                yield Static(Content(tr("web_tui.scans.hint")), id="scans-hint")
            else:
                yield Static(Content(tr("web_tui.scans.none")), id="scans-hint")

    def on_mount(self) -> None:
        for scans in self.query("#scans-list"):
            scans.focus()

    @on(OptionList.OptionSelected, "#scans-list")
    def _chosen(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        path = self.scans[int(event.option.id or 0)]
        # Still the folder's own file (it may have been replaced by a link meanwhile).
        if path in scans_in(self.folder):
            self.dismiss(path.absolute())
        else:
            self.dismiss(None)

    def action_cancel(self) -> None:
        """Close without choosing."""
        self.dismiss(None)
