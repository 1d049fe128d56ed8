"""``fleet-tui validate`` and ``fleet-tui submit`` end to end, through a subprocess on the
demo backend: formats, errors per order and field with their line or row, exit codes,
nothing stored unless every order is valid, and no duplicates when a file is re-run."""

from __future__ import annotations

import contextlib
import json
import os
import pty
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from tests.cli.conftest import Run, esim, stored_orders, write_json
from tests.support.orders import plain_order, professional_transfer

REFERENCE = re.compile(r"^OBE-\d{10}-[A-Z]{4}$")


def order_lines(path: Path) -> list[int]:
    """The lines where ``json.dumps(..., indent=2)`` opened each order of ``{"orders": [...]}``."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [number for number, text in enumerate(lines, start=1) if text == "    {"]


def result_of(output: str) -> dict[str, Any]:
    parsed: dict[str, Any] = json.loads(output)
    return parsed


def test_validate_one_order_reports_it_valid_in_french_by_default(
    fleet: Run, tmp_path: Path
) -> None:
    path = write_json(tmp_path / "one.json", esim("1150100048199"))
    done = fleet("validate", path)
    assert done.returncode == 0, done.stderr
    assert "one.json ligne 1\u00a0: valide" in done.stdout
    assert "valides\u00a0: 1, non valides\u00a0: 0" in done.stdout


def test_submit_many_then_again_creates_no_duplicates(
    fleet: Run, tmp_path: Path, data_dir: Path
) -> None:
    path = write_json(
        tmp_path / "many.json",
        {
            "orders": [
                esim("1150100048101", number={"request": "new", "desired_number": "0471234502"}),
                plain_order(),
                professional_transfer(),
            ]
        },
    )
    first = fleet("submit", path, "--json")
    assert first.returncode == 0, first.stdout + first.stderr
    result = result_of(first.stdout)
    assert result["ok"] is True
    assert result["submitted"] == 3
    references = [o["confirmation"]["reference"] for o in result["orders"]]
    assert all(REFERENCE.match(r) for r in references)
    assert len(set(references)) == 3
    assert [o["line"] for o in result["orders"]] == order_lines(path)
    assert order_lines(path)[0] == 3
    assert result["orders"][0]["confirmation"]["activation_code"].startswith("LPA:1$")
    stored = stored_orders(data_dir)

    # The reserved number is used now: that order no longer validates, so re-run the
    # two others (same orders, new file) and get the same confirmations back.
    again_path = write_json(
        tmp_path / "again.json", {"orders": [plain_order(), professional_transfer()]}
    )
    again = fleet("submit", again_path, "--json")
    assert again.returncode == 0, again.stdout + again.stderr
    again_refs = [o["confirmation"]["reference"] for o in result_of(again.stdout)["orders"]]
    assert again_refs == references[1:]
    assert stored_orders(data_dir) == stored


def test_toml_and_csv_files_in_one_run(fleet: Run, tmp_path: Path, data_dir: Path) -> None:
    toml = tmp_path / "orders.toml"
    toml.write_text(
        """
[[orders]]
customer_number = "1.52797"
travel_data_control = 100
number = { request = "new" }
sim = { format = "physical", sim_number = "1150 1000 8400 5" }
subscription = { type = "data", plan = "data-connect" }
options = { mode = "select", codes = ["fixed-ip"] }

