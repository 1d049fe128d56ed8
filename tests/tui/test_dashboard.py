"""Step 2: the account overview and the action that starts an order."""

from __future__ import annotations

from textual.widgets import DataTable

from fleet_tui.tui.app import FleetApp
from fleet_tui.tui.screens.number import NumberScreen

from .conftest import SIZE, choose, screen_text, sign_in


def _cells(app: FleetApp, table_id: str) -> list[list[str]]:
    table = app.screen.query_one(f"#{table_id}", DataTable)
    return [[str(cell) for cell in table.get_row_at(i)] for i in range(table.row_count)]


async def test_customer_numbers_mark_billing_only_and_invoice_split(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        rows = {row[0]: row for row in _cells(app, "customer-numbers")}
        assert rows["5.16100"][2] == "facturation uniquement"
        assert rows["5.16143"][2] == "Invoice Split\u00a0: Titanium Executive 20€"
        assert rows["5.16142"][2] == ""


async def test_fleet_lines_in_national_format_with_user_and_plan(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        rows = _cells(app, "fleet")
        assert ["0470 11 22 33", "Marc Dubois", "Shape Traveller"] in rows


async def test_recent_orders_load_with_a_translated_status(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()
        records = await app.client.recent_orders(10)
        rows = _cells(app, "recent")
        assert [r[0] for r in rows] == [r.reference for r in records]
        statuses = {"received": "reçue", "scheduled": "planifiée", "active": "active"}
        assert [r[5] for r in rows] == [statuses[r.status] for r in records]
        kinds = {"new": "nouveau numéro", "transfer": "transfert"}
        assert [r[2] for r in rows] == [kinds[r.request] for r in records]


async def test_add_a_card_starts_a_new_order_at_the_number_step(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        assert "Ajouter une carte à ma flotte" in screen_text(app)
        assert app.focused is app.screen.query_one("#add-card")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)


async def test_back_to_the_dashboard_then_the_order_is_resumed(app: FleetApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await sign_in(pilot)
        await pilot.press("ctrl+n")
        await pilot.pause()
        await choose(pilot, "input-number_request", "transfer")
        await pilot.press("escape")
        await pilot.pause()
        assert "Reprendre la commande en cours" in screen_text(app)
        await pilot.press("ctrl+n")
        await pilot.pause()
        assert isinstance(app.screen, NumberScreen)
        assert app.draft.number_request == "transfer"
        assert "(•) Transférer un numéro existant" in screen_text(app)
