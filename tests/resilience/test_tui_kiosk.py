"""Kiosk mode in the wizard (Pilot): the idle wipe, the reset key, quitting and the
system tools refused, the file picker kept in its folder, nothing left after exit."""

from __future__ import annotations

import argparse
import tempfile
from pathlib import Path

import pytest
from textual.widgets import Input, Static

from fleet_tui.cli.common import client_from_args, settings_from_args
from fleet_tui.cli.resilience import idle_timeout, kiosk_for, resilience_for
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import t
from fleet_tui.session.kiosk import SAMPLE_CONTRACT, KioskSession
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.number import NumberScreen
from fleet_tui.tui.screens.sign_in import SignInScreen
from fleet_tui.tui.widgets.file_picker import FilePicker
from tests.resilience.tui_support import (
    SIZE,
    demo_client,
    flat,
    kiosk_app,
    toasts,
    until_toast,
)
from tests.support.drive import type_text
from tests.support.screens import open_step
from tests.tui.card_helpers import at_new_card, card_draft, fill_card, go_on, tick
from tests.tui.conftest import choose, sign_in, to_number_step
from tests.tui.flow_helpers import number_step_transfer


def _files(folder: Path) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file()]


async def test_an_idle_kiosk_wipes_the_order_and_says_so(tmp_path: Path) -> None:
    with KioskSession(tmp_path) as session:
        # 1.2 s: a key every 0.3 s keeps it alive with room to spare on a loaded
        # machine (at 0.8 s a slow press once let the wipe in between two keys).
        app = kiosk_app(session, idle=1.2)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await to_number_step(pilot)
            await number_step_transfer(pilot, "proximus", "prepaid")
            await pilot.pause(0.3)
            assert _files(session.drafts_dir)  # the order in progress was saved
            # Busy: keys keep it alive past the timeout.
            for _ in range(5):
                await pilot.press("tab")
                await pilot.pause(0.3)
            assert isinstance(app.screen, NumberScreen)
            await pilot.pause(2.4)  # left alone
            assert isinstance(app.screen, SignInScreen)
            assert app.draft == OrderDraft()
            assert app.state.session is None and app.context is None
            assert app.screen.query_one("#input-username", Input).value == ""
            notice = t("drafts.kiosk_wiped", "en", seconds=1)
            assert any(notice in flat(text) for text in toasts(pilot))
            assert _files(session.drafts_dir) == []


async def test_the_reset_key_wipes_at_once(tmp_path: Path) -> None:
    with KioskSession(tmp_path) as session:
        app = kiosk_app(session)
        async with app.run_test(size=SIZE, notifications=True) as pilot:
            await at_new_card(pilot)  # a new number's step 5, signed in without keys
            await pilot.press("f12")
            await until_toast(pilot)
            assert isinstance(app.screen, SignInScreen)
            assert app.draft == OrderDraft()
            assert any(t("drafts.kiosk_reset", "en") in flat(x) for x in toasts(pilot))
            # And the next stranger can sign in and start clean.
            await to_number_step(pilot)
            assert isinstance(app.screen, NumberScreen)


