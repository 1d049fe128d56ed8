"""A batch says what it stored: a re-run that stores nothing new prints "already
submitted: REF" per order; every kind of error (file, order, the same card or number
claimed twice) is reported in one pass; a card an earlier order holds is refused on
its field, for that order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from fleet_tui.cli.batch import run_batch
from fleet_tui.clients.demo import DemoClient
from fleet_tui.session.config import Settings
from tests.cli.conftest import esim, stored_orders, write_json
from tests.support.orders import plain_order


def settings() -> Settings:
    return Settings(client="demo", lang="en", token=None)


async def test_a_rerun_says_already_submitted_for_each_order(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    path = write_json(tmp_path / "two.json", [plain_order(), esim("1150100048131")])
    assert await run_batch(DemoClient.signed_in(data_dir), settings(), [path], submit=True) == 0
    first = capsys.readouterr().out.splitlines()
    references = [line.split()[3].rstrip(",") for line in first[:2]]
    stored = stored_orders(data_dir)

    code = await run_batch(DemoClient.signed_in(data_dir), settings(), [path], submit=True)

    out = capsys.readouterr().out.splitlines()
    assert code == 0
    for line, reference in zip(out[:2], references, strict=True):
        _, said = line.split(": ", 1)
        assert said.startswith(f"already submitted: {reference}, activation expected "), line
    assert out[2] == "Orders submitted: 0; already submitted before, nothing new stored: 2."
    assert stored_orders(data_dir) == stored


async def test_a_rerun_in_json_counts_what_was_already_there(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    first = write_json(tmp_path / "first.json", plain_order())
    both = write_json(tmp_path / "both.json", [plain_order(), esim("1150100048131")])
    await run_batch(DemoClient.signed_in(data_dir), settings(), [first], submit=True)
    capsys.readouterr()

    code = await run_batch(
        DemoClient.signed_in(data_dir), settings(), [both], submit=True, as_json=True
    )

    result = json.loads(capsys.readouterr().out)
    assert code == 0
    assert [o["already_submitted"] for o in result["orders"]] == [True, False]
    assert (result["submitted"], result["already_submitted"]) == (1, 1)


async def test_every_kind_of_error_is_reported_in_one_pass(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    broken = tmp_path / "broken.json"
    broken.write_text("{", encoding="utf-8")
    card = "1150100048131"
    # The second order is invalid (bad email) AND claims the first one's card.
    second = esim(card)
    second["sim"]["user_email"] = "not an address"
    path = write_json(tmp_path / "orders.json", [esim(card), second])

    code = await run_batch(
        DemoClient.signed_in(data_dir), settings(), [broken, path], submit=True, as_json=True
    )

    result = json.loads(capsys.readouterr().out)
    assert code == 1
    assert [e["code"] for e in result["file_errors"]] == ["malformed_json"]
    first, clashing = result["orders"]
    assert first["valid"] is True
    assert {(e["field"], e["code"]) for e in clashing["errors"]} == {
        ("sim.user_email", "email_invalid"),
        ("sim.esim_number", "twice_in_batch"),
    }
    assert len(stored_orders(data_dir)) == 3  # the seed only: nothing was submitted


async def test_a_card_held_by_a_stored_order_is_refused_on_that_orders_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    earlier = write_json(tmp_path / "earlier.json", esim("1150100048131"))
    await run_batch(DemoClient.signed_in(data_dir), settings(), [earlier], submit=True)
    capsys.readouterr()
    # Another order (no Surf Extra Card this time) on the same card.
    later = write_json(tmp_path / "later.json", esim("1150100048131", surf_extra_card=False))

    code = await run_batch(DemoClient.signed_in(data_dir), settings(), [later], submit=True)

    err = capsys.readouterr().err.splitlines()
    assert code == 2
    assert err[:2] == [
        "later.json line 1: refused by the backend.",
        "  sim.esim_number: This SIM card is already used by another order.",
    ]


WANTED = {"request": "new", "desired_number": "0456 78 12 34"}


async def test_a_rerun_of_an_order_with_a_reserved_number_says_already_submitted(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    path = write_json(tmp_path / "wanted.json", [esim("1150100048131", number=WANTED)])
    assert await run_batch(DemoClient.signed_in(data_dir), settings(), [path], submit=True) == 0
    reference = capsys.readouterr().out.split()[3].rstrip(",")
    stored = stored_orders(data_dir)

    code = await run_batch(DemoClient.signed_in(data_dir), settings(), [path], submit=True)

    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert out.splitlines()[0].split(": ", 1)[1].startswith(f"already submitted: {reference},")
    assert stored_orders(data_dir) == stored


async def test_a_reserved_number_another_order_took_is_still_refused_on_a_rerun(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "data"
    first = write_json(tmp_path / "first.json", [esim("1150100048131", number=WANTED)])
    assert await run_batch(DemoClient.signed_in(data_dir), settings(), [first], submit=True) == 0
    capsys.readouterr()
    stored = stored_orders(data_dir)
    other = write_json(tmp_path / "other.json", [esim("1150100048149", number=WANTED)])

    code = await run_batch(DemoClient.signed_in(data_dir), settings(), [other], submit=True)

    out, err = capsys.readouterr()
    assert code == 1, (out, err)
    assert "number.desired_number" in out + err
    assert stored_orders(data_dir) == stored
