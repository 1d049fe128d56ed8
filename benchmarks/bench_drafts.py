"""Draft saving cost: what a keystroke costs the TUI, and what one save costs the disk.

Run: ``python benchmarks/bench_drafts.py [--saves 1000] [--folder PATH]``

Prints medians (and the 99th percentile) in milliseconds for:

- ``DraftStore.save`` — one atomic, durable write (temporary file, ``fsync``, rename,
  ``fsync`` of the folder), against a baseline measured in the same run on the same
  bytes: a plain ``write_bytes`` with no ``fsync`` and no rename;
- ``DebouncedSaver.changed`` — what the TUI's event loop pays per change (a deep copy
  of the draft; the write happens in the saver's thread), against the baseline of
  ``OrderDraft.model_dump`` alone.

``--folder`` puts the drafts on a given file system (the default is a temporary
folder, often a RAM disk, where ``fsync`` is nearly free).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from fleet_tui.session.drafts import DebouncedSaver, DraftStore

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))  # the tests' order builders
from tests.support.orders import as_draft, company_transfer, esim_sim, spec_order


def _times_ms(action: Callable[[int], None], count: int) -> list[float]:
    out: list[float] = []
    for i in range(count):
        start = time.perf_counter()
        action(i)
        out.append((time.perf_counter() - start) * 1000)
    return out


def _report(label: str, measured: list[float], baseline_label: str, base: list[float]) -> None:
    def p99(values: list[float]) -> float:
        return statistics.quantiles(values, n=100)[98]

    median, base_median = statistics.median(measured), statistics.median(base)
    print(f"{label:<34} median {median:8.3f} ms   p99 {p99(measured):8.3f} ms")
    print(
        f"  baseline: {baseline_label:<22} median {base_median:8.3f} ms   p99 {p99(base):8.3f} ms"
    )
    print(f"  ratio {median / base_median:.1f}x")


def main() -> None:
    """Measure and print."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=1000)
    parser.add_argument("--folder", type=Path)
    args = parser.parse_args()
    # A port-in on an eSIM: a draft with about as many answers as an order can have.
    draft = as_draft(
        spec_order(number=company_transfer(), sim=esim_sim(language="nl"), travel_data_control=50)
    )
    with tempfile.TemporaryDirectory(dir=args.folder) as folder:
        root = Path(folder)
        store = DraftStore(root / "drafts")
        data = json.dumps(draft.model_dump(mode="json")).encode()
        plain = root / "plain.json"

        def save(i: int) -> None:
            draft.holder_name = f"n{i}"
            store.save(draft, "new_card")

        def write(i: int) -> None:
            plain.write_bytes(data)

        store.save(draft, "new_card")  # warm-up: folder created, imports done
        saves = _times_ms(save, args.saves)
        writes = _times_ms(write, args.saves)
        print(f"draft size {store.path.stat().st_size} bytes, {args.saves} runs, in {root}")
        _report("DraftStore.save (atomic + fsync)", saves, "write_bytes, no fsync", writes)

        saver = DebouncedSaver(DraftStore(root / "debounced"), delay=0.5)

        def change(i: int) -> None:
            draft.holder_name = f"k{i}"
            saver.changed(draft, "new_card")

        changes = _times_ms(change, args.saves)

        def dump(i: int) -> None:
            draft.model_dump()

        dumps = _times_ms(dump, args.saves)
        saver.close()
        _report("DebouncedSaver.changed", changes, "model_dump", dumps)


if __name__ == "__main__":
    main()
