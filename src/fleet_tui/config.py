"""Settings from the environment (``FLEET_TUI_*``) and an optional TOML config file.

The file is ``<user config dir>/fleet-tui/config.toml``; ``FLEET_TUI_CONFIG`` points at
another one (tests use it). Command-line options override both.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

from fleet_tui import paths


class Settings(BaseSettings):
    """Everything fleet-tui can be configured with."""

    model_config = SettingsConfigDict(env_prefix="FLEET_TUI_", extra="ignore")

    client: str = "demo"
    lang: Literal["fr", "nl", "en"] = "fr"
    data_dir: Path | None = None
    api_url: str | None = None
    token: SecretStr | None = None
    verify_tls: bool = True
    theme: str = "default"


def config_file() -> Path:
    """The config file in use (it need not exist)."""
    override = os.environ.get("FLEET_TUI_CONFIG")
    return Path(override) if override else paths.config_dir() / "config.toml"


def load_settings(**overrides: Any) -> Settings:
    """Settings from the config file, then the environment, then ``overrides``
    (command-line options; ``None`` values are ignored)."""
    file_values: dict[str, Any] = {}
    path = config_file()
    if path.is_file():
        with path.open("rb") as handle:
            file_values = tomllib.load(handle)
    env = Settings()
    merged = {**file_values, **env.model_dump(exclude_unset=True)}
    merged.update({k: v for k, v in overrides.items() if v is not None})
    return Settings.model_validate(merged)
