"""Imports as the command line and the app share them: read, plan, apply (no Textual here).

`read_import` reads the input (a LinkedIn export, a vCard file, a Google or Outlook CSV); a
big archive takes seconds, so the app calls it in a worker thread. `plan_import` folds what
was read into the data as it is now and returns an ImportPlan: the Edit to apply (only the
files that change), whether anything changes, and the report for a dry run and for the real
run. `netplan import` is read, plan, apply the edit and save; the app's Import screen is read,
plan, show the dry run's report, then post the edit like any other change (so `u` undoes it).

`guess_kind` says which kind a path is, for the app: what the importers already know about
file names (the archive's) and header rows (Google's, Outlook's).
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any, Literal

from netplan.importers import ImportFailed, Parsed
from netplan.importers.archive import Archive
from netplan.workspace.data import Data
from netplan.workspace.edits import Edit

__all__ = [
    "KINDS",
    "KIND_NAMES",
    "ImportFailed",
    "ImportKind",
    "ImportPlan",
    "guess_kind",
    "plan_import",
    "read_import",
]

ImportKind = Literal["linkedin", "vcard", "csv"]
KINDS: tuple[ImportKind, ...] = ("linkedin", "vcard", "csv")
KIND_NAMES: dict[ImportKind, str] = {
    "linkedin": "LinkedIn export",
    "vcard": "vCard",
    "csv": "Google or Outlook CSV",
}
PEOPLE_FILES = ("contacts", "journal", "activity")  # the files an import may change
SNIFF_BYTES = 1 << 16  # what guess_kind reads of a CSV to look at its header
SNIFF_LINES = 50

Read = Parsed | Archive  # what read_import returns: an archive for LinkedIn, else Parsed


def read_import(
    kind: ImportKind, paths: Sequence[Path], today: date, since: date | None = None
) -> Read:
    """Read the input files; ImportFailed, naming the file and saying why, when nothing can
    be read. LinkedIn takes several paths (Connections.csv, export zips, unzipped folders);
    vCard and CSV one file. `since` keeps LinkedIn activity and messages from that day on."""
    if kind == "linkedin":
        from netplan.importers.archive import read_archive

        return read_archive(list(paths), since=since, today=today)
    if kind == "csv":
        from netplan.importers.contacts_csv import parse_file
    elif kind == "vcard":
        from netplan.importers.vcard import parse_file
    else:
        raise ValueError(f"no import of the kind {kind!r}")
    if len(paths) != 1:
        raise ImportFailed(f"a {KIND_NAMES[kind]} import reads one file, not {len(paths)}")
    return parse_file(Path(paths[0]))


@dataclass(frozen=True)
class ImportPlan:
    """What an import would do to the data it was planned on."""

    kind: ImportKind
    edit: Edit  # applies the import; its label is "Import LinkedIn", "Import vcard" …
    changed: bool  # False: everything read is there already, the edit changes nothing
    dry_run_report: str  # what `--dry-run` prints: "Would import …", "nothing was written"
    report: str  # what the real import prints: "Imported …"
    summary: str  # its counts in a line: "3 added, 0 updated, 1 skipped, 0 unchanged"

    def report_for(self, dry_run: bool) -> str:
        return self.dry_run_report if dry_run else self.report


def label_of(kind: ImportKind) -> str:
    return "Import LinkedIn" if kind == "linkedin" else f"Import {kind}"


def plan_import(
    kind: ImportKind, read: Read, data: Data, today: date, since: date | None = None
) -> ImportPlan:
    """Fold what was read into `data` (untouched): the plan of the import. `data` must hold
    the contacts and the journal (ValueError while they are still loading)."""
    files, changed, render, summary = _fold(kind, read, data, today, since)
    return ImportPlan(
        kind=kind,
        edit=_import_edit(label_of(kind), kind, read, today, since, data, files),
        changed=changed,
        dry_run_report=render(True),
        report=render(False),
        summary=summary,
    )


def _fold(
    kind: ImportKind, read: Read, data: Data, today: date, since: date | None
) -> tuple[dict[str, Any], bool, Callable[[bool], str], str]:
    """The changed files (name → new version), whether anything changed, the report (dry
    run or not) and the counts in a line."""
    if data.contacts is None or data.journal is None:
        raise ValueError("the contacts are not loaded yet")
    if kind == "linkedin":
        from netplan.importers.archive_report import render
        from netplan.importers.linkedin_activity import import_archive
        from netplan.models import ActivityLog

        assert isinstance(read, Archive)
        activity = data.activity if data.activity is not None else ActivityLog()
        result = import_archive(read, data.contacts, data.journal, activity, today, since)
        files = {}
        if result.changed:
            files = {
                name: getattr(result, name)
                for name in PEOPLE_FILES
                if getattr(result, name) is not getattr(data, name)
            }
        added = result.added
        counts = [] if result.contacts_report is None else [result.contacts_report.summary()]
        counts.append(
            f"{_plural(len(added.activity), 'activity item')} and "
            f"{_plural(len(added.interactions) + len(added.updated), 'interaction')} new"
        )
        summary = "; ".join(counts)
        return files, result.changed, lambda dry_run: render(result, dry_run=dry_run), summary
    from netplan.importers.merge import merge

    assert isinstance(read, Parsed)
    book, report = merge(data.contacts, read, today)
    files = {"contacts": book} if report.changed else {}
    return files, report.changed, lambda dry_run: report.render(dry_run=dry_run), report.summary()


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _import_edit(
    label: str,
    kind: ImportKind,
    read: Read,
    today: date,
    since: date | None,
    base: Data,
    planned: dict[str, Any],
) -> Edit:
    """Put the planned files in place; undo puts back what the step found. Applied to other
    files than those it was planned on (replayed on top of a change made on disk meanwhile,
    or redone after one), it folds the import into those instead of overwriting them."""
    found: dict[str, Any] = {}

    def forward(data: Data) -> Data:
        files = planned
        if any(getattr(data, name) is not getattr(base, name) for name in PEOPLE_FILES):
            files = _fold(kind, read, data, today, since)[0]
        found.clear()
        found.update({name: getattr(data, name) for name in files})
        return replace(data, **files)

    def backward(data: Data) -> Data:
        return replace(data, **found)

    return Edit(label, forward, backward)


# --- which kind a path is ----------------------------------------------------------------------


def guess_kind(path: Path) -> ImportKind | None:
    """The kind of import a path looks like: a folder or a zip is a LinkedIn export, a .vcf a
    vCard file; a CSV named as an archive file (Connections.csv …) is LinkedIn's, another CSV
    Google's or Outlook's when its header row is theirs, else LinkedIn's (whose reader also
    takes a header after a preamble, or none). None when the path does not say (missing, or
    another kind of file)."""
    from netplan.importers.archive.opening import kind_of

    try:
        if path.is_dir():
            return "linkedin"
    except OSError:
        return None
    suffix = path.suffix.casefold()
    if suffix in (".vcf", ".vcard"):
        return "vcard"
    if suffix == ".zip":
        return "linkedin"
    if suffix != ".csv" or not path.is_file():
        return None
    if kind_of(path.name) is not None:
        return "linkedin"
    return "csv" if _google_or_outlook(path) else "linkedin"


def _google_or_outlook(path: Path) -> bool:
    """Whether one of the first lines of a CSV is a Google or Outlook header row."""
    import csv

    from netplan.importers.contacts_csv import DELIMITERS, flavour

    try:
        with open(path, "rb") as handle:
            head = handle.read(SNIFF_BYTES)
    except OSError:
        return False
    encoding = "utf-16" if head.startswith((b"\xff\xfe", b"\xfe\xff")) else "utf-8-sig"
    text = head.decode(encoding, errors="replace")
    for line in itertools.islice(io.StringIO(text, newline=""), SNIFF_LINES):
        for delimiter in DELIMITERS:
            try:
                cells = next(csv.reader([line.rstrip("\r\n")], delimiter=delimiter), [])
            except csv.Error:
                continue
            if flavour(cells):
                return True
    return False
