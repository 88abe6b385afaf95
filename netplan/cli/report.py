"""Commands that report: `path`, `due` (what falls due) and `validate` (the whole store)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from datetime import date
from typing import TextIO

from netplan.cli.support import EXIT_OK, EXIT_USAGE, CommandError, open_store, plural, today_of
from netplan.text import for_terminal


def cmd_path(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.store import resolve_folder

    print(resolve_folder(getattr(args, "data", None), environ), file=out)
    return EXIT_OK


def _when(overdue_days: int) -> str:
    if overdue_days > 0:
        return f"{plural(overdue_days, 'day')} overdue"
    if overdue_days == 0:
        return "due today"
    return f"due in {plural(-overdue_days, 'day')}"


def cmd_due(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.domain.due import due_json, due_report
    from netplan.domain.people_index import PeopleIndex

    today = today_of(environ)
    if args.days > date.max.toordinal() - today.toordinal():
        raise CommandError(f"--days {args.days} reaches past the year 9999", EXIT_USAGE)
    store = open_store(args, environ)
    snapshot = store.load()
    plan = snapshot.plan
    people = PeopleIndex.of(snapshot.contacts, snapshot.journal, plan.settings, today, plan.events)
    report = due_report(snapshot.plan, people, today, args.days, snapshot.activity)
    if args.json:
        import json

        print(json.dumps(due_json(report), ensure_ascii=False), file=out)
        return EXIT_OK
    if args.output_format is not None:
        from netplan.domain import due_formats

        if args.output_format == "waybar":
            print(due_formats.as_json(due_formats.waybar(report)), file=out)
        else:
            print(due_formats.status_line(report), file=out)
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
    lines += ["", "Promises"]
    width = max((len(_when(p.overdue_days)) for p in report.promises), default=0)
    for promise in report.promises:
        lines.append(
            f"  {_when(promise.overdue_days):<{width}}  {promise.due.isoformat()}  "
            f"{for_terminal(promise.contact.name)}: "
            f"{for_terminal(promise.interaction.promise or '', line_breaks=' ')}"
        )
    if not report.promises:
        lines.append("  none open")
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
    store = open_store(args, environ)
    snapshot = store.load()
    for copy in store.conflict_copies():
        shown = for_terminal(str(copy))
        print(
            f"netplan: warning: a sync tool left a conflicting copy: {shown} "
            "(`netplan resolve` merges it into its file)",
            file=sys.stderr,
        )
    print(
        f"{store.folder}: OK ({plural(len(snapshot.plan.routines), 'routine')}, "
        f"{plural(len(snapshot.plan.goals), 'goal')}, "
        f"{plural(len(snapshot.contacts.contacts), 'contact')}, "
        f"{plural(len(snapshot.journal.interactions), 'interaction')}, "
        f"{plural(len(snapshot.activity.activity), 'activity item')})",
        file=out,
    )
    return EXIT_OK
