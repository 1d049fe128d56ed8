"""The demo backend's SQLite store: submitted orders, one row each.

Several processes may share one file (a TUI and a batch run, or two batch runs), so
every rule that must hold across them is a constraint of the database, checked inside
a ``BEGIN IMMEDIATE`` transaction: a reserved number is claimed at most once (UNIQUE),
an idempotency key names one order (UNIQUE), references are unique (UNIQUE, retried),
and what an order claims (:mod:`fleet_tui.core.claims`: its line's number, its (e)SIM
card) is held by one order at a time (the ``claims`` table's primary key; cancelling an
order deletes its claims, which frees them). A read-then-write check in Python would let
two processes both pass the read.
"""

from __future__ import annotations

import json
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fleet_tui.clients.base import BackendUnavailable, Conflict
from fleet_tui.clients.demo.store_events import (
    EndRefused,
    create_events_table,
    read_events,
    release_claims,
)
from fleet_tui.core.claims import Claim, claims_of_document
from fleet_tui.core.order_status import StatusEvent
from fleet_tui.core.paths import private_file, private_folder

FILE_NAME = "demo.sqlite3"
_log = logging.getLogger(__name__)


def _claim_existing_orders(db: sqlite3.Connection) -> None:
    # Stores from before the claims table: the oldest order keeps a claim that later
    # ones shared (they were let in then); the next order claiming it is refused.
    rows = db.execute("SELECT id, document FROM orders ORDER BY id").fetchall()
    for row in rows:
        try:
            document = json.loads(row[1])
        except ValueError:
            continue
        for claim in claims_of_document(document if isinstance(document, dict) else {}):
            db.execute(_INSERT_CLAIM_IF_FREE, (claim.kind, claim.value, row[0]))


_Step = str | Callable[[sqlite3.Connection], None]

#: Each entry upgrades the schema by one version (``PRAGMA user_version``); append only.
_MIGRATIONS: tuple[tuple[_Step, ...], ...] = (
    (
        """
        CREATE TABLE orders (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            idempotency_key TEXT UNIQUE,
            document TEXT NOT NULL,
            submitted_at TEXT NOT NULL,
            expected_activation TEXT NOT NULL,
            processing_rule TEXT NOT NULL,
            activation_code TEXT,
            reserved_number TEXT UNIQUE,
            phone_number TEXT,
            plan TEXT NOT NULL,
            request TEXT NOT NULL
        )
        """,
        "CREATE INDEX orders_by_time ON orders (submitted_at DESC, id DESC)",
    ),
    # The eSIM confirmation code, for plans whose catalogue entry asks for one.
    ("ALTER TABLE orders ADD COLUMN confirmation_code TEXT",),
    (
        """
        CREATE TABLE claims (
            kind TEXT NOT NULL,
            value TEXT NOT NULL,
            order_id INTEGER NOT NULL REFERENCES orders (id),
            PRIMARY KEY (kind, value)
        )
        """,
        "CREATE INDEX claims_by_order ON claims (order_id)",
        _claim_existing_orders,
    ),
    # Who submitted the order (fleet_tui.core.submitter): audit metadata, kept beside
    # the document, never in it.
    ("ALTER TABLE orders ADD COLUMN submitted_by TEXT",),
    # Orders whose confirmation emails are not written yet: queued in the order's own
    # transaction, so that an unwritable outbox loses none of them at exit.
    ("CREATE TABLE pending_emails (reference TEXT PRIMARY KEY REFERENCES orders (reference))",),
)
SCHEMA_VERSION = len(_MIGRATIONS)


# How many fresh references to try when one is already taken; 26**4 codes per minute
# make a long run of collisions practically impossible.
_REFERENCE_ATTEMPTS = 50
_BUSY_TIMEOUT_S = 30.0

_INSERT = """
    INSERT INTO orders (reference, idempotency_key, document, submitted_at,
        expected_activation, processing_rule, activation_code, reserved_number,
        phone_number, plan, request, confirmation_code, submitted_by)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
"""
_INSERT_CLAIM = "INSERT INTO claims (kind, value, order_id) VALUES (?, ?, ?)"
_INSERT_CLAIM_IF_FREE = "INSERT OR IGNORE INTO claims (kind, value, order_id) VALUES (?, ?, ?)"
_COLUMNS = (
    "id, reference, document, submitted_at, expected_activation, processing_rule, "
    "activation_code, phone_number, plan, request, confirmation_code, submitted_by"
)


