"""Failed sign-ins per source address, in a sliding window."""

from __future__ import annotations

from fleet_tui.serve.identity import Operator
from fleet_tui.serve.limits import FailureLimiter


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_an_address_is_refused_after_its_failures_until_they_leave_the_window() -> None:
    clock = _Clock()
    limiter = FailureLimiter(limit=3, window=60, clock=clock)
    for _ in range(2):
        limiter.failed("10.0.0.1")
    assert not limiter.blocked("10.0.0.1")
    limiter.failed("10.0.0.1")
    assert limiter.blocked("10.0.0.1")
    assert not limiter.blocked("10.0.0.2")  # another address is not punished
    clock.now += 59
    assert limiter.blocked("10.0.0.1")
    clock.now += 2
    assert not limiter.blocked("10.0.0.1")


def test_each_operator_has_a_folder_of_their_own_that_stays_under_the_root() -> None:
    from pathlib import Path

    root = Path("/srv/state")
    alice = Operator("alice", "SHA256:aaa").folder(root)
    other_key = Operator("alice", "SHA256:bbb").folder(root)
    sneaky = Operator("../../etc", "SHA256:aaa").folder(root)
    assert alice != other_key
    assert alice.parent == root and other_key.parent == root and sneaky.parent == root
    assert alice.name.startswith("alice-")
    assert Operator("a\x1b]0;x\x07", "SHA256:c").label == "a??0?x? (SHA256:c)"
