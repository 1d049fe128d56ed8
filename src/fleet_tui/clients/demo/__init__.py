"""The demo client: the embedded default backend (SQLite store and email outbox in the
user data folder, or ``--data-dir``). Sign in as ``patricia`` / ``demo``.

With ``--client-option auto_sign_in=1`` the client is built already signed in, for
batch use.
"""

from __future__ import annotations

import asyncio
import functools
from pathlib import Path

from fleet_tui.clients.base import (
    Client,
    ClientOption,
    ClientOptions,
    Confirmation,
    Credentials,
    NotSignedIn,
    Session,
)
from fleet_tui.clients.demo.backend import DEMO_PASSWORD, DEMO_USERNAME, DemoBackend
from fleet_tui.core import paths
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.order import Order

__all__ = ["DEMO_PASSWORD", "DEMO_USERNAME", "DemoBackend", "DemoClient"]


class DemoClient(Client):
    """The :class:`Client` over a :class:`DemoBackend`; each call runs in a worker
    thread so that the event loop never waits on SQLite or the outbox."""

    name = "demo"
    OPTIONS = (
        ClientOption(
            "auto_sign_in",
            "bool",
            False,
            "start signed in as the demo fleet manager (batch use)",
            "client_options.help.auto_sign_in",
        ),
    )

    def __init__(self, backend: DemoBackend, *, submitted_by: str | None = None) -> None:
        self.backend = backend
        self._session: Session | None = None
        self._submitted_by = submitted_by

    @classmethod
    def from_options(cls, options: ClientOptions) -> DemoClient:
        """A client on ``options.data_dir`` (default: the user data folder), signed in
        already with ``--client-option auto_sign_in=1``."""
        values = cls.option_values(options.extra)
        backend = DemoBackend(paths.data_dir(options.data_dir))
        client = cls(backend, submitted_by=options.submitted_by)
        if values["auto_sign_in"]:
            client._session = client.backend.session()
        return client

    @classmethod
    def signed_in(cls, data_dir: Path | None = None) -> DemoClient:
        """A client on ``data_dir`` already signed in as the demo fleet manager."""
        return cls.from_options(ClientOptions(data_dir=data_dir, extra={"auto_sign_in": "1"}))

    @property
    def session(self) -> Session | None:
        """The current session, if signed in."""
        return self._session

    def _check_signed_in(self) -> None:
        if self._session is None:
            raise NotSignedIn("sign in first")

    async def sign_in(self, credentials: Credentials) -> Session:
        """Check the demo credentials (``patricia`` / ``demo``)."""
        session = await asyncio.to_thread(
            self.backend.check_credentials,
            credentials.username,
            credentials.password.get_secret_value(),
        )
        self._session = session
        return session

    async def account(self) -> Account:
        """The demo account."""
        self._check_signed_in()
        return await asyncio.to_thread(self.backend.account)

    async def catalogue(self) -> Catalogue:
        """The demo catalogue."""
        self._check_signed_in()
        return await asyncio.to_thread(self.backend.catalogue)

    async def recent_orders(self, limit: int = 20) -> list[OrderRecord]:
        """The latest orders in the store, newest first."""
        self._check_signed_in()
        return await asyncio.to_thread(self.backend.recent_orders, limit)

    async def submit(self, order: Order, idempotency_key: str) -> Confirmation:
        """Store ``order`` and write its emails (see :meth:`DemoBackend.submit`), with
        who submitted it in its history."""
        self._check_signed_in()
        return await asyncio.to_thread(
            functools.partial(
                self.backend.submit, order, idempotency_key, submitted_by=self._submitted_by
            )
        )

    async def order(self, reference: str) -> OrderRecord | None:
        """See :meth:`DemoBackend.order`."""
        self._check_signed_in()
        return await asyncio.to_thread(self.backend.order, reference)

    async def cancel(self, reference: str) -> OrderRecord:
        """See :meth:`DemoBackend.cancel` (with who cancels in the order's history)."""
        self._check_signed_in()
        cancel = functools.partial(self.backend.cancel, reference, by=self._submitted_by)
        return await asyncio.to_thread(cancel)

    async def aclose(self) -> None:
        """Close the store's connection."""
        self.backend.close()
