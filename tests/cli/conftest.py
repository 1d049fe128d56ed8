"""Running ``fleet-tui`` as a user would: a subprocess on a throw-away demo data folder,
with the environment and config file of the machine running the tests kept out."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

Run = Callable[..., subprocess.CompletedProcess[str]]


def order(**changes: Any) -> dict[str, Any]:
    """A valid order for the demo account: a new number on a physical SIM."""
    doc: dict[str, Any] = {
        "number": {"request": "new"},
        "customer_number": "5.16142",
        "sim": {"format": "physical", "sim_number": "1150100084001"},
        "subscription": {"type": "mobile", "plan": "shape-smart"},
        "options": {"mode": "select", "codes": []},
        "travel_data_control": 50,
    }
    doc.update(changes)
    return doc


def esim(card: str, **changes: Any) -> dict[str, Any]:
    """A valid eSIM order (the SPEC §7 example) on eSIM ``card``."""
    return order(
        sim={
            "format": "esim",
            "esim_number": card,
            "user_email": "jan.peeters@example.be",
            "user_language": "nl",
            "send_qr_to_fleet_manager": True,
        },
        subscription={"type": "mobile", "plan": "shape-traveller"},
        options={"mode": "select", "codes": ["world-traveller"]},
        travel_data_control=0,
        surf_extra_card=True,
        **changes,
    )


def professional_transfer(**number: Any) -> dict[str, Any]:
    """A valid port-in of a number that belongs to another company."""
    fields = {
        "request": "transfer",
        "current_operator": "proximus",
        "card_type": "professional_subscription",
        "phone_number": "0499 11 22 33",
        "current_customer_number": "PX-778",
        "vat_number": "BE 0456.810.810",
        "contact_name": "Jan Peeters",
        "company_name": "Acme [GmbH]",
    }
    fields.update(number)
    return order(number=fields, sim={"format": "physical", "sim_number": "1150100084002"})


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def stored_orders(data_dir: Path) -> list[str]:
    """The order documents in the demo store (the SQLite file itself)."""
    with sqlite3.connect(data_dir / "demo.sqlite3") as db:
        return [row[0] for row in db.execute("SELECT document FROM orders ORDER BY id")]


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def fleet(tmp_path: Path, data_dir: Path) -> Run:
    """``fleet(command, *args)`` runs ``python -m fleet_tui command --data-dir … *args``."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEET_TUI_")}
    env["FLEET_TUI_CONFIG"] = str(tmp_path / "no-config.toml")
    env["NO_COLOR"] = "1"
    env["COLUMNS"] = "120"

    def run(command: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "fleet_tui", command, "--data-dir", str(data_dir), *args],
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=tmp_path,
            timeout=120,
            check=False,
        )

    return run
