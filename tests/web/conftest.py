"""One headless Chromium per test module (starting it takes about a second); every test
opens pages of its own in it and closes them."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.web.browser import UNAVAILABLE, chromium


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if UNAVAILABLE is not None:
        pytest.skip(UNAVAILABLE)
    with chromium() as launched:
        yield launched
