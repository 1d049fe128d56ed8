"""Settings from the environment (``FLEET_TUI_*``) and an optional TOML config file.

The file is ``<user config dir>/fleet-tui/config.toml``; ``FLEET_TUI_CONFIG`` points at
another one (tests use it). Command-line options override both.

This module imports no pydantic: :func:`raw_settings` merges the sources as they are,
so the wizard can draw its first screen before the model
(:class:`fleet_tui.session.config_model.Settings`, re-exported here) is loaded.
"""

from __future__ import annotations

import os
import re
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
FIELDS = ("client", "lang", "data_dir", "api_url", "token", "verify_tls", "theme")


def __getattr__(name: str) -> Any:
    # ``Settings`` is loaded on first use: importing pydantic costs ~0.1 s at start-up.
    if name == "Settings":
        from fleet_tui.session.config_model import Settings

        return Settings
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


class SettingsError(ValueError):
    """A setting that cannot be used: ``key`` names a ``hardened.settings_*`` message,
    ``params`` fill it in (``name``, ``value``, ``path``, ``line``)."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(f"{key}: {params}")
        self.key = key
        self.params = params


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
        try:
            with path.open("rb") as handle:
                merged.update(tomllib.load(handle))
        except tomllib.TOMLDecodeError as exc:
            found = re.search(r"at line (\d+)", str(exc))
            line = found[1] if found else "?"
            raise SettingsError("settings_bad_file", path=str(path), line=line) from None
        except (OSError, UnicodeDecodeError):
            raise SettingsError("settings_unreadable_file", path=str(path)) from None
    merged.update(_environment())
    merged.update({k: v for k, v in overrides.items() if v is not None})
    return merged


def load_settings(**overrides: Any) -> Settings:
    """Settings from the config file, then the environment, then ``overrides``
    (command-line options; ``None`` values are ignored).

    Raises :class:`SettingsError` for a file that is not TOML or a value of the wrong
    type (``FLEET_TUI_LANG=xx``, ``FLEET_TUI_VERIFY_TLS=maybe``).
    """
    from pydantic import ValidationError

    from fleet_tui.session.config_model import Settings

    raw = raw_settings(**overrides)
    try:
        return Settings.model_validate(raw)
    except ValidationError as exc:
        first = exc.errors(include_url=False)[0]
        name = str(first["loc"][0]) if first["loc"] else "?"
        value = raw.get(name, "")
        raise SettingsError(
            f"settings_bad_{name}" if name in ("lang", "verify_tls") else "settings_bad_value",
            name=name,
            value=str(value),
        ) from None
