"""The command line: `netplan` opens the app; sub-commands record, report and check the store.

Exit status: 0 success; 1 the store or an input file is invalid or cannot be written; 2 usage.
Every expected failure prints a message on stderr, never a traceback, and changes no file.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable, Mapping, Sequence
from datetime import date
from typing import Any, NoReturn, TextIO

from netplan import __version__
from netplan.cli.files import cmd_export, cmd_import, cmd_restore
from netplan.cli.support import (
    EXIT_INVALID,
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    _day,
    _open_store,
    _plural,
    _read_plan,
    _resolve,
    _today,
)
from netplan.text import for_terminal

INTERACTION_KINDS = ("message", "comment", "call", "coffee", "meeting", "event", "intro", "other")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"netplan: error: {message}\n")


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value < 0:
        raise argparse.ArgumentTypeError(f"{text!r} must not be negative")
    return value


def _count(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a whole number") from None
    if value == 0:
        raise argparse.ArgumentTypeError("the count must not be 0 (use a negative one to remove)")
    return value


def build_parser() -> argparse.ArgumentParser:
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--data",
        metavar="DIR",
        default=argparse.SUPPRESS,
        help="store folder (default: $NETPLAN_DATA, else the user data folder)",
    )
    parser = _Parser(
        prog="netplan",
        description="A keyboard-driven terminal planner for professional networking.",
        parents=[common],
        epilog="Run without a command to open the app. DATE is YYYY-MM-DD, today, yesterday "
        "or +Nd.",
    )
    parser.add_argument("--version", action="version", version=f"netplan {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    commands.add_parser("path", parents=[common], help="print the store folder")
    commands.add_parser(
        "demo", parents=[common], help="fill an empty store with realistic sample data"
    )

    check = commands.add_parser("check", parents=[common], help="record routine completions")
    check.add_argument("routine", metavar="ROUTINE", help="routine id or start of its title")
    check.add_argument("--on", metavar="DATE", default="today", help="day (default: today)")
    check.add_argument(
        "--count", metavar="N", type=_count, default=1, help="how many (default 1; <0 removes)"
    )

    log = commands.add_parser("log", parents=[common], help="log an interaction with a contact")
    log.add_argument("contact", metavar="CONTACT", help="contact id or start of their name")
    log.add_argument("--kind", choices=INTERACTION_KINDS, default="other")
    exchange = log.add_mutually_exclusive_group()
    exchange.add_argument("--gave", action="store_true", help="you gave help or value")
    exchange.add_argument("--asked", action="store_true", help="you asked for something")
    log.add_argument("--minutes", metavar="N", type=_positive, default=0)
    log.add_argument("--note", metavar="TEXT")
    log.add_argument("--venue", metavar="TEXT", help="where (for events)")
    log.add_argument("--on", metavar="DATE", default="today", help="day (default: today)")
    log.add_argument("--follow-up", metavar="DATE", help="when to follow up next")
    log.add_argument("--promise", metavar="TEXT", help="what you committed to by the follow-up")

    due = commands.add_parser(
        "due", parents=[common], help="follow-ups, milestones and routines that are due"
    )
    due.add_argument("--days", metavar="N", type=_positive, default=7, help="look ahead N days")
    due.add_argument("--json", action="store_true", help="print one JSON object")

    commands.add_parser("validate", parents=[common], help="check the store; report every problem")

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
        "import", parents=[common], help="merge contacts from a LinkedIn or vCard export"
    )
    formats = imports.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=_Parser, required=True
    )
    for name, metavar, what in (
        ("linkedin", "FILE.csv", 'LinkedIn "Connections.csv" export'),
        ("vcard", "FILE.vcf", "vCard file (3.0 or 4.0), one or many cards"),
    ):
        source = formats.add_parser(name, parents=[common], help=what)
        source.add_argument("file", metavar=metavar, help=what)
        source.add_argument(
            "--dry-run", action="store_true", help="print the report, write nothing"
        )

    exports = commands.add_parser(
        "export", parents=[common], help="write the store as iCalendar, CSV or JSON"
    )
    targets = exports.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=_Parser, required=True
    )
    for name, metavar, what in (
        ("ics", "FILE", "follow-ups and milestones as an iCalendar file"),
        ("csv", "DIR", "contacts.csv, interactions.csv, completions.csv in DIR"),
        ("json", "FILE", "the whole store as one JSON document"),
    ):
        target = targets.add_parser(name, parents=[common], help=what)
        target.add_argument("target", metavar=metavar, help=what)
    return parser


# --- helpers -------------------------------------------------------------------------------


def cmd_path(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.store import resolve_folder

    print(resolve_folder(getattr(args, "data", None), environ), file=out)
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.demo import demo_data

    today = _today(environ)
    store = _open_store(args, environ)
    with store.lock():
        snapshot = store.load()
        held = []
        if snapshot.contacts.contacts:
            held.append(_plural(len(snapshot.contacts.contacts), "contact"))
        if snapshot.journal.interactions:
            held.append(_plural(len(snapshot.journal.interactions), "interaction"))
        if snapshot.plan.completions:
            held.append(_plural(len(snapshot.plan.completions), "day") + " of check-offs")
        if snapshot.plan.goals:
            held.append(_plural(len(snapshot.plan.goals), "goal"))
        if held:
            raise CommandError(
                f"the store in {store.folder} is not empty (it holds {', '.join(held)}); "
                "demo only fills an empty store. Try: netplan --data /tmp/netplan-demo demo"
            )
        plan, contacts, journal = demo_data(today)
        store.save(plan=plan, contacts=contacts, journal=journal)
    print(
        f"Filled {store.folder} with sample data: {len(contacts.contacts)} contacts, "
        f"{len(journal.interactions)} interactions, {len(plan.goals)} goals, "
        f"12 weeks of check-offs. Run `netplan` to look around.",
        file=out,
    )
    return EXIT_OK


def cmd_check(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.domain.periods import month_label, week_label
    from netplan.domain.routines import add_completions, done_in_period, find_routine

    today = _today(environ)
    day = _day(args.on, today, "--on")
    store = _open_store(args, environ)
    with store.lock():
        plan = _read_plan(store)
        routine = _resolve(
            "routine",
            args.routine,
            lambda: find_routine(plan, args.routine),
            lambda r: f"{r.id}  ({r.title})",
        )
        before = done_in_period(plan, routine, day)
        plan = add_completions(plan, routine.id, day, args.count)
        store.save(plan=plan)
    done = done_in_period(plan, routine, day)
    ws = plan.settings.week_start
    when = week_label(day, ws) if routine.period == "week" else month_label(day)
    change = done - before
    verb = "Recorded" if change >= 0 else "Removed"
    mark = "  ✓ met" if done >= routine.target else ""
    print(
        f"{verb} {_plural(abs(change), 'completion')} of {for_terminal(routine.title)} on "
        f"{day.isoformat()}: {done}/{routine.target} in {when}{mark}",
        file=out,
    )
    return EXIT_OK


def _find_contact(book: Any, query: str) -> Any:
    from netplan.domain.lookup import resolve

    return resolve(
        query,
        book.contacts,
        ident=lambda c: c.id,
        name=lambda c: c.name,
        hidden=lambda c: c.archived,
    )


def cmd_log(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from pydantic import ValidationError

    from netplan.domain.balance import balances
    from netplan.domain.followups import apply_interaction, last_interaction_days, next_follow_up
    from netplan.models import Interaction, Journal
    from netplan.workspace.people_edits import next_interaction_id

    today = _today(environ)
    on = _day(args.on, today, "--on")
    follow_up = _day(args.follow_up, today, "--follow-up") if args.follow_up else None
    if args.promise and follow_up is None:
        raise CommandError("--promise needs --follow-up (the day you promised it by)", EXIT_USAGE)
    exchange = "gave" if args.gave else "asked" if args.asked else "neutral"
    store = _open_store(args, environ)
    with store.lock():
        snapshot = store.load()
        contact = _resolve(
            "contact",
            args.contact,
            lambda: _find_contact(snapshot.contacts, args.contact),
            lambda c: f"{c.id}  ({for_terminal(c.name)})",
        )
        fields: dict[str, Any] = {
            "id": next_interaction_id(snapshot.journal, on),
            "contact": contact.id,
            "on": on,
            "kind": args.kind,
            "exchange": exchange,
            "minutes": args.minutes,
        }
        for name in ("note", "venue", "promise"):
            if getattr(args, name):
                fields[name] = getattr(args, name)
        if follow_up:
            fields["follow_up"] = follow_up
        try:
            interaction = Interaction(**fields)
        except ValidationError as error:
            problem = error.errors()[0]
            field = ".".join(str(p) for p in problem["loc"])
            raise CommandError(
                f"--{field.replace('_', '-')}: {problem['msg']}", EXIT_USAGE
            ) from None
        earlier = balances(snapshot.journal).get(contact.id)
        journal = Journal(interactions=[*snapshot.journal.interactions, interaction])
        updated = apply_interaction(contact, interaction)
        contacts = snapshot.contacts.model_copy(
            update={
                "contacts": [
                    updated if c.id == contact.id else c for c in snapshot.contacts.contacts
                ]
            }
        )
        store.save(journal=journal, contacts=contacts)
    last = last_interaction_days(journal).get(contact.id)
    nxt = next_follow_up(updated, snapshot.plan.settings, last)
    details = [exchange] + ([f"{args.minutes} min"] if args.minutes else [])
    print(
        f"Logged {args.kind} with {for_terminal(contact.name)} on {on.isoformat()} "
        f"({', '.join(details)}).",
        file=out,
    )
    if nxt:
        print(f"Next follow-up: {nxt.isoformat()}.", file=out)
    if exchange == "asked" and (earlier is None or earlier.net <= 0):
        print(
            f"Tip: you have not given {for_terminal(contact.name)} more than you asked yet; "
            "offering help first keeps the relationship healthy.",
            file=out,
        )
    return EXIT_OK


def _when(overdue_days: int) -> str:
    if overdue_days > 0:
        return f"{_plural(overdue_days, 'day')} overdue"
    if overdue_days == 0:
        return "due today"
    return f"due in {_plural(-overdue_days, 'day')}"


def cmd_due(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.domain.due import due_json, due_report

    today = _today(environ)
    if args.days > date.max.toordinal() - today.toordinal():
        raise CommandError(f"--days {args.days} reaches past the year 9999", EXIT_USAGE)
    store = _open_store(args, environ)
    snapshot = store.load()
    report = due_report(snapshot.plan, snapshot.contacts, snapshot.journal, today, args.days)
    if args.json:
        import json

        print(json.dumps(due_json(report), ensure_ascii=False), file=out)
        return EXIT_OK
    lines = [
        f"Due by {date.fromordinal(today.toordinal() + args.days).isoformat()} "
        f"(today {today.isoformat()})",
        "",
    ]
    lines.append("Follow-ups")
    width = max((len(_when(f.overdue_days)) for f in report.followups), default=0)
    for item in report.followups:
        lines.append(
            f"  {_when(item.overdue_days):<{width}}  {item.due.isoformat()}  "
            f"{for_terminal(item.contact.name)}"
        )
    if not report.followups:
        lines.append("  none")
    lines += ["", "Milestones"]
    for item in report.milestones:
        lines.append(
            f"  {item.on.isoformat()}  {for_terminal(item.contact.name)}: "
            f"{for_terminal(item.milestone.label)}"
        )
    if not report.milestones:
        lines.append("  none")
    lines += ["", "Routines not yet met"]
    for status in report.routines:
        period = "this week" if status.routine.period == "week" else "this month"
        lines.append(
            f"  {status.done}/{status.target}  {for_terminal(status.routine.title)} ({period})"
        )
    if not report.routines:
        lines.append("  all met")
    print("\n".join(lines), file=out)
    return EXIT_OK


def cmd_validate(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    store = _open_store(args, environ)
    snapshot = store.load()
    for copy in store.conflict_copies():
        print(f"netplan: warning: a sync tool left a conflicting copy: {copy}", file=sys.stderr)
    print(
        f"{store.folder}: OK ({_plural(len(snapshot.plan.routines), 'routine')}, "
        f"{_plural(len(snapshot.plan.goals), 'goal')}, "
        f"{_plural(len(snapshot.contacts.contacts), 'contact')}, "
        f"{_plural(len(snapshot.journal.interactions), 'interaction')})",
        file=out,
    )
    return EXIT_OK


def cmd_app(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    today = _today(environ)
    store = _open_store(args, environ)
    # Check plan.toml before the terminal is taken over: a broken one is a message and exit
    # status 1, like every command. Contacts and journal are read by the app, in a worker.
    plan = _read_plan(store)
    from netplan.tui.app import NetplanApp

    app = NetplanApp(store=store, today=today, plan=plan)
    app.run()
    return app.return_code or EXIT_OK


COMMANDS: dict[str | None, Callable[[argparse.Namespace, Mapping[str, str], TextIO], int]] = {
    None: cmd_app,
    "path": cmd_path,
    "demo": cmd_demo,
    "check": cmd_check,
    "log": cmd_log,
    "due": cmd_due,
    "validate": cmd_validate,
    "import": cmd_import,
    "export": cmd_export,
    "restore": cmd_restore,
}


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
        return COMMANDS[args.command](args, environ, out)
    except CommandError as error:
        print(f"netplan: {error}", file=sys.stderr)
        return error.status
    except StoreError as error:
        for problem in error.problems:
            print(f"netplan: {problem}", file=sys.stderr)
        return EXIT_INVALID
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `netplan due | head` closing the pipe early is not an error worth a traceback.
        sys.stderr.close()
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main())
