"""``number.porting_date`` in order files (JSON, TOML, CSV) and in the wizard's draft."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from fleet_tui.core.document import csv_columns, load_orders
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.order import parse_order
from tests.support.orders import professional_transfer


def test_csv_has_a_porting_date_column() -> None:
    assert "number.porting_date" in csv_columns()


def test_a_csv_row_with_a_day_and_one_without(tmp_path: Path) -> None:
    chosen = professional_transfer(porting_date="15/02/2027")
    asap = professional_transfer()
    columns = sorted(
        {f"number.{k}" for k in chosen["number"]}
        | {"customer_number", "sim.format", "sim.sim_number", "subscription.type"}
        | {"subscription.plan", "travel_data_control"}
    )
    path = tmp_path / "orders.csv"
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(columns)
        for document in (chosen, asap):
            row = []
            for column in columns:
                part, _, name = column.partition(".")
                value = document[part] if not name else document[part].get(name, "")
                row.append("" if value is None else str(value))
            writer.writerow(row)
    first, second = (parse_order(o.data) for o in load_orders(path))
    assert first.document()["number"]["porting_date"] == "2027-02-15"
    assert "porting_date" not in second.document()["number"]


def test_json_and_toml_carry_the_day(tmp_path: Path) -> None:
    as_json = tmp_path / "order.json"
    as_json.write_text(json.dumps(professional_transfer(porting_date="2027-02-15")), "utf-8")
    as_toml = tmp_path / "order.toml"
    as_toml.write_text(
        """
customer_number = "5.16142"
travel_data_control = 50
[number]
request = "transfer"
current_operator = "proximus"
card_type = "private_subscription"
phone_number = "0470 12 34 56"
current_customer_number = "PX-1"
porting_date = 2027-02-15
[sim]
format = "physical"
sim_number = "1150100084002"
[subscription]
type = "mobile"
plan = "shape-smart"
""",
        "utf-8",
    )
    for path in (as_json, as_toml):
        (located,) = load_orders(path)
        assert parse_order(located.data).document()["number"]["porting_date"] == "2027-02-15"


def test_the_draft_resumes_the_choice_and_the_day() -> None:
    document = parse_order(professional_transfer(porting_date="2027-02-15")).document()
    draft = OrderDraft.from_document(document)
    assert (draft.porting_choice, draft.porting_date) == ("date", "2027-02-15")
    assert draft.to_document()["number"]["porting_date"] == "2027-02-15"
    asap = OrderDraft.from_document(parse_order(professional_transfer()).document())
    assert asap.porting_choice == "asap"
    assert "porting_date" not in asap.to_document()["number"]


def test_a_chosen_date_left_empty_is_required() -> None:
    draft = OrderDraft.from_document(professional_transfer())
    draft.porting_choice = "date"
    assert draft.errors_for(("porting_date",))["porting_date"].code == "required"
    # A new number never asks.
    draft.number_request = "new"
    assert "porting_date" not in draft.errors_for(("porting_date",))
