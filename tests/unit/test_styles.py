"""The Textual CSS sits in the top-level ``styles/`` and ships inside the wheel as
``fleet_tui/styles``; the wizard finds it in either place (packaged first)."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from fleet_tui.tui.stylesheets import CANDIDATES, SHEETS, styles_dir

ROOT = Path(__file__).resolve().parents[2]


def test_a_source_tree_run_finds_the_top_level_styles() -> None:
    # This test run uses an editable install: no styles folder inside the package.
    assert not CANDIDATES[0].exists()
    assert styles_dir() == ROOT / "styles"


def test_the_packaged_folder_comes_first(tmp_path: Path) -> None:
    packaged, top_level = tmp_path / "packaged", tmp_path / "top"
    for folder in (packaged, top_level):
        folder.mkdir()
        for name in SHEETS:
            (folder / name).write_text("Screen {}\n", encoding="utf-8")
    assert styles_dir((packaged, top_level)) == packaged
    (packaged / SHEETS[1]).unlink()  # an incomplete folder is passed over
    assert styles_dir((packaged, top_level)) == top_level
    with pytest.raises(FileNotFoundError):
        styles_dir((packaged, tmp_path / "missing"))


@pytest.mark.slow
def test_the_wheel_carries_the_styles_and_its_install_reads_them(tmp_path: Path) -> None:
    # Without build isolation: hatchling comes with the test extra, no index is needed.
    pip_wheel = [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--quiet"]
    built = subprocess.run(
        [*pip_wheel, "--no-build-isolation", "--wheel-dir", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert built.returncode == 0, built.stderr
    (wheel,) = tmp_path.glob("fleet_tui-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for name in SHEETS:
            packaged = f"fleet_tui/styles/{name}"
            assert packaged in names
            assert archive.read(packaged) == (ROOT / "styles" / name).read_bytes()
        # A wheel is installed by unpacking it: its package, not the source tree's.
        archive.extractall(tmp_path / "site")
    found = subprocess.run(
        [sys.executable, "-c", "from fleet_tui.tui.app import FleetApp; print(FleetApp.CSS_PATH)"],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(tmp_path / "site")},
        timeout=120,
        check=False,
    )
    assert found.returncode == 0, found.stderr
    assert found.stdout.strip() == str(
        [str(tmp_path / "site" / "fleet_tui" / "styles" / name) for name in SHEETS]
    )
