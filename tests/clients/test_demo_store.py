"""The order store's schema and references."""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fleet_tui.clients.base import BackendUnavailable
from fleet_tui.clients.demo.store import FILE_NAME, SCHEMA_VERSION, NewOrder, OrderStore

NOW = datetime(2024, 6, 3, 10, 0, tzinfo=UTC)


def _order(key: str | None, reserved: str | None = None) -> NewOrder:
    return NewOrder(
        document={"key": key},
        submitted_at=NOW,
        expected_activation=NOW + timedelta(hours=1),
        processing_rule="new_or_orange_prepaid_shape",
        plan="shape-start",
        request="new",
        idempotency_key=key,
        reserved_number=reserved,
    )


def _references(*values: str) -> object:
    pending = list(values)
    return lambda at: pending.pop(0)


def test_a_reference_already_taken_is_drawn_again(tmp_path: Path) -> None:
    store = OrderStore(tmp_path, _references("OBE-A", "OBE-A", "OBE-A", "OBE-B"))  # type: ignore[arg-type]
    first, _ = store.add(_order("k1"))
    second, created = store.add(_order("k2"))
    assert (first.reference, second.reference, created) == ("OBE-A", "OBE-B", True)


def test_an_empty_old_file_gets_the_schema_and_the_seed(tmp_path: Path) -> None:
    sqlite3.connect(tmp_path / FILE_NAME).close()  # version 0, no tables
    store = OrderStore(tmp_path, lambda at: "OBE-S", seed=lambda: [_order(None)])
    assert store.count() == 1
    store.close()

    reopened = OrderStore(tmp_path, lambda at: "OBE-X", seed=lambda: [_order(None)])
    assert reopened.count() == 1  # seeded once, not at every opening
    db = sqlite3.connect(tmp_path / FILE_NAME)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    db.close()


def test_a_file_from_a_newer_version_is_refused(tmp_path: Path) -> None:
    db = sqlite3.connect(tmp_path / FILE_NAME)
    db.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    db.close()
    with pytest.raises(BackendUnavailable):
        OrderStore(tmp_path, lambda at: "OBE-A").count()


def test_stored_times_read_back_in_time_order(tmp_path: Path) -> None:
    counter = iter(range(100))
    store = OrderStore(tmp_path, lambda at: f"OBE-{next(counter)}")
    # Whole seconds and microseconds mixed: text order must still be time order.
    for i, micro in enumerate((0, 500_000, 0)):
        order = _order(f"k{i}")
        at = NOW + timedelta(seconds=i, microseconds=micro)
        store.add(NewOrder(**{**order.__dict__, "submitted_at": at, "expected_activation": at}))
    assert [o.document["key"] for o in store.recent(10)] == ["k2", "k1", "k0"]
