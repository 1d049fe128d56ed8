"""`python -m fleet_tui` runs the same command as the `fleet-tui` script."""

from fleet_tui.cli.main import main

raise SystemExit(main())
