"""How the wizard was started, so that what it saves goes where it works and can be
replayed into the same store or backend.

Ctrl+S on the confirmation writes the answers under the data folder in use (``--data-dir``
when given) and suggests ``fleet-tui … submit FILE`` with the options that chose the
client, its folder, its URL, its options and the language. Standard library only: the
wizard holds one before its first frame.
"""

from __future__ import annotations

import shlex
from dataclasses import dataclass
from pathlib import Path

ANSWERS_FOLDER = "answers"


@dataclass(frozen=True)
class ReplayOptions:
    """The command-line options the wizard was started with that a replay needs."""

    client: str | None = None
    data_dir: Path | None = None
    api_url: str | None = None
    lang: str | None = None
    client_options: tuple[str, ...] = ()

    def arguments(self) -> list[str]:
        """The options as ``fleet-tui submit`` takes them."""
        args: list[str] = []
        if self.client:
            args += ["--client", self.client]
        if self.data_dir is not None:
            args += ["--data-dir", str(self.data_dir)]
        if self.api_url:
            args += ["--api-url", self.api_url]
        for option in self.client_options:
            args += ["--client-option", option]
        if self.lang:
            args += ["--lang", self.lang]
        return args

    def answers_folder(self) -> Path | None:
        """``<--data-dir>/answers`` when a data folder was given, else ``None`` (the
        user's data folder)."""
        return self.data_dir / ANSWERS_FOLDER if self.data_dir is not None else None

    def command(self, path: Path) -> str:
        """The shell command that submits the answers file ``path`` again, quoted. The
        options follow the sub-command: given before it, argparse let the sub-command's
        own defaults override them (the replay went to the default store)."""
        return shlex.join(["fleet-tui", "submit", *self.arguments(), str(path)])
