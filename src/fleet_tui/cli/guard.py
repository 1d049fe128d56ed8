"""The last line of defence of every command: no traceback reaches the user.

Settings that cannot be used (a config file that is not TOML, ``FLEET_TUI_LANG=xx``)
end with one line and exit code 1; a reader that goes away (``fleet-tui catalog --json
| head -1``) ends the program quietly with 141 (128 + SIGPIPE), as other command-line
tools do; Ctrl+C with 130.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Sequence

from fleet_tui.cli.exit_codes import EXIT_INVALID
from fleet_tui.core.i18n import Lang, as_lang, t

EXIT_BROKEN_PIPE = 128 + 13
EXIT_INTERRUPTED = 128 + 2


def _lang(argv: Sequence[str]) -> Lang:
    # The settings themselves may be what failed: read --lang (or the environment)
    # without them, falling back to the default language.
    for index, item in enumerate(argv):
        if item == "--lang" and index + 1 < len(argv):
            return as_lang(argv[index + 1])
        if item.startswith("--lang="):
            return as_lang(item.partition("=")[2])
    return as_lang(os.environ.get("FLEET_TUI_LANG"))


def settings_message(exc: Exception, lang: Lang) -> str:
    """The one line for a :class:`~fleet_tui.session.config.SettingsError`."""
    key = getattr(exc, "key", "settings_bad_value")
    params = getattr(exc, "params", {})
    return t(f"hardened.{key}", lang, **params)


def _quiet_stdout() -> None:
    # Python would report the broken pipe again while flushing at exit.
    with contextlib.suppress(OSError, ValueError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())


def guarded(run: Callable[[], int], argv: Sequence[str] | None = None) -> int:
    """``run()``'s exit code, with the failures above turned into exit codes."""
    from fleet_tui.cli.safe_text import say
    from fleet_tui.session.config import SettingsError

    # The package's log lines are English and for developers: without a handler,
    # Python would print warnings on stderr next to the user's translated messages.
    logging.getLogger("fleet_tui").addHandler(logging.NullHandler())
    try:
        return run()
    except SettingsError as exc:
        say(settings_message(exc, _lang(sys.argv[1:] if argv is None else argv)), sys.stderr)
        return EXIT_INVALID
    except BrokenPipeError:
        _quiet_stdout()
        return EXIT_BROKEN_PIPE
    except KeyboardInterrupt:
        return EXIT_INTERRUPTED
