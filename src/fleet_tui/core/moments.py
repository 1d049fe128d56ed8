"""Dates and times as people read them, in Brussels time and the reader's language
("lundi 3 mars 2025 à 15:35"). One wording for the screen and the emails alike."""

from __future__ import annotations

from datetime import datetime

from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.processing import BRUSSELS


def format_moment(moment: datetime, lang: Lang, *, zone_note: bool = False) -> str:
    """``moment`` in Europe/Brussels, written out in ``lang``; with ``zone_note`` followed
    by "(heure de Bruxelles)" for readers who may be elsewhere."""
    local = moment.astimezone(BRUSSELS)
    text = t(
        "moment.format",
        lang,
        weekday=t(f"moment.weekday.{local.weekday()}", lang),
        day=local.day,
        month=t(f"moment.month.{local.month}", lang),
        year=local.year,
        time=f"{local:%H:%M}",
    )
    return f"{text} {t('moment.brussels', lang)}" if zone_note else text
