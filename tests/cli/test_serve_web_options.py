"""``serve-web --uploads-dir`` that is no folder: one line in the interface language,
exit 1 (an invalid option), no server started."""

from __future__ import annotations

from pathlib import Path

from fleet_tui.cli.exit_codes import EXIT_INVALID
from tests.cli.conftest import Run


def test_an_uploads_dir_that_is_no_folder_exits_1_with_one_line(fleet: Run, tmp_path: Path) -> None:
    missing = tmp_path / "scans"
    done = fleet("serve-web", "--port", "1", "--uploads-dir", str(missing), "--lang", "en")
    assert done.returncode == EXIT_INVALID
    assert done.stderr.strip() == f"--uploads-dir {missing} is not a folder."
    assert "Traceback" not in done.stderr and done.stdout == ""
