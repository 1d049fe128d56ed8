"""How long a shown eSIM code stays, and which QR drawing: from the raw settings (the
wizard, before pydantic loads) and from the validated model, with the same answers."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from fleet_tui.session.code_display import CodeDisplay
from fleet_tui.session.config_model import Settings


def test_defaults_are_two_minutes_and_the_largest_drawing() -> None:
    assert CodeDisplay.from_raw({}) == CodeDisplay(120.0, "auto")
    settings = Settings()
    assert (settings.esim_code_timeout, settings.qr_drawing) == (120.0, "auto")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ({"esim_code_timeout": "5"}, CodeDisplay(5.0, "auto")),
        ({"esim_code_timeout": 2.5, "qr_drawing": "FULL"}, CodeDisplay(2.5, "full")),
        ({"qr_drawing": "half"}, CodeDisplay(120.0, "half")),
    ],
)
def test_values_from_the_environment_or_the_file(
    raw: dict[str, object], expected: CodeDisplay
) -> None:
    assert CodeDisplay.from_raw(raw) == expected


@pytest.mark.parametrize(
    "raw",
    [
        {"esim_code_timeout": "0"},
        {"esim_code_timeout": "-3"},
        {"esim_code_timeout": "nan"},
        {"esim_code_timeout": "soon"},
        {"esim_code_timeout": True},
        {"qr_drawing": "braille"},
    ],
)
def test_bad_values_are_refused_by_both(raw: dict[str, object]) -> None:
    with pytest.raises(ValueError):
        CodeDisplay.from_raw(raw)
    if raw.get("esim_code_timeout") is not True:  # pydantic reads True as 1 s
        with pytest.raises(ValidationError):
            Settings.model_validate(raw)


def test_the_command_line_option_refuses_a_bad_timeout_as_a_usage_error(
    capsys: pytest.CaptureFixture[str],
) -> None:
    from fleet_tui.cli.main import main, parse

    assert parse(["--code-timeout", "7.5"]).code_timeout == 7.5
    for bad in ("0", "-1", "inf", "soon"):
        # A usage error: exit 1 (invalid input), one line naming the option.
        assert main(["--lang", "en", "--code-timeout", bad]) == 1
        err = capsys.readouterr().err
        assert err == "fleet-tui: --code-timeout: this value cannot be used. (fleet-tui --help)\n"
