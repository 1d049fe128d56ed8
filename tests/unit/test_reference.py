"""Order references: ``OBE-`` + YYMMDDHHMM in Brussels + ``-`` + 4 uppercase letters."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fleet_tui.core.processing import BRUSSELS
from fleet_tui.core.reference import REFERENCE_RE, is_reference, new_reference


def test_seed_example_is_a_reference() -> None:
    assert is_reference("OBE-2206291535-UYGU")


def test_time_is_brussels_local_time() -> None:
    # 13:35 UTC on 29 June 2022 is 15:35 in Brussels (summer time), as in the seed.
    ref = new_reference(datetime(2022, 6, 29, 13, 35, tzinfo=UTC), random.Random(1))
    assert ref.startswith("OBE-2206291535-")
    # Winter: UTC+1; and another input zone gives the same Brussels stamp.
    winter = datetime(2026, 1, 5, 23, 30, tzinfo=timezone(timedelta(hours=-5)))
    assert new_reference(winter).startswith("OBE-2601060530-")


def test_letters_come_from_the_given_rng() -> None:
    at = datetime(2026, 6, 10, 9, 15, tzinfo=BRUSSELS)
    assert new_reference(at, random.Random(7)) == new_reference(at, random.Random(7))
    drawn = {new_reference(at)[-4:] for _ in range(50)}
    assert len(drawn) > 40  # default randomness: secrets, not a constant


def test_naive_time_is_rejected() -> None:
    with pytest.raises(ValueError):
        new_reference(datetime(2026, 6, 10, 9, 15))


@given(
    st.datetimes(
        min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31), timezones=st.just(UTC)
    ),
    st.randoms(use_true_random=False),
)
def test_every_reference_matches_the_pattern(at: datetime, rng: random.Random) -> None:
    ref = new_reference(at, rng)
    assert is_reference(ref)
    assert REFERENCE_RE.fullmatch(ref)
    assert ref[4:14] == at.astimezone(BRUSSELS).strftime("%y%m%d%H%M")


@pytest.mark.parametrize(
    "text",
    [
        "",
        "OBE-2206291535-UYG",
        "OBE-2206291535-UYGUX",
        "OBE-2206291535-uygu",
        "OBE-220629153-UYGU",
        "obe-2206291535-UYGU",
        "OBE-2206291535-UYGU\n",
        " OBE-2206291535-UYGU",
        "OBE-٢٢٠٦٢٩١٥٣٥-UYGU",  # non-ASCII digits
        "XBE-2206291535-UYGU",
    ],
)
def test_not_references(text: str) -> None:
    assert not is_reference(text)
