"""The order draft: every answer as the operator typed it, across all branches.

The TUI reads its screens from one draft and writes them back to it. Switching branch
(new ↔ transfer, SIM ↔ eSIM, Invoice Split off) keeps the abandoned answers in the
draft — going back never loses anything — but :meth:`OrderDraft.to_document` only
projects the answers that apply, so they are never submitted. Drafts are saved to
disk as JSON (no secrets live here).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from fleet_tui.core.catalogue import Catalogue
from fleet_tui.core.errors import FieldError, FieldPath
from fleet_tui.core.order import TRANSFER_FIELDS
from fleet_tui.core.rules import OrderContext, order_errors

#: Where each draft answer lands in the order document (and where its errors come from).
FIELD_PATHS: dict[str, FieldPath] = {
    "number_request": ("number", "request"),
    "current_operator": ("number", "current_operator"),
    "card_type": ("number", "card_type"),
    **{name: ("number", name) for name in TRANSFER_FIELDS},
    # The date first: an error about the porting date belongs to the date field.
    "porting_date": ("number", "porting_date"),
    "porting_choice": ("number", "porting_date"),
    "desired_number": ("number", "desired_number"),
    "customer_number": ("customer_number",),
    "sim_format": ("sim", "format"),
    "esim_compatible": ("sim", "device_compatible"),
    "sim_number": ("sim", "sim_number"),
    "esim_number": ("sim", "esim_number"),
    "user_email": ("sim", "user_email"),
    "user_language": ("sim", "user_language"),
    "send_qr_to_fleet_manager": ("sim", "send_qr_to_fleet_manager"),
    "subscription_type": ("subscription", "type"),
    "plan": ("subscription", "plan"),
    "options_mode": ("options", "mode"),
    "option_codes": ("options", "codes"),
    "copy_from_number": ("options", "from_number"),
    "travel_data_control": ("travel_data_control",),
    "surf_extra_card": ("surf_extra_card",),
    "invoice_split": ("invoice_split",),
    "invoice_split_profile": ("invoice_split", "profile"),
    "contract_path": ("invoice_split", "contract"),
}

_PORT_IN_FIELDS: dict[str, tuple[str, ...]] = {
    "prepaid": ("phone_number", "sim_card_number", "holder_name"),
    "private_subscription": ("phone_number", "current_customer_number", "holder_name"),
    "professional_subscription": (
        "phone_number",
        "current_customer_number",
        "company_name",
        "vat_number",
        "contact_name",
    ),
}


#: The answers "another like this" copies to the next order: none of them is personal
#: to one employee's line (see :meth:`OrderDraft.another_like_this`).
SHARED_ANSWERS: tuple[str, ...] = (
    "number_request",
    "customer_number",
    "sim_format",
    "user_language",
    "send_qr_to_fleet_manager",
    "subscription_type",
    "plan",
    "options_mode",
    "option_codes",
    "copy_from_number",
    "travel_data_control",
    "surf_extra_card",
    "invoice_split",
    "invoice_split_profile",
)


def port_in_fields(card_type: str | None) -> tuple[str, ...]:
    """The port-in answers that apply to ``card_type`` (SPEC §2, step 4), in screen order."""
    return _PORT_IN_FIELDS.get(card_type or "", ("phone_number",))


def porting_fields(draft: OrderDraft) -> tuple[str, ...]:
    """The porting-date answers of a transfer: the choice, and the day when chosen."""
    return (
        ("porting_choice", "porting_date")
        if draft.porting_choice == "date"
        else ("porting_choice",)
    )


def draft_field(path: FieldPath) -> str | None:
    """The draft answer an error path belongs to (``("options","codes",2)`` → ``option_codes``)."""
    for length in range(len(path), 0, -1):
        for name, target in FIELD_PATHS.items():
            if target == path[:length]:
                return name
    return None


class OrderDraft(BaseModel):
    """All answers of one order in progress, as typed (strings and flags)."""

    model_config = ConfigDict(extra="ignore", validate_assignment=False)

    # Step 3 — number
    number_request: Literal["new", "transfer"] | None = None
    current_operator: str | None = None
    card_type: Literal["prepaid", "private_subscription", "professional_subscription"] | None = None
    # Step 4 — port-in details
    phone_number: str = ""
    sim_card_number: str = ""
    current_customer_number: str = ""
    holder_name: str = ""
    company_name: str = ""
    vat_number: str = ""
    contact_name: str = ""
    #: As soon as possible (the default) or on the day typed in ``porting_date``.
    porting_choice: Literal["asap", "date"] = "asap"
    porting_date: str = ""
    # Step 5 — your new card
    customer_number: str | None = None
    sim_format: Literal["physical", "esim"] | None = None
    esim_compatible: bool = False
    sim_number: str = ""
    esim_number: str = ""
    user_email: str = ""
    user_language: Literal["fr", "nl", "en"] | None = None
    send_qr_to_fleet_manager: bool = False
    desired_number: str | None = None
    subscription_type: Literal["mobile", "data"] | None = None
    plan: str | None = None
    options_mode: Literal["copy", "select"] = "select"
    option_codes: list[str] = Field(default_factory=list)
    copy_from_number: str | None = None
    travel_data_control: int | None = None
    surf_extra_card: bool = False
    # Step 6 — Invoice Split
    invoice_split: bool = False
    invoice_split_profile: str | None = None
    contract_path: str = ""
    # Not an answer: the idempotency key this draft's order is submitted with, set on
    # its first submission and saved with it (not a secret), so that a submission
    # whose answer was lost and is sent again after a quit and resume is recognised by
    # the backend instead of stored twice. A new order starts with none; nothing
    # copies it to one (``to_document`` leaves it out).
    submission_key: str | None = None

    def to_document(self, catalogue: Catalogue | None = None) -> dict[str, Any]:
        """The order document of the answers that apply (SPEC §7).

        Unanswered fields are left out so that validation reports them as required.
        With ``catalogue``, a Surf Extra Card or options that the chosen plan does not
        offer are dropped: the screen no longer shows them, so they are not submitted.
        """
        doc: dict[str, Any] = {}
        number: dict[str, Any] = {}
        if self.number_request is not None:
            number["request"] = self.number_request
        if self.number_request == "new":
            if self.desired_number:
                number["desired_number"] = self.desired_number
        elif self.number_request == "transfer":
            _put(number, "current_operator", self.current_operator)
            _put(number, "card_type", self.card_type)
            for name in port_in_fields(self.card_type):
                _put(number, name, getattr(self, name))
            if self.porting_choice == "date":
                _put(number, "porting_date", self.porting_date)
        doc["number"] = number
        _put(doc, "customer_number", self.customer_number)

        sim: dict[str, Any] = {}
        _put(sim, "format", self.sim_format)
        if self.sim_format == "physical":
            _put(sim, "sim_number", self.sim_number)
        elif self.sim_format == "esim":
            _put(sim, "esim_number", self.esim_number)
            _put(sim, "user_email", self.user_email)
            _put(sim, "user_language", self.user_language)
            sim["send_qr_to_fleet_manager"] = self.send_qr_to_fleet_manager
        doc["sim"] = sim

        subscription: dict[str, Any] = {}
        _put(subscription, "type", self.subscription_type)
        _put(subscription, "plan", self.plan)
        doc["subscription"] = subscription

        plan = catalogue.plan(self.plan) if catalogue and self.plan else None
        if self.options_mode == "copy":
            doc["options"] = {"mode": "copy"}
            _put(doc["options"], "from_number", self.copy_from_number)
        else:
            codes = list(self.option_codes)
            if catalogue is not None and plan is not None:
                allowed = {o.code for o in catalogue.options_for(plan)}
                codes = [c for c in codes if c in allowed]
            doc["options"] = {"mode": "select", "codes": codes}
        _put(doc, "travel_data_control", self.travel_data_control)
        surf = self.surf_extra_card
        if surf and catalogue is not None and plan is not None and not plan.surf_extra_card:
            surf = False
        doc["surf_extra_card"] = surf
        if self.invoice_split:
            split: dict[str, Any] = {}
            _put(split, "profile", self.invoice_split_profile)
            _put(split, "contract", self.contract_path)
            doc["invoice_split"] = split
        else:
            doc["invoice_split"] = None
        return doc

    def another_like_this(self) -> OrderDraft:
        """A new draft for the next employee: every answer of this one that is not
        personal to its line (:data:`SHARED_ANSWERS`: billing customer number, SIM
        format, the end user's language, QR choice, subscription type, plan, options,
        Travel Data Control, Surf Extra Card, Invoice Split and its profile).

        Left empty: the number (port-in identity, current operator and card type, the
        desired reserved number), the SIM and eSIM numbers, the end user's email, the
        eSIM device confirmation (another device) and the signed Invoice Split
        contract (another employee signs it).
        """
        return OrderDraft.model_validate(
            {name: getattr(self, name) for name in SHARED_ANSWERS}
        ).model_copy(deep=True)

    @classmethod
    def from_document(cls, doc: dict[str, Any]) -> OrderDraft:
        """A draft holding the answers of an order document (to edit or resume it).

        Raises pydantic's ``ValidationError`` for values of the wrong kind.
        """
        number = _mapping(doc.get("number"))
        sim = _mapping(doc.get("sim"))
        subscription = _mapping(doc.get("subscription"))
        options = _mapping(doc.get("options"))
        split = _mapping(doc.get("invoice_split")) or None
        codes = options.get("codes")
        porting_date = number.get("porting_date")
        data: dict[str, Any] = {
            "number_request": number.get("request"),
            "current_operator": number.get("current_operator"),
            "card_type": number.get("card_type"),
            "desired_number": number.get("desired_number"),
            **{name: number.get(name) or "" for name in TRANSFER_FIELDS},
            "porting_choice": "date" if porting_date else "asap",
            "porting_date": str(porting_date) if porting_date else "",
            "customer_number": doc.get("customer_number"),
            "sim_format": sim.get("format"),
            "esim_compatible": sim.get("format") == "esim",
            "sim_number": sim.get("sim_number") or "",
            "esim_number": sim.get("esim_number") or "",
            "user_email": sim.get("user_email") or "",
            "user_language": sim.get("user_language"),
            "send_qr_to_fleet_manager": bool(sim.get("send_qr_to_fleet_manager")),
            "subscription_type": subscription.get("type"),
            "plan": subscription.get("plan"),
            "options_mode": options.get("mode", "select"),
            "option_codes": list(codes) if isinstance(codes, list) else [],
            "copy_from_number": options.get("from_number"),
            "travel_data_control": doc.get("travel_data_control"),
            "surf_extra_card": bool(doc.get("surf_extra_card")),
            "invoice_split": split is not None,
            "invoice_split_profile": split.get("profile") if split else None,
            "contract_path": (split.get("contract") or "") if split else "",
        }
        return cls.model_validate(data)

    def errors(self, context: OrderContext | None = None) -> list[FieldError]:
        """Every rule the draft breaks, as the order document would be checked, plus the
        eSIM device-compatibility confirmation the operator gives before an eSIM."""
        found: list[FieldError] = []
        if self.sim_format == "esim" and not self.esim_compatible:
            found.append(FieldError(FIELD_PATHS["esim_compatible"], "esim_compat_unconfirmed"))
        if (
            self.number_request == "transfer"
            and self.porting_choice == "date"
            and not self.porting_date.strip()
        ):
            # An empty optional date means "as soon as possible" in a document; here
            # the operator chose a date, so one is needed.
            found.append(FieldError(FIELD_PATHS["porting_date"], "required"))
        _, order_found = order_errors(
            self.to_document(context.catalogue if context else None), context
        )
        return found + order_found

    def errors_for(
        self, names: tuple[str, ...] | list[str], context: OrderContext | None = None
    ) -> dict[str, FieldError]:
        """The first error of each named draft answer (the fields of one screen)."""
        wanted = set(names)
        out: dict[str, FieldError] = {}
        for error in self.errors(context):
            name = draft_field(error.path)
            if name in wanted and name not in out:
                out[name] = error
        return out


def _mapping(value: object) -> dict[str, Any]:
    # A document part of the wrong shape resumes as unanswered; validation reports it.
    return dict(value) if isinstance(value, dict) else {}


def _put(target: dict[str, Any], key: str, value: Any) -> None:
    if value is None or value == "":
        return
    target[key] = value
