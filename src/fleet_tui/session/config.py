"""Settings from the environment (``FLEET_TUI_*``) and an optional TOML config file.

The file is ``<user config dir>/fleet-tui/config.toml``; ``FLEET_TUI_CONFIG`` points at
another one (tests use it). Command-line options override both.

This module imports no pydantic: :func:`raw_settings` merges the sources as they are,
so the wizard can draw its first screen before the model
(:class:`fleet_tui.session.config_model.Settings`, re-exported here) is loaded.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import TYPE_CHECKING, Any

from fleet_tui.core import paths

if TYPE_CHECKING:
    from fleet_tui.session.config_model import Settings

__all__ = ["ENV_PREFIX", "FIELDS", "Settings", "config_file", "load_settings", "raw_settings"]

#: Environment variables ``FLEET_TUI_<FIELD>`` (any case) set the settings.
ENV_PREFIX = "FLEET_TUI_"
#: The fields of :class:`Settings` (a test keeps the two in step).
FIELDS = (
    "client",
    "lang",
    "data_dir",
    "api_url",
    "token",
    "verify_tls",
    "theme",
    "esim_code_timeout",
    "qr_drawing",
)


def __getattr__(name: str) -> Any:
    # ``Settings`` is loaded on first use: importing pydantic costs ~0.1 s at start-up.
    if name == "Settings":
        from fleet_tui.session.config_model import Settings

        return Settings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def config_file() -> Path:
    """The config file in use (it need not exist)."""
    override = os.environ.get("FLEET_TUI_CONFIG")
    return Path(override) if override else paths.config_dir() / "config.toml"


def _environment() -> dict[str, str]:
    found = {key.lower(): value for key, value in os.environ.items()}
    prefix = ENV_PREFIX.lower()
    return {name: found[prefix + name] for name in FIELDS if prefix + name in found}


def raw_settings(**overrides: Any) -> dict[str, Any]:
    """The values of the config file, then the environment, then ``overrides``
    (``None`` values are ignored), merged but not validated."""
    merged: dict[str, Any] = {}
    path = config_file()
    if path.is_file():
        with path.open("rb") as handle:
            merged.update(tomllib.load(handle))
    merged.update(_environment())
    merged.update({k: v for k, v in overrides.items() if v is not None})
    return merged


def load_settings(**overrides: Any) -> Settings:
    """Settings from the config file, then the environment, then ``overrides``
    (command-line options; ``None`` values are ignored).

    Raises :class:`pydantic.ValidationError` for a value of the wrong type.
    """
    from fleet_tui.session.config_model import Settings

    return Settings.model_validate(raw_settings(**overrides))
