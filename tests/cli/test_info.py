"""``fleet-tui catalog`` and ``fleet-tui account``: what a batch file author needs to know,
as JSON and as tables, straight from the current client (the demo seed here)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from rich.console import Console

from fleet_tui.cli.info import account_tables, catalogue_tables
from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.account import Account
from tests.cli.conftest import Run


def test_catalog_json_lists_the_seed_catalogue(fleet: Run) -> None:
    done = fleet("catalog", "--json")
    assert done.returncode == 0, done.stderr
    catalogue = json.loads(done.stdout)
    seed = load_seed().catalogue
    assert [p["code"] for p in catalogue["plans"]] == [p.code for p in seed.plans]
    assert {"shape-traveller", "shape-intense"} <= {p["code"] for p in catalogue["plans"]}
    assert [o["code"] for o in catalogue["options"]] == [o.code for o in seed.options]
    assert catalogue["travel_data_control_amounts"] == list(seed.travel_data_control_amounts)
    assert "proximus" in {o["code"] for o in catalogue["operators"]}


def test_account_json_lists_the_seed_account(fleet: Run) -> None:
    done = fleet("account", "--json")
    assert done.returncode == 0, done.stderr
    account = Account.model_validate(json.loads(done.stdout))
    assert account == load_seed().account


def test_catalog_table_in_dutch(fleet: Run) -> None:
    done = fleet("catalog", "--lang", "nl")
    assert done.returncode == 0, done.stderr
    assert "Tariefplannen" in done.stdout
    assert "Shape Traveller" in done.stdout
    assert "Travel Data Control: 0 €, 50 €" in done.stdout


def test_account_table_shows_reserved_numbers_as_people_read_them(fleet: Run) -> None:
    done = fleet("account")
    assert done.returncode == 0, done.stderr
    assert "Numéros réservés" in done.stdout
    assert "0471 23 45 01" in done.stdout
    assert "Titanium Executive 20€" in done.stdout


def test_unknown_client_exits_2(fleet: Run) -> None:
    done = fleet("account", "--client", "nope")
    assert done.returncode == 2
    assert "« nope »" in done.stderr


def render(tables: list[object]) -> str:
    console = Console(width=200, record=True, file=io.StringIO())
    for table in tables:
        console.print(table)
    return console.export_text()


def test_backend_strings_are_never_markup(tmp_path: Path) -> None:
    seed = load_seed()
    account = seed.account.model_copy(
        update={"company": "Acme [GmbH]", "holder": "[bold]Pat[/]", "reserved_numbers": ()}
    )
    text = render(list(account_tables(account, "en")))
    assert "Acme [GmbH]: [bold]Pat[/] <" in text
    plan = seed.catalogue.plans[0].model_copy(update={"name": "Shape [red]X[/red]"})
    catalogue = seed.catalogue.model_copy(update={"plans": (plan,)})
    assert "Shape [red]X[/red]" in render(list(catalogue_tables(catalogue, "en")))
