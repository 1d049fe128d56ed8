"""A reserved number taken by someone else between validation and submission: the batch
stops with exit code 2 and names the order and the field; the orders before it stay
submitted, and re-running the file does not submit them twice."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fleet_tui.cli.batch import idempotency_key, run_batch
from fleet_tui.clients.base import Confirmation
from fleet_tui.clients.demo import DemoClient
from fleet_tui.core.order import Order
from fleet_tui.core.rules import validate_order
from fleet_tui.session.config import Settings
from tests.cli.conftest import esim, stored_orders, write_json
from tests.support.orders import plain_order

WANTED = {"request": "new", "desired_number": "0456 78 12 34"}


class RivalFirst(DemoClient):
    """A demo client that lets a second process (another client on the same store)
    claim the reserved number just before this client's order for it goes out."""

    async def submit(self, order: Order, idempotency_key: str) -> Confirmation:
        if order.phone_number == "+32456781234":
            rival = DemoClient.signed_in(self.backend.data_dir)
            rival_order = validate_order(esim("1150100048999", number=WANTED))
            await rival.submit(rival_order, "rival-key")
            await rival.aclose()
        return await super().submit(order, idempotency_key)


def settings() -> Settings:
    return Settings(client="demo", lang="en", token=None)


async def test_conflict_names_order_and_field_and_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    path = write_json(tmp_path / "race.json", [plain_order(), esim("1150100048131", number=WANTED)])

    code = await run_batch(RivalFirst.signed_in(data_dir), settings(), [path], submit=True)

    out, err = capsys.readouterr()
    second = path.read_text(encoding="utf-8").splitlines().index("  {", 2) + 1
    assert code == 2
    assert out.startswith("race.json line 2: OBE-")
    assert "Orders submitted: 1." in out
    assert err.splitlines()[:2] == [
        f"race.json line {second}: refused by the backend.",
        "  number.desired_number: This reserved number has already been used by another request.",
    ]
    assert f"stopped at race.json line {second}; 1 order(s) before it were submitted." in err
    stored = stored_orders(data_dir)
    assert len(stored) == 3 + 2  # seed, the first order, the rival's

    # Running the first order again gives back its confirmation and stores nothing.
    rerun = write_json(tmp_path / "rerun.json", plain_order())
    again = await run_batch(DemoClient.signed_in(data_dir), settings(), [rerun], submit=True)
    assert again == 0
    assert out.split()[3] in capsys.readouterr().out  # the same reference
    assert stored_orders(data_dir) == stored


def test_idempotency_key_follows_the_normalised_order() -> None:
    spelled = validate_order(
        esim("1150 1000 4813 1", number={**WANTED, "desired_number": "+32456781234"})
    )
    plain = validate_order(esim("1150100048131", number=WANTED))
    other = validate_order(esim("1150100048132", number=WANTED))
    assert idempotency_key(spelled) == idempotency_key(plain)
    assert idempotency_key(other) != idempotency_key(plain)
    assert len(idempotency_key(plain)) <= 200  # the demo backend's limit


async def test_conflict_in_json_mode(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write_json(tmp_path / "race.json", {"orders": [esim("1150100048131", number=WANTED)]})
    client = RivalFirst.signed_in(tmp_path / "data")
    code = await run_batch(client, settings(), [path], submit=True, as_json=True)
    assert code == 2
    result = json.loads(capsys.readouterr().out)
    assert result["ok"] is False
    assert result["submitted"] == 0
    assert result["failure"]["kind"] == "conflict"
    [entry] = result["orders"]
    assert entry["confirmation"] is None
    assert [(e["field"], e["code"]) for e in entry["errors"]] == [
        ("number.desired_number", "reserved_number_taken")
    ]
