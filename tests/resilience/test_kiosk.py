"""Kiosk mode's session folder: private, self-contained, gone after use."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import tempfile
import textwrap
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from fleet_tui.core.fields import check_upload
from fleet_tui.session.drafts import DraftStore
from fleet_tui.session.kiosk import (
    OWNER_FILE,
    PREFIX,
    SAMPLE_CONTRACT,
    IdleTimer,
    KioskSession,
    owner_record,
    sweep_abandoned,
)
from tests.resilience.orders import esim_draft

ROOT = Path(__file__).resolve().parents[2]


def tree(folder: Path) -> set[str]:
    return {str(p.relative_to(folder)) for p in folder.rglob("*")}


def test_session_folder_is_private_and_holds_everything(tmp_path: Path) -> None:
    with KioskSession(tmp_path) as session:
        assert stat.S_IMODE(session.root.stat().st_mode) == 0o700
        for folder in (session.data_dir, session.drafts_dir, session.uploads_dir):
            assert folder.is_dir()
            assert session.root in folder.parents
        assert session.outbox_dir.parent == session.data_dir
        assert [p.name for p in session.uploads_dir.iterdir()] == [SAMPLE_CONTRACT]
        assert check_upload(session.uploads_dir / SAMPLE_CONTRACT) == "pdf"
        assert set(session.environment()) >= {"HOME", "XDG_STATE_HOME", "TMPDIR"}
        assert all(session.root in Path(p).parents for p in session.environment().values())
    assert session.closed
    assert list(tmp_path.iterdir()) == []


def test_close_removes_read_only_leftovers_and_is_idempotent(tmp_path: Path) -> None:
    session = KioskSession(tmp_path)
    DraftStore(session.drafts_dir).save(esim_draft(), "review")
    stuck = session.data_dir / "outbox"
    stuck.mkdir()
    (stuck / "OBE-1.eml").write_text("From: demo", encoding="utf-8")
    stuck.chmod(0o500)
    session.close()
    session.close()

    assert list(tmp_path.iterdir()) == []


def test_clear_drafts_wipes_the_order_in_progress(tmp_path: Path) -> None:
    with KioskSession(tmp_path) as session:
        store = DraftStore(session.drafts_dir)
        store.save(esim_draft(), "review")
        session.clear_drafts()
        assert store.load() is None
        assert session.drafts_dir.is_dir()


def test_confine_points_home_and_xdg_inside_and_close_restores(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("HOME", "/home/operator")
    monkeypatch.delenv("XDG_STATE_HOME", raising=False)
    session = KioskSession(tmp_path)
    session.confine()
    assert Path(os.environ["HOME"]).parent == session.root
    assert DraftStore().folder.is_relative_to(session.root)
    session.close()

    assert os.environ["HOME"] == "/home/operator"
    assert "XDG_STATE_HOME" not in os.environ


_KIOSK_RUN = textwrap.dedent(
    """
    import asyncio, sys
    from fleet_tui.clients.demo import DemoClient
    from fleet_tui.session.drafts import DraftStore, DebouncedSaver
    from fleet_tui.session.kiosk import KioskSession
    from tests.resilience.orders import esim_draft, demo_context

    session = KioskSession()
    session.confine()
    print(session.root, flush=True)
    saver = DebouncedSaver(DraftStore(), delay=0.01)
    draft = esim_draft()
    saver.changed(draft, "review")
    saver.flush()

    async def submit() -> None:
        client = DemoClient.signed_in(session.data_dir)
        order = draft.to_document(demo_context().catalogue)
        from fleet_tui.core.rules import validate_order
        confirmation = await client.submit(validate_order(order), "kiosk-1")
        assert list(session.outbox_dir.iterdir()), "no email written"
        print(confirmation.reference, flush=True)
        await client.aclose()

    asyncio.run(submit())
    saver.discard()
    saver.close()
    if sys.argv[1] == "context":
        with session:
            pass
    # else: "atexit" — leave without closing; the exit hook must remove the folder
    """
)


@pytest.mark.parametrize("ending", ["context", "atexit"])
@pytest.mark.slow
def test_a_kiosk_run_leaves_nothing_anywhere(tmp_path: Path, ending: str) -> None:
    home = tmp_path / "home"
    temp = tmp_path / "tmp"
    (home / ".config").mkdir(parents=True)
    temp.mkdir()
    (home / ".profile").write_text("# the operator's own file\n", encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "FLEET_TUI_", "TMP"))}
    env.update(
        HOME=str(home),
        XDG_CONFIG_HOME=str(home / ".config"),
        XDG_DATA_HOME=str(home / ".local" / "share"),
        XDG_STATE_HOME=str(home / ".local" / "state"),
        XDG_CACHE_HOME=str(home / ".cache"),
        TMPDIR=str(temp),
        PYTHONPATH=str(ROOT),
        PYTHONDONTWRITEBYTECODE="1",
    )
    before = tree(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", _KIOSK_RUN, ending],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    root, reference = done.stdout.split()
    assert Path(root).parent == temp
    assert reference.startswith("OBE-")
    assert tree(tmp_path) == before
    assert not Path(root).exists()


@pytest.mark.slow
def test_idle_timer_expires_after_the_timeout_since_the_last_touch() -> None:
    now = [1000.0]
    timer = IdleTimer(120, clock=lambda: now[0])
    now[0] += 119.5
    assert not timer.expired()
    timer.touch()
    now[0] += 100
    assert timer.remaining() == pytest.approx(20)
    now[0] += 20
    assert timer.expired()
    assert timer.remaining() == 0
    with pytest.raises(ValueError, match="positive"):
        IdleTimer(0)


def _dead_pid() -> int:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid


def _left_behind(parent: Path, owner: str | None) -> Path:
    folder = Path(tempfile.mkdtemp(prefix=PREFIX, dir=parent))
    (folder / "drafts").mkdir()
    (folder / "drafts" / "draft-1.json").write_text("{}", encoding="utf-8")
    if owner is not None:
        (folder / OWNER_FILE).write_text(owner, encoding="ascii")
    return folder


def test_a_new_kiosk_removes_the_folders_of_killed_kiosks_only(tmp_path: Path) -> None:
    # kill -9 skips atexit: the next kiosk cleans up after it.
    killed = _left_behind(tmp_path, owner_record(_dead_pid()))
    running = _left_behind(tmp_path, owner_record())
    being_created = _left_behind(tmp_path, None)
    other = tmp_path / "not-a-kiosk"
    other.mkdir()
    (other / OWNER_FILE).write_text(owner_record(_dead_pid()), encoding="ascii")

    with KioskSession(tmp_path) as session:
        assert not killed.exists()
        assert running.is_dir() and being_created.is_dir() and other.is_dir()
        assert (session.root / OWNER_FILE).read_text(encoding="ascii") == owner_record()
    assert sweep_abandoned(tmp_path) == []  # nothing else is judged abandoned
    assert sorted(tmp_path.iterdir()) == sorted([running, being_created, other])


def test_owner_records_are_judged_by_host_boot_and_process_start(tmp_path: Path) -> None:
    host, boot, pid, started = owner_record().split()
    other_host = _left_behind(tmp_path, f"elsewhere {boot} {_dead_pid()} -")
    rebooted = _left_behind(tmp_path, f"{host} another-boot {pid} {started}")
    pid_reused = _left_behind(tmp_path, f"{host} {boot} {pid} 1")  # our pid, not our start
    garbled = _left_behind(tmp_path, "not a record")
    removed = sweep_abandoned(tmp_path)
    assert sorted(removed) == sorted([rebooted, pid_reused])
    assert other_host.is_dir() and garbled.is_dir()


def test_a_hostile_owner_file_is_not_read(tmp_path: Path) -> None:
    # Another user's or a broken folder must not hang or feed a kiosk's start.
    fifo = Path(tempfile.mkdtemp(prefix=PREFIX, dir=tmp_path))
    os.mkfifo(fifo / OWNER_FILE)
    linked = Path(tempfile.mkdtemp(prefix=PREFIX, dir=tmp_path))
    (linked / OWNER_FILE).symlink_to("/dev/zero")
    link_to_folder = tmp_path / (PREFIX + "link")
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    link_to_folder.symlink_to(_left_behind(elsewhere, owner_record(_dead_pid())))
    assert sweep_abandoned(tmp_path) == []
    assert fifo.is_dir() and linked.is_dir() and link_to_folder.resolve().is_dir()


def test_kiosks_sweeping_at_once_each_remove_a_folder_once(tmp_path: Path) -> None:
    dead = owner_record(_dead_pid())
    folders = [_left_behind(tmp_path, dead) for _ in range(40)]
    with ThreadPoolExecutor(4) as pool:
        results = list(pool.map(sweep_abandoned, [tmp_path] * 4))
    removed = [folder for result in results for folder in result]
    assert sorted(removed) == sorted(folders)  # each once, none failed
    assert list(tmp_path.iterdir()) == []
