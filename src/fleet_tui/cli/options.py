"""The command line's shared options, valid before and after the sub-command.

argparse's classic pitfall: an option added to both the root parser and a sub-parser is
parsed twice into one namespace, and the sub-parser's default overwrites what was given
before the sub-command (``fleet-tui --data-dir X submit f.json`` submitted to the default
store). Here every shared option is added with ``default=argparse.SUPPRESS`` and its own
``dest`` in each place, and :func:`merge` joins the two afterwards:

- given in one place, it counts, wherever it was;
- given in both with the same value, fine; with different values, refused (a run must
  never guess which store or server the operator meant);
- ``--client-option`` is repeatable: both places' pairs count;
- an option that the chosen sub-command does not use is refused, never ignored.

A new sub-command gets all this with :func:`add_command`.

Usage errors exit :data:`EXIT_INVALID` (1, "invalid input") with one line in the
interface language, not argparse's exit 2 (the README's "backend failure").
"""

from __future__ import annotations

import argparse
import os
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NoReturn

from fleet_tui.cli.exit_codes import EXIT_INVALID
from fleet_tui.core.i18n import Lang, as_lang, t

#: The options every sub-command shares with the wizard (argparse ``dest`` names).
SHARED: tuple[str, ...] = ("client", "data_dir", "api_url", "lang", "client_option")
#: Options of the wizard only (no sub-command), with their value when absent.
WIZARD_ONLY: dict[str, Any] = {
    "theme": None,
    "kiosk": False,
    "no_drafts": False,
    "kiosk_idle": None,
    "ascii": False,
    "code_timeout": None,
    "qr_drawing": None,
}
_SUB = "sub_"
#: The ``dest`` prefix of the wizard's own options on the root parser.
WIZARD = "wizard_"
_SPELLING = {name: "--" + name.replace("_", "-") for name in (*SHARED, *WIZARD_ONLY)}


class UsageError(Exception):
    """A command line that cannot be run; ``key`` and ``params`` make its message."""

    def __init__(self, key: str, **params: object) -> None:
        super().__init__(key)
        self.key, self.params = key, params


class Parser(argparse.ArgumentParser):
    """An :class:`argparse.ArgumentParser` whose usage errors are :class:`UsageError`
    (argparse's own messages mapped to translated ones), not ``exit(2)``."""

    def error(self, message: str) -> NoReturn:
        raise _translated(message)


def _add_shared(parser: argparse.ArgumentParser, names: Sequence[str], prefix: str) -> None:
    helps = {
        "client": "client to submit through (demo, http, or a plugin)",
        "data_dir": "demo backend folder (store and outbox)",
        "api_url": "HTTP backend base URL (client 'http')",
        "lang": "interface language",
        "client_option": "setting passed to the client (repeatable)",
    }
    for name in names:
        kwargs: dict[str, Any] = {"dest": prefix + name, "default": argparse.SUPPRESS}
        if name == "data_dir":
            kwargs["type"] = Path
        elif name == "lang":
            kwargs["choices"] = ["fr", "nl", "en"]
        elif name == "client_option":
            kwargs.update(action="append", metavar="KEY=VALUE")
        parser.add_argument(_SPELLING[name], help=helps[name], **kwargs)


def add_root_options(parser: argparse.ArgumentParser) -> None:
    """The shared options, before any sub-command."""
    _add_shared(parser, SHARED, "")


def add_command(
    sub: argparse._SubParsersAction[Parser],  # argparse has no public name for it
    name: str,
    text: str,
    shared: Sequence[str] = SHARED,
    **kwargs: Any,
) -> Parser:
    """Add sub-command ``name`` taking the ``shared`` options (both before and after
    it); the options it does not take are refused when given before it."""
    return share(sub.add_parser(name, help=text, description=text, **kwargs), shared)


def share(cmd: argparse.ArgumentParser, shared: Sequence[str] = SHARED) -> Parser:
    """Give the sub-command parser ``cmd`` (made elsewhere) the ``shared`` options."""
    cmd.set_defaults(shared_options=tuple(shared))
    _add_shared(cmd, shared, _SUB)
    assert isinstance(cmd, Parser)  # sub-parsers are made with parser_class=Parser
    return cmd


