"""The core and the clients import neither Textual nor Rich (STYLE: layers you can see).

Checked in a fresh interpreter, where nothing else has imported them already. An import
hook records which module first imports ``textual`` or ``rich``:

- the core must leave both out of ``sys.modules`` entirely;
- the clients must never import them, and must not pull in Textual at all. Rich is
  tolerated from exactly one third-party place: ``httpx`` imports its optional command
  line (``httpx._main``, which imports ``rich``) whenever ``click`` and ``rich`` are
  installed — and they are, with Textual and Uvicorn. Any other route fails the test.
"""

from __future__ import annotations

import json
import subprocess
import sys
from typing import Any

import pytest

CHECK = """
import importlib, json, pkgutil, sys

UI = {"textual", "rich"}
importers = {}

class Spy:
    # Sees every import before the real finders; records who asked for a UI package.
    @staticmethod
    def find_spec(name, path=None, target=None):
        if name in UI and name not in importers:
            frame = sys._getframe(1)
            while frame and (
                frame.f_code.co_filename.startswith("<frozen importlib")
                or frame.f_globals.get("__name__") == "importlib"
            ):
                frame = frame.f_back
            importers[name] = frame.f_globals.get("__name__", "?") if frame else "?"
        return None

sys.meta_path.insert(0, Spy)
failed, imported = [], []
for root in sys.argv[1:]:
    package = importlib.import_module(root)
    imported.append(root)
    for info in pkgutil.walk_packages(package.__path__, root + ".", onerror=failed.append):
        try:
            importlib.import_module(info.name)
        except Exception as exc:
            failed.append(f"{info.name}: {exc!r}")
        imported.append(info.name)
loaded = sorted({m.split(".")[0] for m in sys.modules} & UI)
print(json.dumps({"imported": imported, "failed": failed, "loaded": loaded,
                  "importers": importers}))
"""


def walk_and_import(*packages: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, "-c", CHECK, *packages],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result: dict[str, Any] = json.loads(done.stdout)
    assert result["failed"] == []
    return result


@pytest.mark.slow
def test_core_imports_no_ui_library() -> None:
    result = walk_and_import("fleet_tui.core")
    assert {"fleet_tui.core.processing", "fleet_tui.core.order"} <= set(result["imported"])
    assert result["loaded"] == [], f"imported by {result['importers']}"


@pytest.mark.slow
def test_clients_import_no_ui_library() -> None:
    result = walk_and_import("fleet_tui.core", "fleet_tui.clients")
    assert "fleet_tui.clients.base" in result["imported"]
    importers: dict[str, str] = result["importers"]
    assert not [m for m in importers.values() if m.startswith("fleet_tui")], importers
    assert "textual" not in result["loaded"], importers
    assert importers.get("rich", "httpx._main") == "httpx._main", importers


@pytest.mark.slow
def test_the_spy_sees_an_import_of_rich() -> None:
    # Guards the hook itself: a direct import is attributed to the importing module.
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            CHECK.replace(
                "sys.meta_path.insert(0, Spy)", "sys.meta_path.insert(0, Spy)\nimport rich.text"
            ),
            "fleet_tui.core",
        ],
        capture_output=True,
        text=True,
        check=True,
        timeout=120,
    )
    result = json.loads(done.stdout)
    assert result["importers"] == {"rich": "__main__"}
    assert result["loaded"] == ["rich"]
