"""Where fleet-tui keeps its files (XDG folders through platformdirs)."""

from __future__ import annotations

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