async def test_the_reset_key_does_nothing_outside_kiosk_mode(tmp_path: Path) -> None:
    app = FleetApp(demo_client(tmp_path / "demo"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await to_number_step(pilot)
        await choose(pilot, "input-number_request", "new")
        await pilot.press("f12")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)
        assert app.draft.number_request == "new"


async def test_quit_palette_and_screenshots_are_refused_in_a_kiosk(tmp_path: Path) -> None:
    with KioskSession(tmp_path) as session:
        app = kiosk_app(session)
        async with app.run_test(size=SIZE) as pilot:
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("ctrl+c", "ctrl+p")
            await pilot.pause()
            assert app.return_code is None
            assert isinstance(app.screen, SignInScreen)
            for action in ("quit", "help_quit", "command_palette", "screenshot"):
                assert app.check_action(action, ()) is False, action
            await sign_in(pilot)  # still usable
            assert type(app.screen).__name__ == "DashboardScreen"


async def test_outside_a_kiosk_ctrl_q_quits(tmp_path: Path) -> None:
    app = FleetApp(demo_client(tmp_path / "demo"), lang="en")
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert app.return_code == 0


async def test_the_file_picker_stays_in_the_uploads_folder(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "secret.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    parent = tmp_path / "kiosks"
    parent.mkdir()
    with KioskSession(parent) as session:
        (session.uploads_dir / "link.pdf").symlink_to(outside / "secret.pdf")
        app = kiosk_app(session)
        async with app.run_test(size=SIZE) as pilot:
            # Screen tier: step 6 on a new number's answers (signed in without keys).
            await open_step(pilot, "invoice_split", card_draft())
            await tick(pilot, "input-invoice_split")
            # The path cannot be typed here: only the confined picker chooses it.
            assert app.screen.query_one("#input-contract_path", Input).disabled
            await pilot.press("f4")
            await pilot.pause()
            picker = app.screen
            assert isinstance(picker, FilePicker)
            assert picker.start == session.uploads_dir.resolve()
            path_input = picker.query_one("#picker-path", Input)
            refused = t("drafts.kiosk_outside", "en", folder=str(session.uploads_dir.resolve()))
            for typed in (str(outside / "secret.pdf"), str(outside), "/etc", "../..", "link.pdf"):
                path_input.focus()
                path_input.value = ""
                target = typed if typed.startswith("/") else str(session.uploads_dir / typed)
                await type_text(pilot, target)
                await pilot.press("enter")
                await pilot.pause()
                assert app.screen is picker, typed
                shown = str(picker.query_one("#picker-error", Static).render())
                assert refused in flat(shown), (typed, shown)
            path_input.value = ""
            await type_text(pilot, str(session.uploads_dir / SAMPLE_CONTRACT))
            await pilot.press("enter")
            await pilot.pause()
            assert type(app.screen).__name__ == "InvoiceSplitScreen"
            assert app.draft.contract_path == str(session.uploads_dir / SAMPLE_CONTRACT)


def test_idle_timeout_from_the_option_or_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("FLEET_TUI_KIOSK_IDLE", raising=False)
    assert idle_timeout(argparse.Namespace()) == 120.0
    assert idle_timeout(argparse.Namespace(kiosk_idle=3.5)) == 3.5
    monkeypatch.setenv("FLEET_TUI_KIOSK_IDLE", "2")
    assert idle_timeout(argparse.Namespace()) == 2.0
    for bad in ("-1", "soon", "0"):
        monkeypatch.setenv("FLEET_TUI_KIOSK_IDLE", bad)
        assert idle_timeout(argparse.Namespace()) == 120.0


async def test_a_kiosk_run_leaves_nothing_behind(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Every place a program may write to, pointed into tmp_path and watched.
    watched = {name: tmp_path / name.lower() for name in ("HOME", "TMPDIR")}
    for xdg in ("CONFIG", "DATA", "STATE", "CACHE"):
        watched[f"XDG_{xdg}_HOME"] = tmp_path / xdg.lower()
    for name, folder in watched.items():
        folder.mkdir()
        monkeypatch.setenv(name, str(folder))
    monkeypatch.setattr(tempfile, "tempdir", None)
    args = argparse.Namespace(
        kiosk=True, client="http", data_dir=tmp_path / "elsewhere", api_url=None, lang="en"
    )

    with kiosk_for(args) as session:
        assert session is not None and session.root.parent == watched["TMPDIR"]
        client = client_from_args(args)
        assert client.name == "demo"
        resilience = resilience_for(args, settings_from_args(args))
        app = FleetApp(client, lang="en", resilience=resilience)
        async with app.run_test(size=SIZE) as pilot:
            await to_number_step(pilot)
            await choose(pilot, "input-number_request", "new")
            await go_on(pilot, "NewCardScreen")
            await fill_card(pilot)
            await go_on(pilot, "InvoiceSplitScreen")
            await go_on(pilot, "ReviewScreen")
            await pilot.press("f9")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert type(app.screen).__name__ == "ConfirmationScreen"
            await pilot.press("ctrl+s")
            await pilot.pause()
            saved = str(app.screen.query_one("#answers-saved", Static).render())
            assert str(session.root) in flat(saved)
        assert list((session.data_dir / "outbox").glob("*.eml"))  # it did write, inside
    assert not (tmp_path / "elsewhere").exists()
    for name, folder in watched.items():
        assert list(folder.iterdir()) == [], name
