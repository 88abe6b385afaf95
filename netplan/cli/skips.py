"""`netplan skip`: pause routines for some days (spec 7.1), or list the skips.

Like `check`, it opens the workspace, applies the edit and saves through the workspace.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from typing import TextIO

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


def add_parser(commands: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    skip = commands.add_parser(
        "skip", parents=[common], help="pause routines for some days, or --list the skips"
    )
    skip.add_argument(
        "routines", metavar="ROUTINE", nargs="*", help="routine ids or title starts (default: all)"
    )
    skip.add_argument("--from", dest="start", metavar="DATE", help="first skipped day")
    skip.add_argument("--to", dest="end", metavar="DATE", help="last skipped day (default: --from)")
    skip.add_argument("--reason", metavar="TEXT", help="why (holidays, sick, …)")
    skip.add_argument("--list", action="store_true", help="list the skips")


def cmd_skip(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    if args.list:
        if args.routines or args.start or args.end or args.reason:
            raise CommandError("--list takes no ROUTINE, --from, --to or --reason", EXIT_USAGE)
        return _list(args, environ, out)
    if args.start is None:
        raise CommandError("--from DATE is required (or --list)", EXIT_USAGE)
    from netplan.domain.routines import find_routine
    from netplan.models import Skip
    from netplan.workspace import open_workspace
    from netplan.workspace.plan_edits import add_skip

    today = today_of(environ)
    start = day_of(args.start, today, "--from")
    end = day_of(args.end, today, "--to") if args.end else start
    if end < start:
        raise CommandError(
            f"--to {end.isoformat()} is before --from {start.isoformat()}", EXIT_USAGE
        )
    store = open_store(args, environ)
    with open_workspace(store, today, people=False) as workspace:
        plan = workspace.data.plan
        ids = []
        for query in args.routines:
            routine = resolve_one(
                "routine",
                query,
                lambda query=query: find_routine(plan, query),
                lambda r: f"{r.id}  ({for_terminal(r.title)})",
            )
            if routine.id not in ids:
                ids.append(routine.id)
        try:
            skip = Skip(from_=start, to=end, reason=args.reason or None, routines=ids or None)
        except ValueError as error:
            raise CommandError(f"--reason: {error}", EXIT_USAGE) from None
        if skip in plan.skips:
            print(f"Already skipped: {_describe(skip)}", file=out)
            return EXIT_OK
        workspace.apply(add_skip(skip))
        workspace.save()
        warn(workspace)
    print(f"Skipped {_describe(skip)}", file=out)
    return EXIT_OK


def _list(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.workspace import open_workspace

    store = open_store(args, environ)
    with open_workspace(store, today_of(environ), people=False) as workspace:
        skips = sorted(workspace.data.plan.skips, key=lambda s: (s.from_, s.to))
    if not skips:
        print("No skips.", file=out)
    for skip in skips:
        print(_describe(skip), file=out)
    return EXIT_OK


def _describe(skip) -> str:
    days = skip.from_.isoformat()
    if skip.to != skip.from_:
        days += f" to {skip.to.isoformat()}"
    which = ", ".join(skip.routines) if skip.routines else "every routine"
    reason = f" · {for_terminal(skip.reason, line_breaks=' ')}" if skip.reason else ""
    return f"{days}: {which}{reason}"
