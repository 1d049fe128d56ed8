"""The demo backend: the demo account, its catalogue, and an order store on disk.

Synchronous and transport-free: :class:`fleet_tui.clients.demo.DemoClient` runs it in a
worker thread, and the HTTP sandbox serves the very same class. One instance may be
shared between threads; several processes may use the same folder at once.
"""

from __future__ import annotations

import errno
import hmac
import logging
import threading
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from fleet_tui.clients.base import Confirmation, InvalidOrder, NotSignedIn, Session
from fleet_tui.clients.demo.outbox import Confirmed, Outbox
from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.clients.demo.store import NewOrder, OrderStore, StoredOrder
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.activation import ActivationCode
from fleet_tui.core.catalog import Catalogue
from fleet_tui.core.errors import OrderInvalid
from fleet_tui.core.order import ESim, NewNumber, Order
from fleet_tui.core.processing import RuleCode, expected_activation, processing_rule
from fleet_tui.core.reference import new_reference
from fleet_tui.core.rules import OrderContext, validate_order

_log = logging.getLogger(__name__)

#: The demo sign-in (shown on the sign-in screen and in the README).
DEMO_USERNAME = "patricia"
DEMO_PASSWORD = "demo"
#: Longest idempotency key accepted (keys are usually UUIDs).
IDEMPOTENCY_KEY_MAX = 200


