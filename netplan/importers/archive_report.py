"""What `netplan import linkedin` says it did with an archive: per file, how many records
were read, how many became activity or interactions, how many were there already, which
rows were skipped (line and reason), and which files netplan does not use."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import PurePosixPath

from netplan.importers.linkedin_activity import ArchiveImport, FileCounts
from netplan.importers.report import LINE_BREAK
from netplan.text import for_terminal

STRANGERS_SHOWN = 10
SKIPS_SHOWN = 50
ARTICLES = "Articles (HTML)"


def _plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


def _what(file: str) -> str:
    """What a file's records become in the store."""
    kind = file.casefold()
    if "message" in kind or "_given" in kind or " given" in kind:
        return "interaction"
    return "activity item"


@dataclass
class _Row:
    read: int = 0
    skipped: int = 0
    layouts: list[str] = field(default_factory=list)
    counts: FileCounts | None = None


def _label(path: str) -> str:
    """A file as the report names it: its name (the same file of two zips is one row);
    the articles, one HTML page each, as one row."""
    name = PurePosixPath(path).name
    return ARTICLES if name.casefold().endswith((".html", ".htm")) else name


def _rows(result: ArchiveImport) -> dict[str, _Row]:
    rows: dict[str, _Row] = {}
    for report in result.archive.files:
        if not report.used:
            continue
        row = rows.setdefault(for_terminal(_label(report.file), LINE_BREAK), _Row())
        row.read += report.read
        row.skipped += len(report.skipped)
        if report.layout:
            row.layouts.append(for_terminal(report.layout, LINE_BREAK))
    for file, counts in result.added.counts.items():
        row = rows.setdefault(for_terminal(_label(file), LINE_BREAK), _Row())
        if row.counts is None:
            row.counts = FileCounts()
        row.counts.added += counts.added
        row.counts.already += counts.already
        row.counts.unmatched += counts.unmatched
    return dict(sorted(rows.items(), key=lambda kv: kv[0].casefold()))


def render(result: ArchiveImport, dry_run: bool = False) -> str:
    archive, added = result.archive, result.added
    lines: list[str] = []
    if result.contacts_report is not None:
        lines += [result.contacts_report.render(dry_run, footer=False), ""]
    sources = ", ".join(for_terminal(s, LINE_BREAK) for s in archive.sources)
    verb = "Would import" if dry_run else "Imported"
    new_items, new_entries = len(added.activity), len(added.interactions) + len(added.updated)
    already = sum(c.already for c in added.counts.values())
    lines.append(
        f"{verb} LinkedIn activity from {sources}: {_plural(new_items, 'activity item')} and "
        f"{_plural(new_entries, 'interaction')} {'new' if dry_run else 'added'}, "
        f"{already:,} already there."
    )
    rows = _rows(result)
    if rows:
        lines += ["", "By file:"]
        width = max(len(label) for label in rows)
        for label, row in rows.items():
            parts = [f"{row.read:,} read"]
            if row.layouts:
                parts = ["not read: " + "; ".join(row.layouts)]
            elif row.counts is not None:
                counts = row.counts
                what = _what(label)
                parts.append(f"{_plural(counts.added, what)} {'new' if dry_run else 'added'}")
                parts.append(f"{counts.already:,} already there")
                if counts.unmatched:
                    parts.append(f"{counts.unmatched:,} with people not in contacts")
            if row.skipped:
                parts.append(f"{row.skipped:,} skipped")
            lines.append(f"  {label:<{width}}  " + ", ".join(parts))
    skipped = [(f.file, p) for f in archive.files for p in f.skipped]
    if skipped:
        lines += ["", "Skipped rows:"]
        for file, problem in skipped[:SKIPS_SHOWN]:
            reason = for_terminal(problem.reason, LINE_BREAK)
            lines.append(f"  {for_terminal(file, LINE_BREAK)} {problem.where}: {reason}")
        if len(skipped) > SKIPS_SHOWN:
            lines.append(f"  … and {len(skipped) - SKIPS_SHOWN:,} more")
    if added.strangers:
        ranked = sorted(added.strangers.items(), key=lambda kv: (-kv[1], kv[0]))
        shown = ", ".join(for_terminal(name, LINE_BREAK) for name, _n in ranked[:STRANGERS_SHOWN])
        more = len(ranked) - STRANGERS_SHOWN
        lines += [
            "",
            f"Not among your contacts, so not logged ({len(ranked):,}): {shown}"
            + (f" and {more:,} more" if more > 0 else "")
            + ". Add them to contacts.toml (or import their Connections.csv rows) and import "
            "again to log their conversations.",
        ]
    ignored = [f.file for f in archive.files if not f.used]
    if ignored:
        names = ", ".join(for_terminal(n, LINE_BREAK) for n in ignored)
        lines += ["", f"Not used by netplan: {names}."]
    for note in archive.notes:
        lines.append(f"Note: {for_terminal(note, LINE_BREAK)}")
    if dry_run:
        lines += ["", "Dry run: nothing was written."]
    return "\n".join(lines)
