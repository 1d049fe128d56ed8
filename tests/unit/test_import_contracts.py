"""The import-linter contracts in ``pyproject.toml`` hold, and would catch a wrong import.

``lint-imports`` reads the contracts (layers core → clients → session → tui | sandbox →
cli; core, clients and session never import Textual or Rich; the wizard's own layers)
and checks the package's import graph statically, type-only imports included. The
second test copies the package, adds one forbidden import, and expects the same
command to fail on the copy: a contract that cannot fail would prove nothing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "src" / "fleet_tui"
#: The console script's entry point, run with this interpreter (no PATH lookup).
LINT = "import sys; from importlinter.cli import lint_imports_command; lint_imports_command()"


def lint_imports(config: Path, src: Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    """``lint-imports`` with ``config``, on the ``fleet_tui`` found under ``src``."""
    env = {**os.environ, "PYTHONPATH": str(src)}
    return subprocess.run(
        [sys.executable, "-c", LINT, "--config", str(config), "--no-cache"],
        cwd=cwd,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.mark.slow
def test_the_contracts_hold(tmp_path: Path) -> None:
    result = lint_imports(ROOT / "pyproject.toml", ROOT / "src", tmp_path)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.slow
@pytest.mark.parametrize(
    ("module", "wrong_import", "contract"),
    [
        # The core reaching up into the wizard.
        ("core/fields.py", "import fleet_tui.tui.steps", "Layers: core"),
        # The clients reaching the session layer above them.
        ("clients/base.py", "import fleet_tui.session.drafts", "Layers: core"),
        # The session layer loading Textual.
        ("session/drafts.py", "import textual.app", "never import Textual or Rich"),
        # A screen importing the app for its type (the cycle the host module broke).
        (
            "tui/screens/dashboard.py",
            "if TYPE_CHECKING:\n    import fleet_tui.tui.app",
            "Wizard: app",
        ),
    ],
)
def test_a_wrong_import_breaks_a_contract(
    tmp_path: Path, module: str, wrong_import: str, contract: str
) -> None:
    src = tmp_path / "src"
    shutil.copytree(PACKAGE, src / "fleet_tui", ignore=shutil.ignore_patterns("__pycache__"))
    target = src / "fleet_tui" / module
    text = target.read_text(encoding="utf-8")
    if "TYPE_CHECKING" in wrong_import and "TYPE_CHECKING" not in text.split("\n\n\n")[0]:
        wrong_import = "from typing import TYPE_CHECKING\n" + wrong_import
    target.write_text(text + "\n" + wrong_import + "\n", encoding="utf-8")

    result = lint_imports(ROOT / "pyproject.toml", src, tmp_path)

    assert result.returncode != 0, result.stdout
    broken = [line for line in result.stdout.splitlines() if line.endswith(" BROKEN")]
    assert any(contract in line for line in broken), result.stdout
