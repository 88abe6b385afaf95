"""Commands that move whole files in or out of the store: import, export, restore."""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping
from datetime import date, datetime, time
from typing import Any, TextIO

from netplan.cli.support import (
    EXIT_OK,
    EXIT_USAGE,
    CommandError,
    day_of,
    open_store,
    plural,
    today_of,
    warn,
)


def cmd_import(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    """Read the input, plan the import against the store, apply and save it (or, with
    --dry-run, only print what it would do): netplan.workspace.importing, as the app's."""
    from pathlib import Path

    from netplan.importers import ImportFailed
    from netplan.workspace import open_workspace
    from netplan.workspace.importing import plan_import, read_import

    today = today_of(environ)
    since = day_of(args.since, today, "--since") if getattr(args, "since", None) else None
    # linkedin takes several paths (Connections.csv, zips, folders); vcard and csv one file.
    paths = args.file if args.format == "linkedin" else [args.file]
    try:
        read = read_import(args.format, [Path(p) for p in paths], today, since)
    except ImportFailed as error:
        raise CommandError(str(error)) from None
    if args.dry_run:
        plan = plan_import(args.format, read, _as_it_is(args, environ), today, since)
    else:
        with open_workspace(open_store(args, environ), today) as workspace:
            plan = plan_import(args.format, read, workspace.data, today, since)
            if plan.changed:
                workspace.apply(plan.edit)
                workspace.save()
                warn(workspace)
    print(plan.report_for(args.dry_run), file=out)
    return EXIT_OK


def _as_it_is(args: argparse.Namespace, environ: Mapping[str, str]) -> Any:
    """The store's files for a dry run: looked at, nothing created; a store that does not
    exist yet is an empty one."""
    from netplan.models import ContactBook, Journal, Plan
    from netplan.store import FILES, Snapshot, Store, resolve_folder
    from netplan.workspace import Data

    store = Store(resolve_folder(getattr(args, "data", None), environ))
    fresh = not any(store.path(n).exists() for n in FILES) and not store.backups("contacts")
    now = Snapshot(Plan(), ContactBook(), Journal()) if fresh else store.load()
    return Data(now.plan, now.contacts, now.journal, now.activity)


def cmd_export(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from pathlib import Path

    from netplan.cli.own_files import refuse_own_files
    from netplan.exporters import ExportFailed, write_file

    today = today_of(environ)
    store = open_store(args, environ)
    snapshot = store.load()
    plan, book, journal = snapshot.plan, snapshot.contacts, snapshot.journal
    activity = snapshot.activity
    target = Path(args.target)
    refuse_own_files([target], store.folder)
    try:
        if args.format == "ics":
            from netplan.exporters.ics import export_ics

            data = export_ics(plan, book, journal, today)
            write_file(target, data)
            events = data.count(b"BEGIN:VEVENT")
            print(f"Wrote {plural(events, 'event')} to {target}.", file=out)
        elif args.format == "csv":
            from netplan.exporters.tabular import export_csv

            if target.exists() and not target.is_dir():
                raise ExportFailed(f"{target} is a file; export csv writes into a folder")
            written = export_csv(plan, book, journal, activity)
            # Each file too: DIR/contacts.csv may be a link to a store file.
            refuse_own_files([target / name for name in written], store.folder)
            try:
                target.mkdir(mode=0o700, parents=True, exist_ok=True)
            except OSError as error:
                raise ExportFailed(f"cannot create {target}: {error.strerror}") from None
            for name, data in written.items():
                write_file(target / name, data)
            print(f"Wrote {', '.join(written)} to {target}.", file=out)
        else:
            from netplan.exporters.tabular import export_json

            write_file(target, export_json(plan, book, journal, activity))
            print(f"Wrote the whole store to {target}.", file=out)
    except ExportFailed as error:
        raise CommandError(str(error)) from None
    return EXIT_OK


_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2})?")


def _moment(text: str, today: date) -> tuple[datetime, str]:
    """WHEN of `restore`: the latest moment to restore, and how to say it."""
    value = text.strip()
    if value.lower() == "now":
        moment = datetime.now()
        return moment, f"at {moment:%Y-%m-%d %H:%M:%S}"
    if _TIME.fullmatch(value):
        try:
            moment = datetime.fromisoformat(value)
        except ValueError as error:
            raise CommandError(
                f'WHEN: "{value}" is not a real time ({error})', EXIT_USAGE
            ) from None
        return moment, f"at {moment:%Y-%m-%d %H:%M:%S}"
    day = day_of(value, today, "WHEN")
    return datetime.combine(day, time.max), f"at the end of {day.isoformat()}"


def _list_versions(store: Any, out: TextIO) -> None:
    from netplan.store import FILES

    print(f"Versions kept in {store.folder}, newest first (the time each was saved):", file=out)
    for name in FILES:
        print(f"\n{FILES[name]}", file=out)
        versions = store.versions(name)
        for version in versions:
            where = "current" if version.current else str(version.path.relative_to(store.folder))
            print(
                f"  {version.saved:%Y-%m-%d %H:%M:%S}  {version.size:>10,} bytes  {where}",
                file=out,
            )
        if not versions:
            print("  none", file=out)
    print(
        "\nTo put the store back as it was at a time: netplan restore WHEN "
        "(a date such as yesterday or 2026-11-24, or a time such as 2026-11-24T15:30).",
        file=out,
    )


def cmd_restore(args: argparse.Namespace, environ: Mapping[str, str], out: TextIO) -> int:
    from netplan.store import FILES, Store, resolve_folder

    today = today_of(environ)
    store = Store(resolve_folder(getattr(args, "data", None), environ))
    if not store.folder.is_dir():
        raise CommandError(f"{store.folder} is not a netplan store folder (nothing to restore)")
    if args.list or args.when is None:
        _list_versions(store, out)
        return EXIT_OK
    until, said = _moment(args.when, today)
    chosen, written = store.restore(until)
    if not written:
        print(f"Nothing to do: {store.folder} already is as it was {said}.", file=out)
        return EXIT_OK
    print(f"Restored {store.folder} as it was {said}:", file=out)
    for name in FILES:
        if name in written and name not in chosen:
            print(f"  {FILES[name]}: emptied (it did not exist then)", file=out)
        elif name in written:
            when = f"{chosen[name].saved:%Y-%m-%d %H:%M:%S}"
            print(f"  {FILES[name]}: put back the version saved {when}", file=out)
        elif name in chosen or store.path(name).exists():
            print(f"  {FILES[name]}: unchanged (it already was that version)", file=out)
    print(
        "The files it replaced were backed up first: `netplan restore --list` shows them, and "
        "restoring the time of the newest one undoes this.",
        file=out,
    )
    return EXIT_OK