def canonical_json(document: dict[str, Any]) -> str:
    """One text per document, so that equal documents compare equal as text."""
    return json.dumps(document, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def to_text(moment: datetime) -> str:
    """A timestamp as stored: UTC, fixed width, so text order is time order."""
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


@dataclass(frozen=True)
class NewOrder:
    """An order ready to be stored; the store picks its reference."""

    document: dict[str, Any]
    submitted_at: datetime
    expected_activation: datetime
    processing_rule: str
    plan: str
    request: str
    idempotency_key: str | None = None
    activation_code: str | None = None
    reserved_number: str | None = None
    phone_number: str | None = None
    confirmation_code: str | None = None
    #: What the order holds while it is not cancelled (see :mod:`fleet_tui.core.claims`).
    claims: tuple[Claim, ...] = ()
    #: Who submitted it (:meth:`fleet_tui.core.submitter.Submitter.wire`), if known.
    submitted_by: str | None = None


@dataclass(frozen=True)
class StoredOrder:
    """An order as read back from the store."""

    reference: str
    document: dict[str, Any]
    submitted_at: datetime
    expected_activation: datetime
    processing_rule: str
    activation_code: str | None
    phone_number: str | None
    plan: str
    request: str
    confirmation_code: str | None = None
    #: Who submitted it (:meth:`fleet_tui.core.submitter.Submitter.wire`), if known.
    submitted_by: str | None = None
    #: Steps recorded after submission (cancelled, refused), oldest first.
    events: tuple[StatusEvent, ...] = ()
    #: The row's id (0 for an order not read back from the file).
    id: int = 0

    @classmethod
    def from_row(cls, row: sqlite3.Row, events: tuple[StatusEvent, ...] = ()) -> StoredOrder:
        """Rebuild from a row selected with the store's columns."""
        return cls(
            id=row["id"],
            events=events,
            reference=row["reference"],
            document=json.loads(row["document"]),
            submitted_at=datetime.fromisoformat(row["submitted_at"]),
            expected_activation=datetime.fromisoformat(row["expected_activation"]),
            processing_rule=row["processing_rule"],
            activation_code=row["activation_code"],
            phone_number=row["phone_number"],
            plan=row["plan"],
            request=row["request"],
            confirmation_code=row["confirmation_code"],
            submitted_by=row["submitted_by"],
        )


class OrderStore:
    """Orders in ``<folder>/demo.sqlite3``; safe to share between threads, and the file
    between processes. ``seed`` gives the orders a brand-new store starts with."""

    def __init__(
        self,
        folder: Path,
        new_reference: Callable[[datetime], str],
        seed: Callable[[], Iterable[NewOrder]] = tuple,
        *,
        path: Path | None = None,
    ) -> None:
        # ``path`` names the file itself (``fleet-tui sandbox --db``), any name.
        self.path = Path(path) if path is not None else Path(folder) / FILE_NAME
        #: Rows skipped on reading because they could not be read back (bad JSON).
        self.unreadable_rows = 0
        self._new_reference = new_reference
        self._seed = seed
        self._lock = threading.RLock()
        self._pid = -1
        self._db: sqlite3.Connection | None = None

    # --- connection ------------------------------------------------------------------

    def _connection(self) -> sqlite3.Connection:
        # A connection must not cross fork(): a child process opens its own.
        if self._db is None or self._pid != os.getpid():
            self._db = self._open()
            self._pid = os.getpid()
        return self._db

    def _open(self) -> sqlite3.Connection:
        try:
            # Orders hold personal data and eSIM activation codes: 0600 in a 0700 folder,
            # whatever the umask (SQLite gives its -wal and -shm files the file's mode).
            private_folder(self.path.parent)
            private_file(self.path)
            db = sqlite3.connect(
                self.path,
                timeout=_BUSY_TIMEOUT_S,
                isolation_level=None,  # transactions are explicit (BEGIN IMMEDIATE)
                check_same_thread=False,  # guarded by self._lock
            )
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {int(_BUSY_TIMEOUT_S * 1000)}")
            _use_wal(db)
            create_events_table(db)
            # WAL + NORMAL: a commit survives a crash of the process, not of the machine;
            # enough for a demo, and it keeps a submission well under a millisecond.
            db.execute("PRAGMA synchronous = NORMAL")
            self._migrate(db)
        except (sqlite3.Error, OSError) as exc:
            raise _unavailable(self.path, exc) from exc
        return db

    def _migrate(self, db: sqlite3.Connection) -> None:
        if _user_version(db) == SCHEMA_VERSION:
            return
        with _immediate(db):
            version = _user_version(db)  # again: another process may have migrated
            if version > SCHEMA_VERSION:
                raise BackendUnavailable(
                    f"demo store {self.path} was written by a newer fleet-tui "
                    f"(schema {version} > {SCHEMA_VERSION})",
                    code="store_newer",
                    path=str(self.path),
                )
            for statements in _MIGRATIONS[version:]:
                for statement in statements:
                    if isinstance(statement, str):
                        db.execute(statement)
                    else:
                        statement(db)
            if version == 0:
                for order in self._seed():
                    self._insert(db, order)
            db.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    def close(self) -> None:
        """Close the connection (it reopens on next use)."""
        with self._lock:
            if self._db is not None and self._pid == os.getpid():
                self._db.close()
            self._db = None

    # --- orders ----------------------------------------------------------------------

    def add(self, order: NewOrder) -> tuple[StoredOrder, bool]:
        """Store ``order`` unless its idempotency key is known.

        Returns the stored order and whether it was created now. Raises
        :class:`Conflict` ``idempotency_key_reused`` (same key, other document), or the
        code of the first claim another order holds (``reserved_number_taken``,
        ``transfer_already_requested``, ``sim_card_taken``) on its field.
        """
        with self._lock:
            db = self._connection()
            try:
                with _immediate(db):
                    if order.idempotency_key is not None:
                        known = db.execute(
                            f"SELECT {_COLUMNS} FROM orders WHERE idempotency_key = ?",
                            (order.idempotency_key,),
                        ).fetchone()
                        if known is not None:
                            if known["document"] != canonical_json(order.document):
                                raise Conflict("idempotency_key_reused")
                            return StoredOrder.from_row(known), False
                    reference = self._insert(db, order)
                    db.execute("INSERT INTO pending_emails (reference) VALUES (?)", (reference,))
            except sqlite3.Error as exc:
                raise _unavailable(self.path, exc) from exc
            return _stored(order, reference), True

    def _insert(self, db: sqlite3.Connection, order: NewOrder) -> str:
        values = (
            order.idempotency_key,
            canonical_json(order.document),
            to_text(order.submitted_at),
            to_text(order.expected_activation),
            order.processing_rule,
            order.activation_code,
            order.reserved_number,
            order.phone_number,
            order.plan,
            order.request,
            order.confirmation_code,
            order.submitted_by,
        )
        for _ in range(_REFERENCE_ATTEMPTS):
            reference = self._new_reference(order.submitted_at)
            try:
                db.execute(_INSERT, (reference, *values))
            except sqlite3.IntegrityError as exc:
                # The failed statement is undone; the transaction stays open.
                message = str(exc)
                if "orders.reference" in message:
                    continue
                if "orders.reserved_number" in message:
                    raise Conflict("reserved_number_taken", ("number", "desired_number")) from exc
                if "orders.idempotency_key" in message:
                    raise Conflict("idempotency_key_reused") from exc
                raise
            self._claim(db, order)
            return reference
        raise BackendUnavailable("no free order reference left for this minute")

    def _claim(self, db: sqlite3.Connection, order: NewOrder) -> None:
        order_id = db.execute("SELECT last_insert_rowid()").fetchone()[0]
        for claim in order.claims:
            try:
                db.execute(_INSERT_CLAIM, (claim.kind, claim.value, order_id))
            except sqlite3.IntegrityError as exc:
                # Raised inside the transaction: the order row is rolled back with it.
                raise Conflict(claim.conflict_code, claim.path) from exc

    def pending_emails(self) -> list[StoredOrder]:
        """The orders whose confirmation emails are still to be written, oldest first."""
        with self._lock:
            try:
                rows = self._connection().execute(
                    f"SELECT {_COLUMNS} FROM orders WHERE reference IN "
                    "(SELECT reference FROM pending_emails) ORDER BY id"
                )
                return [StoredOrder.from_row(row) for row in rows.fetchall()]
            except sqlite3.Error as exc:
                raise _unavailable(self.path, exc) from exc

    def emails_written(self, reference: str) -> None:
        """``reference``'s emails are written (or given up): off the queue."""
        with self._lock:
            try:
                self._connection().execute(
                    "DELETE FROM pending_emails WHERE reference = ?", (reference,)
                )
            except sqlite3.Error as exc:
                raise _unavailable(self.path, exc) from exc

    def recent(self, limit: int) -> list[StoredOrder]:
        """The latest ``limit`` orders, newest first."""
        with self._lock:
            try:
                rows = (
                    self._connection()
                    .execute(
                        f"SELECT {_COLUMNS} FROM orders "
                        "ORDER BY submitted_at DESC, id DESC LIMIT ?",
                        (max(0, limit),),
                    )
                    .fetchall()
                )
                events = read_events(self._connection(), [row["id"] for row in rows])
            except sqlite3.Error as exc:
                raise _unavailable(self.path, exc) from exc
        return list(self._readable(rows, events))

    def _readable(
        self, rows: Iterable[sqlite3.Row], events: Mapping[int, tuple[StatusEvent, ...]]
    ) -> Iterator[StoredOrder]:
        # One damaged row (edited by hand, written by a broken tool) must not take the
        # dashboard or GET /v1/orders down with it: skip it, say so, serve the rest.
        for row in rows:
            try:
                yield StoredOrder.from_row(row, events.get(row["id"], ()))
            except (ValueError, TypeError, KeyError) as exc:
                self.unreadable_rows += 1
                _log.warning(
                    "demo store %s: order %s skipped, unreadable (%s)",
                    self.path,
                    row["reference"],
                    type(exc).__name__,
                )

    def find(self, reference: str) -> StoredOrder | None:
        """The order ``reference`` (an indexed look-up), if stored."""
        with self._lock:
            try:
                return self._find(self._connection(), reference)
            except sqlite3.Error as exc:
                raise _unavailable(self.path, exc) from exc

    def _find(self, db: sqlite3.Connection, reference: str) -> StoredOrder | None:
        row = db.execute(f"SELECT {_COLUMNS} FROM orders WHERE reference = ?", (reference,))
        found = row.fetchone()
        if found is None:
            return None
        events = read_events(db, [found["id"]])
        return StoredOrder.from_row(found, events.get(found["id"], ()))

    def record_end(
        self,
        reference: str,
        event: StatusEvent,
        decide: Callable[[StoredOrder], str | None],
    ) -> tuple[StoredOrder | None, bool]:
        """Record that order ``reference`` ended with ``event`` (cancelled, refused) and
        release what it claimed, in one transaction, if ``decide(order)`` (called
        inside it, on the order as stored now) returns ``None``; a code from ``decide``
        is raised as :class:`EndRefused`. An order that already has a step of that
        status is returned as is (``False``): ending twice changes nothing.

        Returns the order as stored afterwards (``None``: unknown reference) and
        whether this call recorded the step.
        """
        with self._lock:
            db = self._connection()
            try:
                with _immediate(db):
                    stored = self._find(db, reference)
                    if stored is None:
                        return None, False
                    if any(e.status == event.status for e in stored.events):
                        return stored, False
                    refusal = decide(stored)
                    if refusal is not None:
                        raise EndRefused(refusal, stored)
                    db.execute(
                        "INSERT INTO order_events (order_id, status, at, reason, done_by) "
                        "VALUES (?, ?, ?, ?, ?)",
                        (stored.id, event.status, to_text(event.at), event.reason, event.by),
                    )
                    release_claims(db, stored.id)
                    after = self._find(db, reference)
            except sqlite3.Error as exc:
                raise _unavailable(self.path, exc) from exc
        return after, True

    def claimed_numbers(self) -> set[str]:
        """Reserved numbers already used by an order."""
        with self._lock:
            try:
                rows = (
                    self._connection()
                    .execute("SELECT reserved_number FROM orders WHERE reserved_number IS NOT NULL")
                    .fetchall()
                )
            except sqlite3.Error as exc:
                raise _unavailable(self.path, exc) from exc
        return {row[0] for row in rows}

    def count(self) -> int:
        """How many orders the store holds."""
        with self._lock:
            row = self._connection().execute("SELECT count(*) FROM orders").fetchone()
        return int(row[0])


def _unavailable(path: Path, exc: Exception) -> BackendUnavailable:
    # The text (SQLite's, in English) is for logs; the user reads the code's message.
    return BackendUnavailable(f"demo store {path}: {exc}", code="store", path=str(path))


def _use_wal(db: sqlite3.Connection) -> None:
    # WAL lets readers (a dashboard) work while another process writes. Switching a new
    # file to WAL needs an exclusive lock that SQLite does not wait for (no busy
    # handler), so two processes creating the store at once retry here.
    deadline = time.monotonic() + _BUSY_TIMEOUT_S
    while True:
        try:
            # A file system without WAL support answers its old mode: that still works.
            db.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
        time.sleep(0.005)


def _user_version(db: sqlite3.Connection) -> int:
    return int(db.execute("PRAGMA user_version").fetchone()[0])


@contextmanager
def _immediate(db: sqlite3.Connection) -> Iterator[None]:
    # IMMEDIATE takes the write lock up front (waiting up to busy_timeout), so two
    # processes cannot interleave between the idempotency look-up and the insert.
    db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        if db.in_transaction:  # SQLite may already have rolled back (disk full, I/O)
            db.execute("ROLLBACK")
        raise
    db.execute("COMMIT")


def _stored(order: NewOrder, reference: str) -> StoredOrder:
    return StoredOrder(
        reference=reference,
        document=order.document,
        # Through text and back, so that a replayed confirmation is identical to the first.
        submitted_at=datetime.fromisoformat(to_text(order.submitted_at)),
        expected_activation=datetime.fromisoformat(to_text(order.expected_activation)),
        processing_rule=order.processing_rule,
        activation_code=order.activation_code,
        phone_number=order.phone_number,
        plan=order.plan,
        request=order.request,
        confirmation_code=order.confirmation_code,
        submitted_by=order.submitted_by,
    )
