"""``fleet-tui clients``: every installed client (the ``fleet_tui.clients`` entry points)
with the ``--client-option`` settings it declares (:attr:`Client.OPTIONS`): name, type,
default and what it does. ``--json`` prints one JSON document instead.

A plugin that cannot be imported is listed with the kind of error, not a traceback;
the listing still succeeds (exit 0). Text from a plugin (its help) is printed with
control characters escaped.
"""

from __future__ import annotations

import argparse
import json
from dataclasses import dataclass
from typing import Any

from fleet_tui.cli.common import settings_from_args
from fleet_tui.cli.exit_codes import EXIT_OK
from fleet_tui.clients.base import Client, ClientOption
from fleet_tui.clients.registry import available
from fleet_tui.core.i18n import Lang, has_key, t


@dataclass(frozen=True)
class Listed:
    """One installed client as listed: its options, or why it could not be loaded."""

    name: str
    needs_password: bool | None = None
    options: tuple[ClientOption, ...] = ()
    #: The kind of error that kept the plugin from loading (``ImportError``), if any.
    error: str | None = None


def installed() -> list[Listed]:
    """Every client registered as an entry point, by name."""
    listed: list[Listed] = []
    for name, entry_point in sorted(available().items()):
        try:
            cls = entry_point.load()
        except Exception as exc:  # a broken plugin is reported, not raised
            listed.append(Listed(name, error=type(exc).__name__))
            continue
        if not (isinstance(cls, type) and issubclass(cls, Client)):
            listed.append(Listed(name, error="NotAClient"))
            continue
        listed.append(Listed(name, cls.needs_password, tuple(cls.OPTIONS)))
    return listed


def option_help(option: ClientOption, lang: Lang) -> str:
    """The option's help in ``lang`` when translated, else in the plugin's words."""
    if option.help_key and has_key(option.help_key, lang):
        return t(option.help_key, lang)
    return option.help


def as_json(listed: list[Listed], lang: Lang) -> dict[str, Any]:
    """The listing as one JSON document."""
    clients: list[dict[str, Any]] = []
    for client in listed:
        if client.error is not None:
            clients.append({"name": client.name, "error": client.error})
            continue
        options = [
            {
                "name": o.name,
                "type": o.type,
                "default": o.default,
                "help": option_help(o, lang),
            }
            for o in client.options
        ]
        clients.append(
            {"name": client.name, "needs_password": client.needs_password, "options": options}
        )
    return {"clients": clients}


def plain(text: str) -> str:
    """``text`` with control and format characters (bidi isolates too) escaped."""
    return "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in text)


def _default(value: object) -> str:
    return str(value).lower() if isinstance(value, bool) else str(value)


def as_text(listed: list[Listed], lang: Lang) -> str:
    """The listing as lines for a person."""
    if not listed:
        return t("client_options.list.none", lang)
    lines: list[str] = []
    for client in listed:
        name = plain(client.name)
        if client.error is not None:
            lines.append(t("client_options.list.broken", lang, name=name, reason=client.error))
            continue
        lines.append(t("client_options.list.client", lang, name=name))
        if not client.options:
            lines.append(t("client_options.list.no_options", lang))
        for option in client.options:
            lines.append(
                t(
                    "client_options.list.option",
                    lang,
                    name=plain(option.name),
                    type=option.type,
                    default=plain(_default(option.default)),
                    help=plain(option_help(option, lang)),
                )
            )
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    """Print the installed clients; return the exit code."""
    lang = settings_from_args(args).lang
    listed = installed()
    if args.json:
        print(json.dumps(as_json(listed, lang), ensure_ascii=False, indent=2))
    else:
        print(as_text(listed, lang))
    return EXIT_OK
