"""The command line: the wizard (no sub-command) and the batch and info commands."""
