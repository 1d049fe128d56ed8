"""What the sandbox serves orders from: the demo backend's logic and SQLite store."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any, Protocol

from fleet_tui.clients.base import Confirmation, Session
from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.core import paths
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.catalogue import Catalogue


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
        self, document: dict[str, Any], idempotency_key: str, submitted_by: str | None = None
    ) -> tuple[Confirmation, bool]:
        """Store an order, with who submitted it (``X-Fleet-Operator``) beside it; its
        confirmation and whether this call created it (``False``: a replay). Raises
        ``InvalidOrder``, ``Conflict``."""

    def find(self, reference: str) -> OrderRecord | None:
        """The record of order ``reference`` with its history, if it exists."""

    def cancel(self, reference: str, by: str | None = None) -> OrderRecord:
        """Cancel order ``reference`` (idempotent), with who cancels (``by``) in its
        history; raises ``UnknownOrder``, ``NotCancellable``."""


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
        self, document: dict[str, Any], idempotency_key: str, submitted_by: str | None = None
    ) -> tuple[Confirmation, bool]:
        """See :meth:`DemoBackend.submit`."""
        confirmation = self.demo.submit(
            document, idempotency_key, now=self.demo.now(), submitted_by=submitted_by
        )
        return confirmation, not confirmation.replayed

    def find(self, reference: str) -> OrderRecord | None:
        """See :meth:`DemoBackend.order` (an indexed look-up)."""
        return self.demo.order(reference)

    def cancel(self, reference: str, by: str | None = None) -> OrderRecord:
        """See :meth:`DemoBackend.cancel`."""
        return self.demo.cancel(reference, by=by)


def store_folder(data_dir: Path | None, db: Path | None) -> Path:
    """The folder of the outbox and uploads: ``data_dir``, else ``db``'s folder, else
    the user data folder."""
    if data_dir is None and db is not None:
        return Path(db).parent
    return paths.data_dir(data_dir)


def demo_backend(
    data_dir: Path | None, db: Path | None, clock: Callable[[], datetime] | None = None
) -> DemoSandboxBackend:
    """The demo backend on :func:`store_folder`, its store at ``db`` (any name) if
    given (``clock``: see :class:`DemoBackend`)."""
    return DemoSandboxBackend(DemoBackend(store_folder(data_dir, db), clock, store_path=db))
