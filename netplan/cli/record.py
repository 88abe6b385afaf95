"""Commands that record: `check` (completions), `log` (an interaction), `demo` (sample data).

Each opens the workspace, applies the edit the app applies for the same change, and saves
through the workspace.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from typing import Any, TextIO

from netplan.cli.support import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    day_of,
    open_store,
    plural,
    resolve_one,
    today_of,
    warn,
)
from netplan.text import for_terminal


def cmd_check(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.domain.periods import month_label, week_label
    from netplan.domain.routines import done_in_period, find_routine
    from netplan.workspace import open_workspace
    from netplan.workspace.plan_edits import check_off

    today = today_of(environ)
    day = day_of(args.on, today, "--on")
    store = open_store(args, environ)
    with open_workspace(store, today, people=False) as workspace:
        plan = workspace.data.plan
        routine = resolve_one(
            "routine",
            args.routine,
            lambda: find_routine(plan, args.routine),
            lambda r: f"{r.id}  ({for_terminal(r.title)})",
        )
        activity = workspace.data.activity  # imported activity counts as the app counts it
        before = done_in_period(plan, routine, day, today, activity)
        workspace.apply(check_off(routine, day, args.count))
        workspace.save()
        warn(workspace)
        plan = workspace.data.plan
    done = done_in_period(plan, routine, day, today, activity)
    ws = plan.settings.week_start
    when = week_label(day, ws) if routine.period == "week" else month_label(day)
    change = done - before
    verb = "Recorded" if change >= 0 else "Removed"
    mark = "  ✓ met" if done >= routine.target else ""
    print(
        f"{verb} {plural(abs(change), 'completion')} of {for_terminal(routine.title)} on "
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


OPTIONS = {"on": "--on", "follow_up": "--follow-up", "promise": "--promise"}


def cmd_log(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from pydantic import ValidationError

    from netplan.cli.events import find_event_or_fail
    from netplan.domain.balance import ask_before_giving, balance_of
    from netplan.domain.events import event_ends
    from netplan.domain.followups import follow_up_of
    from netplan.domain.journal import LogRequest, log_problems
    from netplan.models import Exchange, InteractionKind
    from netplan.workspace import open_workspace
    from netplan.workspace.people_edits import log_interaction

    today = today_of(environ)
    on = day_of(args.on, today, "--on")
    follow_up = day_of(args.follow_up, today, "--follow-up") if args.follow_up else None
    exchange = Exchange.gave if args.gave else Exchange.asked if args.asked else Exchange.neutral
    request = LogRequest(
        contact="",  # found below, once the input is known to be right
        on=on,
        kind=InteractionKind(args.kind),
        exchange=exchange,
        minutes=args.minutes,
        note=args.note,
        venue=args.venue,
        follow_up=follow_up,
        promise=args.promise,
    )
    for field, problem in log_problems(request).items():
        raise CommandError(f"{OPTIONS.get(field, '--' + field)}: {problem}", EXIT_USAGE)
    store = open_store(args, environ)
    found: dict[str, Any] = {}

    def people_of(plan: Any, book: Any) -> tuple[set[str], set[date]]:
        """Who the entry is with: the journal holds only their entries and the day's."""
        found["contact"] = contact = resolve_one(
            "contact",
            args.contact,
            lambda: _find_contact(book, args.contact),
            lambda c: f"{c.id}  ({for_terminal(c.name)})",
        )
        others = found["others"] = []
        for query in args.with_:
            person = resolve_one(
                "contact",
                query,
                lambda query=query: _find_contact(book, query),
                lambda c: f"{c.id}  ({for_terminal(c.name)})",
            )
            if person.id != contact.id and person not in others:
                others.append(person)
        found["event"] = find_event_or_fail(plan, args.event) if args.event else None
        return {contact.id, *(p.id for p in others)}, {on}

    with open_workspace(store, today, journal_for=people_of) as workspace:
        assert workspace.data.contacts is not None and workspace.data.journal is not None
        contact, others, event = found["contact"], found["others"], found["event"]
        request = replace(
            request,
            contact=contact.id,
            with_=tuple(p.id for p in others),
            event=event.id if event is not None else None,
        )
        # One contact's entries: a pass over the journal, not the whole people index.
        before = balance_of(
            i for i in workspace.data.journal.interactions if i.contact == contact.id
        )
        try:
            workspace.apply(log_interaction(request, f"Log {args.kind} with {contact.name}"))
        except ValidationError as error:
            problem = error.errors()[0]
            field = ".".join(str(p) for p in problem["loc"])
            raise CommandError(
                f"--{field.replace('_', '-')}: {problem['msg']}", EXIT_USAGE
            ) from None
        workspace.save()
        warn(workspace)
        data = workspace.data
        assert data.contacts is not None and data.journal is not None
        logged = next(c for c in data.contacts.contacts if c.id == contact.id)
        ends = event_ends(data.plan.events)
        due = follow_up_of(logged, data.journal.interactions, data.plan.settings, ends)
    details = [exchange.value] + ([f"{args.minutes} min"] if args.minutes else [])
    names = ", ".join(for_terminal(c.name) for c in [contact, *others])
    at = f" at {for_terminal(event.title)}" if event is not None else ""
    print(
        f"Logged {args.kind} with {names}{at} on {on.isoformat()} ({', '.join(details)}).",
        file=out,
    )
    if due is not None:
        print(f"Next follow-up: {due.isoformat()}.", file=out)
    if exchange == Exchange.asked and ask_before_giving(before):
        print(
            f"Tip: you have not given {for_terminal(contact.name)} more than you asked yet; "
            "offering help first keeps the relationship healthy.",
            file=out,
        )
    return EXIT_OK


def cmd_demo(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.demo import demo_files
    from netplan.workspace import open_workspace
    from netplan.workspace.edits import replace_files

    today = today_of(environ)
    store = open_store(args, environ)
    with open_workspace(store, today) as workspace:
        data = workspace.data
        assert data.contacts is not None and data.journal is not None
        held = []
        if data.contacts.contacts:
            held.append(plural(len(data.contacts.contacts), "contact"))
        if data.journal.interactions:
            held.append(plural(len(data.journal.interactions), "interaction"))
        if data.plan.completions:
            held.append(plural(len(data.plan.completions), "day") + " of check-offs")
        if data.plan.goals:
            held.append(plural(len(data.plan.goals), "goal"))
        if held:
            raise CommandError(
                f"the store in {store.folder} is not empty (it holds {', '.join(held)}); "
                "demo only fills an empty store. Try: netplan --data /tmp/netplan-demo demo"
            )
        sample = demo_files(today)
        plan, contacts, journal = sample["plan"], sample["contacts"], sample["journal"]
        workspace.apply(replace_files("Fill with sample data", **sample))
        workspace.save()
        warn(workspace)
    print(
        f"Filled {store.folder} with sample data: {len(contacts.contacts)} contacts, "
        f"{len(journal.interactions)} interactions, {len(plan.goals)} goals, "
        f"12 weeks of check-offs, {len(sample['activity'].activity)} items of LinkedIn "
        "activity. Run `netplan` to look around.",
        file=out,
    )
    return EXIT_OK
