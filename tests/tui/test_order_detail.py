"""Dashboard → order detail → cancel (asked first) → the order is cancelled, as the demo
backend's store and outbox show; and what the detail says when it cannot be cancelled."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Button, DataTable, Static

from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.core.i18n import t
from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.confirm_cancel import ConfirmCancelScreen
from fleet_tui.tui.screens.dashboard import DashboardScreen
from fleet_tui.tui.screens.order_detail import OrderDetailScreen
from tests.tui.conftest import SIZE, sign_in
from tests.tui.flow_helpers import demo_dir


def _text(app: FleetApp, widget_id: str) -> str:
    return str(app.screen.query_one(f"#{widget_id}", Static).render())


async def _open_row(app: FleetApp, pilot: object, row: int) -> str:
    await sign_in(pilot)  # type: ignore[arg-type]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    table = app.screen.query_one("#recent", DataTable)
    table.focus()
    table.move_cursor(row=row)
    reference = str(table.get_row_at(row)[0])
    await pilot.press("enter")  # type: ignore[attr-defined]
    await pilot.pause()  # type: ignore[attr-defined]
    await app.workers.wait_for_complete()
    await pilot.pause()  # type: ignore[attr-defined]
    assert isinstance(app.screen, OrderDetailScreen)
    return reference


async def test_dashboard_detail_cancel_then_cancelled(app: FleetApp, tmp_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        reference = await _open_row(app, pilot, 0)  # the seed's newest: a new number, received
        assert t("orders.status.received", "fr") in _text(app, "order-facts")
        assert t("orders.detail.cancellable", "fr") == _text(app, "order-note")
        await pilot.press("f8")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmCancelScreen)
        await pilot.press("enter")  # "No" has the focus: nothing happens
        await pilot.pause()
        assert isinstance(app.screen, OrderDetailScreen)
        assert DemoBackend(demo_dir(tmp_path)).order(reference).status == "received"  # type: ignore[union-attr]
        await pilot.press("f8")
        await pilot.pause()
        await pilot.press("tab", "enter")  # "Yes, cancel"
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, OrderDetailScreen)
        assert t("orders.status.cancelled", "fr") in _text(app, "order-facts")
        assert t("orders.status.cancelled", "fr") in _text(app, "order-timeline").splitlines()[-1]
        assert not app.screen.query_one("#cancel-order", Button).display
        stored = DemoBackend(demo_dir(tmp_path)).order(reference)
        assert stored is not None and stored.status == "cancelled"
        assert (demo_dir(tmp_path) / "outbox" / f"{reference}-cancelled.eml").is_file()
        # Back on the dashboard, the list says so.
        await pilot.press("escape")
        await pilot.pause()
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert isinstance(app.screen, DashboardScreen)
        first = [str(c) for c in app.screen.query_one("#recent", DataTable).get_row_at(0)]
        assert first[0] == reference and first[5] == t("orders.status.cancelled", "fr")


async def test_an_active_line_shows_why_it_cannot_be_cancelled(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await _open_row(app, pilot, 2)  # the seed's oldest: active
        assert _text(app, "order-note") == t("orders.error.cancel_active", "fr")
        assert not app.screen.query_one("#cancel-order", Button).display
        await pilot.press("f8")  # not offered: nothing opens
        await pilot.pause()
        assert isinstance(app.screen, OrderDetailScreen)
