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

from tests.support.orders import esim_sim, spec_order

Run = Callable[..., subprocess.CompletedProcess[str]]
#: ``cli(*argv)`` -> (exit code, stdout, stderr) of :func:`fleet_tui.cli.main.main`.
Cli = Callable[..., tuple[int, str, str]]


def esim(card: str, **changes: Any) -> dict[str, Any]:
    """SPEC §7's order on eSIM ``card``, for a Dutch speaker, with a Surf Extra Card."""
    order = spec_order(sim=esim_sim(card, language="nl"), surf_extra_card=True)
    order.update(changes)
    return order


def write_json(path: Path, document: object) -> Path:
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False), encoding="utf-8")
    return path


def stored_orders(data_dir: Path) -> list[str]:
    """The order documents in the demo store (the SQLite file itself)."""
    with sqlite3.connect(data_dir / "demo.sqlite3") as db:
        return [row[0] for row in db.execute("SELECT document FROM orders ORDER BY id")]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Every test that runs ``fleet-tui`` through :func:`fleet` (a subprocess) is
    ``slow`` (``-m "not slow"`` leaves them out)."""
    for item in items:
        if "fleet" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def no_local_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """The machine's own settings kept out of an in-process run (what :func:`fleet`'s
    environment does for a subprocess)."""
    for name in list(os.environ):
        if name.startswith("FLEET_TUI_"):
            monkeypatch.delenv(name)
    monkeypatch.setenv("FLEET_TUI_CONFIG", str(tmp_path / "no-config.toml"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "xdg-state"))


@pytest.fixture
def cli(no_local_settings: None, capsys: pytest.CaptureFixture[str]) -> Cli:
    """``cli(*argv)`` runs the command line in-process through
    :func:`fleet_tui.cli.main.main` (milliseconds, where a subprocess costs a second or
    more of Python start-up and imports): its exit code and what it wrote."""
    from fleet_tui.cli.main import main

    def run(*argv: str | Path) -> tuple[int, str, str]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        return code, out, err

    return run


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
