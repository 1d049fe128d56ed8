"""Settings without pydantic-settings: the config file, then ``FLEET_TUI_*``, then the
command line; and the tables kept in step with the classes they stand for."""

from __future__ import annotations

from pathlib import Path

import pytest

from fleet_tui.clients.registry import BUILT_IN_NEEDS_PASSWORD, available, find_client
from fleet_tui.core.draft import OrderDraft
from fleet_tui.session import config
from fleet_tui.session.config_model import Settings
from fleet_tui.tui.steps import STEPS, blank_states, states


@pytest.fixture
def config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    monkeypatch.setenv("FLEET_TUI_CONFIG", str(path))
    for name in config.FIELDS:
        monkeypatch.delenv(f"FLEET_TUI_{name.upper()}", raising=False)
    return path


def test_fields_match_the_model() -> None:
    assert set(config.FIELDS) == set(Settings.model_fields)
    assert config.Settings is Settings


def test_file_then_environment_then_overrides(
    config_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    config_path.write_text('lang = "nl"\ntheme = "light"\nclient = "http"\n', encoding="utf-8")
    monkeypatch.setenv("FLEET_TUI_THEME", "high-contrast")
    monkeypatch.setenv("fleet_tui_verify_tls", "0")
    monkeypatch.setenv("FLEET_TUI_TOKEN", "s3cret")
    settings = config.load_settings(client="demo", lang=None)
    assert (settings.lang, settings.theme, settings.client) == ("nl", "high-contrast", "demo")
    assert settings.verify_tls is False
    assert settings.token is not None and settings.token.get_secret_value() == "s3cret"
    assert config.raw_settings(lang="en")["lang"] == "en"


def test_defaults_without_file_or_environment(config_path: Path) -> None:
    assert config.load_settings() == Settings()
    assert config.raw_settings() == {}


def test_a_bad_value_is_refused(config_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEET_TUI_LANG", "de")
    with pytest.raises(config.SettingsError) as refused:
        config.load_settings()
    assert refused.value.key == "settings_bad_lang"
    assert refused.value.params == {"name": "lang", "value": "de"}


@pytest.mark.parametrize("name", sorted(BUILT_IN_NEEDS_PASSWORD))
def test_built_in_clients_table_matches_their_classes(name: str) -> None:
    cls = available()[name].load()
    assert cls.name == name
    assert find_client(name).needs_password is cls.needs_password


def test_blank_states_are_those_of_an_empty_draft() -> None:
    for s in STEPS:
        assert blank_states(s.id) == states(s.id, OrderDraft())
