"""Submitted orders as people read them (SPEC §8): the columns of a list of requests
and the lines of a status history, in the reader's language. Plain text, shared by
the dashboard, the order detail screen and the ``orders`` / ``order`` commands."""

from __future__ import annotations

from datetime import datetime

from fleet_tui.core.account import OrderRecord
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.moments import format_moment
from fleet_tui.core.order_status import StatusEvent
from fleet_tui.core.processing import BRUSSELS
from fleet_tui.core.rules import display_number
from fleet_tui.core.submitter import submitter_text

#: The columns of a list of requests, in order.
COLUMNS: tuple[str, ...] = ("reference", "date", "kind", "number", "plan", "status")


def short_moment(moment: datetime) -> str:
    """``02/12/2026 14:35`` (Brussels): compact, for tables."""
    return f"{moment.astimezone(BRUSSELS):%d/%m/%Y %H:%M}"


def status_text(record: OrderRecord, lang: Lang) -> str:
    """The translated status of ``record``."""
    return t(f"orders.status.{record.status}", lang)


def order_cells(record: OrderRecord, catalogue: Catalogue | None, lang: Lang) -> list[str]:
    """One request as the :data:`COLUMNS` show it."""
    plan = catalogue.plan(record.plan) if catalogue is not None and record.plan else None
    number = display_number(record.phone_number) or t("orders.number_later", lang)
    return [
        record.reference,
        short_moment(record.submitted_at),
        t(f"orders.kind.{record.request}", lang),
        number,
        plan.name if plan else record.plan,
        status_text(record, lang),
    ]


def header(lang: Lang) -> list[str]:
    """The column titles."""
    return [t(f"orders.col.{column}", lang) for column in COLUMNS]


def event_text(event: StatusEvent, lang: Lang) -> str:
    """One step of a history: ``lundi 3 mars 2025 à 15:35 — reçue`` (with its reason,
    and who took it when the backend says: ``— par utilisateur ssh alice, clé …``)."""
    text = f"{format_moment(event.at, lang)} — {t(f'orders.status.{event.status}', lang)}"
    if event.reason:
        key = f"orders.reason.{event.reason}"
        text += f" ({t(key, lang)})"
    if event.by:
        text += f" — {t('submitter.by', lang, who=submitter_text(event.by, lang))}"
    return text
