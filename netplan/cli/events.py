"""`netplan event add`: an event in plan.toml (spec 7.2).

Like `skip`, it opens the workspace, applies the edit and saves through the workspace.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import Any, TextIO

from netplan.cli.support import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    day_of,
    open_store,
    resolve_one,
    today_of,
    warn,
)
from netplan.text import for_terminal

EVENT_KINDS = ("conference", "meetup", "association", "chamber", "trade-show", "online", "other")


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    event = commands.add_parser("event", parents=[common], help="add an event")
    actions = event.add_subparsers(
        dest="event_action", metavar="ACTION", parser_class=type(event), required=True
    )
    add = actions.add_parser("add", parents=[common], help="add an event to plan.toml")
    add.add_argument("title", metavar="TITLE", help="what it is called")
    add.add_argument("--on", metavar="DATE", required=True, help="its (first) day")
    add.add_argument("--until", metavar="DATE", help="its last day (default: --on)")
    add.add_argument("--venue", metavar="TEXT", help="where")
    add.add_argument("--kind", choices=EVENT_KINDS, default="other")


def cmd_event(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from pydantic import ValidationError

    from netplan.domain.ids import unique_id
    from netplan.models import Event
    from netplan.text import single_line
    from netplan.workspace import open_workspace
    from netplan.workspace.plan_edits import add_event

    today = today_of(environ)
    on = day_of(args.on, today, "--on")
    until = day_of(args.until, today, "--until") if args.until else None
    if until is not None and until < on:
        raise CommandError(
            f"--until {until.isoformat()} is before --on {on.isoformat()}", EXIT_USAGE
        )
    title = single_line(args.title)
    if not title:
        raise CommandError("TITLE: an event needs a title", EXIT_USAGE)
    venue = single_line(args.venue) if args.venue else None
    store = open_store(args, environ)
    with open_workspace(store, today, people=False) as workspace:
        plan = workspace.data.plan
        ident = unique_id(title, {e.id for e in plan.events}, fallback="event")
        fields = {"id": ident, "title": title, "on": on, "until": until, "venue": venue or None}
        try:
            event = Event.model_validate(
                {**{k: v for k, v in fields.items() if v is not None}, "kind": args.kind}
            )
        except ValidationError as error:
            problem = error.errors()[0]
            raise CommandError(f"{problem['loc'][0]}: {problem['msg']}", EXIT_USAGE) from None
        workspace.apply(add_event(event))
        workspace.save()
        warn(workspace)
    print(f"Added event {event.id}: {describe(event)}", file=out)
    return EXIT_OK


def describe(event: Any) -> str:
    days = event.on.isoformat()
    if event.until is not None and event.until != event.on:
        days += f" to {event.until.isoformat()}"
    venue = f", {for_terminal(event.venue)}" if event.venue else ""
    return f"{for_terminal(event.title)} ({event.kind.value}), {days}{venue}"


def find_event_or_fail(plan: Any, query: str) -> Any:
    """The event `query` names (an id or a unique title prefix); CommandError listing the
    candidates when it is unknown or ambiguous."""
    from netplan.domain.events import find_event

    return resolve_one(
        "event",
        query,
        lambda: find_event(plan, query),
        lambda e: f"{e.id}  ({for_terminal(e.title)}, {e.on.isoformat()})",
    )
