"""The demo backend's packaged data: its catalogue, the demo account, past orders."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

from fleet_tui.core.account import Account
from fleet_tui.core.catalogue import Catalogue


@dataclass(frozen=True)
class PastOrder:
    """An order the demo store starts with, submitted ``minutes_ago`` before the store
    was created (so that the dashboard shows one in progress and some active)."""

    minutes_ago: int
    document: dict[str, Any]


@dataclass(frozen=True)
class Seed:
    """Everything in ``data/demo.json``."""

    account: Account
    catalogue: Catalogue
    past_orders: tuple[PastOrder, ...]


@cache
def load_seed() -> Seed:
    """Read and check the packaged seed (once per process)."""
    text = resources.files(__package__).joinpath("data", "demo.json").read_text(encoding="utf-8")
    data = json.loads(text)
    return Seed(
        account=Account.model_validate(data["account"]),
        catalogue=Catalogue.model_validate(data["catalogue"]),
        past_orders=tuple(
            PastOrder(int(item["minutes_ago"]), dict(item["document"]))
            for item in data.get("past_orders", ())
        ),
    )
