"""Who submitted an order: the wire text, how it reads, and what the session layer says
about the operator at the keyboard."""

from __future__ import annotations

import base64
import os
import pwd
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

import asyncssh
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fleet_tui.core.order_status import StatusEvent
from fleet_tui.core.order_view import event_text
from fleet_tui.core.submitter import Submitter, submitter_text, valid_wire
from fleet_tui.session import audit

KEY = "SHA256:" + "Ab+/" * 10 + "xyz"


@given(st.text(min_size=1, max_size=64), st.sampled_from(["ssh", "local"]), st.booleans())
def test_any_user_name_travels_as_one_printable_ascii_line_and_back(
    user: str, via: str, with_key: bool
) -> None:
    submitter = Submitter("ssh" if via == "ssh" else "local", user, KEY if with_key else None)
    wire = submitter.wire()
    assert valid_wire(wire)
    parsed = Submitter.parse(wire)
    assert parsed is not None and (parsed.via, parsed.key) == (submitter.via, submitter.key)
    if len(quote(user, safe="")) <= 180:
        assert parsed == submitter
    else:  # a long name of many-byte characters is cut to fit the line, at a character
        assert user.startswith(parsed.user) and len(parsed.user) >= 15


@pytest.mark.parametrize(
    "text", ["", "alice", "ssh alice", "ssh user=a key=md5:xx", "ssh user=a role=admin"]
)
def test_other_texts_are_not_read_as_a_submitter_and_are_shown_as_they_are(text: str) -> None:
    assert Submitter.parse(text) is None
    assert submitter_text(text, "en") == text


def test_a_history_step_says_who_took_it_in_the_readers_language() -> None:
    step = StatusEvent(status="received", at=datetime(2026, 3, 2, 14, 35, tzinfo=UTC))
    by_alice = step.model_copy(update={"by": Submitter("ssh", "alice", KEY).wire()})
    assert event_text(by_alice, "en") == f"{event_text(step, 'en')} — by ssh user alice, key {KEY}"
    assert event_text(by_alice, "nl").endswith(f"door ssh-gebruiker alice, sleutel {KEY}")
    local = step.model_copy(update={"by": Submitter("local", "bob").wire()})
    assert event_text(local, "fr").endswith("par utilisateur local bob")
    odd = step.model_copy(update={"by": Submitter("ssh", "eve\x1b[2J").wire()})
    assert "\x1b" not in event_text(odd, "en")
    assert event_text(odd, "en").endswith("by ssh user eve?[2J, no key recorded")


def test_a_local_operator_is_the_account_the_process_runs_as_not_user(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    for name in (audit.OPERATOR, "SSH_CONNECTION", "SSH_USER_AUTH"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("USER", "somebody-else")
    monkeypatch.setenv("LOGNAME", "somebody-else")
    real = pwd.getpwuid(os.getuid()).pw_name
    assert audit.submitter() == Submitter("local", real).wire()


def test_the_identity_serve_ssh_gives_is_recorded_as_given(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    wire = Submitter("ssh", "alice", KEY).wire()
    monkeypatch.setenv(audit.OPERATOR, wire)
    monkeypatch.setenv("SSH_CONNECTION", "127.0.0.1 50000 127.0.0.1 22")
    assert audit.submitter() == wire
    monkeypatch.setenv(audit.OPERATOR, "alice (not our format)")
    assert Submitter.parse(audit.submitter()) == Submitter("ssh", pwd.getpwuid(os.getuid()).pw_name)


def test_under_openssh_the_key_comes_from_expose_auth_info(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    key = asyncssh.generate_private_key("ssh-ed25519")
    blob = base64.b64encode(key.public_data).decode()
    auth_info = tmp_path / "auth"
    auth_info.write_text(f"publickey ssh-ed25519 {blob}\n", encoding="ascii")
    monkeypatch.delenv(audit.OPERATOR, raising=False)
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.7 50000 10.0.0.1 22")
    monkeypatch.setenv("SSH_USER_AUTH", str(auth_info))
    found = Submitter.parse(audit.submitter())
    assert found is not None and found.via == "ssh"
    assert found.key == key.get_fingerprint()  # asyncssh's own, as OpenSSH prints it
    auth_info.write_text("password\n", encoding="ascii")
    found = Submitter.parse(audit.submitter())
    assert found is not None and found.key is None
