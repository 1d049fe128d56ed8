"""What the review shows for an answer: numbers as the order will hold them."""

from __future__ import annotations

import pytest

from fleet_tui.clients.demo.seed import load_seed
from fleet_tui.core.draft import OrderDraft
from fleet_tui.core.i18n import Translator
from fleet_tui.core.rules import OrderContext
from fleet_tui.tui.review_rows import answer_value


@pytest.fixture
def demo_context() -> OrderContext:
    seed = load_seed()
    return OrderContext(seed.account, seed.catalogue)


@pytest.mark.parametrize(
    ("name", "typed", "shown"),
    [
        ("phone_number", "+32 470/12.34.56", "0470 12 34 56"),
        ("phone_number", "0032470123456", "0470 12 34 56"),
        ("phone_number", "0470 12 34", "0470 12 34"),  # refused by the core: as typed
        ("vat_number", "be0456810810", "BE 0456.810.810"),
        ("vat_number", "BE 0456 810 811", "BE 0456 810 811"),  # bad checksum: as typed
        ("holder_name", "Acme [GmbH]", "Acme [GmbH]"),
    ],
)
def test_numbers_are_shown_as_registered(
    demo_context: OrderContext, name: str, typed: str, shown: str
) -> None:
    draft = OrderDraft(number_request="transfer", **{name: typed})
    assert answer_value(name, draft, demo_context, Translator("en")) == shown
