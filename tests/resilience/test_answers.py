"""Answers files: an exported order is a normalised order document that ``fleet-tui
submit`` turns into the very same order."""

from __future__ import annotations

import json
import os
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from fleet_tui.core.answers import export_answers, write_answers
from fleet_tui.core.errors import OrderInvalid
from fleet_tui.core.rules import validate_order
from tests.resilience.orders import demo_context, esim_draft, professional_transfer_draft


def test_export_is_the_normalised_document_pretty_printed() -> None:
    context = demo_context()
    text = export_answers(esim_draft(), context.catalogue)

    assert text.endswith("}\n")
    assert '\n  "sim": {\n    "format": "esim",' in text
    document = json.loads(text)
    assert document["sim"]["esim_number"] == "1150100048141"  # spaces removed
    assert document["sim"]["user_email"] == "Jan.Peeters@example.be"
    assert validate_order(document, context).document() == document


def test_export_of_an_order_equals_export_of_its_draft() -> None:
    context = demo_context()
    draft = professional_transfer_draft()
    order = validate_order(draft.to_document(context.catalogue), context)

    assert export_answers(order) == export_answers(draft, context.catalogue)
    number = json.loads(export_answers(order))["number"]
    assert number["phone_number"] == "+32499112233"
    assert number["vat_number"] == "BE0456810810"
    assert number["company_name"] == "Acme [GmbH]"


def test_abandoned_branches_are_not_exported() -> None:
    # The operator typed eSIM answers, then switched to a physical SIM and a new number.
    draft = esim_draft(
        sim_format="physical",
        sim_number="1150100084757",
        holder_name="Left over from a transfer",
        phone_number="0470 99 88 77",
    )
    text = export_answers(draft, demo_context().catalogue)

    assert "1150100048141" not in text
    assert "example.be" not in text
    assert "Left over" not in text
    assert "+32470998877" not in text
    assert json.loads(text)["sim"] == {"format": "physical", "sim_number": "1150100084757"}


def test_an_unfinished_draft_cannot_be_exported() -> None:
    with pytest.raises(OrderInvalid) as caught:
        export_answers(esim_draft(user_email="", plan=None))
    assert {e.field for e in caught.value.errors} == {"sim.user_email", "subscription.plan"}


def test_answers_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "answers.json"
    path.write_text("old", encoding="utf-8")
    path.chmod(0o644)
    write_answers(path, export_answers(esim_draft()))

    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert json.loads(path.read_text(encoding="utf-8"))["subscription"]["plan"] == (
        "shape-traveller"
    )


@pytest.mark.slow
def test_fleet_tui_submit_replays_the_exported_order(tmp_path: Path) -> None:
    context = demo_context()
    draft = professional_transfer_draft()
    expected = validate_order(draft.to_document(context.catalogue), context).document()
    answers = tmp_path / "answers.json"
    write_answers(answers, export_answers(draft, context.catalogue))
    data_dir = tmp_path / "data"

    env = {k: v for k, v in os.environ.items() if not k.startswith("FLEET_TUI_")}
    env["FLEET_TUI_CONFIG"] = str(tmp_path / "no-config.toml")
    command = ["submit", "--json", "--data-dir", str(data_dir), str(answers)]
    done = subprocess.run(
        [sys.executable, "-m", "fleet_tui", *command],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    result = json.loads(done.stdout)
    assert result["submitted"] == 1
    reference = result["orders"][0]["confirmation"]["reference"]

    with sqlite3.connect(data_dir / "demo.sqlite3") as db:
        row = db.execute("SELECT document FROM orders WHERE reference = ?", (reference,)).fetchone()
    assert json.loads(row[0]) == expected
