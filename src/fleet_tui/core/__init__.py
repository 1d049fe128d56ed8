"""The pure core: the order model and every rule. Imports neither Textual nor Rich."""
