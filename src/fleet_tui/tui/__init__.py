"""The terminal wizard (Textual). Everything user-facing is built from the core's draft
and rules; nothing here decides what is valid."""
