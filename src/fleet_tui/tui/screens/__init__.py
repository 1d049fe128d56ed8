"""One screen per step (see :mod:`fleet_tui.tui.steps`), plus help and confirmation."""
