"""``fleet-tui validate FILE...`` and ``fleet-tui submit FILE...``.

Every order of every file is checked against the signed-in account and the catalogue
with the core's one set of rules (:func:`fleet_tui.core.rules.order_errors`). ``submit``
sends nothing unless every order passes, then submits them in file order, each with an
idempotency key derived from the normalised order, so that running the same file again
(after a backend failure, say) submits nothing twice. It stops at the first refusal.

Exit codes: 0 done, 1 invalid input (nothing submitted), 2 backend failure.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import json
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from fleet_tui.cli.common import (
    client_from_args,
    client_problem,
    settings_from_args,
    sign_in_unattended,
)
from fleet_tui.cli.exit_codes import EXIT_BACKEND, EXIT_INVALID, EXIT_OK
from fleet_tui.cli.messages import not_signed_in_message, unavailable_message
from fleet_tui.cli.safe_text import json_safe, say, shown
from fleet_tui.clients.base import (
    BackendUnavailable,
    Client,
    ClientError,
    Confirmation,
    Conflict,
    InvalidOrder,
    NotSignedIn,
)
from fleet_tui.core.claims import Claim, claims_of, claims_of_document
from fleet_tui.core.document import DocumentError, LocatedOrder, load_orders
from fleet_tui.core.errors import FieldError
from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.order import Order
from fleet_tui.core.rules import OrderContext, order_errors, validate_parts
from fleet_tui.session.config import Settings

BRUSSELS = ZoneInfo("Europe/Brussels")
#: Below this many orders a progress bar would only flicker.
PROGRESS_THRESHOLD = 20


@dataclass
class Checked:
    """One order of a batch after validation: the :class:`Order` when it passed."""

    located: LocatedOrder
    order: Order | None
    errors: list[FieldError]
    confirmation: Confirmation | None = None


@dataclass
class Failure:
    """Why a run stopped before the end: a code for ``--json`` and a readable text."""

    kind: str
    message: str
    exit_code: int
    details: list[dict[str, Any]] = field(default_factory=list)


def run(args: argparse.Namespace) -> int:
    """Run ``validate`` or ``submit``; return the exit code."""
    settings = settings_from_args(args)
    lang = settings.lang
    submit = args.command == "submit"
    report = _Report(lang, as_json=args.json)
    try:
        client = client_from_args(args)
    except Exception as exc:  # client_problem re-raises what it does not know
        problem = client_problem(exc, lang)
        failure = Failure(problem.kind, problem.message, problem.exit_code)
        return report.finish([], [], failure, submit=submit)
    return asyncio.run(run_batch(client, settings, args.files, submit=submit, as_json=args.json))


async def run_batch(
    client: Client,
    settings: Settings,
    files: Sequence[Path],
    *,
    submit: bool,
    as_json: bool = False,
) -> int:
    """Validate (and with ``submit``, submit) every order of ``files`` through
    ``client``, print the report on stdout (problems on stderr) and return the exit
    code. The client is signed in unattended and closed at the end."""
    lang = settings.lang
    report = _Report(lang, as_json=as_json)
    located: list[LocatedOrder] = []
    file_errors: list[DocumentError] = []
    for path in files:
        try:
            located.extend(load_orders(Path(path)))
        except DocumentError as exc:
            file_errors.append(exc)
    async with client:
        if file_errors and not located:
            return report.finish([], file_errors, None, submit=submit)
        try:
            await sign_in_unattended(client, settings)
            context = await client.order_context()
        except (ClientError, OSError) as exc:
            failure = _backend_failure(exc, lang, client)
            return report.finish([], file_errors, failure, submit=submit)
        checked = _validate_all(located, context, lang)
        if submit and not file_errors:
            await _recognise_replays(client, checked, context)
        if file_errors or any(c.order is None for c in checked) or not submit:
            return report.finish(checked, file_errors, None, submit=submit)
        stopped = await _submit_all(client, checked, lang)
        return report.finish(checked, [], stopped, submit=submit)


def _validate_all(located: list[LocatedOrder], context: OrderContext, lang: Lang) -> list[Checked]:
    checked: list[Checked] = []
    with _progress(len(located), t("cli.progress_validate", lang)) as advance:
        for item in located:
            order, errors = order_errors(item.data, context)
            checked.append(Checked(item, order, errors))
            advance()
    _refuse_numbers_used_twice(checked, lang)
    return checked


_DESIRED = ("number", "desired_number")


async def _recognise_replays(client: Client, checked: list[Checked], context: OrderContext) -> None:
    """Orders of a re-run that the backend already holds: "already submitted", not
    invalid because their reserved number is taken (by themselves).

    The account lists only the reserved numbers still free, so an order stored by an
    earlier run fails ``reserved_number_unknown``. When that is its only error, it is
    checked again as if the number were free and sent with its idempotency key: the
    backend answers the first confirmation if it holds the order, and refuses it
    otherwise (the number is another order's, or unknown): it never stores a second.
    """
    for item in checked:
        only_the_number = item.errors and all(
            e.code == "reserved_number_unknown" and e.path == _DESIRED for e in item.errors
        )
        if item.order is not None or not only_the_number:
            continue
        parts, _ = validate_parts(item.located.data)
        number = getattr(parts.get("number"), "desired_number", None)
        if number is None:
            continue
        account = context.account.model_copy(
            update={"reserved_numbers": (*context.account.reserved_numbers, number)}
        )
        order, errors = order_errors(item.located.data, replace(context, account=account))
        if order is None or errors:
            continue
        try:
            confirmation = await client.submit(order, idempotency_key(order))
        except (ClientError, OSError):
            continue  # not a replay: the first error stands
        item.order, item.errors, item.confirmation = order, [], confirmation


def _claims(item: Checked) -> list[Claim]:
    """What an order claims; for an invalid one, what its valid fields claim (so that a
    clash is reported in the same pass as the order's other errors)."""
    if item.order is not None:
        return claims_of(item.order)
    data = item.located.data
    return claims_of_document(data) if isinstance(data, dict) else []


def _refuse_numbers_used_twice(checked: list[Checked], lang: Lang) -> None:
    # A batch is submitted as a whole: two orders for one number would leave the second
    # refused half-way through the run, after the first was submitted.
    first_use: dict[tuple[str, str], Checked] = {}
    for item in checked:
        clashes: list[FieldError] = []
        for claim in _claims(item):
            other = first_use.setdefault((claim.kind, claim.value), item)
            if other is not item:
                where = other.located.location.text(lang)
                clashes.append(FieldError(claim.path, "twice_in_batch", {"other": where}))
        if clashes:
            item.errors = (item.errors if item.order is None else []) + clashes
            item.order = None


def idempotency_key(order: Order) -> str:
    """The key an order is submitted with: a digest of its normalised document.

    Equal orders get equal keys wherever they come from, so re-running a file — even
    edited elsewhere, reordered, or split — never submits an order twice; distinct
    orders differ at least by their (e)SIM number (refused twice in one batch).
    """
    text = json.dumps(order.document(), sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "batch-" + hashlib.sha256(text.encode("utf-8")).hexdigest()


async def _submit_all(client: Client, checked: list[Checked], lang: Lang) -> Failure | None:
    done = 0
    with _progress(len(checked), t("cli.progress_submit", lang)) as advance:
        for item in checked:
            assert item.order is not None  # only fully valid batches get here
            if item.confirmation is not None:  # recognised as a replay already
                done += 1
                advance()
                continue
            try:
                item.confirmation = await client.submit(item.order, idempotency_key(item.order))
            except (ClientError, OSError) as exc:
                failure = _backend_failure(exc, lang, client)
                where = item.located.location.text(lang)
                # Each line made safe on its own: a value's line feed must not fake a line.
                lines = [t("cli.submit_refused", lang, location=where)]
                if isinstance(exc, Conflict | InvalidOrder):
                    errors = [exc.error] if isinstance(exc, Conflict) else exc.errors
                    item.errors = errors
                    lines.extend(_field_lines(errors, lang))
                else:
                    lines.append(failure.message)
                lines.append(t("cli.submit_stopped", lang, location=where, done=done))
                failure.message = "\n".join(shown(line) for line in lines)
                return failure
            done += 1
            advance()
    return None


def _backend_failure(exc: ClientError | OSError, lang: Lang, client: Client) -> Failure:
    # OSError: a client that lets a file or socket error through is still unavailable.
    if isinstance(exc, InvalidOrder):
        return Failure("invalid_order", str(exc), EXIT_INVALID)
    if isinstance(exc, Conflict):
        return Failure("conflict", exc.error.message(lang), EXIT_BACKEND)
    if isinstance(exc, NotSignedIn):
        return Failure("not_signed_in", not_signed_in_message(exc, client.name, lang), EXIT_BACKEND)
    unavailable = isinstance(exc, BackendUnavailable | OSError)
    kind = "backend_unavailable" if unavailable else "backend_error"
    return Failure(kind, unavailable_message(exc, lang), EXIT_BACKEND)


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[], None]]:
    """A progress bar on stderr for long runs in a terminal; a no-op otherwise."""
    if total <= PROGRESS_THRESHOLD or not sys.stderr.isatty():
        yield lambda: None
        return
    # Rich is imported only here: short runs and pipes never pay for it.
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task(label, total=total, markup=False)
        yield lambda: bar.advance(task)


def _field_lines(errors: Iterable[FieldError], lang: Lang) -> list[str]:
    return [
        t("cli.field_error", lang, field=e.field, message=e.message(lang))
        if e.field
        else t("cli.order_error", lang, message=e.message(lang))
        for e in errors
    ]


def _activation(confirmation: Confirmation) -> str:
    return confirmation.expected_activation.astimezone(BRUSSELS).strftime("%Y-%m-%d %H:%M")


class _Report:
    """Prints the outcome, as text or as one JSON document, and picks the exit code."""

    def __init__(self, lang: Lang, *, as_json: bool) -> None:
        self.lang = lang
        self.as_json = as_json

    def finish(
        self,
        checked: Sequence[Checked],
        file_errors: Sequence[DocumentError],
        failure: Failure | None,
        *,
        submit: bool,
    ) -> int:
        invalid = bool(file_errors) or any(c.order is None for c in checked)
        code = EXIT_INVALID if invalid else EXIT_OK
        if failure is not None:
            code = failure.exit_code
        if self.as_json:
            self._json(checked, file_errors, failure, submit=submit)
        else:
            self._text(checked, file_errors, failure, invalid=invalid, submit=submit)
        return code

    def _text(
        self,
        checked: Sequence[Checked],
        file_errors: Sequence[DocumentError],
        failure: Failure | None,
        *,
        invalid: bool,
        submit: bool,
    ) -> None:
        lang = self.lang
        out: list[str] = []
        for error in file_errors:
            where = error.location.text(lang)
            out.append(t("cli.file_error", lang, location=where, message=error.message(lang)))
        for item in checked:
            where = item.located.location.text(lang)
            if item.confirmation is not None:
                ref = item.confirmation.reference
                when = _activation(item.confirmation)
                # A replay stored nothing new: say so, a re-run must not look like a run.
                key = (
                    "cli_batch.already_submitted" if item.confirmation.replayed else "cli.submitted"
                )
                out.append(t(key, lang, location=where, reference=ref, activation=when))
                if item.confirmation.emails_pending:
                    out.append(t("hardened.emails_pending", lang, reference=ref))
            elif item.order is None:
                out.append(t("cli.order_invalid", lang, location=where))
                out.extend(_field_lines(item.errors, lang))
            elif not submit:
                out.append(t("cli.order_valid", lang, location=where))
        if checked and not (submit and not invalid):
            bad = sum(1 for c in checked if c.order is None)
            out.append(
                t(
                    "cli.validate_summary",
                    lang,
                    count=len(checked),
                    valid=len(checked) - bad,
                    invalid=bad,
                )
            )
        if submit and invalid and failure is None:
            out.append(t("cli.nothing_submitted", lang))
        if submit and not invalid:
            sent = sum(1 for c in checked if c.confirmation is not None)
            replayed = sum(1 for c in checked if c.confirmation and c.confirmation.replayed)
            if replayed:
                out.append(
                    t("cli_batch.submit_summary", lang, count=sent - replayed, replayed=replayed)
                )
            else:
                out.append(t("cli.submit_summary", lang, count=sent))
        if out:
            print("\n".join(shown(line) for line in out))
        if failure is not None:
            say(failure.message, sys.stderr)

    def _json(
        self,
        checked: Sequence[Checked],
        file_errors: Sequence[DocumentError],
        failure: Failure | None,
        *,
        submit: bool,
    ) -> None:
        lang = self.lang
        orders: list[dict[str, Any]] = []
        for item in checked:
            loc = item.located.location
            entry: dict[str, Any] = {
                "location": loc.text(lang),
                "file": loc.file,
                loc.unit: loc.number,
                "valid": item.order is not None,
                "errors": [e.as_json(lang) for e in item.errors],
            }
            if submit:
                entry["confirmation"] = (
                    item.confirmation.model_dump(mode="json", exclude={"order"})
                    if item.confirmation
                    else None
                )
                entry["already_submitted"] = bool(item.confirmation and item.confirmation.replayed)
            orders.append(entry)
        result: dict[str, Any] = {
            "ok": failure is None and not file_errors and all(c.order for c in checked),
            "orders": orders,
            "file_errors": [
                {
                    "location": e.location.text(lang),
                    "file": e.location.file,
                    "code": e.code,
                    "message": e.message(lang),
                }
                for e in file_errors
            ],
        }
        if submit:
            done = [c.confirmation for c in checked if c.confirmation is not None]
            result["submitted"] = sum(1 for c in done if not c.replayed)
            result["already_submitted"] = sum(1 for c in done if c.replayed)
        if failure is not None:
            result["failure"] = {"kind": failure.kind, "message": failure.message}
        sys.stdout.write(json_safe(json.dumps(result, ensure_ascii=False, indent=2)) + "\n")
