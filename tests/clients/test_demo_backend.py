"""The demo backend in one process: validation, idempotency, reserved numbers, status,
credentials, and what it stores."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fleet_tui.clients.base import Conflict, InvalidOrder, NotSignedIn
from fleet_tui.clients.demo import DemoBackend
from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.activation import ActivationCode
from fleet_tui.core.reference import is_reference
from fleet_tui.core.rules import OrderContext, validate_order
from tests.clients import orders

SEEDED = 3  # past orders in the seed


@pytest.fixture
def backend(tmp_path: Path) -> DemoBackend:
    return DemoBackend(tmp_path)


def _rows(backend: DemoBackend) -> list[sqlite3.Row]:
    backend.recent_orders(1)  # the store file exists from the first use on
    db = sqlite3.connect(backend.store_path)
    db.row_factory = sqlite3.Row
    try:
        return db.execute("SELECT * FROM orders ORDER BY id").fetchall()
    finally:
        db.close()


def test_the_seed_meets_the_brief() -> None:
    seed = load_seed()
    account, catalogue = seed.account, seed.catalogue
    numbers = {c.number: c for c in account.customer_numbers}
    assert {"5.16142", "1.52797"} <= numbers.keys()
    assert any(c.billing_only for c in numbers.values())
    assert numbers["5.16143"].invoice_split_profile == "titanium-executive-20"
    assert account.profile("titanium-executive-20") is not None
    assert len(account.reserved_numbers) >= 5
    assert len(account.fleet) >= 10
    assert all(line.options for line in account.fleet[:3])
    assert {p.code for p in catalogue.plans if p.surf_extra_card} == {
        "shape-traveller",
        "shape-intense",
    }
    kinds = {(p.is_shape, p.type) for p in catalogue.plans}
    assert kinds == {(True, "mobile"), (True, "data"), (False, "mobile"), (False, "data")}
    orange = catalogue.operator("orange")
    assert orange is not None and orange.is_orange
    # Every fleet line's plan and options exist, so "copy options" always makes sense.
    for line in account.fleet:
        plan = catalogue.plan(line.plan)
        assert plan is not None, line
        for code in line.options:
            option = catalogue.option(code)
            assert option is not None and option.allowed_for(plan), (line, code)
    for past in seed.past_orders:
        validate_order(past.document, OrderContext(account, catalogue))


def test_a_new_store_lists_the_seeded_orders_newest_first(backend: DemoBackend) -> None:
    records = backend.recent_orders()
    assert len(records) == SEEDED
    assert [r.submitted_at for r in records] == sorted(
        (r.submitted_at for r in records), reverse=True
    )
    assert [r.status for r in records] == ["received", "active", "active"]


def test_submit_confirms_with_reference_and_expected_activation(backend: DemoBackend) -> None:
    now = datetime(2024, 6, 3, 10, 0, tzinfo=UTC)  # a Monday
    confirmation = backend.submit(orders.physical_new(), "k1", now=now)

    assert is_reference(confirmation.reference)
    assert confirmation.reference.startswith("OBE-2406031200-")  # Brussels time
    assert confirmation.processing_rule == "new_or_orange_prepaid_shape"
    assert confirmation.expected_activation == now + timedelta(hours=1)
    assert confirmation.activation_code is None
    assert confirmation.order.customer_number == "5.16142"


def test_status_follows_the_expected_activation(backend: DemoBackend) -> None:
    now = datetime(2024, 6, 3, 10, 0, tzinfo=UTC)
    reference = backend.submit(orders.physical_new(), "k1", now=now).reference

    def status(at: datetime) -> str:
        return next(r.status for r in backend.recent_orders(now=at) if r.reference == reference)

    assert status(now + timedelta(minutes=59)) == "received"
    assert status(now + timedelta(hours=1)) == "active"


def test_the_same_idempotency_key_returns_the_first_confirmation(backend: DemoBackend) -> None:
    first = backend.submit(orders.esim_new(), "key", now=datetime(2024, 6, 3, 10, tzinfo=UTC))
    again = backend.submit(orders.esim_new(), "key")

    assert (first.replayed, again.replayed) == (False, True)
    assert again.model_copy(update={"replayed": False}) == first
    assert len(_rows(backend)) == SEEDED + 1
    assert len(list(backend.outbox_dir.iterdir())) == 2  # no second set of emails


def test_the_same_key_for_another_order_is_a_conflict(backend: DemoBackend) -> None:
    backend.submit(orders.physical_new(), "key")
    with pytest.raises(Conflict) as caught:
        backend.submit(orders.physical_new(travel_data_control=100), "key")
    assert caught.value.error.code == "idempotency_key_reused"
    assert len(_rows(backend)) == SEEDED + 1


def test_the_same_order_typed_differently_is_the_same_order(backend: DemoBackend) -> None:
    # The key identifies the normalised order, not the characters typed.
    first = backend.submit(orders.reserved("+32471234501"), "key")
    again = backend.submit(orders.reserved("0471/23.45.01"), "key")
    assert again.reference == first.reference


def test_a_reserved_number_is_used_once(backend: DemoBackend) -> None:
    backend.submit(orders.reserved("+32466123456"), "k1")
    assert "+32466123456" not in backend.account().reserved_numbers

    with pytest.raises(Conflict) as caught:
        backend.submit(orders.reserved("0466 12 34 56"), "k2")
    assert caught.value.error.code == "reserved_number_taken"
    assert caught.value.error.path == ("number", "desired_number")
    assert len(_rows(backend)) == SEEDED + 1


def test_threads_sharing_one_backend_claim_a_reserved_number_once(backend: DemoBackend) -> None:
    barrier = threading.Barrier(8)
    outcomes: list[str] = []

    def submit(i: int) -> None:
        barrier.wait()
        try:
            outcomes.append(backend.submit(orders.reserved("+32475440011"), f"t{i}").reference)
        except Conflict as exc:
            outcomes.append(exc.error.code)

    threads = [threading.Thread(target=submit, args=(i,)) for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes, key=is_reference) == ["reserved_number_taken"] * 7 + [
        next(o for o in outcomes if is_reference(o))
    ]


def test_an_invalid_order_names_its_fields_and_stores_nothing(backend: DemoBackend) -> None:
    document = orders.physical_new(
        customer_number="5.16100",  # billing only
        travel_data_control=42,
    )
    document["subscription"] = {"type": "data", "plan": "shape-traveller"}
    document["sim"] = {"format": "physical", "sim_number": "12345"}

    with pytest.raises(InvalidOrder) as caught:
        backend.submit(document, "k1")

    found = {(e.field, e.code) for e in caught.value.errors}
    assert found == {
        ("customer_number", "customer_number_billing_only"),
        ("travel_data_control", "travel_data_control_amount"),
        ("subscription.plan", "plan_type_mismatch"),
        ("sim.sim_number", "sim_13_digits"),
    }
    assert len(_rows(backend)) == SEEDED
    assert not backend.outbox_dir.exists()


def test_esim_orders_get_an_activation_code_on_a_fake_host(backend: DemoBackend) -> None:
    confirmation = backend.submit(orders.esim_new(), "k1")
    assert confirmation.activation_code is not None
    code = ActivationCode.parse(confirmation.activation_code)
    assert code.smdp_address.lower().endswith(".invalid")


def test_text_is_stored_exactly_as_typed(backend: DemoBackend) -> None:
    backend.submit(orders.professional_transfer("Acme [GmbH] [/]"), "k1")
    stored = _rows(backend)[-1]["document"]
    assert '"company_name":"Acme [GmbH] [/]"' in stored


def test_credentials(backend: DemoBackend) -> None:
    session = backend.check_credentials(" Patricia ", "demo")
    assert (session.holder, session.company) == ("Patricia", "Brasserie Demo SA")
    for username, password in (("patricia", "Demo"), ("patrick", "demo"), ("", "")):
        with pytest.raises(NotSignedIn):
            backend.check_credentials(username, password)


def test_naive_times_are_refused(backend: DemoBackend) -> None:
    with pytest.raises(ValueError):
        backend.submit(orders.physical_new(), "k1", now=datetime(2024, 6, 3, 10))
