"""Servers that bring the wizard to people: ``serve-ssh`` (an SSH server whose only
"shell" is the wizard). Each session runs the wizard as its own process on a real
pseudo-terminal (:mod:`fleet_tui.serve.pty_child`); no Textual is imported here.
"""
