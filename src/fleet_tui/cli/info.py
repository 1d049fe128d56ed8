"""``fleet-tui catalog`` and ``fleet-tui account``: what the current client offers and
what the signed-in account holds, so that a batch file can be written without reading
code. ``--json`` prints the models as JSON; otherwise readable tables (Rich), with every
backend string shown as plain text, never as markup.

Exit codes: 0 done, 1 bad command line, 2 backend failure (as the batch commands).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from typing import TYPE_CHECKING

from fleet_tui.cli.common import (
    client_from_args,
    report_client_problem,
    settings_from_args,
    sign_in_unattended,
)
from fleet_tui.cli.exit_codes import EXIT_BACKEND, EXIT_OK
from fleet_tui.cli.messages import not_signed_in_message, unavailable_message
from fleet_tui.cli.safe_text import json_safe, say, shown
from fleet_tui.clients.base import ClientError, NotSignedIn
from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.i18n import Lang, Translator
from fleet_tui.core.rules import display_number
from fleet_tui.session.config import Settings

if TYPE_CHECKING:
    from rich.table import Table
    from rich.text import Text


def run(args: argparse.Namespace) -> int:
    """Run ``catalog`` or ``account``; return the exit code."""
    settings = settings_from_args(args)
    return asyncio.run(_run(args, settings))


async def _run(args: argparse.Namespace, settings: Settings) -> int:
    lang = settings.lang
    try:
        client = client_from_args(args)
    except Exception as exc:  # report_client_problem re-raises what it does not know
        return report_client_problem(exc, lang)
    async with client:
        try:
            await sign_in_unattended(client, settings)
            found: Account | Catalogue = await (
                client.catalogue() if args.command == "catalog" else client.account()
            )
        except NotSignedIn as exc:
            say(not_signed_in_message(exc, client.name, lang), sys.stderr)
            return EXIT_BACKEND
        except (ClientError, OSError) as exc:
            say(unavailable_message(exc, lang), sys.stderr)
            return EXIT_BACKEND
    if args.json:
        print(json_safe(json.dumps(found.model_dump(mode="json"), ensure_ascii=False, indent=2)))
    elif isinstance(found, Catalogue):
        _print_tables(catalogue_tables(found, lang))
    else:
        _print_tables(account_tables(found, lang))
    return EXIT_OK


def _print_tables(tables: list[Table | Text]) -> None:
    from rich.console import Console

    console = Console()
    for item in tables:
        console.print(item)


def _text(value: str) -> Text:
    # Backend strings become Text, never markup: "Acme [GmbH]" prints as written, and
    # an escape sequence in a name prints as "\x1b", never reaching the terminal.
    from rich.text import Text

    return Text(shown(value))


def _table(title: str, headers: list[str], rows: list[list[str]]) -> Table:
    # Imported here: `--json` and the batch commands never load Rich.
    from rich.table import Table

    table = Table(title=_text(title), title_justify="left")
    for header in headers:
        table.add_column(_text(header))
    for row in rows:
        table.add_row(*(_text(cell) for cell in row))
    return table


def catalogue_tables(catalogue: Catalogue, lang: Lang) -> list[Table | Text]:
    """The catalogue as tables: operators, plans, options, then the amounts."""
    tr = Translator(lang)
    yes_no = {True: tr("cli.yes"), False: tr("cli.no")}
    return [
        _table(
            tr("cli.catalogue_operators"),
            [tr("cli.col_code"), tr("cli.col_name"), tr("cli.col_orange")],
            [[o.code, o.label(tr.lang), yes_no[o.is_orange]] for o in catalogue.operators],
        ),
        _table(
            tr("cli.catalogue_plans"),
            [
                tr("cli.col_code"),
                tr("cli.col_name"),
                tr("cli.col_type"),
                tr("cli.col_family"),
                tr("cli.col_surf_extra"),
            ],
            [
                [p.code, p.name, p.type, p.family, yes_no[p.surf_extra_card]]
                for p in catalogue.plans
            ],
        ),
        _table(
            tr("cli.catalogue_options"),
            [tr("cli.col_code"), tr("cli.col_name"), tr("cli.col_plans"), tr("cli.col_types")],
            [
                [
                    o.code,
                    o.name,
                    ", ".join(o.plans) or tr("cli.all"),
                    ", ".join(o.types) or tr("cli.all"),
                ]
                for o in catalogue.options
            ],
        ),
        _text(
            tr(
                "cli.catalogue_amounts",
                amounts=", ".join(f"{a} €" for a in catalogue.travel_data_control_amounts),
                default=catalogue.default_travel_data_control,
            )
        ),
    ]


def account_tables(account: Account, lang: Lang) -> list[Table | Text]:
    """The account as tables: customer numbers, reserved numbers, fleet, profiles."""
    tr = Translator(lang)
    yes_no = {True: tr("cli.yes"), False: tr("cli.no")}
    return [
        _text(
            tr(
                "cli.account_title",
                company=account.company,
                holder=account.holder,
                email=account.holder_email,
            )
        ),
        _table(
            tr("cli.account_customer_numbers"),
            [
                tr("cli.col_number"),
                tr("cli.col_label"),
                tr("cli.col_billing_only"),
                tr("cli.col_split_profile"),
            ],
            [
                [c.number, c.label, yes_no[c.billing_only], c.invoice_split_profile or ""]
                for c in account.customer_numbers
            ],
        ),
        _table(
            tr("cli.account_reserved_numbers"),
            [tr("cli.col_number")],
            [[display_number(n)] for n in account.reserved_numbers],
        ),
        _table(
            tr("cli.account_fleet"),
            [tr("cli.col_number"), tr("cli.col_user"), tr("cli.col_plan"), tr("cli.col_options")],
            [
                [display_number(f.number), f.user, f.plan, ", ".join(f.options)]
                for f in account.fleet
            ],
        ),
        _table(
            tr("cli.account_profiles"),
            [tr("cli.col_code"), tr("cli.col_name"), tr("cli.col_company_share")],
            [
                [
                    p.code,
                    p.name,
                    "" if p.company_share_eur is None else str(p.company_share_eur),
                ]
                for p in account.invoice_split_profiles
            ],
        ),
    ]
