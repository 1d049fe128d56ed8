"""The confirmation summary of an order (SPEC §2, step 7), as label/value pairs.

Shared by the confirmation screen, the confirmation email and the batch report, so all
three say the same thing. Values are plain text — never markup — to be shown as is.
"""

from __future__ import annotations

from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.i18n import Lang, t
from fleet_tui.core.order import CopyOptions, ESim, NewNumber, Order
from fleet_tui.core.porting import show_date, weekday_name
from fleet_tui.core.rules import display_number


def _yes_no(value: bool, lang: Lang) -> str:
    return t("summary.yes" if value else "summary.no", lang)


def summary_rows(
    order: Order, catalogue: Catalogue, lang: Lang, account: Account | None = None
) -> list[tuple[str, str]]:
    """``(label, value)`` rows describing ``order`` in ``lang``.

    Codes are shown by their catalogue or account names when known, else as the code.
    """
    rows: list[tuple[str, str]] = [
        (t("summary.customer_number", lang), order.customer_number),
    ]
    number = order.number
    if isinstance(number, NewNumber) and number.desired_number is None:
        phone = t("summary.assigned_at_activation", lang)
    else:
        phone = display_number(order.phone_number)
    rows.append((t("summary.phone_number", lang), phone))
    if not isinstance(number, NewNumber):
        operator = catalogue.operator(number.current_operator)
        rows.append(
            (
                t("summary.current_operator", lang),
                operator.label(lang) if operator else number.current_operator,
            )
        )
        rows.append((t("summary.card_type", lang), t(f"summary.card_{number.card_type}", lang)))
        day = number.porting_date
        when = (
            t("porting.weekday", lang, weekday=weekday_name(day, lang), date=show_date(day))
            if day is not None
            else t("porting.asap", lang)
        )
        rows.append((t("porting.summary", lang), when))

    sim = order.sim
    if isinstance(sim, ESim):
        rows += [
            (t("summary.esim_number", lang), sim.esim_number),
            (t("summary.user_email", lang), sim.user_email),
            (t("summary.user_language", lang), sim.user_language.upper()),
            (
                t("summary.qr_code", lang),
                t("summary.qr_yes" if sim.send_qr_to_fleet_manager else "summary.qr_no", lang),
            ),
        ]
    else:
        rows.append((t("summary.sim_number", lang), sim.sim_number))

    plan = catalogue.plan(order.subscription.plan)
    rows += [
        (t("summary.subscription_type", lang), t(f"summary.type_{order.subscription.type}", lang)),
        (t("summary.plan", lang), plan.name if plan else order.subscription.plan),
        (t("summary.options", lang), _options(order, catalogue, lang)),
        (t("summary.travel_data_control", lang), f"{order.travel_data_control} €"),
        (t("summary.surf_extra_card", lang), _yes_no(order.surf_extra_card, lang)),
    ]
    split = order.invoice_split
    if split is not None:
        profile = account.profile(split.profile) if account else None
        rows.append((t("summary.invoice_split", lang), profile.name if profile else split.profile))
    return rows


def _options(order: Order, catalogue: Catalogue, lang: Lang) -> str:
    options = order.options
    if isinstance(options, CopyOptions):
        return t("summary.options_copied", lang, number=display_number(options.from_number))
    if not options.codes:
        return t("summary.no_options", lang)
    names = []
    for code in options.codes:
        option = catalogue.option(code)
        names.append(option.name if option else code)
    return ", ".join(names)
