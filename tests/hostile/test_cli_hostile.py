"""Hostile settings and environments: each ends with one line in the interface
language and a documented exit code, never a traceback."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from fleet_tui.cli.batch import _field_lines
from fleet_tui.cli.main import main
from fleet_tui.clients.http.errors import error_for
from fleet_tui.core.errors import FieldError, parse_dotted


@pytest.fixture(autouse=True)
def _clean_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEET_TUI_CONFIG", str(tmp_path / "none.toml"))
    for name in list(os.environ):
        if name.startswith("FLEET_TUI_") and name != "FLEET_TUI_CONFIG":
            monkeypatch.delenv(name)


def _order_file(tmp_path: Path) -> str:
    path = tmp_path / "o.json"
    path.write_text("{}", encoding="utf-8")
    return str(path)


@pytest.mark.parametrize(
    ("variable", "value", "expected"),
    [
        (
            "FLEET_TUI_LANG",
            "xx",
            "La langue « xx » n'est pas disponible\u00a0: fr, nl ou en "
            "(FLEET_TUI_LANG, --lang ou lang dans le fichier de configuration).\n",
        ),
        (
            "FLEET_TUI_VERIFY_TLS",
            "maybe",
            "verify_tls doit valoir true ou false, pas « maybe » "
            "(FLEET_TUI_VERIFY_TLS ou le fichier de configuration).\n",
        ),
    ],
)
@pytest.mark.parametrize("command", ["validate", "catalog"])
def test_a_bad_setting_in_the_environment_is_one_line_and_exit_1(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    variable: str,
    value: str,
    expected: str,
    command: str,
) -> None:
    monkeypatch.setenv(variable, value)
    args = [command, "--data-dir", str(tmp_path / "d")]
    if command == "validate":
        args.append(_order_file(tmp_path))
    assert main(args) == 1
    out, err = capsys.readouterr()
    assert (out, err) == ("", expected)


def test_a_config_file_that_is_not_toml_is_one_line_and_exit_1(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    config = tmp_path / "config.toml"
    config.write_text('lang = "en"\nclient = [\n', encoding="utf-8")
    monkeypatch.setenv("FLEET_TUI_CONFIG", str(config))
    assert main(["validate", "--lang", "nl", _order_file(tmp_path)]) == 1
    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"Het configuratiebestand {config} is geen geldige TOML (regel ")
    assert err.count("\n") == 1


def test_a_plugin_that_fails_to_import_is_one_line_and_exit_2(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    # A real installed distribution (metadata on sys.path) whose entry point cannot import.
    info = tmp_path / "site" / "broken_plugin-1.0.dist-info"
    info.mkdir(parents=True)
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: broken-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[fleet_tui.clients]\nbroken = no_such_module_for_fleet_tui:Client\n"
    )
    monkeypatch.syspath_prepend(str(tmp_path / "site"))
    code = main(["validate", "--client", "broken", "--lang", "en", _order_file(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 2
    assert out == ""
    assert err == (
        "The client « broken » is installed but cannot be loaded (ModuleNotFoundError): "
        "reinstall or remove its plugin.\n"
    )


@pytest.mark.parametrize(
    ("field", "path"),
    [("a[x]", ("a", "[x]")), ("b[]", ("b", "[]")), ("c[²]", ("c", "[²]")), ("d[2]", ("d", 2))],
)
def test_a_backends_odd_field_name_is_kept_as_text(field: str, path: tuple[object, ...]) -> None:
    assert parse_dotted(field) == path


def test_a_backends_odd_error_is_shown_escaped_not_crashed() -> None:
    body = {
        "errors": [
            {"field": "a[x]", "code": "invalid", "params": {}, "message": "x"},
            {"field": "b[]\x1b]0;T\x07", "code": "too_large", "params": {"limit": "\x1b[2J"}},
        ]
    }
    request = httpx.Request("POST", "http://127.0.0.1/v1/orders")
    response = httpx.Response(422, content=json.dumps(body).encode(), request=request)
    error = error_for(response, "POST /v1/orders")
    errors: list[FieldError] = error.errors  # type: ignore[attr-defined]
    from fleet_tui.cli.safe_text import shown

    lines = [shown(line) for line in _field_lines(errors, "en")]
    assert lines[0] == "  a[x]: This value is not valid."
    assert errors[0].field == "a[x]" and errors[1].field.startswith("b[]")
    assert "\x1b" not in "".join(lines) and "\\x1b" in lines[1]


@pytest.mark.parametrize(
    ("env", "args", "expected"),
    [
        ({}, ["--port", "99999"], "--port must be between 0 and 65535 (given: 99999)"),
        ({"FLEET_TUI_SANDBOX_TOKEN_TTL": "0"}, [], "FLEET_TUI_SANDBOX_TOKEN_TTL must be"),
        ({"FLEET_TUI_SANDBOX_TOKEN_TTL": "nan"}, [], "(given: nan)"),
        ({"FLEET_TUI_SANDBOX_TOKEN_TTL": "1e300"}, [], "(given: 1e300)"),
        ({"FLEET_TUI_SANDBOX_TOKEN_TTL": "-5"}, [], "(given: -5)"),
        ({"FLEET_TUI_SANDBOX_FAULTS": "lots"}, [], "FLEET_TUI_SANDBOX_FAULTS must be a rate"),
    ],
    ids=["port", "ttl0", "nan", "huge", "negative", "faults"],
)
def test_bad_sandbox_settings_are_refused_before_it_starts(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    env: dict[str, str],
    args: list[str],
    expected: str,
) -> None:
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("FLEET_TUI_LANG", "en")
    code = main(["sandbox", "--data-dir", str(tmp_path / "sb"), *args])
    out, err = capsys.readouterr()
    assert code == 1
    assert out == ""
    assert err.startswith("Cannot start the sandbox: ") and expected in err
    assert err.count("\n") == 1


@pytest.mark.slow
def test_a_reader_that_goes_away_ends_the_output_quietly(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEET_TUI_")}
    env["FLEET_TUI_CONFIG"] = str(tmp_path / "none.toml")
    command = [sys.executable, "-m", "fleet_tui", "catalog", "--json"]
    process = subprocess.Popen(
        [*command, "--data-dir", str(tmp_path / "d")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    assert process.stdout is not None and process.stderr is not None
    process.stdout.close()  # like `| head -1` that has read its line and left
    err = process.stderr.read()
    assert process.wait(timeout=60) == 141
    assert err == b""


@pytest.mark.parametrize(
    "url", ["http://[::1", "ftp://x.example", "http://127.0.0.1:99999", "http://", "https://x:0"]
)
def test_an_api_url_that_is_no_backend_address_is_one_line_and_exit_1(
    url: str, capsys: pytest.CaptureFixture[str]
) -> None:
    # "http://[::1" was a traceback (urlsplit's ValueError); ftp:// and port 99999 went
    # on to a misleading "sign-in refused".
    code = main(["catalog", "--client", "http", "--api-url", url, "--lang", "en"])
    out, err = capsys.readouterr()
    assert (code, out) == (1, "")
    assert err == (
        f"--client-option api_url={url} was refused by the client: an http:// or https://"
        " address with a host (and a port from 1 to 65535) is expected.\n"
    )
