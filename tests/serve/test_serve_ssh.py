"""``fleet-tui serve-ssh`` on loopback, with asyncssh as the client: the wizard and
nothing else, per-operator drafts, limits, and no process left behind."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
import time
from contextlib import closing
from pathlib import Path

import asyncssh
import pytest

from fleet_tui.clients.demo.store import FILE_NAME
from tests.serve.ssh_terminal import SshServer, SshTerminal, make_key
from tests.support.pty_terminal import finish_order, half_an_order, sign_in

pytestmark = pytest.mark.slow


def _references(data_dir: Path) -> list[str]:
    path = data_dir / FILE_NAME
    if not path.exists():
        return []
    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        return [row[0] for row in db.execute("SELECT reference FROM orders")]


def _gone(pid: int, timeout: float = 15.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.1)
    return False


@pytest.fixture
def alice(tmp_path: Path) -> asyncssh.SSHKey:
    return make_key(tmp_path / "alice")


@pytest.fixture
def bob(tmp_path: Path) -> asyncssh.SSHKey:
    return make_key(tmp_path / "bob")


def test_an_authorised_key_completes_an_order_and_the_server_logs_it(
    tmp_path: Path, alice: asyncssh.SSHKey
) -> None:
    server = SshServer(tmp_path, keys=(alice,))
    try:
        terminal = SshTerminal(server.port, key=alice)
        try:
            terminal.wait_for("Demo account")
            terminal.settle()
            half_an_order(terminal)
            reference = finish_order(terminal)
        finally:
            terminal.close()
        assert _references(tmp_path / "demo").count(reference) == 1
        _check_recorded_by(server, reference, alice)
        log = server.log()
        assert f"order submitted {reference} by alice (SHA256:" in log
        assert "connect from 127.0.0.1" in log
        assert "disconnect alice" in log or _wait_log(server, "disconnect alice")
        assert "patricia" not in log  # the sign-in typed in the wizard is never logged
    finally:
        server.stop()
        server.close()


def _check_recorded_by(server: SshServer, reference: str, key: asyncssh.SSHKey) -> None:
    """The order's history says who submitted it; the order itself does not."""
    fingerprint = key.get_fingerprint()
    command = [sys.executable, "-m", "fleet_tui", "order", reference, "--lang", "en"]
    command += ["--data-dir", str(server.root / "demo")]
    shown = subprocess.run(
        command, env=server.env, capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert f"received — by ssh user alice, key {fingerprint}" in shown, shown
    record = json.loads(
        subprocess.run(
            [*command, "--json"], env=server.env, capture_output=True, timeout=60, check=True
        ).stdout
    )
    assert record["history"][0]["by"] == f"ssh user=alice key={fingerprint}"
    order = json.dumps(record["order"])
    assert "alice" not in order and fingerprint not in order
    store = server.root / "demo" / FILE_NAME
    with closing(sqlite3.connect(f"file:{store}?mode=ro", uri=True)) as db:
        [(document,)] = db.execute("SELECT document FROM orders WHERE reference = ?", (reference,))
    assert "alice" not in document and fingerprint not in document
    mails = list((server.root / "demo").rglob("*.eml"))
    assert mails
    for mail in mails:
        text = mail.read_text(encoding="utf-8", errors="replace")
        assert "alice" not in text and fingerprint not in text


def _wait_log(server: SshServer, needle: str, timeout: float = 10.0) -> bool:
    end = time.monotonic() + timeout
    while needle not in server.log():
        if time.monotonic() > end:
            return False
        time.sleep(0.1)
    return True


def test_an_unknown_key_and_a_password_are_refused(
    tmp_path: Path, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    server = SshServer(tmp_path, keys=(alice,))
    try:
        with pytest.raises(asyncssh.PermissionDenied):
            SshTerminal(server.port, username="bob", key=bob)
        with pytest.raises(asyncssh.PermissionDenied):
            SshTerminal(server.port, username="alice", password="demo")
        assert _wait_log(server, "authentication failed for bob from 127.0.0.1")
        assert _wait_log(server, "connection from 127.0.0.1 closed without sign-in")
        assert server.wizard_pids() == []
    finally:
        server.stop()
        server.close()


def test_an_address_with_too_many_failed_sign_ins_is_refused_even_with_a_good_key(
    tmp_path: Path, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    server = SshServer(tmp_path, keys=(alice,))
    try:
        for _ in range(10):
            with pytest.raises(asyncssh.PermissionDenied):
                SshTerminal(server.port, username="bob", key=bob)
        with pytest.raises((asyncssh.Error, OSError)):
            SshTerminal(server.port, key=alice)
        assert _wait_log(server, "refused 127.0.0.1: too many failed sign-ins")
        assert server.wizard_pids() == []
    finally:
        server.stop()
        server.close()


def test_commands_forwarding_and_sftp_are_refused(tmp_path: Path, alice: asyncssh.SSHKey) -> None:
    server = SshServer(tmp_path, keys=(alice,))
    witness = tmp_path / "executed"
    try:
        terminal = SshTerminal(server.port, key=alice)
        try:

            async def attempts() -> list[str]:
                refused: list[str] = []
                conn = terminal.conn
                try:
                    result = await conn.run(f"touch {witness}", check=False)
                    if result.exit_status != 0 or result.returncode != 0:
                        refused.append("exec")
                except asyncssh.Error:
                    refused.append("exec")
                try:
                    await conn.open_connection("127.0.0.1", server.port)
                except asyncssh.ChannelOpenError:
                    refused.append("direct-tcpip")
                try:
                    await conn.forward_remote_port("127.0.0.1", 0, "127.0.0.1", 9)
                except asyncssh.ChannelListenError:
                    refused.append("tcpip-forward")
                try:
                    await conn.start_sftp_client()
                except (asyncssh.Error, OSError):
                    refused.append("sftp")
                return refused

            assert terminal._call(attempts()) == ["exec", "direct-tcpip", "tcpip-forward", "sftp"]
            assert not witness.exists()
            terminal.wait_for("Demo account")  # the wizard session itself still works
        finally:
            terminal.close()
    finally:
        server.stop()
        server.close()


def test_a_resize_lays_the_screen_out_again(tmp_path: Path, alice: asyncssh.SSHKey) -> None:
    server = SshServer(tmp_path, keys=(alice,))
    try:
        terminal = SshTerminal(server.port, key=alice, columns=100, lines=32)
        try:
            terminal.wait_for("Demo account")
            terminal.settle()
            assert "Quit" in terminal.screen.display[31]
            terminal.resize(80, 24)
            end = time.monotonic() + 20
            while "Quit" not in terminal.screen.display[23] and time.monotonic() < end:
                terminal.pump(0.05)
            assert "Quit" in terminal.screen.display[23], terminal.text()
        finally:
            terminal.close()
    finally:
        server.stop()
        server.close()


def test_a_dropped_connection_keeps_the_draft_for_the_same_key_only(
    tmp_path: Path, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    server = SshServer(tmp_path, keys=(alice, bob))
    try:
        first = SshTerminal(server.port, key=alice)
        try:
            first.wait_for("Demo account")
            first.settle()
            half_an_order(first)
            time.sleep(1.0)  # past the saver's delay
            [pid] = server.wizard_pids()
            first.drop()
        finally:
            first.close()
        assert _gone(pid), "the wizard of a dropped connection is still running"

        other = SshTerminal(server.port, username="bob", key=bob)
        try:
            other.wait_for("Demo account")
            other.settle()
            sign_in(other)
            other.wait_for("Add a card to my fleet")
            other.settle(0.5)
            assert "Unfinished order" not in other.text()
        finally:
            other.close()

        again = SshTerminal(server.port, key=alice)
        try:
            again.wait_for("Demo account")
            again.settle()
            sign_in(again)
            again.wait_for("Unfinished order")
        finally:
            again.close()
    finally:
        server.stop()
        server.close()


def test_sessions_beyond_the_limit_are_refused_with_a_message(
    tmp_path: Path, alice: asyncssh.SSHKey
) -> None:
    server = SshServer(tmp_path, "--max-sessions", "1", keys=(alice,))
    try:
        first = SshTerminal(server.port, key=alice)
        try:
            first.wait_for("Demo account")
            second = SshTerminal(server.port, key=alice)
            try:
                status = second.wait_end()
                assert "Too many sessions at once (at most 1)" in second.text()
                assert status == 1
            finally:
                second.close()
        finally:
            first.close()
    finally:
        server.stop()
        server.close()


def test_an_idle_session_is_closed_and_its_draft_kept(
    tmp_path: Path, alice: asyncssh.SSHKey
) -> None:
    server = SshServer(tmp_path, "--idle-timeout", "3", keys=(alice,))
    try:
        terminal = SshTerminal(server.port, key=alice)
        try:
            terminal.wait_for("Demo account")
            terminal.settle()
            half_an_order(terminal)
            terminal.wait_end(timeout=30)
            assert "Closed after 3 s without activity" in terminal.text()
        finally:
            terminal.close()
        again = SshTerminal(server.port, key=alice)
        try:
            again.wait_for("Demo account")
            again.settle()
            sign_in(again)
            again.wait_for("Unfinished order")
        finally:
            again.close()
    finally:
        server.stop()
        server.close()


@pytest.mark.parametrize("signum", ["SIGTERM", "SIGKILL"])
def test_stopping_the_server_leaves_no_wizard_running(
    tmp_path: Path, alice: asyncssh.SSHKey, signum: str
) -> None:
    import signal

    server = SshServer(tmp_path, keys=(alice,))
    terminal = SshTerminal(server.port, key=alice)
    try:
        terminal.wait_for("Demo account")
        [pid] = server.wizard_pids()
        server.stop(getattr(signal, signum))
        assert _gone(pid), f"wizard {pid} outlived the server ({signum})"
    finally:
        terminal.close()
        server.close()


def test_a_kiosk_lets_anybody_in_without_a_key(tmp_path: Path) -> None:
    server = SshServer(tmp_path, "--kiosk")
    try:
        terminal = SshTerminal(server.port, username="visitor")
        try:
            terminal.wait_for("Demo account")
        finally:
            terminal.close()
    finally:
        server.stop()
        server.close()


def test_a_command_passed_through_forcecommand_is_refused_not_run(tmp_path: Path) -> None:
    witness = tmp_path / "executed"
    result = subprocess.run(
        [sys.executable, "-m", "fleet_tui", "--lang", "en"],
        env={**os.environ, "SSH_ORIGINAL_COMMAND": f"touch {witness}"},
        capture_output=True,
        text=True,
        timeout=60,
        stdin=subprocess.DEVNULL,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        "This account runs only the fleet-tui wizard: commands are refused."
    )
    assert not witness.exists()


def _environ(pid: int) -> dict[str, str]:
    raw = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
    return dict(item.decode().partition("=")[::2] for item in raw if item)


@pytest.mark.parametrize(
    ("requested", "term"),
    [("screen-256color", "screen-256color"), ("../../tmp/evil", "xterm-256color")],
)
def test_the_terminal_type_comes_from_the_pty_request(
    tmp_path: Path, alice: asyncssh.SSHKey, requested: str, term: str
) -> None:
    server = SshServer(tmp_path, keys=(alice,))
    try:
        terminal = SshTerminal(server.port, key=alice, term_type=requested, columns=90, lines=30)
        try:
            terminal.wait_for("Demo account")
            [pid] = server.wizard_pids()
            assert _environ(pid)["TERM"] == term
            assert "at 90x30" in server.log()
        finally:
            terminal.close()
    finally:
        server.stop()
        server.close()


def test_the_host_key_is_private_its_fingerprint_printed_and_an_open_one_refused(
    tmp_path: Path,
) -> None:
    host_key = tmp_path / "keys" / "host_key"
    first = SshServer(tmp_path, "--host-key", str(host_key), "--kiosk")
    first.stop()
    first.close()
    assert host_key.stat().st_mode & 0o777 == 0o600
    assert host_key.parent.stat().st_mode & 0o777 == 0o700
    fingerprint = asyncssh.read_private_key(str(host_key)).get_fingerprint()
    assert any(fingerprint in line and "mode 0600" in line for line in first.banner)
    again = SshServer(tmp_path, "--host-key", str(host_key), "--kiosk")
    again.stop()
    again.close()
    assert f"Host key fingerprint: {fingerprint}" in again.banner

    host_key.chmod(0o644)
    command = [sys.executable, "-m", "fleet_tui", "serve-ssh", "--kiosk", "--port", "0"]
    result = subprocess.run(
        [*command, "--host-key", str(host_key), "--lang", "en"],
        env=again.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"The host key {host_key} can be read by others (mode 0644): "
        "make it private with chmod 600."
    )


def test_the_authorized_keys_file_is_read_again_when_it_changes(
    tmp_path: Path, alice: asyncssh.SSHKey, bob: asyncssh.SSHKey
) -> None:
    server = SshServer(tmp_path, keys=(alice,))
    authorized = tmp_path / "authorized_keys"
    try:
        with pytest.raises(asyncssh.PermissionDenied):
            SshTerminal(server.port, username="bob", key=bob)
        authorized.write_bytes(alice.export_public_key() + bob.export_public_key())
        SshTerminal(server.port, username="bob", key=bob).close()
        authorized.write_bytes(bob.export_public_key())  # alice's key revoked
        with pytest.raises(asyncssh.PermissionDenied):
            SshTerminal(server.port, key=alice)
        authorized.write_text("not a key\n", encoding="utf-8")  # broken: nobody gets in
        with pytest.raises(asyncssh.PermissionDenied):
            SshTerminal(server.port, username="bob", key=bob)
        authorized.write_bytes(bob.export_public_key())
        SshTerminal(server.port, username="bob", key=bob).close()
        authorized.unlink()  # gone: nobody gets in either
        with pytest.raises(asyncssh.PermissionDenied):
            SshTerminal(server.port, username="bob", key=bob)
        assert _wait_log(server, "every sign-in is refused until it can be read")
    finally:
        server.stop()
        server.close()
