"""Data at rest: the demo store, its outbox and the sandbox's uploads are private
(files 0600, folders 0700) whatever the umask, and an outbox that cannot be written
loses no order and no email."""

from __future__ import annotations

import json
import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from fleet_tui.cli.main import main
from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.sandbox.server import build_app
from tests.support.orders import esim_sim, spec_order


@pytest.fixture
def loose_umask() -> Iterator[None]:
    """The umask most systems ship (022): new files readable by everyone."""
    previous = os.umask(0o022)
    try:
        yield
    finally:
        os.umask(previous)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.usefixtures("loose_umask")
def test_the_store_and_outbox_are_private_whatever_the_umask(tmp_path: Path) -> None:
    data = tmp_path / "new" / "data"
    backend = DemoBackend(data)
    confirmation = backend.submit(spec_order(), "modes-key-0001")
    backend.close()
    assert confirmation.activation_code  # an eSIM: its code is in the end user's email
    assert _mode(data) == _mode(data.parent) == 0o700
    files = [data / "demo.sqlite3", *data.glob("demo.sqlite3-*")]
    assert {p.name: _mode(p) for p in files} == {p.name: 0o600 for p in files}
    outbox = data / "outbox"
    emails = sorted(outbox.glob("*.eml"))
    assert len(emails) == 2
    assert _mode(outbox) == 0o700
    assert {_mode(p) for p in emails} == {0o600}


@pytest.mark.usefixtures("loose_umask")
def test_an_existing_store_file_is_tightened(tmp_path: Path) -> None:
    (tmp_path / "demo.sqlite3").touch(mode=0o644)
    os.chmod(tmp_path / "demo.sqlite3", 0o644)
    DemoBackend(tmp_path).recent_orders(1)
    assert _mode(tmp_path / "demo.sqlite3") == 0o600


def test_the_sandbox_accepts_a_store_of_any_name(tmp_path: Path) -> None:
    db = tmp_path / "elsewhere" / "orders-of-the-demo.db"
    build_app(db=db)  # used to refuse any name but demo.sqlite3
    from fleet_tui.sandbox.backend import demo_backend

    backend = demo_backend(None, db)
    backend.submit_order(spec_order(), "any-name-key-0001")
    assert db.is_file() and _mode(db) == 0o600
    assert [r.plan for r in backend.recent_orders(1)] == ["shape-traveller"]


@pytest.fixture(autouse=True)
def _no_user_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FLEET_TUI_CONFIG", str(tmp_path / "none.toml"))
    for name in list(os.environ):
        if name.startswith("FLEET_TUI_") and name != "FLEET_TUI_CONFIG":
            monkeypatch.delenv(name)


def test_an_unwritable_outbox_stores_the_order_and_queues_its_emails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = tmp_path / "data"
    data.mkdir()
    (data / "outbox").write_text("not a folder")  # root ignores permissions; this it cannot
    first = tmp_path / "first.json"
    first.write_text(json.dumps(spec_order()), encoding="utf-8")
    code = main(["submit", "--data-dir", str(data), "--lang", "en", str(first)])
    out, err = capsys.readouterr()
    assert code == 0
    assert err == ""  # no traceback, no English log line
    [submitted, pending, summary] = out.splitlines()
    reference = submitted.split(": ", 1)[1].split(",")[0]
    assert reference.startswith("OBE-")
    assert pending == (
        f"  Confirmation emails of {reference} not written yet (the outbox cannot be "
        "written): they are queued and will be written at the next submission."
    )
    assert summary == "Orders submitted: 1."
    assert len(list(data.glob("demo.sqlite3"))) == 1

    # Within one backend, the queue is written at the next order once the outbox works.
    other = tmp_path / "other"
    other.mkdir()
    (other / "outbox").write_text("not a folder either")
    backend = DemoBackend(other)
    assert backend.submit(spec_order(), "queued-key-0001").emails_pending
    assert list(other.glob("demo.sqlite3")), "the order is stored"
    (other / "outbox").unlink()
    second = spec_order(sim=esim_sim("1150100048199"))
    assert not backend.submit(second, "queued-key-0002").emails_pending
    # Two eSIM orders, two emails each: the queued first order's are written too.
    assert len(list((other / "outbox").glob("*.eml"))) == 2 * 2


def _submitted_with_an_unwritable_outbox(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> tuple[Path, str]:
    """One order submitted by ``fleet-tui submit`` while the outbox cannot be written
    (its path is a file: root ignores a folder's permissions, not this), then the outbox
    made writable again: the data folder and the order's reference."""
    data = tmp_path / "data"
    data.mkdir()
    (data / "outbox").write_text("not a folder")
    first = tmp_path / "first.json"
    first.write_text(json.dumps(spec_order()), encoding="utf-8")
    assert main(["submit", "--data-dir", str(data), "--lang", "en", str(first)]) == 0
    reference = capsys.readouterr().out.split(": ", 1)[1].split(",")[0]
    (data / "outbox").unlink()
    return data, reference


def test_emails_queued_for_an_unwritable_outbox_survive_the_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, reference = _submitted_with_an_unwritable_outbox(tmp_path, capsys)

    # The next start (another process: here, another command) writes them.
    assert main(["account", "--data-dir", str(data), "--lang", "en"]) == 0
    capsys.readouterr()
    written = sorted(p.name for p in (data / "outbox").glob("*.eml"))
    assert len(written) == 2 and all(reference in name for name in written), written

    # Written once: a later submission does not write them again.
    for path in (data / "outbox").glob("*.eml"):
        path.unlink()
    second = tmp_path / "second.json"
    second.write_text(json.dumps(spec_order(sim=esim_sim("1150100048199"))), encoding="utf-8")
    assert main(["submit", "--data-dir", str(data), "--lang", "en", str(second)]) == 0
    assert not any(reference in p.name for p in (data / "outbox").glob("*.eml"))


def test_queued_emails_are_written_at_the_next_submission_of_another_run(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data, _ = _submitted_with_an_unwritable_outbox(tmp_path, capsys)

    backend = DemoBackend(data)  # a fresh run, straight to a submission
    second = spec_order(sim=esim_sim("1150100048199"))
    assert not backend.submit(second, "next-run-key-0001").emails_pending
    assert len(list((data / "outbox").glob("*.eml"))) == 2 * 2
