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
from collections.abc import Callable, Iterable, Mapping
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, cast

from fleet_tui.clients.base import (
    Confirmation,
    InvalidOrder,
    NotCancellable,
    NotSignedIn,
    Session,
    UnknownOrder,
)
from fleet_tui.clients.demo.cancel_mail import write_cancellation
from fleet_tui.clients.demo.lifecycle import history, kind_of, status_at
from fleet_tui.clients.demo.outbox import Confirmed, Outbox
from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.clients.demo.store import NewOrder, OrderStore, StoredOrder
from fleet_tui.clients.demo.store_events import EndRefused
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.activation import ActivationCode, generate_confirmation_code
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.claims import claims_of
from fleet_tui.core.errors import OrderInvalid
from fleet_tui.core.order import ESim, NewNumber, Order, parse_order
from fleet_tui.core.order_status import StatusEvent, allowed, cancel_refusal
from fleet_tui.core.porting import brussels_today
from fleet_tui.core.processing import RuleCode, order_expected_activation
from fleet_tui.core.reference import new_reference
from fleet_tui.core.rules import OrderContext, validate_order
from fleet_tui.core.submitter import valid_wire

_log = logging.getLogger(__name__)

#: The demo sign-in (shown on the sign-in screen and in the README).
DEMO_USERNAME = "patricia"
DEMO_PASSWORD = "demo"
#: Longest idempotency key accepted (keys are usually UUIDs).
IDEMPOTENCY_KEY_MAX = 200


