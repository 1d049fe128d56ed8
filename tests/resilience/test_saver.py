"""The debounced saver: few writes, the latest answers on disk within ``delay``, a flush
for hang-ups, and a ``kill -9`` that loses at most the last second."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from datetime import datetime
from pathlib import Path

import pytest

from fleet_tui.core.draft import OrderDraft
from fleet_tui.session.drafts import DebouncedSaver, DraftStore, SavedDraft
from tests.resilience.orders import esim_draft


class CountingStore(DraftStore):
    """A real store that counts its writes."""

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self.writes = 0

    def save(self, draft: OrderDraft, step: str, saved_at: datetime | None = None) -> None:
        super().save(draft, step, saved_at)
        self.writes += 1


def wait_for(store: DraftStore, holder: str, timeout: float = 10.0) -> SavedDraft:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        saved = store.load()
        if saved is not None and saved.draft.holder_name == holder:
            return saved
        time.sleep(0.02)
    raise AssertionError(f"draft with holder {holder!r} never saved; last: {store.load()}")


def test_a_burst_of_changes_is_one_write_of_the_last_state(tmp_path: Path) -> None:
    store = CountingStore(tmp_path)
    saver = DebouncedSaver(store, delay=0.5)
    draft = esim_draft()
    for i in range(200):  # typing fast: one change per key
        draft.holder_name = f"typed {i}"
        saver.changed(draft, "port_in")

    saved = wait_for(store, "typed 199")
    saver.close()
    assert saved.step == "port_in"
    assert 1 <= store.writes <= 2


def test_flush_writes_now_and_saves_a_copy_taken_at_change_time(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    saver = DebouncedSaver(store, delay=3600)
    draft = esim_draft(holder_name="Anna")
    saver.changed(draft, "new_card")
    draft.holder_name = "changed without telling the saver"
    saver.flush()

    saved = store.load()
    assert saved is not None
    assert saved.draft.holder_name == "Anna"
    assert saved.step == "new_card"
    saver.close()


def test_discard_drops_pending_changes_and_the_file(tmp_path: Path) -> None:
    store = DraftStore(tmp_path)
    saver = DebouncedSaver(store, delay=0.05)
    saver.changed(esim_draft(holder_name="first"), "review")
    wait_for(store, "first")
    saver.changed(esim_draft(holder_name="second"), "review")
    saver.discard()
    time.sleep(0.3)  # well past the delay: the pending change must not come back

    assert not store.path.exists()
    saver.close()
    assert not store.path.exists()


def test_a_failed_write_is_reported_and_retried_on_flush(tmp_path: Path) -> None:
    blocker = tmp_path / "drafts"
    blocker.write_text("a file where the folder should be", encoding="utf-8")
    errors: list[OSError] = []
    store = DraftStore(blocker)
    saver = DebouncedSaver(store, delay=0.01, on_error=errors.append)
    saver.changed(esim_draft(holder_name="kept"), "review")  # never raises here
    deadline = time.monotonic() + 10
    while not errors and time.monotonic() < deadline:
        time.sleep(0.01)
    assert errors and isinstance(saver.last_error, OSError)

    blocker.unlink()
    saver.flush()
    saved = store.load()
    assert saved is not None and saved.draft.holder_name == "kept"
    assert saver.last_error is None
    saver.close()


def test_a_bad_step_name_is_refused_at_once(tmp_path: Path) -> None:
    saver = DebouncedSaver(DraftStore(tmp_path))
    with pytest.raises(ValueError, match="step"):
        saver.changed(esim_draft(), "Review Screen!")
    saver.close()
    assert not any(tmp_path.iterdir())


_TYPIST = textwrap.dedent(
    """
    import signal, sys, time
    from pathlib import Path
    from fleet_tui.session.drafts import DebouncedSaver, DraftStore
    from tests.resilience.orders import esim_draft

    saver = DebouncedSaver(DraftStore(Path(sys.argv[1])), delay=float(sys.argv[2]))
    # What the TUI does on a hang-up or a polite kill: save, then leave.
    for sig in (signal.SIGHUP, signal.SIGTERM):
        signal.signal(sig, lambda *_: (saver.flush(), sys.exit(0)))
    draft = esim_draft()
    for name in sys.argv[3:]:
        draft.holder_name = name
        saver.changed(draft, "port_in")
    print("typed", flush=True)
    time.sleep(600)
    """
)


def start_typist(folder: Path, delay: float, *names: str) -> subprocess.Popen[str]:
    root = Path(__file__).resolve().parents[2]
    process = subprocess.Popen(
        [sys.executable, "-c", _TYPIST, str(folder), str(delay), *names],
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
        env={**os.environ, "PYTHONPATH": str(root)},
    )
    assert process.stdout is not None
    assert process.stdout.readline().strip() == "typed"
    return process


@pytest.mark.slow
def test_kill_9_one_second_after_typing_loses_nothing(tmp_path: Path) -> None:
    process = start_typist(tmp_path, 0.5, "J", "Ja", "Jan", "Jan P", "Jan Peeters")
    time.sleep(1.0)
    process.kill()
    process.wait(timeout=30)

    saved = DraftStore(tmp_path).load()
    assert saved is not None
    assert saved.draft.holder_name == "Jan Peeters"
    assert saved.step == "port_in"


@pytest.mark.slow
def test_hang_up_and_terminate_save_what_the_delay_has_not_written_yet(tmp_path: Path) -> None:
    for sig, folder in ((signal.SIGHUP, tmp_path / "hup"), (signal.SIGTERM, tmp_path / "term")):
        # An hour of delay: only the signal handler's flush can have written the draft.
        process = start_typist(folder, 3600, "Sofie", "Sofie Janssens")
        process.send_signal(sig)
        assert process.wait(timeout=30) == 0
        saved = DraftStore(folder).load()
        assert saved is not None, sig
        assert saved.draft.holder_name == "Sofie Janssens"
