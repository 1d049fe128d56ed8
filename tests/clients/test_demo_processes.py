"""The demo store shared by separate processes: persistence, and the moment two
processes submit for the same reserved number (or with the same idempotency key)."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from fleet_tui.clients.demo import DemoBackend
from tests.clients import orders

WORKER = Path(__file__).with_name("demo_worker.py")

pytestmark = pytest.mark.slow


def _run(*args: str) -> Any:
    done = subprocess.run(
        [sys.executable, str(WORKER), *args], capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _submit_together(
    data_dir: Path, signal_dir: Path, jobs: list[tuple[str, dict[str, Any]]]
) -> list[dict[str, str]]:
    """Start one process per (key, document); release them together; their outcomes."""
    signal_dir.mkdir()
    workers = [
        subprocess.Popen(
            [
                sys.executable,
                str(WORKER),
                "submit",
                str(data_dir),
                key,
                json.dumps(document),
                str(signal_dir),
                f"w{i}",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i, (key, document) in enumerate(jobs)
    ]
    try:
        deadline = time.monotonic() + 60
        while len(list(signal_dir.glob("*.ready"))) < len(jobs):
            assert time.monotonic() < deadline, "workers did not start"
            for w in workers:
                if w.poll() is not None:
                    pytest.fail(f"a worker died early: {w.communicate()[1]}")
            time.sleep(0.01)
        (signal_dir / "go").touch()
        outputs = [w.communicate(timeout=60) for w in workers]
    finally:
        for w in workers:
            if w.poll() is None:
                w.kill()
    for w, (_, err) in zip(workers, outputs, strict=True):
        assert w.returncode == 0, err
    return [json.loads(out) for out, _ in outputs]


def test_an_order_submitted_by_one_process_is_read_back_by_another(tmp_path: Path) -> None:
    submitted = _run("submit", str(tmp_path), "key-1", json.dumps(orders.physical_new()))

    records = _run("recent", str(tmp_path))

    assert records[0]["reference"] == submitted["reference"]
    assert records[0]["plan"] == "shape-traveller"
    assert records[0]["status"] == "received"
    # The seed's past orders are there too, once.
    assert len(records) == 1 + 3


def test_two_processes_racing_for_one_reserved_number(tmp_path: Path) -> None:
    number = "+32456781234"
    outcomes = _submit_together(
        tmp_path / "data",
        tmp_path / "signals",
        [("key-a", orders.reserved(number)), ("key-b", orders.reserved("0456 78 12 34"))],
    )

    won = [o for o in outcomes if "reference" in o]
    lost = [o for o in outcomes if "conflict" in o]
    assert len(won) == 1, outcomes
    assert lost == [{"conflict": "reserved_number_taken", "field": "number.desired_number"}]
    backend = DemoBackend(tmp_path / "data")
    mine = [r for r in backend.recent_orders(50) if r.phone_number == number]
    assert [r.reference for r in mine] == [won[0]["reference"]]
    assert number not in backend.account().reserved_numbers


def test_two_processes_with_the_same_idempotency_key_create_one_order(tmp_path: Path) -> None:
    document = orders.physical_new()
    outcomes = _submit_together(
        tmp_path / "data", tmp_path / "signals", [("same-key", document), ("same-key", document)]
    )

    assert outcomes[0] == outcomes[1]
    assert "reference" in outcomes[0]
    references = [r.reference for r in DemoBackend(tmp_path / "data").recent_orders(50)]
    assert references.count(outcomes[0]["reference"]) == 1
    assert len(references) == 1 + 3


@pytest.mark.parametrize(
    ("first", "second", "field", "code"),
    [
        (
            orders.physical_new(),
            orders.esim_new(),  # another order on the same card, as an eSIM
            "sim.sim_number",
            "sim_card_taken",
        ),
        (
            orders.professional_transfer("Brasserie A"),
            orders.professional_transfer("Brasserie B"),
            "number.phone_number",
            "transfer_already_requested",
        ),
    ],
    ids=["sim-card", "transfer"],
)
def test_two_processes_racing_for_one_card_or_one_transfer(
    tmp_path: Path, first: dict[str, Any], second: dict[str, Any], field: str, code: str
) -> None:
    if code == "sim_card_taken":
        second["sim"]["esim_number"] = first["sim"]["sim_number"]
    else:
        # Another card: only the transferred number is shared.
        second["sim"]["sim_number"] = "1150100084765"
    outcomes = _submit_together(
        tmp_path / "data", tmp_path / "signals", [("key-a", first), ("key-b", second)]
    )

    won = [o for o in outcomes if "reference" in o]
    lost = [o for o in outcomes if "conflict" in o]
    assert len(won) == 1, outcomes
    # Whichever process won, the other is refused on its own field of the same claim.
    assert [o["conflict"] for o in lost] == [code]
    assert lost[0]["field"] in {field, "sim.esim_number"}
    references = [r.reference for r in DemoBackend(tmp_path / "data").recent_orders(50)]
    assert won[0]["reference"] in references
    assert len(references) == 1 + 3
