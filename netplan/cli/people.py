"""Commands about who is who: `duplicates` (likely duplicate contacts) and `merge KEEP OTHER`.

`merge` opens the workspace, applies the edit the Contacts tab's `M` applies, and saves through
the workspace: one save, so `netplan restore` to the moment before it undoes it.
"""

from __future__ import annotations

import argparse
from collections.abc import Mapping
from datetime import datetime
from typing import Any, TextIO

from netplan.cli.support import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    open_store,
    plural,
    resolve_one,
    today_of,
    warn,
)
from netplan.text import for_terminal

ID_WIDTH = 28  # ids longer than this push their line's reason along instead of widening all


def _who(contact: Any) -> str:
    company = f" ({contact.company})" if contact.company else ""
    return for_terminal(f"{contact.name}{company}", line_breaks=" ")


def cmd_duplicates(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from collections import Counter

    from netplan.domain.duplicates import find_duplicates
    from netplan.runtime.gc_pause import gc_paused

    today_of(environ)  # a bad NETPLAN_TODAY is a usage error here too
    store = open_store(args, environ)
    snapshot = store.load()
    # The keys of 30,000 contacts are many small objects and no cycles: the collector would
    # triple the time walking the load's million objects.
    with gc_paused():
        entries = Counter(i.contact for i in snapshot.journal.interactions)
        found = find_duplicates(snapshot.contacts.contacts, entries)
    if not found:
        print("No likely duplicates.", file=out)
        return EXIT_OK
    keep_width = min(max(len(d.keep.id) for d in found), ID_WIDTH)
    other_width = min(max(len(d.other.id) for d in found), ID_WIDTH)
    lines = [f"{'KEEP':<{keep_width}}  {'OTHER':<{other_width}}  WHY"]
    for pair in found:
        lines.append(
            f"{pair.keep.id:<{keep_width}}  {pair.other.id:<{other_width}}  {pair.reason}: "
            f"{_who(pair.keep)} / {_who(pair.other)}"
        )
    lines.append(
        f"{plural(len(found), 'likely duplicate pair')}. "
        "`netplan merge KEEP OTHER` merges OTHER into KEEP."
    )
    print("\n".join(lines), file=out)
    return EXIT_OK


def _find(book: Any, query: str, what: str) -> Any:
    from netplan.domain.lookup import resolve

    return resolve_one(
        what,
        query,
        # Archived contacts only by their exact id, as everywhere.
        lambda: resolve(
            query,
            book.contacts,
            ident=lambda c: c.id,
            name=lambda c: c.name,
            hidden=lambda c: c.archived,
        ),
        lambda c: f"{c.id}  ({for_terminal(c.name)})",
    )


def _newest_save(store: Any) -> datetime | None:
    from netplan.store import FILES

    saved = [v.saved for name in FILES for v in store.versions(name)[:1] if v.current]
    return max(saved, default=None)


def cmd_merge(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.domain.merging import merge_contact, refers_to
    from netplan.workspace import open_workspace
    from netplan.workspace.people_edits import merge_contacts

    today = today_of(environ)
    if args.keep == args.other:
        raise CommandError("KEEP and OTHER are the same contact; name two", EXIT_USAGE)
    store = open_store(args, environ)
    with open_workspace(store, today) as workspace:
        data = workspace.data
        assert data.contacts is not None and data.journal is not None
        keep = _find(data.contacts, args.keep, "contact")
        other = _find(data.contacts, args.other, "contact")
        if keep.id == other.id:
            raise CommandError(
                f'KEEP and OTHER are the same contact ("{keep.id}"); name two', EXIT_USAGE
            )
        merged = merge_contact(keep, other)
        moved = sum(1 for i in data.journal.interactions if refers_to(i, other.id))
        before = _newest_save(store)
        label = f"Merge {other.name} into {keep.name}"
        try:
            workspace.apply(merge_contacts(keep.id, other.id, label))
        except ValueError as error:  # the merged record would be invalid
            raise CommandError(f"cannot merge: {error}") from None
        workspace.save()
        warn(workspace)
        after = _newest_save(store)
    _report(out, keep, other, merged, moved)
    # `restore` compares times to the second, as `restore --list` shows them.
    since = before.replace(microsecond=0) if before else None
    if since is not None and after is not None and since < after.replace(microsecond=0):
        print(f"To undo it: netplan restore {since:%Y-%m-%dT%H:%M:%S}", file=out)
    else:  # saved within the second of the previous save: no time tells them apart
        print("To undo it: `netplan restore --list`, then restore an earlier time.", file=out)
    return EXIT_OK


def _report(out: TextIO, keep: Any, other: Any, merged: Any, moved: int) -> None:
    lines = [f"Merged {_who(other)} [{other.id}] into {_who(keep)} [{keep.id}]."]
    for title, items, joint in (
        ("filled", merged.filled, ", "),
        ("united", merged.united, "; "),
        ("both had a value", merged.chosen, "; "),
        ("kept KEEP's", merged.conflicts, "; "),
    ):
        if items:
            lines.append(f"  {title}: {for_terminal(joint.join(items), line_breaks=' ')}")
    if not merged.changed:
        lines.append(f"  {other.id} had nothing {keep.id} lacked")
    lines.append(f"  journal: {plural(moved, 'interaction')} moved to {keep.id}")
    lines.append(f"  removed {other.id}")
    print("\n".join(lines), file=out)
