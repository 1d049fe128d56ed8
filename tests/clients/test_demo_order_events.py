"""The demo store's record of what happened after submission (real SQLite files)."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fleet_tui.clients.base import NotCancellable
from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.clients.demo.store import FILE_NAME
from tests.support.orders import plain_order

NOW = datetime(2027, 2, 2, 9, 0, tzinfo=UTC)  # a Tuesday


def _create(folder: Path) -> None:
    backend = DemoBackend(folder)
    backend.recent_orders(1, now=NOW)  # the store is created on first use
    backend.close()


def test_a_store_written_before_order_events_gains_the_table(tmp_path: Path) -> None:
    _create(tmp_path)
    with closing(sqlite3.connect(tmp_path / FILE_NAME)) as db:
        db.execute("DROP TABLE order_events")
        db.commit()
    backend = DemoBackend(tmp_path)
    reference = backend.recent_orders(1, now=NOW)[0].reference
    assert backend.order(reference, now=NOW) is not None
    with closing(sqlite3.connect(tmp_path / FILE_NAME)) as db:
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master")}
    assert "order_events" in tables


def test_the_look_up_by_reference_uses_an_index(tmp_path: Path) -> None:
    _create(tmp_path)
    with closing(sqlite3.connect(tmp_path / FILE_NAME)) as db:
        plan = db.execute(
            "EXPLAIN QUERY PLAN SELECT * FROM orders WHERE reference = ?", ("x",)
        ).fetchall()
    assert any("USING INDEX" in str(row[-1]) for row in plan), plan


def test_a_cancelled_reserved_number_can_be_claimed_by_another_process(tmp_path: Path) -> None:
    first = DemoBackend(tmp_path)
    reserved = first.account().reserved_numbers[0]
    order = plain_order(number={"request": "new", "desired_number": reserved})
    done = first.submit(order, "k1", now=NOW)
    other = DemoBackend(tmp_path)  # another process would open its own connection
    assert reserved not in other.account().reserved_numbers
    first.cancel(done.reference, now=NOW + timedelta(minutes=1))
    assert reserved in other.account().reserved_numbers
    second = plain_order(
        number={"request": "new", "desired_number": reserved},
        sim={"format": "physical", "sim_number": "1150100084999"},
    )
    assert other.submit(second, "k2", now=NOW + timedelta(minutes=2)).order.phone_number == reserved


def test_an_active_line_cannot_be_cancelled_and_nothing_is_written(tmp_path: Path) -> None:
    backend = DemoBackend(tmp_path)
    done = backend.submit(plain_order(), "k1", now=NOW)
    with pytest.raises(NotCancellable) as refused:
        backend.cancel(done.reference, now=NOW + timedelta(hours=2))
    assert refused.value.code == "cancel_active"
    assert refused.value.record is not None and refused.value.record.status == "active"
    assert not list((tmp_path / "outbox").glob("*-cancelled.eml"))


def test_a_refused_transfer_says_why_and_cannot_be_cancelled(tmp_path: Path) -> None:
    from fleet_tui.core.order_view import event_text
    from tests.support.orders import professional_transfer

    backend = DemoBackend(tmp_path)
    reference = backend.submit(professional_transfer(), "k1", now=NOW).reference
    refused = backend.refuse(reference, "donor_refused", now=NOW + timedelta(minutes=5))
    assert [e.status for e in refused.history] == ["received", "donor_validation", "refused"]
    assert event_text(refused.history[-1], "en").endswith(
        "refused (refused by the current operator)"
    )
    with pytest.raises(NotCancellable) as late:
        backend.cancel(reference, now=NOW + timedelta(minutes=6))
    assert late.value.code == "cancel_refused"
    # Refusing again changes nothing; the clock does not move it on to active.
    again = backend.refuse(reference, "donor_refused", now=NOW + timedelta(days=5))
    assert again.history == refused.history
