"""The cancellation email of the demo backend: ``<outbox>/<reference>-cancelled.eml``
to the fleet manager, in the account's language (nothing is sent)."""

from __future__ import annotations

import os
import secrets
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP, SMTPUTF8
from email.utils import make_msgid
from pathlib import Path

from fleet_tui.clients.demo.outbox import DOMAIN, SENDER
from fleet_tui.core.account import Account, OrderRecord
from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.moments import format_moment
from fleet_tui.core.processing import BRUSSELS
from fleet_tui.core.rules import display_number


def cancellation_email(account: Account, record: OrderRecord) -> EmailMessage:
    """The message telling the fleet manager that order ``record`` is cancelled."""
    lang: Lang = account.language
    cancelled = record.history[-1].at
    number = display_number(record.phone_number) or t("orders.email.no_number", lang)
    lines = [
        t("email.greeting", lang, name=account.holder),
        "",
        t("orders.email.intro", lang, reference=record.reference, company=account.company),
        t("orders.email.when", lang, when=format_moment(cancelled, lang)),
        t("orders.email.number", lang, number=number),
        "",
        *_what_happens(record, lang),
        t("email.signature", lang),
        "",
        t("email.demo_notice", lang),
    ]
    local, _, domain = account.holder_email.rpartition("@")
    to = Address(account.holder, username=local, domain=domain)
    message = EmailMessage(policy=SMTP if account.holder_email.isascii() else SMTPUTF8)
    message["From"] = str(SENDER)
    message["To"] = str(to)
    message["Subject"] = t("orders.email.subject", lang, reference=record.reference)
    message["Date"] = cancelled.astimezone(BRUSSELS)
    message["Message-ID"] = make_msgid(idstring=f"{record.reference}-cancelled", domain=DOMAIN)
    message.set_content("\n".join(lines) + "\n", cte="8bit")
    message["Content-Language"] = lang
    return message


def _what_happens(record: OrderRecord, lang: Lang) -> list[str]:
    if record.request == "transfer":
        return [t("orders.email.stays", lang), ""]
    if record.order is not None and getattr(record.order.number, "desired_number", None):
        return [t("orders.email.released", lang), ""]
    return []


def write_cancellation(outbox: Path, account: Account, record: OrderRecord) -> Path:
    """Write the cancellation email of ``record`` (through a temporary file and a
    rename, so a reader never sees half a message); its path."""
    outbox.mkdir(parents=True, exist_ok=True)
    name = f"{record.reference}-cancelled.eml"
    path = outbox / name
    temporary = outbox / f".{name}.{os.getpid()}.{secrets.token_hex(4)}.tmp"
    temporary.write_bytes(cancellation_email(account, record).as_bytes())
    os.replace(temporary, path)
    return path
