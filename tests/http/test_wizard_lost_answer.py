"""Exactly once through the wizard: the answer to a submission is lost on the way back
(a real loopback proxy in front of a real sandbox forwards the order, then drops the
answer); the operator quits, resumes the draft and submits again. The draft kept its
idempotency key, so the backend holds one order and the wizard shows that order's
confirmation."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from urllib.parse import urlsplit

from textual.widgets import Static

from fleet_tui.sandbox.server import ServerThread, build_app
from fleet_tui.session.drafts import DraftStore
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.resilience import Resilience
from fleet_tui.tui.screens.confirmation import ConfirmationScreen
from fleet_tui.tui.screens.resume import ResumeDialog
from fleet_tui.tui.screens.review import ReviewScreen
from tests.http.conftest import http_client
from tests.http.lossy_proxy import LossyProxy
from tests.support.drive import screen_text, sign_in
from tests.support.orders import as_draft, plain_order
from tests.support.screens import open_step
from tests.tui.card_helpers import submit

SIZE = (100, 32)


def submitted_orders(sandbox_dir: Path) -> list[tuple[str, str]]:
    """(reference, idempotency key) of every order submitted to the sandbox (not seeded)."""
    with sqlite3.connect(sandbox_dir / "demo.sqlite3") as db:
        rows = db.execute(
            "SELECT reference, idempotency_key FROM orders WHERE idempotency_key IS NOT NULL"
        ).fetchall()
    return [(str(r[0]), str(r[1])) for r in rows]


def wizard(url: str, store: DraftStore, **kwargs: object) -> FleetApp:
    # One attempt: the client gives up on the lost answer instead of retrying it.
    resilience = Resilience(store=store, delay=0.05)
    return FleetApp(http_client(url, attempts=1), lang="en", resilience=resilience, **kwargs)  # type: ignore[arg-type]


async def test_a_lost_answer_then_quit_and_resume_stores_one_order(tmp_path: Path) -> None:
    sandbox_dir = tmp_path / "sandbox"
    store = DraftStore(tmp_path / "drafts", "draft.json")
    with ServerThread(build_app(sandbox_dir)) as server:
        target = urlsplit(server.url)
        assert target.hostname is not None and target.port is not None
        async with LossyProxy(target.hostname, target.port, drops=1) as proxy:
            first = wizard(proxy.url, store, draft=as_draft(plain_order()))
            async with first.run_test(size=SIZE) as pilot:
                await open_step(pilot, "review")
                await submit(pilot)
                assert isinstance(first.screen, ReviewScreen)
                status = str(first.screen.query_one("#review-status", Static).render())
                assert "cannot be reached" in status
                await pilot.press("ctrl+q")  # quit: the draft stays on disk
            assert proxy.dropped == 1
            stored = submitted_orders(sandbox_dir)
            assert len(stored) == 1  # the order got there; only its answer was lost
            saved = store.load()
            assert saved is not None and saved.draft.submission_key == stored[0][1]

            second = wizard(proxy.url, store)
            async with second.run_test(size=SIZE) as pilot:
                await sign_in(pilot)
                await pilot.pause()
                assert isinstance(second.screen, ResumeDialog)
                await pilot.press("enter")  # Resume
                await pilot.pause()
                assert isinstance(second.screen, ReviewScreen)
                await submit(pilot)
                screen = second.screen
                assert isinstance(screen, ConfirmationScreen)
                assert screen.confirmation.reference == stored[0][0]
                assert screen.confirmation.replayed
                assert stored[0][0] in screen_text(second)

    assert submitted_orders(sandbox_dir) == stored  # exactly one order
    assert store.load() is None  # confirmed: the draft is done
