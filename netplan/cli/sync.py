"""`netplan sync vdir DIR`: two-way with a vdir, the folder vdirsyncer syncs with CardDAV
and CalDAV servers (spec 7.4). The work is netplan.sync's; this opens the workspace (the
store's lock held throughout, so two syncs run one after the other) and says what it did."""

from __future__ import annotations

import argparse
import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any, TextIO

from netplan.cli.arguments import DIRECTORY
from netplan.cli.support import EXIT_OK, CommandError, open_store, today_of, warn


def add_parser(commands: Any, common: argparse.ArgumentParser) -> None:
    sync = commands.add_parser(
        "sync",
        parents=[common],
        help="two-way sync with a vdir (the folder vdirsyncer syncs with CardDAV/CalDAV)",
    )
    # The same parser class as the command's: a usage error is exit status 2 with its usage.
    kinds = sync.add_subparsers(
        dest="format", metavar="FORMAT", parser_class=type(sync), required=True
    )
    vdir = kinds.add_parser(
        "vdir",
        parents=[common],
        help="contacts as DIR/contacts/*.vcf, follow-ups as DIR/tasks/*.ics",
        description="Write each contact that is not archived as a vCard 4.0 file in "
        "DIR/contacts and its next follow-up as a task (VTODO) in DIR/tasks, and take in "
        "what changed there since the last sync: edited cards field by field (a field "
        "changed on both sides keeps netplan's value and is reported), new cards as new "
        "contacts, deleted cards as archived contacts, completed tasks as interactions, "
        "moved tasks as follow-ups. Files that cannot be read are skipped and listed. "
        "Point vdirsyncer's filesystem storages at DIR/contacts (fileext .vcf) and "
        "DIR/tasks (fileext .ics).",
    )
    vdir.add_argument(
        "dir", metavar="DIR", help="the vdir folder (created when missing)"
    ).complete = DIRECTORY  # type: ignore[attr-defined]
    vdir.add_argument(
        "--archive-missing",
        action="store_true",
        help="archive the contacts of cards gone from DIR even when most of them are "
        "(without it, such a sync stops and changes nothing)",
    )


def cmd_sync(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.sync.folder import VdirError
    from netplan.sync.report import render
    from netplan.sync.state import StateUnreadable
    from netplan.sync.vdir import sync_vdir
    from netplan.workspace import open_workspace

    today = today_of(environ)
    vdir = Path(args.dir).expanduser()
    store = open_store(args, environ)
    real, folder = Path(os.path.realpath(vdir)), Path(os.path.realpath(store.folder))
    if real.is_relative_to(folder):
        raise CommandError(
            f"{vdir} is inside the store's folder {store.folder}; sync with a folder outside it"
        )
    with open_workspace(store, today) as workspace:
        try:
            report = sync_vdir(workspace, vdir, today, args.archive_missing)
        except (VdirError, StateUnreadable) as error:
            raise CommandError(str(error)) from None
        warn(workspace)
    print(render(report), file=out)
    return EXIT_OK
