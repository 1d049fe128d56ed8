"""What the review shows for each answer of the draft: a label and a readable value.

No Textual here. Values are plain text (user and catalogue strings included as they
are); the screen wraps them in :class:`~textual.content.Content`, never markup.
"""

from __future__ import annotations

from collections.abc import Callable

from fleet_tui.core import fields
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import Translator
from fleet_tui.core.porting import show_date, weekday_name
from fleet_tui.core.rules import OrderContext, display_number

#: Answers that only mean something for a transfer, though step 3 owns them always.
_TRANSFER_ONLY = frozenset({"current_operator", "card_type"})


def shown_answers(fields: tuple[str, ...], draft: OrderDraft) -> list[str]:
    """The answers of one step worth listing for ``draft``."""
    return [n for n in fields if n not in _TRANSFER_ONLY or draft.number_request == "transfer"]


def answer_label(name: str, tr: Translator) -> str:
    """The label of draft answer ``name``."""
    if name.startswith("porting_"):
        return tr(f"porting.answer.{name}")
    return tr(f"tui_card.answer.{name}")


def answer_value(name: str, draft: OrderDraft, context: OrderContext, tr: Translator) -> str:
    """Draft answer ``name`` as the operator reads it ("—" when unanswered)."""
    account, catalogue = context.account, context.catalogue
    value = getattr(draft, name)
    if isinstance(value, bool):
        return tr("tui_card.yes" if value else "tui_card.no")
    if name == "desired_number":
        return display_number(value) if value else tr("tui_card.no_preference")
    if name == "option_codes":
        codes = draft.to_document(catalogue)["options"].get("codes", [])
        names = [(o.name if (o := catalogue.option(c)) else c) for c in codes]
        return ", ".join(names) or tr("tui_card.none")
    if value is None or value == "":
        return tr("tui_card.none")
    text = str(value)
    match name:
        case "number_request":
            return tr(f"tui.number.{text}")
        case "card_type":
            return tr(f"tui.card_type.{text}")
        case "current_operator":
            operator = catalogue.operator(text)
            return operator.label(tr.lang) if operator else text
        case "customer_number":
            customer = account.customer(text)
            return f"{text} — {customer.label}" if customer and customer.label else text
        case "sim_format":
            return tr(f"tui_card.sim.{text}")
        case "user_language":
            return text.upper()
        case "subscription_type":
            return tr(f"tui_card.type.{text}")
        case "plan":
            plan = catalogue.plan(text)
            return plan.name if plan else text
        case "options_mode":
            return tr(f"tui_card.options.{text}")
        case "copy_from_number":
            return display_number(text)
        case "travel_data_control":
            return tr("tui_card.amount", amount=text)
        case "invoice_split_profile":
            profile = account.profile(text)
            return profile.name if profile else text
        case "porting_choice":
            return tr("porting.asap" if text == "asap" else "porting.on_date")
        case "porting_date":
            try:
                day = fields.calendar_date(text)
            except fields.RuleViolation:
                return text
            return tr("porting.weekday", weekday=weekday_name(day, tr.lang), date=show_date(day))
        case "phone_number":
            return _as_registered(text, fields.be_mobile_number, fields.national_format)
        case "vat_number":
            return _as_registered(text, fields.be_vat_number, fields.format_vat)
    return text


def _as_registered(text: str, rule: Callable[[str], str], show: Callable[[str], str]) -> str:
    """A number as the core's ``rule`` normalises it, formatted for reading by ``show``
    (``+32 470/12.34.56`` typed → ``0470 12 34 56``), or as typed while the rule refuses
    it (its error is shown anyway)."""
    try:
        return show(rule(text))
    except fields.RuleViolation:
        return text
