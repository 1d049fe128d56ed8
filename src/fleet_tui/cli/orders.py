"""``fleet-tui orders``, ``fleet-tui order REF`` and ``fleet-tui cancel REF``: the
account's requests after submission, one request with its history, and cancelling one
(SPEC §8). ``--json`` prints the records as JSON (``OrderRecord`` of the HTTP contract).

Exit codes: 0 done (``cancel``: cancelled, or already cancelled); 1 an unknown reference,
or (``cancel``) a request that can no longer be cancelled, with the reason; 2 backend
failure (unknown client, sign-in refused, backend unavailable).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import unicodedata
from typing import Any

from fleet_tui.cli.common import (
    client_from_args,
    report_client_problem,
    settings_from_args,
    sign_in_unattended,
)
from fleet_tui.cli.exit_codes import EXIT_BACKEND, EXIT_INVALID, EXIT_OK
from fleet_tui.clients.base import (
    Client,
    ClientError,
    NotCancellable,
    NotSignedIn,
    UnknownOrder,
)
from fleet_tui.core import order_view
from fleet_tui.core.account import OrderRecord
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.errors import FieldError
from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.moments import format_moment
from fleet_tui.session.config import Settings

#: How many requests ``fleet-tui orders`` lists.
LIST_LIMIT = 50


def run(args: argparse.Namespace) -> int:
    """Run ``orders``, ``order`` or ``cancel``; return the exit code."""
    settings = settings_from_args(args)
    return asyncio.run(_run(args, settings))


def plain(text: str) -> str:
    """``text`` with control characters shown escaped (``\\x1b``), so that a backend's
    string cannot drive the terminal."""
    return "".join(
        ch.encode("unicode_escape").decode("ascii")
        if unicodedata.category(ch) in {"Cc", "Cf", "Zl", "Zp"}
        else ch
        for ch in text
    )


def _say(text: str, *, error: bool = False) -> None:
    print(plain(text), file=sys.stderr if error else sys.stdout)


def _record_json(record: OrderRecord) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_none=True)


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    lang = settings.lang
    try:
        client = client_from_args(args)
    except Exception as exc:  # report_client_problem re-raises what it does not know
        return report_client_problem(exc, lang)
    async with client:
        try:
            await sign_in_unattended(client, settings)
            return await _command(client, args, lang)
        except NotSignedIn as exc:
            reason = str(exc) or "—"
            _say(t("cli.not_signed_in", lang, client=client.name, reason=reason), error=True)
            return EXIT_BACKEND
        except (ClientError, OSError) as exc:
            reason = str(exc) or type(exc).__name__
            _say(t("cli.backend_unavailable", lang, reason=reason), error=True)
            return EXIT_BACKEND


async def _command(client: Client, args: argparse.Namespace, lang: Lang) -> int:
    if args.command == "orders":
        records = await client.recent_orders(LIST_LIMIT)
        if args.json:
            print(json.dumps([_record_json(r) for r in records], ensure_ascii=False, indent=2))
        else:
            _print_list(records, await client.catalogue(), lang)
        return EXIT_OK
    reference = str(args.reference).strip()
    if args.command == "order":
        found = await client.order(reference)
        if found is None:
            return _refused(FieldError((), "order_unknown", {"reference": reference}), args, lang)
        _print_one(found, args, lang)
        return EXIT_OK
    before = await client.order(reference)
    try:
        record = await client.cancel(reference)
    except UnknownOrder as exc:
        return _refused(exc.error, args, lang)
    except NotCancellable as exc:
        return _refused(exc.error, args, lang)
    if not args.json:
        key = "orders.cli.already_cancelled"
        if before is None or before.status != "cancelled":
            key = "orders.cli.cancelled"
        _say(t(key, lang, reference=record.reference))
    _print_one(record, args, lang)
    return EXIT_OK


def _refused(error: FieldError, args: argparse.Namespace, lang: Lang) -> int:
    if args.json:
        print(json.dumps({"ok": False, "error": error.as_json(lang)}, ensure_ascii=False))
    else:
        _say(error.message(lang), error=True)
    return EXIT_INVALID


def _print_list(records: list[OrderRecord], catalogue: Catalogue, lang: Lang) -> None:
    if not records:
        _say(t("orders.cli.none", lang))
        return
    rows = [order_view.header(lang)] + [order_view.order_cells(r, catalogue, lang) for r in records]
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    for row in rows:
        _say("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip())


def _print_one(record: OrderRecord, args: argparse.Namespace, lang: Lang) -> None:
    if args.json:
        print(json.dumps(_record_json(record), ensure_ascii=False, indent=2))
        return
    _say(f"{record.reference} — {order_view.status_text(record, lang)}")
    _say(f"{t('orders.col.kind', lang)}: {t(f'orders.kind.{record.request}', lang)}")
    _say(f"{t('orders.detail.submitted', lang)}: {format_moment(record.submitted_at, lang)}")
    activation = format_moment(record.expected_activation, lang, zone_note=True)
    _say(f"{t('orders.detail.activation', lang)}: {activation}")
    _say(t("orders.cli.history", lang))
    for event in record.history:
        _say(f"  {order_view.event_text(event, lang)}")
    refusal = record.cancel_refusal
    if record.cancellable:
        _say(t("orders.detail.cancellable", lang))
    elif refusal is not None:
        _say(FieldError((), refusal).message(lang))
