"""The command line: `netplan` opens the app; sub-commands record, report and check the store.

Exit status: 0 success; 1 the store or an input file is invalid or cannot be written; 2 usage.
Every expected failure prints a message on stderr, never a traceback, and changes no file.
Commands that change data open the workspace, apply the app's own edits and save through it.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TextIO

from netplan import __version__
from netplan.cli.arguments import (
    DIRECTORY,
    FILE,
    INTERACTION_KINDS,
    Parser,
    count,
    not_negative,
)
from netplan.cli.support import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    open_store,
    today_of,
)
from netplan.text import for_terminal

NEWLINE = "\n"  # messages of several lines (candidates listed) keep their lines


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="store folder (default: $NETPLAN_DATA, else the user data folder)",
    ).complete = DIRECTORY  # type: ignore[attr-defined]
    parser = Parser(
        prog="netplan",
        description="A keyboard-driven terminal planner for professional networking.",
        parents=[common],
        epilog="Run without a command to open the app. DATE is YYYY-MM-DD, today, yesterday "
        "or +Nd.",
    )
    parser.add_argument("--version", action="version", version=f"netplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    commands.add_parser("path", parents=[common], help="print the store folder")
    commands.add_parser(
        "demo", parents=[common], help="fill an empty store with realistic sample data"
    )

    check = commands.add_parser("check", parents=[common], help="record routine completions")
    check.add_argument("routine", metavar="ROUTINE", help="routine id or start of its title")
    check.add_argument("--on", metavar="DATE", default="today", help="day (default: today)")
    check.add_argument(
        "--count", metavar="N", type=count, default=1, help="how many (default 1; <0 removes)"
    )

    log = commands.add_parser("log", parents=[common], help="log an interaction with a contact")
    log.add_argument("contact", metavar="CONTACT", help="contact id or start of their name")
    log.add_argument("--kind", choices=INTERACTION_KINDS, default="other")
    exchange = log.add_mutually_exclusive_group()
    exchange.add_argument("--gave", action="store_true", help="you gave help or value")
    exchange.add_argument("--asked", action="store_true", help="you asked for something")
    log.add_argument("--minutes", metavar="N", type=not_negative, default=0)
    log.add_argument("--note", metavar="TEXT")
    log.add_argument("--venue", metavar="TEXT", help="where (for events)")
    log.add_argument("--on", metavar="DATE", default="today", help="day (default: today)")
    log.add_argument("--follow-up", metavar="DATE", help="when to follow up next")
    log.add_argument(
        "--promise",
        metavar="TEXT",
        help="what you committed to (due on the follow-up, else in 7 days)",
    )
    log.add_argument(
        "--with",
        dest="with_",
        metavar="CONTACT",
        action="append",
        default=[],
        help="another person in the same conversation (repeatable); counts as contacted",
    )
    log.add_argument("--event", metavar="EVENT", help="event id or start of its title")

    kept = commands.add_parser(
        "kept", parents=[common], help="mark the contact's oldest open promise kept"
    )
    kept.add_argument("contact", metavar="CONTACT", help="contact id or start of their name")
    kept.add_argument("--on", metavar="DATE", default="today", help="day (default: today)")

    due = commands.add_parser(
        "due", parents=[common], help="follow-ups, milestones and routines that are due"
    )
    due.add_argument("--days", metavar="N", type=not_negative, default=7, help="look ahead N days")
    shape = due.add_mutually_exclusive_group()
    shape.add_argument("--json", action="store_true", help="print one JSON object")
    shape.add_argument(
        "--format",
        dest="output_format",
        choices=("waybar", "line"),
        help='for status bars: waybar (one line of JSON {"text", "tooltip", "class"}) or '
        "line (one short line, for polybar or tmux)",
    )
    notify = commands.add_parser(
        "notify",
        parents=[common],
        help="one desktop notification of what is due and not yet notified today",
        description="One desktop notification (notify-send, else osascript) of the items of "
        "`netplan due --days N` not yet notified today on this machine: each item at most once "
        "a day. Nothing new: no notification. The record of what was notified lives in the "
        "user's state folder ($NETPLAN_STATE overrides it), per store folder and per channel.",
    )
    notify.add_argument(
        "--days",
        metavar="N",
        type=not_negative,
        default=0,
        help="look ahead N days (default 0: overdue and due today)",
    )
    notify.add_argument(
        "--command",
        dest="hook",  # `command` is the sub-command's name
        metavar="CMD",
        help="instead, pipe the new items (the `due --json` object) to the shell command CMD",
    )

    commands.add_parser("validate", parents=[common], help="check the store; report every problem")

    from netplan.cli import completion, events, skips, sync, syncing

    skips.add_parser(commands, common)
    events.add_parser(commands, common)
    syncing.add_parser(commands, common)
    sync.add_parser(commands, common)

    commands.add_parser(
        "duplicates", parents=[common], help="list likely duplicate contacts, with the reason"
    )
    merge = commands.add_parser(
        "merge",
        parents=[common],
        help="merge contact OTHER into KEEP (its journal too) and remove OTHER",
        description="Merge OTHER into KEEP: KEEP's fields stay, its empty ones are filled from "
        "OTHER; tags, topics, handles and milestones are united; OTHER's journal entries move "
        "to KEEP; OTHER is removed. No prompt: it prints what it merged, and `netplan restore` "
        "to the time before it undoes it.",
    )
    merge.add_argument("keep", metavar="KEEP", help="contact id or start of their name")
    merge.add_argument("other", metavar="OTHER", help="contact id or start of their name")

    restore = commands.add_parser(
        "restore",
        parents=[common],
        help="put the store back as it was at an earlier time, from its backups",
        description="Put the store back as it was at WHEN: each file's newest version saved "
        "then or before, from the backups netplan keeps in .backups/. The current files are "
        "backed up first, so a restore can itself be undone. Without WHEN: list the versions.",
    )
    restore.add_argument(
        "when",
        metavar="WHEN",
        nargs="?",
        help="a DATE (as the store was at the end of that day: yesterday, 2026-11-24), "
        "a time (2026-11-24T15:30) or now",
    )
    restore.add_argument(
        "--list", action="store_true", help="list the versions kept of each file, newest first"
    )

    imports = commands.add_parser(
        "import",
        parents=[common],
        help="merge contacts (and LinkedIn activity) from a LinkedIn, vCard, Google Contacts "
        "or Outlook export",
    )
    formats = imports.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=Parser, required=True
    )
    linkedin = formats.add_parser(
        "linkedin",
        parents=[common],
        help='LinkedIn "Connections.csv", or the whole data export (zip or unzipped folder)',
    )
    linkedin.add_argument(
        "file",
        metavar="PATH",
        nargs="+",
        help="Connections.csv, a Basic or Complete export zip (several at once), or its folder",
    ).complete = FILE  # type: ignore[attr-defined]
    linkedin.add_argument(
        "--since", metavar="DATE", help="read activity and messages from this day on"
    )
    for name, metavar, what in (
        ("vcard", "FILE.vcf", "vCard file (2.1, 3.0 or 4.0), one or many cards"),
        ("csv", "FILE.csv", "Google Contacts or Outlook CSV export"),
    ):
        source = formats.add_parser(name, parents=[common], help=what)
        read = source.add_argument("file", metavar=metavar, help=what)
        read.complete = FILE  # type: ignore[attr-defined]
    for source in formats.choices.values():
        source.add_argument(
            "--dry-run", action="store_true", help="print the report, write nothing"
        )

    exports = commands.add_parser(
        "export", parents=[common], help="write the store as iCalendar, CSV or JSON"
    )
    targets = exports.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=Parser, required=True
    )
    for name, metavar, what in (
        ("ics", "FILE", "follow-ups and milestones as an iCalendar file"),
        ("csv", "DIR", "contacts.csv, interactions.csv, completions.csv in DIR"),
        ("json", "FILE", "the whole store as one JSON document"),
    ):
        target = targets.add_parser(name, parents=[common], help=what)
        written = target.add_argument("target", metavar=metavar, help=what)
        written.complete = DIRECTORY if metavar == "DIR" else FILE  # type: ignore[attr-defined]

    completion.add_parser(commands)
    return parser


# --- helpers -------------------------------------------------------------------------------


def _is_terminal(stream: object) -> bool:
    try:
        return bool(stream.isatty())  # type: ignore[attr-defined]
    except (AttributeError, ValueError):  # no stream (None), or a closed one
        return False


def _store_is_there(store: Any, files: Mapping[str, str]) -> bool:
    """Anything of a store at its folder: else the folder is a first run's, whose files are
    not created for an app that cannot start (a failed command changes nothing)."""
    folder = store.folder
    if not (folder.exists() or folder.is_symlink()):
        return False
    if not folder.is_dir():
        return True  # a file where the folder should be: ensure() says so
    return any(
        store.path(n).exists() or store.path(n).is_symlink() or store.backups(n) for n in files
    )


def refuse_without_terminal(
    args: argparse.Namespace, environ: Mapping[str, str], out: TextIO
) -> None:
    """The app draws on stdout and reads keys from stdin: redirected (`netplan > out.txt`,
    `netplan < /dev/null`) it would fill the file with escape codes and wait for keys forever."""
    from netplan.store import FILES, Store, resolve_folder
    from netplan.workspace import read_plan

    missing = [name for name, s in (("stdin", sys.stdin), ("stdout", out)) if not _is_terminal(s)]
    if not missing:
        return
    # The store's own problems still come first, exit status 1, as when the app starts; with
    # anything of a store there, ensure() only checks (a missing file, a file for a folder).
    store = Store(resolve_folder(getattr(args, "data", None), environ))
    if _store_is_there(store, FILES):
        store.ensure()
        read_plan(store)
    which = f"{missing[0]} is not one" if len(missing) == 1 else "stdin and stdout are not"
    raise CommandError(
        f"the app needs a terminal, but {which}; for the command line, see `netplan --help`",
        EXIT_USAGE,
    )


def cmd_app(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.workspace import read_plan

    today = today_of(environ)
    refuse_without_terminal(args, environ, out)
    store = open_store(args, environ)
    # Check plan.toml before the terminal is taken over: a broken one is a message and exit
    # status 1, like every command. Contacts and journal are read by the app, in a worker.
    plan = read_plan(store)
    from netplan.domain.clock import Clock
    from netplan.tui.app import NetplanApp

    # The app's day follows the wall clock past midnight, unless NETPLAN_TODAY fixes it.
    app = NetplanApp(store=store, today=today, plan=plan, clock=Clock.of(environ))
    app.run()
    if app.kept is not None and app.kept.unwritten:
        # No file could be written anywhere: the changes go to the terminal, after the app.
        from netplan.workspace.keeping import printable

        out.write(printable(app.kept))
        out.flush()
    return app.return_code or EXIT_OK


Command = Callable[[argparse.Namespace, Mapping[str, str], TextIO], int]
# Where each command lives; only the module of the command that runs is imported.
COMMANDS: dict[str, str] = {
    "path": "report",
    "demo": "record",
    "check": "record",
    "skip": "skips",
    "event": "events",
    "log": "record",
    "kept": "promises",
    "due": "report",
    "notify": "notify",
    "validate": "report",
    "import": "files",
    "resolve": "syncing",
    "merge-driver": "syncing",
    "sync": "sync",
    "export": "files",
    "restore": "files",
    "duplicates": "people",
    "merge": "people",
    "completion": "completion",
}


def _command(name: str | None) -> Command:
    if name is None:
        return cmd_app
    import importlib

    module = importlib.import_module(f"netplan.cli.{COMMANDS[name]}")
    return getattr(module, f"cmd_{name.replace('-', '_')}")


def main(
    argv: Sequence[str] | None = None,
    environ: Mapping[str, str] | None = None,
    out: TextIO | None = None,
) -> int:
    """Run netplan; returns the exit status."""
    from netplan.runtime.gc_pause import start_done
    from netplan.store import StoreError

    environ = os.environ if environ is None else environ
    out = sys.stdout if out is None else out
    args = build_parser().parse_args(argv)
    if args.command is not None:
        start_done()  # the app resumes the collector after its first frame instead
    try:
        return _command(args.command)(args, environ, out)
    except CommandError as error:
        print(f"netplan: {for_terminal(str(error), NEWLINE)}", file=sys.stderr)
        return error.status
    except StoreError as error:
        for problem in error.problems:
            print(f"netplan: {for_terminal(problem, NEWLINE)}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `netplan due | head` closing the pipe early is not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
