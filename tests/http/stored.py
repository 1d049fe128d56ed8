"""Read what the sandbox's store really holds, straight from its SQLite file."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path
from typing import Any

from fleet_tui.clients.demo.store import FILE_NAME


def stored_orders(folder: Path) -> list[tuple[str, str | None, dict[str, Any]]]:
    """Every stored order: reference, idempotency key, document."""
    with sqlite3.connect(f"file:{folder / FILE_NAME}?mode=ro", uri=True) as db:
        rows = db.execute("SELECT reference, idempotency_key, document FROM orders").fetchall()
    return [(reference, key, json.loads(document)) for reference, key, document in rows]
