"""Where fleet-tui keeps its files (XDG folders through platformdirs)."""

from __future__ import annotations

import os
from pathlib import Path

import platformdirs

APP = "fleet-tui"


def config_dir() -> Path:
    """User configuration folder."""
    return Path(platformdirs.user_config_dir(APP, appauthor=False))


def data_dir(override: Path | None = None) -> Path:
    """The demo backend's store and outbox live here (``--data-dir`` overrides)."""
    return Path(override) if override else Path(platformdirs.user_data_dir(APP, appauthor=False))


def state_dir() -> Path:
    """Drafts of orders in progress."""
    return Path(platformdirs.user_state_dir(APP, appauthor=False))


def private_folder(folder: Path, *, ours: bool = False) -> Path:
    """Make ``folder`` (and missing parents) readable by the owner only (0700), whatever
    the umask: it holds personal data. An existing folder is left as it is unless
    ``ours`` (a folder only fleet-tui writes, such as ``outbox/``): a ``--data-dir``
    the user chose may be shared on purpose.

    Raises :class:`OSError`.
    """
    missing: list[Path] = []
    probe = Path(folder)
    while not probe.exists() and probe != probe.parent:
        missing.append(probe)
        probe = probe.parent
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    # mkdir's mode is filtered by the umask, and parents get the default mode.
    for created in missing:
        os.chmod(created, 0o700)
    if ours and not missing:
        os.chmod(folder, 0o700)
    return folder


def private_file(path: Path) -> None:
    """Create ``path`` empty and 0600 if missing; tighten it to 0600 if it exists.

    For files written by a library that uses the default mode (SQLite): created first,
    the file keeps its mode, and SQLite gives its ``-wal`` and ``-shm`` files the same.
    """
    fd = os.open(path, os.O_RDWR | os.O_CREAT | getattr(os, "O_CLOEXEC", 0), 0o600)
    try:
        os.fchmod(fd, 0o600)
    finally:
        os.close(fd)