class DemoBackend:
    """The demo account's backend, kept in ``data_dir`` (``demo.sqlite3`` and
    ``outbox/``). The catalogue and the account come from the packaged seed.
    ``clock`` gives the current time (tests move it to see orders progress)."""

    def __init__(
        self,
        data_dir: Path,
        clock: Callable[[], datetime] | None = None,
        *,
        store_path: Path | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self._clock = clock or _utc_now
        seed = load_seed()
        self._account = seed.account
        self._catalogue = seed.catalogue
        self._context = OrderContext(seed.account, seed.catalogue)
        self._past_orders = seed.past_orders
        self._store = OrderStore(
            self.data_dir, new_reference, seed=self._seed_orders, path=store_path
        )
        self._outbox = Outbox(
            self.outbox_dir, seed.account, seed.catalogue, uploads=self.data_dir / "uploads"
        )
        # The queue of emails not written yet lives in the store (pending_emails):
        # written at the next start (first read of the account) or submission.
        self._pending_lock = threading.Lock()
        self._pending_checked = False

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
        """The demo account; a reserved number leaves the list once an order used it.
        The first read also writes the emails an earlier run left queued."""
        claimed = self._store.claimed_numbers()
        if not self._pending_checked:
            self._write_pending()
        if not claimed:
            return self._account
        free = tuple(n for n in self._account.reserved_numbers if n not in claimed)
        return self._account.model_copy(update={"reserved_numbers": free})

    def catalogue(self) -> Catalogue:
        """The demo catalogue."""
        return self._catalogue

    def now(self, now: datetime | None = None) -> datetime:
        """``now`` (checked to be timezone-aware), or the backend clock's time."""
        return _aware(now) if now is not None else _aware(self._clock())

    def recent_orders(self, limit: int = 20, now: datetime | None = None) -> list[OrderRecord]:
        """The latest ``limit`` orders, newest first, with their status and history at
        ``now`` (default: the backend clock)."""
        moment = self.now(now)
        return [_record(stored, moment) for stored in self._store.recent(limit)]

    def order(self, reference: str, now: datetime | None = None) -> OrderRecord | None:
        """Order ``reference`` with its history and the submitted order, if it exists."""
        stored = self._store.find(reference)
        return _record(stored, self.now(now), detail=True) if stored is not None else None

    def cancel(
        self, reference: str, now: datetime | None = None, *, by: str | None = None
    ) -> OrderRecord:
        """Cancel order ``reference`` at ``now``: allowed while the order's status says
        so (:func:`fleet_tui.core.order_status.cancel_refusal`); its reserved number is
        released and the fleet manager gets a cancellation email. ``by`` (who cancels,
        :meth:`fleet_tui.core.submitter.Submitter.wire`) is kept with the step. Cancelling
        again answers the same. Raises :class:`UnknownOrder`, :class:`NotCancellable`."""
        if by is not None and not valid_wire(by):
            raise ValueError("by must be printable ASCII (see core.submitter)")
        moment = self.now(now)

        def decide(stored: StoredOrder) -> str | None:
            return cancel_refusal(kind_of(stored), status_at(stored, moment))

        event = StatusEvent(status="cancelled", at=moment, by=by)
        try:
            stored, created = self._store.record_end(reference, event, decide)
        except EndRefused as refused:
            raise NotCancellable(refused.code, reference, _record(refused.order, moment)) from None
        if stored is None:
            raise UnknownOrder(reference)
        record = _record(stored, moment, detail=True)
        if created and record.order is not None:
            try:
                write_cancellation(self.outbox_dir, self._account, record)
            except Exception:
                # The cancellation is stored; a lost email must not undo or hide it.
                _log.exception("cancellation email of %s not written", reference)
        return record

    def refuse(self, reference: str, reason: str, now: datetime | None = None) -> OrderRecord:
        """Record that order ``reference`` was refused at ``now`` for ``reason`` (a code,
        ``orders.reason.<code>``; e.g. ``donor_refused``): what an operator's back office
        does; the demo's clock never refuses by itself. Its claims are released.
        Raises :class:`UnknownOrder`, :class:`NotCancellable` (``cancel_active`` etc.:
        the order has already ended)."""
        moment = self.now(now)

        def decide(stored: StoredOrder) -> str | None:
            status = status_at(stored, moment)
            if allowed(kind_of(stored), status, "refused"):
                return None
            return cancel_refusal(kind_of(stored), status) or "cancel_refused"

        event = StatusEvent(status="refused", at=moment, reason=reason)
        try:
            stored, _ = self._store.record_end(reference, event, decide)
        except EndRefused as refused:
            raise NotCancellable(refused.code, reference, _record(refused.order, moment)) from None
        if stored is None:
            raise UnknownOrder(reference)
        return _record(stored, moment, detail=True)

    # --- submitting ------------------------------------------------------------------

    def submit(
        self,
        document_or_order: Order | Mapping[str, Any],
        idempotency_key: str,
        now: datetime | None = None,
        *,
        submitted_by: str | None = None,
    ) -> Confirmation:
        """Validate and store an order, write its emails, and confirm it.

        ``submitted_by`` (:meth:`fleet_tui.core.submitter.Submitter.wire`) is kept with
        the order, beside its document, and shown in its ``received`` step.

        The same ``idempotency_key`` with the same order returns the first confirmation
        and creates nothing. Raises :class:`InvalidOrder` (nothing stored),
        :class:`Conflict` (``reserved_number_taken``, ``idempotency_key_reused``,
        ``transfer_already_requested``, ``sim_card_taken``: another order that is not
        cancelled holds the number or card),
        :class:`BackendUnavailable`.
        """
        if not idempotency_key or len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
            raise ValueError(f"idempotency_key must be 1 to {IDEMPOTENCY_KEY_MAX} characters")
        if submitted_by is not None and not valid_wire(submitted_by):
            raise ValueError("submitted_by must be printable ASCII (see core.submitter)")
        document = (
            document_or_order.document()
            if isinstance(document_or_order, Order)
            else document_or_order
        )
        moment = self.now(now)
        # A chosen porting date is judged from the day of submission (Brussels).
        context = replace(self._context, today=brussels_today(moment))
        try:
            order = validate_order(document, context)
        except OrderInvalid as exc:
            raise InvalidOrder(exc.errors) from None
        new = self._new_order(order, moment, idempotency_key, submitted_by=submitted_by)
        stored, created = self._store.add(new)
        confirmation = _confirmation(stored, order, replayed=not created)
        # The order is stored with its emails queued (one transaction): failing it now
        # would make the caller retry an order that exists. They are written now if
        # the outbox can be, else at the next start or submission.
        if self._write_pending(stored.reference):
            confirmation = confirmation.model_copy(update={"emails_pending": True})
        return confirmation

    def _write_pending(self, reference: str = "") -> bool:
        """Write the queued emails; whether ``reference``'s are still queued."""
        with self._pending_lock:
            self._pending_checked = True
            still = False
            for stored in self._store.pending_emails():
                order = _order(stored)
                if order is None:  # its document no longer reads: nothing to write
                    self._store.emails_written(stored.reference)
                    continue
                confirmed = Confirmed(
                    reference=stored.reference,
                    order=order,
                    submitted_at=stored.submitted_at,
                    expected_activation=stored.expected_activation,
                    activation_code=stored.activation_code,
                    confirmation_code=stored.confirmation_code,
                )
                try:
                    self._outbox.write(confirmed)
                except OSError as exc:
                    still = still or stored.reference == reference
                    _log.warning(
                        "confirmation emails of %s queued: %s (%s)",
                        stored.reference,
                        self.outbox_dir,
                        errno.errorcode.get(exc.errno or 0, type(exc).__name__),
                    )
                    continue
                except Exception as exc:  # a bug in the email itself: never retried
                    _log.warning("confirmation emails of %s dropped: %s", stored.reference, exc)
                self._store.emails_written(stored.reference)
            return still

    def _new_order(
        self,
        order: Order,
        submitted_at: datetime,
        idempotency_key: str | None,
        *,
        claims: bool = True,
        submitted_by: str | None = None,
    ) -> NewOrder:
        activation, rule = order_expected_activation(order, self._catalogue, submitted_at)
        number = order.number
        activation_code = confirmation_code = None
        if isinstance(order.sim, ESim):
            plan = self._catalogue.plan(order.subscription.plan)
            # The catalogue says which plans need a confirmation code: the activation
            # code then carries SGP.22's "required" flag, never the code itself.
            needs_code = plan is not None and plan.esim_confirmation_code
            activation_code = str(ActivationCode.generate(confirmation_code_required=needs_code))
            confirmation_code = generate_confirmation_code() if needs_code else None
        return NewOrder(
            document=order.document(),
            submitted_at=submitted_at,
            expected_activation=activation,
            processing_rule=rule.code,
            plan=order.subscription.plan,
            request=number.request,
            idempotency_key=idempotency_key,
            activation_code=activation_code,
            confirmation_code=confirmation_code,
            reserved_number=number.desired_number if isinstance(number, NewNumber) else None,
            phone_number=order.phone_number,
            claims=tuple(claims_of(order)) if claims else (),
            submitted_by=submitted_by,
        )

    def _seed_orders(self) -> Iterable[NewOrder]:
        # Called once, when the store file is created: past orders relative to "now",
        # so that a fresh demo shows one request in progress and some active.
        created = self.now()
        for past in self._past_orders:
            order = validate_order(past.document, self._context)
            # They claim nothing: SPEC §7's example order reuses a seed order's eSIM
            # card, and must stay submittable on a fresh demo.
            when = created - timedelta(minutes=past.minutes_ago)
            yield self._new_order(order, when, None, claims=False)


def _aware(now: datetime | None) -> datetime:
    if now is None:
        return datetime.now(UTC)
    if now.tzinfo is None or now.utcoffset() is None:
        raise ValueError("now must be timezone-aware")
    return now


def _utc_now() -> datetime:
    return datetime.now(UTC)


def _record(stored: StoredOrder, now: datetime, *, detail: bool = False) -> OrderRecord:
    steps = history(stored, now)
    number = stored.document.get("number")
    chosen = number.get("porting_date") if isinstance(number, dict) else None
    return OrderRecord(
        reference=stored.reference,
        submitted_at=stored.submitted_at,
        expected_activation=stored.expected_activation,
        status=steps[-1].status,
        phone_number=stored.phone_number,
        plan=stored.plan,
        request=kind_of(stored),
        porting_date=chosen,
        history=steps,
        order=_order(stored) if detail else None,
    )


def _order(stored: StoredOrder) -> Order | None:
    # The stored document passed validation when submitted; it can fail now only if a
    # local contract file has gone since. The record is shown without it then.
    try:
        return parse_order(stored.document)
    except OrderInvalid:
        return None


def _confirmation(stored: StoredOrder, order: Order, *, replayed: bool) -> Confirmation:
    # ``order`` is the one just validated: the store only replays a confirmation for a
    # document identical to the stored one.
    return Confirmation(
        reference=stored.reference,
        submitted_at=stored.submitted_at,
        expected_activation=stored.expected_activation,
        processing_rule=cast(RuleCode, stored.processing_rule),
        activation_code=stored.activation_code,
        confirmation_code=stored.confirmation_code,
        order=order,
        replayed=replayed,
    )
