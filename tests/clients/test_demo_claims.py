"""What an order claims in the demo store — its (e)SIM card, the number it transfers in —
is held by one order at a time: a second order on it is a Conflict on its field, a
refused order holds nothing, deleting an order's claims (what a cancellation does) frees
them, and a store from before the claims table is migrated with its orders' claims."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from fleet_tui.clients.base import Conflict
from fleet_tui.clients.demo import DemoBackend
from fleet_tui.clients.demo.store import _MIGRATIONS, SCHEMA_VERSION, canonical_json
from tests.clients import orders

SEEDED = 3


@pytest.fixture
def backend(tmp_path: Path) -> DemoBackend:
    return DemoBackend(tmp_path)


def order_count(backend: DemoBackend) -> int:
    return len(backend.recent_orders(100))


def refused(backend: DemoBackend, document: dict[str, object], key: str) -> tuple[str, str]:
    with pytest.raises(Conflict) as caught:
        backend.submit(document, key)
    return caught.value.error.code, caught.value.error.field


def test_a_second_order_on_the_same_sim_card_is_refused_on_that_field(
    backend: DemoBackend,
) -> None:
    backend.submit(orders.physical_new(), "k1")
    again = orders.physical_new(travel_data_control=100)  # another order, same card
    assert refused(backend, again, "k2") == ("sim_card_taken", "sim.sim_number")
    assert order_count(backend) == SEEDED + 1


def test_an_esim_on_a_physical_cards_number_is_the_same_card(backend: DemoBackend) -> None:
    first = backend.submit(orders.physical_new(), "k1")
    esim = orders.esim_new()
    esim["sim"]["esim_number"] = first.order.sim.sim_number  # type: ignore[union-attr]
    assert refused(backend, esim, "k2") == ("sim_card_taken", "sim.esim_number")


def test_a_second_transfer_of_one_number_is_refused_however_it_is_typed(
    backend: DemoBackend,
) -> None:
    backend.submit(orders.professional_transfer("Brasserie A"), "k1")
    second = orders.professional_transfer("Brasserie B")
    second["number"]["phone_number"] = "+32 499 112 233"
    second["sim"] = {"format": "physical", "sim_number": "1150100084765"}
    assert refused(backend, second, "k2") == (
        "transfer_already_requested",
        "number.phone_number",
    )


def test_a_refused_order_holds_nothing(backend: DemoBackend) -> None:
    backend.submit(orders.professional_transfer("Brasserie A"), "k1")
    # Refused for its transfer: the fresh card it also claimed must stay free.
    second = orders.professional_transfer("Brasserie B")
    second["sim"] = {"format": "physical", "sim_number": "1150100084765"}
    assert refused(backend, second, "k2")[0] == "transfer_already_requested"
    on_that_card = orders.physical_new(sim={"format": "physical", "sim_number": "1150100084765"})
    assert backend.submit(on_that_card, "k3").reference


def test_the_same_key_replays_rather_than_conflicting_with_itself(backend: DemoBackend) -> None:
    first = backend.submit(orders.physical_new(), "k1")
    again = backend.submit(orders.physical_new(), "k1")
    assert (again.reference, again.replayed) == (first.reference, True)


def test_cancelling_an_order_frees_its_card(backend: DemoBackend) -> None:
    first = backend.submit(orders.physical_new(), "k1")
    backend.cancel(first.reference)
    assert backend.submit(orders.physical_new(travel_data_control=100), "k2").reference


def test_deleting_an_orders_claims_frees_its_card(backend: DemoBackend) -> None:
    first = backend.submit(orders.physical_new(), "k1")
    with sqlite3.connect(backend.store_path) as db:
        # What cancelling an order does (the order stays, as cancelled).
        db.execute(
            "DELETE FROM claims WHERE order_id = (SELECT id FROM orders WHERE reference = ?)",
            (first.reference,),
        )
    assert backend.submit(orders.physical_new(travel_data_control=100), "k2").reference


def test_a_store_from_before_the_claims_table_is_migrated(tmp_path: Path) -> None:
    # Schema 1, holding two orders on one card (let in before claims existed).
    with sqlite3.connect(tmp_path / "demo.sqlite3") as db:
        for statement in _MIGRATIONS[0]:
            assert isinstance(statement, str)
            db.execute(statement)
        document = orders.physical_new()
        for number, reference in enumerate(("OBE-2406031000-AAAA", "OBE-2406031000-BBBB")):
            db.execute(
                "INSERT INTO orders (reference, idempotency_key, document, submitted_at, "
                "expected_activation, processing_rule, plan, request) "
                "VALUES (?, ?, ?, ?, ?, 'standard', 'shape-traveller', 'new')",
                (
                    reference,
                    f"old-{number}",
                    canonical_json({**document, "travel_data_control": 50 + number}),
                    f"2024-06-03T08:0{number}:00.000000+00:00",
                    "2024-06-03T09:00:00.000000+00:00",
                ),
            )
        db.execute("PRAGMA user_version = 1")
    backend = DemoBackend(tmp_path)

    assert refused(backend, orders.physical_new(travel_data_control=100), "new")[0] == (
        "sim_card_taken"
    )
    with sqlite3.connect(tmp_path / "demo.sqlite3") as db:
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
        holders = db.execute(
            "SELECT o.reference FROM claims c JOIN orders o ON o.id = c.order_id"
        ).fetchall()
    assert holders == [("OBE-2406031000-AAAA",)]  # the oldest keeps the card
