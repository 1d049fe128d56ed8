"""``fleet-tui serve-ssh``: an SSH server whose only "shell" is the wizard.

Each session with a pty request runs the wizard as its own process on a real
pseudo-terminal (:class:`~fleet_tui.serve.pty_child.PtyChild`): terminal type and size
come from the client's request, resizes follow. There is no shell: ``exec`` requests,
subsystems (SFTP), port, agent and X11 forwarding are refused. Operators sign in with
a key from an OpenSSH ``authorized_keys`` file; the user name and key fingerprint are
the operator's identity (drafts per operator, an audit line per submitted order).
``--kiosk`` accepts anybody and runs every session as a throw-away kiosk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import re
import signal
import stat
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import asyncssh

from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.paths import private_folder
from fleet_tui.serve.identity import Operator
from fleet_tui.serve.limits import FailureLimiter
from fleet_tui.serve.pty_child import PtyChild
from fleet_tui.session import audit

LOG = logging.getLogger("fleet_tui.serve.ssh")

#: Environment passed through to a session's wizard (nothing else of the server's).
SESSION_ENV = ("PATH", "LANG", "LC_ALL", "LC_CTYPE", "PYTHONPATH", "VIRTUAL_ENV", "HOME", "TZ")
#: A terminal type as terminfo names them; anything else (a path, a very long text) is
#: not passed on as TERM.
_TERM = re.compile(r"[A-Za-z0-9][A-Za-z0-9._+-]{0,63}")
_DEFAULT_TERM = "xterm-256color"


class HostKeyUnprotected(Exception):
    """The host key file can be read or written by others than its owner."""

    def __init__(self, path: Path, mode: int) -> None:
        super().__init__(f"{path}: mode {mode:04o}")
        self.path, self.mode = path, mode


@dataclass
class SshSettings:
    """What ``serve-ssh`` was started with (checked by the command)."""

    host: str = "127.0.0.1"
    port: int = 2222
    host_key: Path = Path("fleet-tui-host-key")
    authorized_keys: Path | None = None
    kiosk: bool = False
    max_sessions: int = 10
    idle_timeout: float = 900.0
    lang: Lang = "fr"
    #: Options given to every session's wizard (``--client``, ``--data-dir`` …).
    wizard_args: list[str] = field(default_factory=list)
    #: Where each operator's drafts folder is made.
    state_root: Path = Path(".")
    auth_failure_limit: int = 10
    auth_failure_window: float = 60.0


def load_host_key(path: Path, lang: Lang) -> asyncssh.SSHKey:
    """The server's host key; a new Ed25519 key is made (mode 0600, in a 0700 folder
    when the folder is new) when ``path`` does not exist. Its fingerprint is printed
    either way, for operators to check.

    Raises :class:`HostKeyUnprotected` for a key others may read (as sshd refuses one).
    """
    if path.exists():
        mode = stat.S_IMODE(path.stat().st_mode)
        if mode & 0o077:
            raise HostKeyUnprotected(path, mode)
        key = asyncssh.read_private_key(str(path))
        print(t("serve.host_key", lang, fingerprint=key.get_fingerprint()), flush=True)
        return key
    key = asyncssh.generate_private_key("ssh-ed25519")
    private_folder(path.parent)
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(key.export_private_key())
    print(
        t("serve.host_key_created", lang, path=str(path), fingerprint=key.get_fingerprint()),
        flush=True,
    )
    return key


class WizardSession(asyncssh.SSHServerSession[bytes]):
    """One SSH channel: the wizard on a pty, or a one-line refusal."""

    def __init__(self, host: SshHost, operator: Operator, address: str) -> None:
        self._host = host
        self._operator = operator
        self._address = address
        self._chan: asyncssh.SSHServerChannel[bytes] | None = None
        self._term = _DEFAULT_TERM
        self._size = (80, 24)
        self._has_pty = False
        self.child: PtyChild | None = None
        self._audit_read = -1
        self.last_input = time.monotonic()
        self._closing = False
        #: Said on the terminal after the wizard has gone (why the session closed).
        self._farewell: str | None = None

    # -- the requests a client may make ---------------------------------------------

    def connection_made(self, chan: asyncssh.SSHServerChannel[bytes]) -> None:
        self._chan = chan

    def pty_requested(
        self, term_type: str, term_size: tuple[int, int, int, int], term_modes: Any
    ) -> bool:
        self._has_pty = True
        self._term = term_type if _TERM.fullmatch(term_type or "") else _DEFAULT_TERM
        self._size = (term_size[0] or 80, term_size[1] or 24)
        return True

    def shell_requested(self) -> bool:
        return True

    def exec_requested(self, command: str) -> bool:
        # The command itself is not logged: it may carry anything, secrets included.
        LOG.info(t("serve.log.exec_refused", self._host.lang, operator=self._operator.label))
        return False

    def subsystem_requested(self, subsystem: str) -> bool:
        LOG.info(t("serve.log.exec_refused", self._host.lang, operator=self._operator.label))
        return False

    def session_started(self) -> None:
        chan = self._chan
        assert chan is not None
        lang = self._host.lang
        if not self._has_pty:
            self._refuse(t("serve.no_pty", lang))
            return
        if len(self._host.sessions) >= self._host.settings.max_sessions:
            LOG.info(t("serve.log.full", lang, address=self._address))
            self._refuse(t("serve.too_many", lang, limit=self._host.settings.max_sessions))
            return
        self._host.sessions.add(self)
        asyncio.get_running_loop().create_task(self._run())

    def _refuse(self, message: str) -> None:
        assert self._chan is not None
        self._chan.write((message + "\r\n").encode("utf-8"))
        self._chan.exit(1)

    def data_received(self, data: bytes, datatype: asyncssh.DataType) -> None:
        self.last_input = time.monotonic()
        if self.child is not None:
            self.child.write(data)

    def terminal_size_changed(self, width: int, height: int, pixwidth: int, pixheight: int) -> None:
        self._size = (width or self._size[0], height or self._size[1])
        if self.child is not None:
            self.child.resize(*self._size)

    def pause_writing(self) -> None:
        if self.child is not None:
            self.child.pause()

    def resume_writing(self) -> None:
        if self.child is not None:
            self.child.resume()

    def eof_received(self) -> bool:
        return False

    def connection_lost(self, exc: Exception | None) -> None:
        # The client went away: hang the wizard up (it saves the draft and exits).
        if self.child is not None and not self._closing:
            self._closing = True
            asyncio.get_running_loop().create_task(self.child.hang_up())

    # -- the wizard -------------------------------------------------------------------

    def _environment(self, audit_fd: int) -> dict[str, str]:
        env = {name: os.environ[name] for name in SESSION_ENV if name in os.environ}
        env["TERM"] = self._term
        # Recorded by the backend with every order this session submits.
        env[audit.OPERATOR] = self._operator.submitter.wire()
        env[audit.AUDIT_FD] = str(audit_fd)
        if not self._host.settings.kiosk:
            # Drafts per operator: the same key resumes, another key does not see it.
            state = self._operator.folder(self._host.settings.state_root)
            state.mkdir(parents=True, exist_ok=True, mode=0o700)
            env["XDG_STATE_HOME"] = str(state)
        return env

    def _wizard_argv(self) -> list[str]:
        argv = [sys.executable, "-m", "fleet_tui", "--lang", self._host.lang]
        argv += self._host.settings.wizard_args
        if self._host.settings.kiosk:
            argv.append("--kiosk")
        return argv

    async def _run(self) -> None:
        chan = self._chan
        assert chan is not None
        lang = self._host.lang
        audit_read, audit_write = os.pipe()
        self._audit_read = audit_read
        loop = asyncio.get_running_loop()
        self.child = PtyChild(
            self._wizard_argv(),
            self._environment(audit_write),
            columns=self._size[0],
            lines=self._size[1],
            on_output=chan.write,
            pass_fds=(audit_write,),
        )
        status = 1
        try:
            await self.child.start()
            os.close(audit_write)
            audit_write = -1
            os.set_blocking(audit_read, False)
            loop.add_reader(audit_read, self._audit_line)
            LOG.info(
                t(
                    "serve.log.session",
                    lang,
                    operator=self._operator.label,
                    address=self._address,
                    pid=self.child.pid,
                    columns=self._size[0],
                    lines=self._size[1],
                )
            )
            status = await self.child.wait()
        finally:
            if audit_write >= 0:
                os.close(audit_write)
            self._audit_line()  # what the child wrote just before it exited
            loop.remove_reader(audit_read)
            os.close(audit_read)
            self.child.close()
            self._host.sessions.discard(self)
            LOG.info(
                t(
                    "serve.log.disconnect",
                    lang,
                    operator=self._operator.label,
                    address=self._address,
                    status=status,
                )
            )
            with contextlib.suppress(Exception):
                if self._farewell:
                    chan.write(f"\r\n{self._farewell}\r\n".encode())
                chan.exit(status if status >= 0 else 128 - status)

    def _audit_line(self) -> None:
        try:
            data = os.read(self._audit_read, 4096)
        except (BlockingIOError, OSError):
            return
        for line in data.decode("ascii", "replace").splitlines():
            kind, _, reference = line.partition(" ")
            if kind == "submitted" and reference.isprintable() and len(reference) <= 64:
                LOG.info(
                    t(
                        "serve.log.submitted",
                        self._host.lang,
                        reference=reference,
                        operator=self._operator.label,
                    )
                )

    async def close_idle(self) -> None:
        """Save the draft and close the session (no input for the idle limit)."""
        if self._closing or self.child is None:
            return
        self._closing = True
        LOG.info(t("serve.log.idle", self._host.lang, operator=self._operator.label))
        seconds = int(self._host.settings.idle_timeout)
        self._farewell = t("serve.idle_closed", self._host.lang, seconds=seconds)
        await self.child.hang_up()

    async def stop(self) -> None:
        """The server is stopping: hang the wizard up (its draft is saved)."""
        if self.child is not None and not self._closing:
            self._closing = True
            await self.child.hang_up()


class FleetSshServer(asyncssh.SSHServer):
    """One connection: sign-in by key (or nobody in a kiosk), then wizard sessions."""

    def __init__(self, host: SshHost) -> None:
        self._host = host
        self._conn: asyncssh.SSHServerConnection | None = None
        self._address = "?"
        self._user = ""
        self._fingerprint: str | None = None
        self._signed_in = False

    def connection_made(self, conn: asyncssh.SSHServerConnection) -> None:
        self._conn = conn
        peer = conn.get_extra_info("peername")
        self._address = str(peer[0]) if peer else "?"
        LOG.info(t("serve.log.connect", self._host.lang, address=self._address))
        if self._host.limiter.blocked(self._address):
            LOG.info(t("serve.log.blocked", self._host.lang, address=self._address))
            conn.close()

    def auth_completed(self) -> None:
        self._signed_in = True

    def connection_lost(self, exc: Exception | None) -> None:
        # A session logs its own disconnect; a connection that never signed in says so.
        if not self._signed_in:
            LOG.info(t("serve_ssh.log.closed_unsigned", self._host.lang, address=self._address))

    def begin_auth(self, username: str) -> bool:
        self._user = username
        return not self._host.settings.kiosk  # a kiosk lets anybody in

    def password_auth_supported(self) -> bool:
        return False

    def kbdint_auth_supported(self) -> bool:
        return False

    def public_key_auth_supported(self) -> bool:
        return True

    def validate_public_key(self, username: str, key: asyncssh.SSHKey) -> bool:
        if self._host.limiter.blocked(self._address):
            return False
        allowed = self._host.authorized(key)
        if allowed:
            self._fingerprint = key.get_fingerprint()
        else:
            self._host.limiter.failed(self._address)
            LOG.info(
                t(
                    "serve.log.auth_failed",
                    self._host.lang,
                    user=Operator(username, None).label,
                    address=self._address,
                )
            )
        return allowed

    def session_requested(self) -> WizardSession:
        return WizardSession(self._host, Operator(self._user, self._fingerprint), self._address)


class SshHost:
    """What every connection shares: settings, authorized keys, limits, sessions."""

    def __init__(self, settings: SshSettings) -> None:
        self.settings = settings
        self.lang: Lang = settings.lang
        self.limiter = FailureLimiter(settings.auth_failure_limit, settings.auth_failure_window)
        self.sessions: set[WizardSession] = set()
        self._keys: set[bytes] = set()
        self._keys_stamp: tuple[int, int, int] | None = None
        if settings.authorized_keys is not None:
            self._reload_keys(settings.authorized_keys, initial=True)

    def _reload_keys(self, path: Path, *, initial: bool = False) -> None:
        # Read again whenever the file changes, as sshd does: a key removed from it is
        # refused at the next sign-in, without restarting the server.
        try:
            info = path.stat()
            stamp = (info.st_mtime_ns, info.st_size, info.st_ino)
            if stamp == self._keys_stamp:
                return
            keys = asyncssh.read_public_key_list(str(path))
        except (OSError, ValueError, asyncssh.KeyImportError):
            if initial:
                raise
            # Fail closed: nobody signs in until the file can be read again.
            LOG.warning(t("serve_ssh.log.keys_unreadable", self.lang, path=str(path)))
            self._keys, self._keys_stamp = set(), None
            return
        self._keys = {key.public_data for key in keys}
        self._keys_stamp = stamp

    def authorized(self, key: asyncssh.SSHKey) -> bool:
        """Whether ``key`` is in the authorized keys file (as it is now)."""
        if self.settings.authorized_keys is None:
            return False
        self._reload_keys(self.settings.authorized_keys)
        return key.public_data in self._keys

    async def watch_idle(self) -> None:
        """Close sessions without input for the idle limit (checked every second)."""
        limit = self.settings.idle_timeout
        while True:
            await asyncio.sleep(min(1.0, limit / 4))
            now = time.monotonic()
            for session in list(self.sessions):
                if now - session.last_input > limit:
                    asyncio.get_running_loop().create_task(session.close_idle())

    async def stop_sessions(self) -> None:
        """Hang up every session's wizard and wait for them all."""
        await asyncio.gather(*(session.stop() for session in list(self.sessions)))


async def serve(settings: SshSettings, *, ready: asyncio.Event | None = None) -> None:
    """Listen until SIGTERM or SIGINT; then stop every session process."""
    host = SshHost(settings)
    host_key = load_host_key(settings.host_key, settings.lang)
    server = await asyncssh.create_server(
        lambda: FleetSshServer(host),
        settings.host,
        settings.port,
        server_host_keys=[host_key],
        session_factory=None,
        encoding=None,
        allow_scp=False,
        sftp_factory=None,
        agent_forwarding=False,
        x11_forwarding=False,
        login_timeout=30,
        keepalive_interval=30,
    )
    bound = server.sockets[0].getsockname()
    print(t("serve.listening", settings.lang, host=bound[0], port=bound[1]), flush=True)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT, signal.SIGHUP):
        loop.add_signal_handler(signum, stop.set)
    watcher = loop.create_task(host.watch_idle())
    if ready is not None:
        ready.set()
    try:
        await stop.wait()
    finally:
        watcher.cancel()
        server.close()
        await host.stop_sessions()
        await server.wait_closed()