[[orders]]
customer_number = "5.16142"
travel_data_control = 0
number = { request = "new", desired_number = "+32 472 98 76 50" }
sim = { format = "physical", sim_number = "1150100084006" }
subscription = { type = "mobile", plan = "business-flex" }
options = { mode = "copy", from_number = "0470 11 22 33" }
""",
        encoding="utf-8",
    )
    csv = tmp_path / "orders.csv"
    csv.write_text(
        "number.request,number.current_operator,number.card_type,number.phone_number,"
        "number.sim_card_number,customer_number,sim.format,sim.esim_number,sim.user_email,"
        "sim.user_language,sim.send_qr_to_fleet_manager,subscription.type,subscription.plan,"
        "options.mode,options.codes,travel_data_control,surf_extra_card\n"
        "new,,,,,5.16142,esim,1150100048107,an@example.be,FR,yes,mobile,shape-intense,"
        "select,world-traveller;mobile-security,50,yes\n"
        "transfer,telenet,prepaid,0486 12 34 56,8932 0100 0000 0000 004,1.52797,esim,"
        "1150100048108,piet@example.be,nl,no,mobile,shape-start,select,,0,no\n",
        encoding="utf-8",
    )
    checked = fleet("validate", toml, csv, "--json", "--lang", "en")
    assert checked.returncode == 0, checked.stdout
    result = result_of(checked.stdout)
    assert [o["location"] for o in result["orders"]] == [
        "orders.toml order 1",
        "orders.toml order 2",
        "orders.csv row 2",
        "orders.csv row 3",
    ]
    assert all(o["valid"] and o["errors"] == [] for o in result["orders"])

    submitted = fleet("submit", csv, "--lang", "en")
    assert submitted.returncode == 0, submitted.stderr
    assert re.search(
        r"orders.csv row 3: OBE-\d{10}-[A-Z]{4}, activation expected", submitted.stdout
    )
    assert "Orders submitted: 2." in submitted.stdout
    assert sum('"shape-intense"' in doc for doc in stored_orders(data_dir)) == 1


def test_errors_name_each_order_field_and_line_and_nothing_is_stored(
    fleet: Run, tmp_path: Path, data_dir: Path
) -> None:
    fleet("validate", write_json(tmp_path / "ok.json", plain_order()))  # creates the store
    before = stored_orders(data_dir)
    path = write_json(
        tmp_path / "mixed.json",
        {
            "orders": [
                plain_order(),
                professional_transfer(phone_number="02 512 34 56", colour="blue"),
                plain_order(
                    travel_data_control="lots", sim={"format": "physical", "sim_number": "9"}
                ),
            ]
        },
    )
    done = fleet("submit", path, "--lang", "en")
    assert done.returncode == 1
    first, second, third_line = order_lines(path)
    lines = done.stdout.splitlines()
    assert f"mixed.json line {first}: valid" not in lines  # submit lists only what is wrong
    block = lines[lines.index(f"mixed.json line {second}: not valid") :]
    landline = "A mobile number is needed (04xx xx xx xx): this is a landline number."
    assert f"  number.phone_number: {landline}" in block
    assert "  number.colour: This field is not expected here." in block
    third = lines[lines.index(f"mixed.json line {third_line}: not valid") :]
    assert "  travel_data_control: A whole number expected." in third
    assert "  sim.sim_number: Exactly 13 digits are needed (1 given)." in third
    assert lines[-1].startswith("Nothing was submitted")
    assert stored_orders(data_dir) == before


def own_card(order: dict[str, Any], serial: int) -> dict[str, Any]:
    """``order`` on a card of its own: orders sharing one would also be reported as
    claiming it twice (in the same pass as their other errors)."""
    order["sim"] = {"format": "physical", "sim_number": f"11501000840{serial:02d}"}
    return order


def test_bad_values_are_refused_with_order_and_field(
    fleet: Run, tmp_path: Path, data_dir: Path
) -> None:
    huge = "x" * 1_000_000
    path = write_json(
        tmp_path / "bad.json",
        {
            "orders": [
                own_card(professional_transfer(contact_name=huge), 11),
                own_card(
                    professional_transfer(
                        contact_name="Jan\x1b[31m Peeters", phone_number="0499 11 22 34"
                    ),
                    12,
                ),
                own_card(plain_order(subscription={"type": "mobile", "plan": True}), 13),
                own_card(plain_order(customer_number=["5.16142"]), 14),
                own_card(plain_order(subscription={"type": "mobile", "plan": "shape-data"}), 15),
            ]
        },
    )
    done = fleet("submit", path, "--json")
    assert done.returncode == 1
    result = result_of(done.stdout)
    assert result["ok"] is False
    assert result["submitted"] == 0
    found = [[(e["field"], e["code"]) for e in o["errors"]] for o in result["orders"]]
    assert found == [
        [("number.contact_name", "text_too_long")],
        [("number.contact_name", "control_characters")],
        [("subscription.plan", "text_expected")],
        [("customer_number", "text_expected")],
        [("subscription.plan", "plan_type_mismatch")],
    ]
    assert all(e["message"] for o in result["orders"] for e in o["errors"])
    assert len(done.stdout) < 20_000  # the 1 MB value is not echoed back
    assert len(stored_orders(data_dir)) == 3  # the seed's past orders only


def test_malformed_json_is_invalid_input(fleet: Run, tmp_path: Path) -> None:
    path = tmp_path / "broken.json"
    path.write_text('{"orders": [\n  {"a": 1},\n  {"a": 2\n]}', encoding="utf-8")
    done = fleet("validate", path, "--lang", "en")
    assert done.returncode == 1
    assert done.stdout.startswith("broken.json line 4: Malformed JSON at line 4, column 1")


def test_non_utf8_csv_is_invalid_input(fleet: Run, tmp_path: Path, data_dir: Path) -> None:
    path = tmp_path / "latin1.csv"
    path.write_bytes("number.request,customer_number\nnew,Société Générale\n".encode("latin-1"))
    done = fleet("submit", path, "--lang", "nl", "--json")
    assert done.returncode == 1
    [problem] = result_of(done.stdout)["file_errors"]
    assert problem["location"] == "latin1.csv regel 2"
    assert problem["code"] == "not_utf8"
    offset = len(b"number.request,customer_number\nnew,Soci")
    assert f"positie {offset})" in problem["message"]
    assert not (data_dir / "demo.sqlite3").exists()


def test_same_number_twice_in_a_batch_is_refused_before_anything_is_sent(
    fleet: Run, tmp_path: Path, data_dir: Path
) -> None:
    wanted = {"request": "new", "desired_number": "0475 44 00 11"}
    path = write_json(
        tmp_path / "twice.json",
        [esim("1150100048121", number=wanted), esim("1150100048122", number=wanted)],
    )
    done = fleet("submit", path, "--lang", "en")
    assert done.returncode == 1
    assert (
        "  number.desired_number: The same number is also used by twice.json line 2 in this batch."
        in done.stdout
    )
    assert len(stored_orders(data_dir)) == 3


def test_markup_like_text_and_file_names_survive_exactly(
    fleet: Run, tmp_path: Path, data_dir: Path
) -> None:
    path = write_json(tmp_path / "Acme [GmbH] [bold].json", professional_transfer())
    done = fleet("submit", path)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Acme [GmbH] [bold].json ligne 1\u00a0: OBE-")
    assert '"company_name":"Acme [GmbH]"' in stored_orders(data_dir)[-1]


def test_unknown_client_is_a_backend_failure(fleet: Run, tmp_path: Path) -> None:
    path = write_json(tmp_path / "one.json", plain_order())
    done = fleet("validate", path, "--client", "nope", "--lang", "en")
    assert done.returncode == 2
    assert 'No client named "nope" is installed (installed: ' in done.stderr
    assert "demo" in done.stderr


def test_unusable_data_folder_is_a_backend_failure(fleet: Run, tmp_path: Path) -> None:
    path = write_json(tmp_path / "one.json", plain_order())
    done = fleet("submit", path, "--data-dir", path, "--json")
    assert done.returncode == 2
    assert result_of(done.stdout)["failure"]["kind"] == "backend_unavailable"


def test_malformed_client_option_is_invalid_input(fleet: Run, tmp_path: Path) -> None:
    path = write_json(tmp_path / "one.json", plain_order())
    done = fleet("validate", path, "--client-option", "no-equals-sign", "--lang", "en")
    assert done.returncode == 1
    assert '--client-option expects KEY=VALUE, not "no-equals-sign".' in done.stderr


def test_readme_example_order_validates(fleet: Run, tmp_path: Path) -> None:
    readme = (Path(__file__).parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Batch mode", 1)[1]
    example = section.split("```json\n", 1)[1].split("```", 1)[0]
    done = fleet("validate", write_json(tmp_path / "readme.json", json.loads(example)), "--json")
    assert done.returncode == 0, done.stdout
    assert result_of(done.stdout)["ok"] is True


@pytest.mark.slow
def test_progress_bar_only_in_a_terminal_and_for_many_orders(
    tmp_path: Path, data_dir: Path
) -> None:
    docs = [
        plain_order(sim={"format": "physical", "sim_number": f"{1150100085000 + i}"})
        for i in range(25)
    ]
    path = write_json(tmp_path / "many.json", {"orders": docs})
    main, child = pty.openpty()
    command = [sys.executable, "-m", "fleet_tui", "validate", "--data-dir", str(data_dir)]
    env = {**os.environ, "FLEET_TUI_CONFIG": str(tmp_path / "none.toml"), "FLEET_TUI_LANG": "en"}
    with os.fdopen(main, "rb", buffering=0) as terminal:
        done = subprocess.run(
            [*command, path],
            stdout=subprocess.PIPE,
            stderr=child,
            env=env,
            timeout=120,
            check=False,
        )
        os.close(child)
        shown = b""
        with contextlib.suppress(OSError):  # EIO once the child side is closed and drained
            while chunk := terminal.read(65536):
                shown += chunk
    assert done.returncode == 0
    assert b"Validating" in shown
    assert b"Validating" not in done.stdout
    piped = subprocess.run([*command, path], capture_output=True, env=env, timeout=120, check=False)
    assert piped.returncode == 0
    assert piped.stderr == b""
