"""Run demo backend calls in a separate process (the tests start it with subprocess).

``python demo_worker.py submit DATA_DIR KEY DOCUMENT_JSON [SIGNAL_DIR NAME]`` prints the
outcome as JSON; with a signal folder it first opens the store, writes ``NAME.ready``
and waits for ``go``, so that several workers submit at the same moment.
``python demo_worker.py recent DATA_DIR`` prints the recent orders as JSON.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from fleet_tui.clients.base import Conflict
from fleet_tui.clients.demo import DemoBackend


def _wait_for_go(signal_dir: Path, name: str, backend: DemoBackend) -> None:
    backend.recent_orders(1)  # open the store now, not after the signal
    (signal_dir / f"{name}.ready").touch()
    deadline = time.monotonic() + 60
    while not (signal_dir / "go").exists():
        if time.monotonic() > deadline:
            raise SystemExit("no go signal")
        time.sleep(0.0005)


def main(argv: list[str]) -> int:
    command, data_dir = argv[0], Path(argv[1])
    backend = DemoBackend(data_dir)
    if command == "recent":
        records = backend.recent_orders(50)
        print(json.dumps([r.model_dump(mode="json") for r in records]))
        return 0
    key, document = argv[2], json.loads(argv[3])
    if len(argv) > 5:
        _wait_for_go(Path(argv[4]), argv[5], backend)
    try:
        confirmation = backend.submit(document, key)
    except Conflict as exc:
        print(json.dumps({"conflict": exc.error.code, "field": exc.error.field}))
        return 0
    print(json.dumps({"reference": confirmation.reference}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
