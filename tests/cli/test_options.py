"""Every option works before and after the sub-command, or is refused there with one
line; a usage error exits 1 ("invalid input"), never argparse's 2 ("backend failure").

Run in-process through :func:`fleet_tui.cli.main.main` (no subprocess: each case costs
milliseconds), with the machine's own settings kept out.
"""

from __future__ import annotations

import socket
import sqlite3
from pathlib import Path

import pytest

from fleet_tui.cli.main import parse
from fleet_tui.cli.options import UsageError
from tests.cli.conftest import Cli, write_json
from tests.support.orders import plain_order


@pytest.fixture(autouse=True)
def _no_local_settings(no_local_settings: None) -> None:
    """Every test here runs without the machine's settings (conftest's fixture)."""


@pytest.fixture
def order_file(tmp_path: Path) -> Path:
    return write_json(tmp_path / "one.json", plain_order())


def stored(data_dir: Path) -> int:
    with sqlite3.connect(data_dir / "demo.sqlite3") as db:
        return int(
            db.execute("SELECT count(*) FROM orders WHERE idempotency_key IS NOT NULL").fetchone()[
                0
            ]
        )


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


# --- the shared options, before and after ------------------------------------------------

BEFORE, AFTER = "before", "after"


def placed(where: str, command: list[str], options: list[str], rest: list[str]) -> list[str]:
    return [*options, *command, *rest] if where == BEFORE else [*command, *options, *rest]


@pytest.mark.parametrize("where", [BEFORE, AFTER])
def test_data_dir_chooses_the_store_submitted_to(
    cli: Cli, tmp_path: Path, order_file: Path, where: str
) -> None:
    target = tmp_path / "chosen"
    code, _, err = cli(*placed(where, ["submit"], ["--data-dir", str(target)], [str(order_file)]))
    assert code == 0, err
    assert stored(target) == 1


@pytest.mark.parametrize("where", [BEFORE, AFTER])
def test_client_and_api_url_choose_the_backend_checked_against(
    cli: Cli, order_file: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Nothing listens there: the demo backend would have said "valid" and exit 0.
    monkeypatch.setenv("FLEET_TUI_TOKEN", "t0ken")
    url = f"http://127.0.0.1:{closed_port()}"
    options = ["--client", "http", "--api-url", url, "--client-option", "attempts=1"]
    code, out, err = cli(*placed(where, ["validate"], options, ["--lang", "en", str(order_file)]))
    assert code == 2, (out, err)
    assert err.startswith("The backend is unavailable"), err


@pytest.mark.parametrize("where", [BEFORE, AFTER])
def test_lang_chooses_the_language_of_the_report(cli: Cli, order_file: Path, where: str) -> None:
    code, out, _ = cli(*placed(where, ["validate"], ["--lang", "en"], [str(order_file)]))
    assert code == 0
    assert "one.json line 1: valid" in out


@pytest.mark.parametrize("where", [BEFORE, AFTER])
def test_client_option_reaches_the_client(cli: Cli, order_file: Path, where: str) -> None:
    options = ["--client-option", "=x", "--lang", "en"]
    code, _, err = cli(*placed(where, ["validate"], options, [str(order_file)]))
    assert code == 1
    assert err == '--client-option expects KEY=VALUE, not "=x".\n'


def test_client_option_pairs_from_both_places_all_count() -> None:
    args = parse(["--client-option", "a=1", "validate", "--client-option", "b=2", "f.json"])
    assert args.client_option == ["a=1", "b=2"]


@pytest.mark.parametrize("where", [BEFORE, AFTER])
@pytest.mark.parametrize("command", ["catalog", "account"])
def test_info_commands_take_the_shared_options_in_both_places(
    command: str, where: str, tmp_path: Path
) -> None:
    options = ["--data-dir", str(tmp_path), "--lang", "nl", "--client", "demo"]
    args = parse(placed(where, [command], options, []))
    assert (args.data_dir, args.lang, args.client) == (tmp_path, "nl", "demo")


@pytest.mark.parametrize("where", [BEFORE, AFTER])
def test_sandbox_takes_its_data_dir_and_lang_in_both_places(where: str, tmp_path: Path) -> None:
    args = parse(placed(where, ["sandbox"], ["--data-dir", str(tmp_path), "--lang", "en"], []))
    assert (args.data_dir, args.lang, args.port) == (tmp_path, "en", 8765)


def test_the_same_value_in_both_places_is_fine() -> None:
    args = parse(["--lang", "en", "validate", "--lang", "en", "f.json"])
    assert args.lang == "en"


def test_the_wizard_takes_the_shared_options_without_a_sub_command(tmp_path: Path) -> None:
    args = parse(["--data-dir", str(tmp_path), "--lang", "nl", "--ascii"])
    assert (args.command, args.data_dir, args.lang, args.ascii) == (None, tmp_path, "nl", True)
    assert args.client_option == [] and args.kiosk is False


# --- refused, with one line and exit 1 -----------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["--data-dir", "a", "validate", "--data-dir", "b", "f.json"],
            "--data-dir was given twice with different values (a, then b): give it once.",
        ),
        (
            ["--json", "validate", "f.json"],
            '--json belongs to "validate": put it after the sub-command.',
        ),
        (["--json", "catalog"], '--json belongs to "catalog": put it after the sub-command.'),
        (
            ["--port", "9000", "sandbox"],
            '--port belongs to "sandbox": put it after the sub-command.',
        ),
        (["--client", "http", "sandbox"], '--client does not apply to "sandbox".'),
        (
            ["--kiosk", "submit", "f.json"],
            '--kiosk is for the wizard only (no sub-command), not for "submit".',
        ),
        (
            ["--ascii", "validate", "f.json"],
            '--ascii is for the wizard only (no sub-command), not for "validate".',
        ),
        (["validate", "--kiosk", "f.json"], "Unknown argument: --kiosk."),
        (["validate"], "Missing: FILE."),
        (
            ["--theme", "pink"],
            "--theme cannot be 'pink'; choose from 'default', 'light', 'high-contrast'.",
        ),
        (["--client"], "--client needs a value."),
        (["sandbox", "--port", "x"], "--port cannot be 'x'."),
    ],
)
def test_a_usage_error_is_one_line_and_exit_1(cli: Cli, argv: list[str], message: str) -> None:
    code, out, err = cli("--lang", "en", *argv)
    assert code == 1
    assert out == ""
    assert err == f"fleet-tui: {message} (fleet-tui --help)\n"


def test_a_usage_error_speaks_the_configured_language(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("FLEET_TUI_LANG", "nl")
    code, _, err = cli("nope")
    assert code == 1
    assert err.startswith("fleet-tui: COMMAND kan niet 'nope' zijn; kies uit 'validate'"), err


def test_parse_raises_usage_errors_rather_than_exiting() -> None:
    with pytest.raises(UsageError) as caught:
        parse(["submit"])
    assert caught.value.key == "cli_args.required"


def test_serve_ssh_keeps_its_own_kiosk_and_takes_the_shared_options(tmp_path: Path) -> None:
    args = parse(["--data-dir", str(tmp_path), "serve-ssh", "--kiosk", "--lang", "en"])
    assert (args.command, args.kiosk, args.data_dir, args.lang) == (
        "serve-ssh",
        True,
        tmp_path,
        "en",
    )
    assert parse(["serve-ssh"]).kiosk is False


def test_serve_ssh_kiosk_before_the_sub_command_is_refused_with_where_it_goes() -> None:
    with pytest.raises(UsageError) as caught:
        parse(["--kiosk", "serve-ssh"])
    assert caught.value.key == "cli_args.after_command"
