"""Commands that bring two machines' versions together: `resolve` (the conflict copies sync
tools leave) and `merge-driver` (git's merge of one store file)."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from netplan.cli.arguments import FILE
from netplan.cli.support import EXIT_INVALID, EXIT_OK, EXIT_USAGE, CommandError, open_store
from netplan.text import for_terminal


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    resolve = commands.add_parser(
        "resolve",
        parents=[common],
        help="merge the conflict copies a sync tool left beside the store's files",
        description="Merge each conflict copy (Syncthing's NAME.sync-conflict-…, Dropbox's "
        "NAME (… conflicted copy …)) into its file record by record, three-way against the "
        "version both sides grew from (chosen from .backups/), then move the copy into "
        ".backups/. A field changed on both sides keeps the store's value; the report "
        "names the copy's.",
    )
    resolve.add_argument("--dry-run", action="store_true", help="print the report, write nothing")
    driver = commands.add_parser(
        "merge-driver",
        parents=[common],
        help="git merge driver for a store file (see the README)",
        description="Merge THEIRS into OURS (git's %A) against BASE (%O), record by record, "
        "and write the result to OURS. Exit 0 when clean, 1 with conflicts (reported on "
        "stderr; OURS holds the merge, the store's values kept). In .git/config: "
        'git config merge.netplan.driver "netplan merge-driver %O %A %B %P".',
    )
    for name, what in (
        # argparse expands % in help texts: %% is git's %.
        ("base", "the common ancestor's version (%%O; empty: none)"),
        ("ours", "this branch's version (%%A), replaced by the merge"),
        ("theirs", "the other branch's version (%%B)"),
        ("path", "the file's path in the repository (%%P): plan.toml, contacts.toml …"),
    ):
        driver.add_argument(name, metavar=name.upper(), help=what).complete = FILE  # type: ignore[attr-defined]


def cmd_resolve(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.store import StoreError
    from netplan.workspace.resolving import apply, prepare

    store = open_store(args, environ)
    resolution = prepare(store)
    if args.dry_run or not resolution.changed:
        print(resolution.render(dry_run=args.dry_run), file=out)
        return EXIT_INVALID if resolution.problems else EXIT_OK
    try:
        apply(store, resolution)
    except StoreError as error:
        raise CommandError(str(error)) from None
    print(resolution.render(), file=out)
    return EXIT_OK


def cmd_merge_driver(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.fsutil import atomic_write, os_message
    from netplan.merging import CannotMerge, merge_models
    from netplan.store import FILES, StoreError
    from netplan.store.codec import decode
    from netplan.store.rewrite import rewritten

    kinds = {file: name for name, file in FILES.items()}
    name = kinds.get(Path(args.path).name)
    if name is None:
        raise CommandError(
            f"{args.path} is not one of netplan's files ({', '.join(FILES.values())})",
            EXIT_USAGE,
        )
    sides: dict[str, tuple[bytes, Any]] = {}
    for side in ("base", "ours", "theirs"):
        path = Path(getattr(args, side))
        try:
            data = path.read_bytes()
        except OSError as error:
            raise CommandError(os_message(path, error)) from None
        if side == "base" and not data.strip():
            continue  # added on both branches: no common version
        label = f"{args.path} ({side})"
        try:
            sides[side] = (data, decode(name, data, label))
        except StoreError as error:
            raise CommandError(str(error)) from None
    base = sides.get("base")
    try:
        merged = merge_models(base[1] if base else None, sides["ours"][1], sides["theirs"][1])
    except CannotMerge as error:
        raise CommandError(f"{args.path}: {error}") from None
    try:
        data = rewritten(name, sides["ours"], merged.model)
        atomic_write(Path(args.ours), data)
    except StoreError as error:
        raise CommandError(f"{args.path}: {error}") from None
    except OSError as error:
        raise CommandError(os_message(Path(args.ours), error)) from None
    shown = for_terminal(args.path)
    for conflict in merged.conflicts:
        why = f" ({conflict.why})" if conflict.why else ""
        text = f"{conflict.where}: kept {conflict.kept}, theirs has {conflict.other}{why}"
        print(f"netplan: {shown}: {for_terminal(text, ' / ')}", file=sys.stderr)
    taken = len(merged.taken)
    print(
        f"netplan: {shown}: merged {taken} change{'s' if taken != 1 else ''} of theirs"
        + (f", {len(merged.conflicts)} conflicts (ours kept)" if merged.conflicts else ""),
        file=sys.stderr,
    )
    return EXIT_OK if merged.clean else EXIT_INVALID
