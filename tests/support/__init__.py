"""Helpers the tests share across tiers: one copy of each.

- ``orders``: order documents valid against the demo seed, and drafts holding them.
- ``screens``: the screen tier — the wizard opened on one step of a prepared draft
  (the one place that knows how the app is wired to get there).
- ``drive``: driving the wizard with keys, as an operator would (also the benchmarks').
- ``pty_terminal``: the real program in a pseudo-terminal, read through pyte.
- ``qr``, ``unicode``: a strict QR decoder; Unicode classes the tests check against.
"""
