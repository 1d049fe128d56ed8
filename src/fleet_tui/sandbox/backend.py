"""What the sandbox serves orders from: the demo backend's logic and SQLite store."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Protocol

from fleet_tui.clients.base import Confirmation, Session
from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.core import paths
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.catalog import Catalogue

# GET /v1/orders/{reference} scans this many recent orders: the demo store has no
# look-up by reference, and a sandbox holds a few thousand orders at most.
_FIND_SCAN = 100_000


class Backend(Protocol):
    """The synchronous, thread-safe operations the sandbox calls from worker threads."""

    def check_credentials(self, username: str, password: str) -> Session:
        """The session for these credentials; raises ``NotSignedIn``."""

    def session(self) -> Session:
        """The session of the account's fleet manager (for a fixed sandbox token)."""

    def account(self) -> Account:
        """The account."""

    def catalogue(self) -> Catalogue:
        """The catalogue."""

    def recent_orders(self, limit: int) -> list[OrderRecord]:
        """The latest orders, newest first."""

    def submit_order(
        self, document: dict[str, Any], idempotency_key: str
    ) -> tuple[Confirmation, bool]:
        """Store an order; its confirmation and whether this call created it
        (``False``: a replay). Raises ``InvalidOrder``, ``Conflict``."""

    def find(self, reference: str) -> OrderRecord | None:
        """The record of order ``reference``, if it exists."""


class DemoSandboxBackend:
    """:class:`Backend` over a :class:`DemoBackend`."""

    def __init__(self, demo: DemoBackend) -> None:
        self.demo = demo

    def check_credentials(self, username: str, password: str) -> Session:
        """See :meth:`DemoBackend.check_credentials`."""
        return self.demo.check_credentials(username, password)

    def session(self) -> Session:
        """See :meth:`DemoBackend.session`."""
        return self.demo.session()

    def account(self) -> Account:
        """See :meth:`DemoBackend.account`."""
        return self.demo.account()

    def catalogue(self) -> Catalogue:
        """See :meth:`DemoBackend.catalogue`."""
        return self.demo.catalogue()

    def recent_orders(self, limit: int) -> list[OrderRecord]:
        """See :meth:`DemoBackend.recent_orders`."""
        return self.demo.recent_orders(limit)

    def submit_order(
        self, document: dict[str, Any], idempotency_key: str
    ) -> tuple[Confirmation, bool]:
        """See :meth:`DemoBackend.submit`."""
        now = datetime.now(UTC)
        confirmation = self.demo.submit(document, idempotency_key, now=now)
        # A new order is stamped with the ``now`` given here; a replay keeps the time
        # of the first submission, which was another request's (earlier) ``now``.
        return confirmation, confirmation.submitted_at == now

    def find(self, reference: str) -> OrderRecord | None:
        """The order ``reference`` among the store's orders."""
        return next(
            (r for r in self.demo.recent_orders(_FIND_SCAN) if r.reference == reference), None
        )


def store_folder(data_dir: Path | None, db: Path | None) -> Path:
    """The folder of the outbox and uploads: ``data_dir``, else ``db``'s folder, else
    the user data folder."""
    if data_dir is None and db is not None:
        return Path(db).parent
    return paths.data_dir(data_dir)


def demo_backend(data_dir: Path | None, db: Path | None) -> DemoSandboxBackend:
    """The demo backend on :func:`store_folder`, its store at ``db`` (any name) if
    given."""
    return DemoSandboxBackend(DemoBackend(store_folder(data_dir, db), store_path=db))
