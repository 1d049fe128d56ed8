"""Cost of the core helpers the confirmation screen calls.

- ``expected_activation`` with a business-day rule, against a baseline that rebuilds
  the Belgian holiday calendar on every call (what caching per year avoids);
- ``qr_rows`` for a typical activation code (its cache emptied before each call);
- import time of :mod:`fleet_tui.core.qr` and :mod:`fleet_tui.core.processing`, whose
  libraries (:data:`LAZY_LIBRARIES`) are imported on first use, against importing them
  at once.

Run: ``python benchmarks/bench_core_helpers.py``. Prints medians and ratios.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import datetime, timedelta

from fleet_tui.core.processing import BRUSSELS, RULES, expected_activation
from fleet_tui.core.qr import _matrix, qr_rows

#: What core.qr (the QR encoder and the PNG writer) and core.processing (the holiday
#: calendar) import only when first used.
LAZY_LIBRARIES = "zxingcpp, png, holidays"


def median_seconds(run: Callable[[], object], repeat: int = 15, number: int = 200) -> float:
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            run()
        times.append((time.perf_counter() - start) / number)
    return statistics.median(times)


def uncached_next_business_day(submitted: datetime) -> datetime:
    import holidays

    day = submitted.date() + timedelta(days=1)
    while day.weekday() >= 5 or day in holidays.country_holidays("BE", years=day.year):
        day += timedelta(days=1)
    return datetime.combine(day, submitted.timetz())


def import_ms(statement: str, repeat: int = 7) -> float:
    times = []
    for _ in range(repeat):
        code = f"import time; s = time.perf_counter(); {statement}; print(time.perf_counter() - s)"
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        times.append(float(out.stdout))
    return statistics.median(times) * 1000


def main() -> None:
    submitted = datetime(2026, 12, 24, 15, 0, tzinfo=BRUSSELS)
    rule = RULES["new_or_orange_prepaid_other"]
    ours = median_seconds(lambda: expected_activation(submitted, rule))
    base = median_seconds(lambda: uncached_next_business_day(submitted), number=20)
    print(f"expected_activation (business day): {ours * 1e6:8.1f} µs")
    print(f"baseline, calendar rebuilt per call: {base * 1e6:8.1f} µs  ratio {base / ours:.0f}x")

    code = "LPA:1$smdp.fleet-tui-demo.invalid$ZG5JB-6HHUS-3A8WL-S46GC"
    qr = median_seconds(lambda: (_matrix.cache_clear(), qr_rows(code)), repeat=7, number=20)
    print(f"qr_rows (activation code):           {qr * 1e3:8.2f} ms")

    lazy = import_ms("import fleet_tui.core.qr, fleet_tui.core.processing")
    eager = import_ms(f"import fleet_tui.core.qr, fleet_tui.core.processing, {LAZY_LIBRARIES}")
    print(f"import core.qr + core.processing:    {lazy:8.1f} ms")
    print(f"  plus {LAZY_LIBRARIES} (eager): {eager:8.1f} ms  ratio {eager / lazy:.2f}x")


if __name__ == "__main__":
    main()
