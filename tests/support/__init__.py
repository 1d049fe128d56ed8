"""Helpers the tests share across tiers (unit, clients, tui): one copy of each."""
