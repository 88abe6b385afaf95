"""`netplan kept CONTACT [--on DATE]`: the contact's oldest open promise was kept.

It opens the workspace, applies the edit the Contacts tab's `K` applies, and saves through it.
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
    plural,
    resolve_one,
    today_of,
    warn,
)
from netplan.text import for_terminal


def cmd_kept(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.cli.record import _find_contact
    from netplan.domain.promises import oldest_open_promise, open_promises, promise_due
    from netplan.workspace import open_workspace
    from netplan.workspace.people_edits import keep_promise

    today = today_of(environ)
    day = day_of(args.on, today, "--on")
    store = open_store(args, environ)
    with open_workspace(store, today) as workspace:
        assert workspace.data.contacts is not None and workspace.data.journal is not None
        contact = resolve_one(
            "contact",
            args.contact,
            lambda: _find_contact(workspace.data.contacts, args.contact),
            lambda c: f"{c.id}  ({for_terminal(c.name)})",
        )
        theirs = [i for i in workspace.data.journal.interactions if i.contact == contact.id]
        promise = oldest_open_promise(theirs)
        if promise is None:
            raise CommandError(
                f"{for_terminal(contact.name)} has no open promise "
                "(log one with `netplan log CONTACT --promise TEXT`)"
            )
        if day < promise.on:
            raise CommandError(
                f"--on: {day.isoformat()} is before the promise was made "
                f"({promise.on.isoformat()})",
                EXIT_USAGE,
            )
        label = f"Kept the promise to {contact.name}"
        workspace.apply(keep_promise(promise.id, day, label))
        workspace.save()
        warn(workspace)
        left = len(open_promises(theirs)) - 1
    due = promise_due(promise)
    assert due is not None
    late = (day - due).days
    when = "in time" if late <= 0 else f"{plural(late, 'day')} late"
    print(
        f'Kept "{for_terminal(promise.promise or "", line_breaks=" ")}" for '
        f"{for_terminal(contact.name)} on {day.isoformat()} (due {due.isoformat()}, {when}).",
        file=out,
    )
    if left:
        print(f"{plural(left, 'open promise')} to {for_terminal(contact.name)} left.", file=out)
    return EXIT_OK