def merge(args: argparse.Namespace) -> argparse.Namespace:
    """Join the options given before and after the sub-command (see the module's rules);
    every shared and wizard option is then set (``None``, ``False`` or ``[]`` if absent).

    Raises :class:`UsageError`.
    """
    command = getattr(args, "command", None)
    accepted: tuple[str, ...] = getattr(args, "shared_options", SHARED)
    for name in SHARED:
        before = getattr(args, name, None)
        after = getattr(args, _SUB + name, None)
        if hasattr(args, _SUB + name):
            delattr(args, _SUB + name)
        if command is not None and before is not None and name not in accepted:
            raise UsageError("cli_args.not_for_command", option=_SPELLING[name], command=command)
        if name == "client_option":
            value: Any = [*(before or []), *(after or [])]
        elif before is not None and after is not None and before != after:
            raise UsageError(
                "cli_args.given_twice",
                option=_SPELLING[name],
                first=str(before),
                second=str(after),
            )
        else:
            value = after if after is not None else before
        setattr(args, name, value)
    for name, absent in WIZARD_ONLY.items():
        # Read from its root-only ``dest``: a sub-command may have an option of the same
        # name of its own (``serve-ssh --kiosk``), which this must neither read nor hide.
        given = getattr(args, WIZARD + name, absent)
        if hasattr(args, WIZARD + name):
            delattr(args, WIZARD + name)
        if command is not None and given != absent:
            if hasattr(args, name):  # the sub-command has one of its own: after it
                raise UsageError("cli_args.after_command", option=_SPELLING[name], command=command)
            raise UsageError("cli_args.wizard_only", option=_SPELLING[name], command=command)
        if command is None or not hasattr(args, name):
            setattr(args, name, given)
    return args


def misplaced(parser: argparse.ArgumentParser, argv: Sequence[str]) -> UsageError | None:
    """A sub-command's own option given before the sub-command (``fleet-tui --json
    validate f.json``), as the error to raise, or ``None``.

    argparse would call it an unknown argument, or take its value for the sub-command.
    """
    root = {s for a in parser._actions for s in a.option_strings}
    takes_value = {s for a in parser._actions if a.nargs != 0 for s in a.option_strings}
    commands = _commands(parser)
    own = {
        option: name
        for name, cmd in commands.items()
        for a in cmd._actions
        for option in a.option_strings
        if option not in root
    }
    tokens = iter(argv)
    for token in tokens:
        if token == "--" or token in commands:
            return None
        option = token.split("=", 1)[0]
        if option in root:
            if option in takes_value and "=" not in token:
                next(tokens, None)
            continue
        if option in own:
            following = next((a for a in argv if a in commands), own[option])
            return UsageError("cli_args.after_command", option=option, command=following)
    return None


def _commands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def usage_lang(argv: Sequence[str]) -> Lang:
    """The language of a usage error: ``--lang`` if given (anywhere), else
    ``FLEET_TUI_LANG``, else French."""
    for index, token in enumerate(argv):
        if token == "--lang" and index + 1 < len(argv):
            return as_lang(argv[index + 1])
        if token.startswith("--lang="):
            return as_lang(token.partition("=")[2])
    return as_lang(os.environ.get("FLEET_TUI_LANG"))


def report(error: UsageError, lang: Lang) -> int:
    """Print the usage error on one line of stderr; return :data:`EXIT_INVALID`."""
    message = t(error.key, lang, **error.params)
    sys.stderr.write(f"fleet-tui: {_one_line(message)} {t('cli_args.see_help', lang)}\n")
    return EXIT_INVALID


def _one_line(text: str) -> str:
    # Values typed by the user may hold anything; the message stays one printable line.
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


# argparse's own messages (Python 3.11), each mapped to a translated one.
_ARGPARSE: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^unrecognized arguments: (?P<value>.*)$", re.S), "cli_args.unknown"),
    (
        re.compile(r"^the following arguments are required: (?P<value>.*)$", re.S),
        "cli_args.required",
    ),
    (
        re.compile(
            r"^argument (?P<option>\S+): invalid choice: (?P<value>.*?)"
            r" \(choose from (?P<choices>.*)\)$",
            re.S,
        ),
        "cli_args.invalid_choice",
    ),
    (
        re.compile(r"^argument (?P<option>\S+): expected one argument$", re.S),
        "cli_args.expected_value",
    ),
    (
        re.compile(r"^argument (?P<option>\S+): invalid \S+ value: (?P<value>.*)$", re.S),
        "cli_args.invalid_value",
    ),
    (
        re.compile(r"^ambiguous option: (?P<value>\S+) could match (?P<choices>.*)$", re.S),
        "cli_args.ambiguous",
    ),
    (
        re.compile(r"^argument (?P<option>\S+): ignored explicit argument (?P<value>.*)$", re.S),
        "cli_args.no_value_expected",
    ),
)


# Last: an option's own type check (its reason is English, so it is not repeated).
_ANY_OPTION = re.compile(r"^argument (?P<option>-\S+): ", re.S)


def _translated(message: str) -> UsageError:
    for pattern, key in _ARGPARSE:
        found = pattern.match(message)
        if found is not None:
            params = {k: v.strip() for k, v in found.groupdict().items()}
            if "option" in params and params["option"].startswith("{"):
                params["option"] = "COMMAND"  # the sub-command's name
            return UsageError(key, **params)
    found = _ANY_OPTION.match(message)
    if found is not None:
        return UsageError("cli_args.value_refused", option=found.group("option"))
    return UsageError("cli_args.invalid")
