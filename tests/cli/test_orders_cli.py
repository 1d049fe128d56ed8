"""``fleet-tui orders``, ``order REF`` and ``cancel REF`` on a throw-away demo folder,
run in-process through :func:`fleet_tui.cli.main.main` (exit codes as returned)."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from fleet_tui.cli.main import main
from fleet_tui.clients.demo.backend import DemoBackend
from fleet_tui.core.i18n import t
from tests.support.orders import plain_order

Out = tuple[int, str, str]


@pytest.fixture
def run(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    for name in list(os.environ):
        if name.startswith("FLEET_TUI_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FLEET_TUI_CONFIG", str(tmp_path / "no-config.toml"))
    data = tmp_path / "data"

    def fleet(*args: str) -> Out:
        code = main([*args, "--data-dir", str(data)])
        out = capsys.readouterr()
        return code, out.out, out.err

    fleet.data = data  # type: ignore[attr-defined]
    return fleet


def _references(run) -> list[str]:  # type: ignore[no-untyped-def]
    code, out, _ = run("orders", "--json")
    assert code == 0
    return [r["reference"] for r in json.loads(out)]


def test_orders_lists_each_request_with_its_status(run) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run("orders", "--lang", "en")
    assert (code, err) == (0, "")
    lines = out.splitlines()
    assert lines[0].split() == ["Reference", "Date", "Type", "Number", "Rate", "plan", "Status"]
    assert len(lines) == 1 + 3  # the demo seed
    code, out, _ = run("orders", "--json")
    listed = json.loads(out)
    assert {r["status"] for r in listed} <= {"received", "active"}
    assert all(r["history"][0]["status"] == "received" for r in listed)


def test_order_shows_the_history_in_the_language_asked(run) -> None:  # type: ignore[no-untyped-def]
    reference = _references(run)[1]  # the seed's transfer, active
    code, out, _ = run("order", reference, "--lang", "nl")
    assert code == 0
    for status in ("received", "donor_validation", "scheduled", "active"):
        assert t(f"orders.status.{status}", "nl") in out
    assert t("orders.error.cancel_active", "nl") in out
    code, out, _ = run("order", reference, "--json")
    assert [e["status"] for e in json.loads(out)["history"]] == [
        "received",
        "donor_validation",
        "scheduled",
        "active",
    ]


def test_cancel_then_cancel_again(run) -> None:  # type: ignore[no-untyped-def]
    reference = _references(run)[0]  # the seed's newest: received
    code, out, _ = run("cancel", reference, "--lang", "en")
    assert code == 0
    assert out.splitlines()[0] == t("orders.cli.cancelled", "en", reference=reference)
    code, out, _ = run("cancel", reference, "--lang", "en")
    assert code == 0
    assert out.splitlines()[0] == t("orders.cli.already_cancelled", "en", reference=reference)
    assert len(list((run.data / "outbox").glob("*-cancelled.eml"))) == 1


def test_cancel_refused_and_unknown_are_exit_1_with_the_reason(run) -> None:  # type: ignore[no-untyped-def]
    reference = _references(run)[2]  # active
    code, out, err = run("cancel", reference, "--json")
    assert code == 1
    answer = json.loads(out)
    assert answer["error"]["code"] == "cancel_active"
    code, out, err = run("cancel", "OBE-0000000000-NONE", "--lang", "en")
    assert (code, out) == (1, "")
    assert err.strip() == t("orders.error.order_unknown", "en", reference="OBE-0000000000-NONE")
    code, _, err = run("order", "OBE-0000000000-NONE")
    assert code == 1 and "OBE-0000000000-NONE" in err


def test_a_transfer_validated_meanwhile_cannot_be_cancelled(run) -> None:  # type: ignore[no-untyped-def]
    backend = DemoBackend(run.data)
    long_ago = datetime.now(UTC) - timedelta(hours=1)
    document = plain_order(
        number={
            "request": "transfer",
            "current_operator": "proximus",
            "card_type": "private_subscription",
            "phone_number": "0499 44 55 66",
            "current_customer_number": "PX-1",
        }
    )
    reference = backend.submit(document, "k1", now=long_ago).reference
    backend.close()
    code, _, err = run("cancel", reference, "--lang", "fr")
    assert code == 1
    assert err.strip() == t("orders.error.cancel_after_validation", "fr")


def test_a_backend_failure_is_exit_2(run, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run("orders", "--client", "http", "--api-url", "http://127.0.0.1:9")
    assert code == 2 and err and "Traceback" not in err
