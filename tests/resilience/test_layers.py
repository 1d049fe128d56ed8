"""Drafts and the kiosk session sit below the TUI: they load neither Textual nor Rich,
so the batch mode and a crash handler can use them cheaply."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

CHECK = """
import json, sys
import fleet_tui.session.drafts, fleet_tui.session.kiosk
import fleet_tui.core.answers, fleet_tui.core.atomic
print(json.dumps(sorted({m.split(".")[0] for m in sys.modules} & {"textual", "rich"})))
"""


@pytest.mark.slow
def test_drafts_and_kiosk_load_no_ui_library() -> None:
    done = subprocess.run(
        [sys.executable, "-c", CHECK], capture_output=True, text=True, timeout=60, check=True
    )
    assert json.loads(done.stdout) == []
