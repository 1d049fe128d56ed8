"""Client plugins declare their ``--client-option`` settings (:attr:`Client.OPTIONS`):
``fleet-tui clients`` lists them, and a key a client does not declare, or a value of the
wrong type, is refused as invalid input before the client is built."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from fleet_tui.cli.clients import plain
from fleet_tui.clients.base import ClientOption, ClientOptionRefused, ClientOptions
from fleet_tui.clients.demo import DemoClient
from fleet_tui.clients.http import HttpClient
from tests.cli.conftest import Run, write_json
from tests.support.orders import plain_order

#: A plugin whose from_options fails loudly: if the options were not checked first,
#: the run would end as a backend failure (exit 2), not as invalid input (exit 1).
PLUGIN = """
from typing import ClassVar
from fleet_tui.clients.base import BackendUnavailable, Client, ClientOption

class Probe(Client):
    name = "probe"
    needs_password: ClassVar[bool] = False
    OPTIONS = (ClientOption("speed", "int", 3, "how fast\\u2067 it goes\\x1b[31m"),)

    @classmethod
    def from_options(cls, options):
        raise BackendUnavailable("built")
"""


@pytest.fixture
def plugins(tmp_path: Path) -> dict[str, str]:
    """An environment where two plugins are installed: ``probe`` (above) and ``broken``
    (its module does not import)."""
    site = tmp_path / "site"
    (site / "probe_plugin-1.0.dist-info").mkdir(parents=True)
    (site / "probe_plugin.py").write_text(PLUGIN, encoding="utf-8")
    (site / "broken_plugin.py").write_text("import no_such_module_here\n", encoding="utf-8")
    info = site / "probe_plugin-1.0.dist-info"
    (info / "METADATA").write_text("Metadata-Version: 2.1\nName: probe-plugin\nVersion: 1.0\n")
    (info / "entry_points.txt").write_text(
        "[fleet_tui.clients]\nprobe = probe_plugin:Probe\nbroken = broken_plugin:Broken\n"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEET_TUI_")}
    env |= {"PYTHONPATH": str(site), "FLEET_TUI_CONFIG": str(tmp_path / "none.toml")}
    env["FLEET_TUI_DATA_DIR"] = str(tmp_path / "data")
    return env


def run(env: dict[str, str], *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "fleet_tui", *map(str, args)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        timeout=120,
        check=False,
    )


# -- the declaration ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("option", "raw", "value"),
    [
        (ClientOption("n", "int", 1, "", minimum=1), " 7 ", 7),
        (ClientOption("x", "float", 0.0, "", minimum=0), "0", 0.0),
        (ClientOption("x", "float", 1.0, "", minimum=0, above=True), "0.25", 0.25),
        (ClientOption("x", "float", 1.0, ""), "-3", -3.0),
        (ClientOption("b", "bool", False, ""), "Yes", True),
        (ClientOption("b", "bool", True, ""), "0", False),
        (ClientOption("s", "str", "", ""), " as is ", " as is "),
    ],
)
def test_a_value_is_parsed_as_its_declared_type(
    option: ClientOption, raw: str, value: object
) -> None:
    parsed = option.parse(raw)
    assert parsed == value and type(parsed) is type(value)


@pytest.mark.parametrize(
    ("option", "raw", "code"),
    [
        (ClientOption("n", "int", 1, "", minimum=1), "2.5", "whole_number_min_1"),
        (ClientOption("n", "int", 1, "", minimum=1), "0", "whole_number_min_1"),
        (ClientOption("n", "int", 1, ""), "x", "whole_number"),
        (ClientOption("x", "float", 1.0, "", minimum=0, above=True), "0", "number_above_0"),
        (ClientOption("x", "float", 1.0, "", minimum=0), "inf", "number_min_0"),
        (ClientOption("x", "float", 1.0, ""), "nan", "number"),
        (ClientOption("b", "bool", False, ""), "maybe", "bool"),
    ],
)
def test_a_value_of_the_wrong_type_or_out_of_bounds_is_refused_with_a_code(
    option: ClientOption, raw: str, code: str
) -> None:
    with pytest.raises(ClientOptionRefused) as refused:
        option.parse(raw)
    assert (refused.value.key, refused.value.value, refused.value.code) == (option.name, raw, code)


def test_the_http_defaults_are_the_declared_ones() -> None:
    # Every setting from_options reads is declared (it reads them from the declaration).
    client = HttpClient.from_options(ClientOptions())
    declared = {o.name: o.default for o in HttpClient.OPTIONS}
    timeout = client._http.timeout
    assert (timeout.connect, timeout.read) == (
        declared["connect_timeout"],
        declared["read_timeout"],
    )
    retry = client._retry
    assert (retry.attempts, retry.base_delay, retry.max_delay) == (
        declared["attempts"],
        declared["retry_base_delay"],
        declared["retry_max_delay"],
    )


def test_the_demo_client_declares_auto_sign_in(tmp_path: Path) -> None:
    assert [o.name for o in DemoClient.OPTIONS] == ["auto_sign_in"]
    signed = DemoClient.from_options(ClientOptions(data_dir=tmp_path, extra={"auto_sign_in": "1"}))
    assert signed.session is not None
    assert DemoClient.from_options(ClientOptions(data_dir=tmp_path)).session is None


# -- fleet-tui clients --------------------------------------------------------------------


def test_clients_json_lists_the_built_in_clients_with_their_options(fleet: Run) -> None:
    done = fleet("clients", "--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    listed = {c["name"]: c for c in json.loads(done.stdout)["clients"]}
    assert {"demo", "http"} <= set(listed)
    http = listed["http"]
    assert [o["name"] for o in http["options"]] == [
        "connect_timeout",
        "read_timeout",
        "attempts",
        "retry_base_delay",
        "retry_max_delay",
        "request_deadline",
        "max_answer_bytes",
        "max_answer_values",
        "allow_insecure_http",
    ]
    attempts = next(o for o in http["options"] if o["name"] == "attempts")
    assert attempts == {
        "name": "attempts",
        "type": "int",
        "default": 5,
        "help": "tries per request (1: no retry)",
    }
    assert listed["demo"]["options"][0]["default"] is False


def test_clients_text_is_in_the_interface_language(fleet: Run) -> None:
    done = fleet("clients", "--lang", "nl")
    assert done.returncode == 0, done.stderr
    assert "http (--client http)" in done.stdout
    assert "--client-option read_timeout=…  float, standaard 15.0: seconden wachten op" in (
        done.stdout
    )


@pytest.mark.slow
def test_a_plugin_is_listed_with_its_options_and_a_broken_one_with_its_error(
    plugins: dict[str, str],
) -> None:
    done = run(plugins, "clients", "--lang", "en")
    assert done.returncode == 0, done.stderr
    assert "broken: cannot be loaded (ModuleNotFoundError)" in done.stdout
    # The plugin's own words, with its bidi isolate and escape sequence made visible.
    assert "speed=…  int, default 3: how fast\\u2067 it goes\\x1b[31m" in done.stdout
    assert "\x1b" not in done.stdout and "\u2067" not in done.stdout
    listed = json.loads(run(plugins, "clients", "--json").stdout)["clients"]
    assert {"name": "broken", "error": "ModuleNotFoundError"} in listed


@pytest.mark.slow
def test_a_plugin_option_is_checked_before_the_plugin_is_built(
    plugins: dict[str, str], tmp_path: Path
) -> None:
    order = write_json(tmp_path / "one.json", plain_order())
    unknown = run(plugins, "validate", order, "--client", "probe", "--client-option", "fast=1")
    assert unknown.returncode == 1, unknown.stderr
    assert unknown.stderr == (
        "--client-option fast n'est pas un paramètre de ce client (ses paramètres\u00a0: speed).\n"
    )
    wrong = run(plugins, "validate", order, "--client", "probe", "--client-option", "speed=x")
    assert wrong.returncode == 1, wrong.stderr
    assert "un nombre entier est attendu" in wrong.stderr
    # A right one reaches from_options (which this plugin makes fail as a backend).
    right = run(plugins, "validate", order, "--client", "probe", "--client-option", "speed=9")
    assert right.returncode == 2, right.stderr


def test_an_unknown_option_names_the_known_ones(fleet: Run, tmp_path: Path) -> None:
    order = write_json(tmp_path / "one.json", plain_order())
    for command in (("validate", order), ("catalog",), ("--ascii",)):
        done = fleet(*command, "--client", "http", "--client-option", "timeout=3", "--lang", "en")
        assert done.returncode == 1, command
        assert done.stderr.endswith(
            "--client-option timeout is not a setting of this client (its settings:"
            " connect_timeout, read_timeout, attempts, retry_base_delay, retry_max_delay,"
            " request_deadline, max_answer_bytes, max_answer_values, allow_insecure_http).\n"
        ), command


def test_a_demo_option_of_the_wrong_type_is_refused_in_the_interface_language(
    fleet: Run,
) -> None:
    done = fleet("account", "--client-option", "auto_sign_in=maybe", "--lang", "nl")
    assert done.returncode == 1
    assert done.stderr == (
        "--client-option auto_sign_in=maybe werd door de client geweigerd:"
        " 1 of 0 (true of false) wordt verwacht.\n"
    )


def test_plain_escapes_control_and_format_characters() -> None:
    assert plain("a\tb\u2066c\u2069\x07") == "a\\tb\\u2066c\\u2069\\x07"
