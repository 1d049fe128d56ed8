"""The demo store's record of what happened to an order after submission (a
cancellation, a refusal), and the one place an order's claims are given back.

Kept beside :mod:`fleet_tui.clients.demo.store`, which calls these inside its
transactions.
"""

from __future__ import annotations

import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING

from fleet_tui.core.order_status import StatusEvent

if TYPE_CHECKING:
    from fleet_tui.clients.demo.store import StoredOrder

#: What happened to an order after submission that the clock alone does not tell (a
#: cancellation, a refusal): one row per order and status. Additive, outside the
#: numbered migrations (IF NOT EXISTS), so that a store of any version gains it.
_SCHEMA: tuple[str, ...] = (
    """
    CREATE TABLE IF NOT EXISTS order_events (
        id INTEGER PRIMARY KEY,
        order_id INTEGER NOT NULL REFERENCES orders (id),
        status TEXT NOT NULL,
        at TEXT NOT NULL,
        reason TEXT,
        done_by TEXT,
        UNIQUE (order_id, status)
    )
    """,
    # orders.reference is UNIQUE, so SQLite already indexes the look-up by reference.
    "CREATE INDEX IF NOT EXISTS order_events_by_order ON order_events (order_id)",
)


def create_events_table(db: sqlite3.Connection) -> None:
    """Create the table if the store has none yet (any schema version), with its
    ``done_by`` column (who cancelled: :mod:`fleet_tui.core.submitter`) added to a
    table made before it."""
    for statement in _SCHEMA:
        db.execute(statement)
    columns = {row[1] for row in db.execute("PRAGMA table_info(order_events)")}
    if "done_by" not in columns:
        try:
            db.execute("ALTER TABLE order_events ADD COLUMN done_by TEXT")
        except sqlite3.OperationalError as exc:  # another process added it meanwhile
            if "duplicate column" not in str(exc):
                raise


def read_events(db: sqlite3.Connection, ids: list[int]) -> dict[int, tuple[StatusEvent, ...]]:
    """The recorded steps of orders ``ids``, oldest first, by order id."""
    out: dict[int, list[StatusEvent]] = {}
    # SQLite allows 32766 parameters; a page of orders is far below.
    for start in range(0, len(ids), 900):
        chunk = ids[start : start + 900]
        marks = ",".join("?" * len(chunk))
        rows = db.execute(
            f"SELECT order_id, status, at, reason, done_by FROM order_events "
            f"WHERE order_id IN ({marks}) ORDER BY at, id",
            chunk,
        )
        for order_id, status, at, reason, by in rows:
            moment = datetime.fromisoformat(at)
            event = StatusEvent(status=status, at=moment, reason=reason, by=by)
            out.setdefault(order_id, []).append(event)
    return {k: tuple(v) for k, v in out.items()}


class EndRefused(Exception):
    """:meth:`OrderStore.record_end` refused: ``code`` says why; ``order`` as stored."""

    def __init__(self, code: str, order: StoredOrder) -> None:
        super().__init__(code)
        self.code, self.order = code, order


def release_claims(db: sqlite3.Connection, order_id: int) -> None:
    """Free everything order ``order_id`` holds so that another order may claim it:
    its reserved number. The one place an order's claims are given back (inside the
    caller's transaction)."""
    db.execute("UPDATE orders SET reserved_number = NULL WHERE id = ?", (order_id,))
    # Its (e)SIM card and transferred-in number (fleet_tui.core.claims).
    db.execute("DELETE FROM claims WHERE order_id = ?", (order_id,))
