"""What a backend offers: operators, plans, options, Travel Data Control amounts.

These come from the client (the demo backend ships them as a data file); no plan or
option is named in code.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from fleet_tui.core.i18n import Lang, t

SubscriptionType = Literal["mobile", "data"]
#: The code of the catch-all operator ("another operator not listed").
OTHER_OPERATOR = "other"


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Operator(_Frozen):
    """A mobile operator a number can be transferred from."""

    code: str
    name: str
    is_orange: bool = False

    def label(self, lang: Lang) -> str:
        """The operator's name to show in ``lang``. Operators have proper names, except
        the catch-all ``other``, which a backend can name in one language only (the demo
        data once said "Other / Autre / Andere" to every reader): it is translated."""
        return t("quick.operator.other", lang) if self.code == OTHER_OPERATOR else self.name


class Plan(_Frozen):
    """A rate plan. ``family`` is e.g. ``shape``; processing times depend on it.
    ``esim_confirmation_code``: an eSIM on this plan also needs a confirmation code
    to install (the backend issues it; SGP.22's "confirmation code required" flag)."""

    code: str
    name: str
    type: SubscriptionType
    family: str
    surf_extra_card: bool = False
    esim_confirmation_code: bool = False

    @property
    def is_shape(self) -> bool:
        """Whether this is a "Shape" plan (1-hour activation without Invoice Split)."""
        return self.family == "shape"


class Option(_Frozen):
    """An option that can be activated; ``plans`` limits it to some plans (empty: all),
    ``types`` to some subscription types (empty: all)."""

    code: str
    name: str
    plans: tuple[str, ...] = ()
    types: tuple[SubscriptionType, ...] = ()

    def allowed_for(self, plan: Plan) -> bool:
        """Whether this option can be activated on ``plan``."""
        return (not self.plans or plan.code in self.plans) and (
            not self.types or plan.type in self.types
        )


class PortingWindow(_Frozen):
    """When a transfer may be scheduled (SPEC §2, step 4): at least
    ``earliest_business_days`` business days ahead, at most ``latest_days`` calendar
    days ahead. The backend's numbers; the defaults only serve a catalogue without."""

    earliest_business_days: int = Field(default=1, ge=0, le=60)
    latest_days: int = Field(default=90, ge=1, le=366)


class Catalogue(_Frozen):
    """Everything the current backend sells."""

    operators: tuple[Operator, ...]
    plans: tuple[Plan, ...]
    options: tuple[Option, ...]
    travel_data_control_amounts: tuple[int, ...] = Field(default=(0, 50))
    default_travel_data_control: int = 50
    porting: PortingWindow = PortingWindow()

    def operator(self, code: str) -> Operator | None:
        """The operator with ``code``, if any."""
        return next((o for o in self.operators if o.code == code), None)

    def plan(self, code: str) -> Plan | None:
        """The plan with ``code``, if any."""
        return next((p for p in self.plans if p.code == code), None)

    def option(self, code: str) -> Option | None:
        """The option with ``code``, if any."""
        return next((o for o in self.options if o.code == code), None)

    def plans_of_type(self, kind: SubscriptionType) -> list[Plan]:
        """Plans of one subscription type, in catalogue order."""
        return [p for p in self.plans if p.type == kind]

    def options_for(self, plan: Plan) -> list[Option]:
        """Options that can be activated on ``plan``."""
        return [o for o in self.options if o.allowed_for(plan)]
