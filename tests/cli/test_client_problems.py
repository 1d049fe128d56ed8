"""A client that cannot be built is reported alike by every command: the same message
in the interface language on stderr, the same exit code (1 invalid input, 2 backend
failure).

The commands that build their client before anything else (account, catalog, validate)
run in-process (``cli``: milliseconds each); the wizard, which builds its client once
its first screen is drawn, runs as a subprocess (``fleet``: a terminal program, and
the exit code of a real process), once per kind of problem."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest

from fleet_tui.cli.common import ClientProblem, client_problem
from fleet_tui.clients.base import BackendUnavailable, ClientOptionRefused
from tests.cli.conftest import Cli, Run, write_json
from tests.support.orders import plain_order


@pytest.fixture
def order_file(tmp_path: Path) -> Path:
    return write_json(tmp_path / "one.json", plain_order())


def commands(order_file: Path) -> list[tuple[str | Path, ...]]:
    """The commands run in-process; the wizard is :data:`WIZARD`."""
    return [("account",), ("catalog",), ("validate", order_file)]


#: The wizard has no sub-command: one of its own flags stands where the command would.
WIZARD = ("--ascii",)


def everywhere(cli: Cli, fleet: Run, order_file: Path, *args: str) -> list[tuple[int, str, str]]:
    """``args`` given to each command in-process and to the wizard in a subprocess: the
    exit code, standard output and standard error of each."""
    outcomes = [cli(*command, *args) for command in commands(order_file)]
    done = fleet(*WIZARD, *args)
    outcomes.append((done.returncode, done.stdout, done.stderr))
    return outcomes


def test_unknown_client(cli: Cli, fleet: Run, order_file: Path) -> None:
    for code, _, err in everywhere(cli, fleet, order_file, "--client", "nope", "--lang", "en"):
        assert code == 2, err
        assert err.startswith('No client named "nope" is installed (installed: '), err
        assert "demo" in err, err


def test_malformed_client_option(cli: Cli, fleet: Run, order_file: Path) -> None:
    for code, _, err in everywhere(cli, fleet, order_file, "--client-option", "=x", "--lang", "nl"):
        assert code == 1, err
        assert err == '--client-option verwacht SLEUTEL=WAARDE, niet "=x".\n', err


def test_a_backend_that_fails_while_built_is_a_backend_failure() -> None:
    # No built-in client fails while built (they connect on first use); a plugin may.
    # The OS's English text ("No such file or directory") is not passed through.
    problem = client_problem(FileNotFoundError(errno.ENOENT, "No such file or directory"), "fr")
    assert problem == ClientProblem(
        "backend_unavailable",
        "Le système est indisponible\u00a0: un fichier ou le réseau a échoué (ENOENT)",
        2,
    )


def test_anything_else_is_not_reported_but_raised() -> None:
    with pytest.raises(ValueError, match="a bug"):
        client_problem(ValueError("a bug"), "en")


@pytest.mark.parametrize(
    ("option", "reason"),
    [
        ("attempts=abc", "a whole number, 1 or more, is expected"),
        ("attempts=0", "a whole number, 1 or more, is expected"),
        ("attempts=2.5", "a whole number, 1 or more, is expected"),
        ("read_timeout=-1", "a number above 0 is expected"),
        ("read_timeout=0", "a number above 0 is expected"),  # every request would time out
        ("connect_timeout=nan", "a number above 0 is expected"),
        ("retry_max_delay=inf", "a number, 0 or more, is expected"),
        ("retry_base_delay=-0.5", "a number, 0 or more, is expected"),
    ],
)
def test_a_client_option_the_client_refuses_is_invalid_input(
    cli: Cli, order_file: Path, option: str, reason: str
) -> None:
    # Was a traceback: HttpClient.from_options raised a bare ValueError.
    for command in commands(order_file):
        code, _, err = cli(*command, "--client", "http", "--client-option", option, "--lang", "en")
        assert code == 1, command
        assert err == f"--client-option {option} was refused by the client: {reason}.\n", command


def test_the_wizard_reports_a_refused_client_option_as_invalid_input(fleet: Run) -> None:
    done = fleet(*WIZARD, "--client", "http", "--client-option", "attempts=0", "--lang", "en")
    assert done.returncode == 1
    expected = (
        "--client-option attempts=0 was refused by the client:"
        " a whole number, 1 or more, is expected.\n"
    )
    # The wizard builds its client once the first screen is drawn (start-up time), so
    # the screen flashes before the message: the message is what it ends with.
    assert done.stderr.endswith(expected)
    assert "Traceback" not in done.stderr


def test_the_reason_a_client_gives_is_in_the_interface_language(cli: Cli) -> None:
    code, _, err = cli(
        "catalog", "--client", "http", "--client-option", "attempts=0", "--lang", "fr"
    )
    assert code == 1
    assert err == (
        "--client-option attempts=0 a été refusé par le client\u00a0: un nombre entier supérieur"
        " ou égal à 1 est attendu.\n"
    )


def test_a_plugin_reason_without_a_code_leaves_the_sentence_in_the_interface_language() -> None:
    # Was "... werd door de client geweigerd: one of slow, fast." (English in Dutch).
    refused = ClientOptionRefused("speed", "warp", "one of\nslow, fast")
    assert client_problem(refused, "nl").message == (
        "--client-option speed=warp werd door de client geweigerd (de reden heeft geen"
        " vertaling).\n  De eigen woorden van de client (niet vertaald): one of slow, fast"
    )
    bare = ClientOptionRefused("speed", "warp", "")
    assert client_problem(bare, "fr").message == (
        "--client-option speed=warp a été refusé par le client (sa raison n\u2019a pas de"
        " traduction)."
    )


def test_a_backends_english_reason_is_not_passed_through() -> None:
    plain = client_problem(BackendUnavailable("connection refused"), "fr").message
    assert plain.replace("\u00a0", " ").replace("\u202f", " ") == (
        "Le système est indisponible : le système a échoué ; réessayez plus tard"
    )
    coded = BackendUnavailable("ConnectError", code="unreachable", url="https://x.example")
    message = client_problem(coded, "nl").message
    assert message.endswith("https://x.example is onbereikbaar")
    assert "ConnectError" not in message