class DemoBackend:
    """The demo account's backend, kept in ``data_dir`` (``demo.sqlite3`` and
    ``outbox/``). The catalogue and the account come from the packaged seed."""

    def __init__(self, data_dir: Path, *, store_path: Path | None = None) -> None:
        self.data_dir = Path(data_dir)
        seed = load_seed()
        self._account = seed.account
        self._catalogue = seed.catalogue
        self._context = OrderContext(seed.account, seed.catalogue)
        self._past_orders = seed.past_orders
        self._store = OrderStore(
            self.data_dir, new_reference, seed=self._seed_orders, path=store_path
        )
        self._outbox = Outbox(self.outbox_dir, seed.account, seed.catalogue)
        #: Orders stored whose emails could not be written yet (the outbox was not
        #: writable): written at the next submission.
        self._pending: list[Confirmed] = []
        self._pending_lock = threading.Lock()

    @property
    def outbox_dir(self) -> Path:
        """Where confirmation emails are written."""
        return self.data_dir / "outbox"

    @property
    def store_path(self) -> Path:
        """The SQLite file."""
        return self._store.path

    def close(self) -> None:
        """Close the store's connection (reopened on next use)."""
        self._store.close()

    # --- reading ---------------------------------------------------------------------

    def check_credentials(self, username: str, password: str) -> Session:
        """The demo session for the demo credentials; raises :class:`NotSignedIn`."""
        user_ok = username.strip().casefold() == DEMO_USERNAME
        password_ok = hmac.compare_digest(password.encode(), DEMO_PASSWORD.encode())
        if not (user_ok and password_ok):
            raise NotSignedIn("wrong username or password")
        return self.session()

    def session(self) -> Session:
        """The demo account's session (for callers that sign in on the user's behalf)."""
        return Session(holder=self._account.holder, company=self._account.company)

    def account(self) -> Account:
        """The demo account; a reserved number leaves the list once an order used it."""
        claimed = self._store.claimed_numbers()
        if not claimed:
            return self._account
        free = tuple(n for n in self._account.reserved_numbers if n not in claimed)
        return self._account.model_copy(update={"reserved_numbers": free})

    def catalogue(self) -> Catalogue:
        """The demo catalogue."""
        return self._catalogue

    def recent_orders(self, limit: int = 20, now: datetime | None = None) -> list[OrderRecord]:
        """The latest ``limit`` orders, newest first; in progress until their expected
        activation time (``now``, default the current time), then active."""
        moment = _aware(now)
        return [_record(stored, moment) for stored in self._store.recent(limit)]

    # --- submitting ------------------------------------------------------------------

    def submit(
        self,
        document_or_order: Order | Mapping[str, Any],
        idempotency_key: str,
        now: datetime | None = None,
    ) -> Confirmation:
        """Validate and store an order, write its emails, and confirm it.

        The same ``idempotency_key`` with the same order returns the first confirmation
        and creates nothing. Raises :class:`InvalidOrder` (nothing stored),
        :class:`Conflict` (``reserved_number_taken``, ``idempotency_key_reused``),
        :class:`BackendUnavailable`.
        """
        if not idempotency_key or len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
            raise ValueError(f"idempotency_key must be 1 to {IDEMPOTENCY_KEY_MAX} characters")
        document = (
            document_or_order.document()
            if isinstance(document_or_order, Order)
            else document_or_order
        )
        try:
            order = validate_order(document, self._context)
        except OrderInvalid as exc:
            raise InvalidOrder(exc.errors) from None
        stored, created = self._store.add(self._new_order(order, _aware(now), idempotency_key))
        confirmation = _confirmation(stored, order)
        if created:
            confirmed = Confirmed(
                reference=stored.reference,
                order=order,
                submitted_at=stored.submitted_at,
                expected_activation=stored.expected_activation,
                activation_code=stored.activation_code,
            )
            # The order is stored: failing it now would make the caller retry an order
            # that exists. Its emails are queued instead, as a real backend does.
            with self._pending_lock:
                self._pending.append(confirmed)
        if self._write_pending(stored.reference):
            confirmation = confirmation.model_copy(update={"emails_pending": True})
        return confirmation

    def _write_pending(self, reference: str) -> bool:
        """Write the queued emails; whether ``reference``'s are still queued."""
        with self._pending_lock:
            still: list[Confirmed] = []
            for confirmed in self._pending:
                try:
                    self._outbox.write(confirmed)
                except OSError as exc:
                    still.append(confirmed)
                    _log.warning(
                        "confirmation emails of %s queued: %s (%s)",
                        confirmed.reference,
                        self.outbox_dir,
                        errno.errorcode.get(exc.errno or 0, type(exc).__name__),
                    )
                except Exception as exc:  # a bug in the email itself: never retried
                    _log.warning("confirmation emails of %s dropped: %s", confirmed.reference, exc)
            self._pending = still
            return any(c.reference == reference for c in still)

    def _new_order(
        self, order: Order, submitted_at: datetime, idempotency_key: str | None
    ) -> NewOrder:
        rule = processing_rule(order, self._catalogue)
        number = order.number
        return NewOrder(
            document=order.document(),
            submitted_at=submitted_at,
            expected_activation=expected_activation(submitted_at, rule),
            processing_rule=rule.code,
            plan=order.subscription.plan,
            request=number.request,
            idempotency_key=idempotency_key,
            activation_code=(
                str(ActivationCode.generate()) if isinstance(order.sim, ESim) else None
            ),
            reserved_number=number.desired_number if isinstance(number, NewNumber) else None,
            phone_number=order.phone_number,
        )

    def _seed_orders(self) -> Iterable[NewOrder]:
        # Called once, when the store file is created: past orders relative to "now",
        # so that a fresh demo shows one request in progress and some active.
        created = datetime.now(UTC)
        for past in self._past_orders:
            order = validate_order(past.document, self._context)
            yield self._new_order(order, created - timedelta(minutes=past.minutes_ago), None)


def _aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now


def _record(stored: StoredOrder, now: datetime) -> OrderRecord:
    return OrderRecord(
        reference=stored.reference,
        submitted_at=stored.submitted_at,
        expected_activation=stored.expected_activation,
        status="in_progress" if now < stored.expected_activation else "active",
        phone_number=stored.phone_number,
        plan=stored.plan,
        request="transfer" if stored.request == "transfer" else "new",
    )


def _confirmation(stored: StoredOrder, order: Order) -> Confirmation:
    # ``order`` is the one just validated: the store only replays a confirmation for a
    # document identical to the stored one.
    return Confirmation(
        reference=stored.reference,
        submitted_at=stored.submitted_at,
        expected_activation=stored.expected_activation,
        processing_rule=cast(RuleCode, stored.processing_rule),
        activation_code=stored.activation_code,
        order=order,
    )
