"""A pure, store-free reader of LinkedIn's "Get a copy of your data" archive (spec §7.3; the
formats: shared/linkedin-archive.md).

`read_archive(paths)` takes export zips (Basic and Complete, overlapping), unzipped folders or
single CSV files of the archive and returns neutral, cleaned records — connections (through
`netplan.importers.linkedin.parse_text`), activity Items, Messages without bodies, what the
owner Gave — with one FileReport per file seen. Records read twice (the same file in two
zips) are returned once. The modules: `opening` (inputs, zip safety, file matching),
`csvtext` (decoding, header mapping), `dates`, `messages`, `engagement` (comments, reactions,
shares, articles), `network` (invitations, events, endorsements, recommendations), `model`.
"""

from __future__ import annotations

import csv
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path, PurePosixPath

from netplan.importers import ImportFailed, Parsed, Problem
from netplan.importers.archive.csvtext import decode
from netplan.importers.archive.engagement import (
    read_article,
    read_comments,
    read_reactions,
    read_shares,
)
from netplan.importers.archive.messages import MessageRows
from netplan.importers.archive.model import (
    Archive,
    FileReport,
    Given,
    Item,
    Message,
    Person,
    url_key,
)
from netplan.importers.archive.network import (
    Endorsements,
    read_events,
    read_invitations,
    read_profile_name,
    read_recommendations,
)
from netplan.importers.archive.opening import kind_of, members
from netplan.importers.linkedin import parse_text
from netplan.text import single_line

__all__ = [
    "Archive",
    "FileReport",
    "Given",
    "ImportFailed",
    "Item",
    "Message",
    "Person",
    "kind_of",
    "read_archive",
    "url_key",
]

USED = (
    "Connections.csv, messages.csv, Invitations.csv, Comments.csv, Reactions.csv, Shares.csv, "
    "Events.csv, Endorsement_*_Info.csv, Recommendations_*.csv, Profile.csv, Articles/*.html"
)


class _Reading:
    """What the files of all inputs gave, before the owner is known."""

    def __init__(self) -> None:
        self.items: dict[tuple[str, str], Item] = {}
        self.given: dict[tuple[str, str], Given] = {}
        self.endorsements = Endorsements()
        self.messages = MessageRows()
        self.owner_votes: list[tuple[str, str]] = []
        self.profile_name: str | None = None
        self.connections: list[Parsed] = []

    def add_items(self, items: list) -> None:
        for item in items:
            if isinstance(item, Given):
                self.given.setdefault((item.kind, item.key), item)
            else:
                self.items.setdefault((item.kind, item.key), item)

    def read(self, kind: str, text: str, name: str, label: str, report: FileReport) -> None:
        file = PurePosixPath(name).name
        if kind == "connections":
            try:
                parsed = parse_text(text, f"{label}: {name}" if label != name else label)
            except ImportFailed as error:
                report.layout = str(error)
                return
            report.read = len(parsed.records)
            report.skipped.extend(parsed.skipped)
            self.connections.append(parsed)
        elif kind == "messages":
            self.messages.read(text, file, report)
        elif kind == "comments":
            self.add_items(read_comments(text, file, report))
        elif kind == "reactions":
            self.add_items(read_reactions(text, file, report))
        elif kind == "shares":
            self.add_items(read_shares(text, file, report))
        elif kind == "article":
            self.add_items(read_article(text, file, report))
        elif kind == "invitations":
            self.add_items(read_invitations(text, file, report, self.owner_votes))
        elif kind == "events":
            self.add_items(read_events(text, file, report))
        elif kind in ("endorsements-received", "endorsements-given"):
            self.endorsements.read(text, file, report, kind == "endorsements-received")
        elif kind in ("recommendations-received", "recommendations-given"):
            received = kind == "recommendations-received"
            self.add_items(read_recommendations(text, file, report, received))
        elif kind == "profile":
            self.profile_name = read_profile_name(text, report) or self.profile_name

    def owner(self) -> Person | None:
        names = Counter(single_line(n) for n, _ in self.owner_votes if single_line(n))
        keys = Counter(k for _, u in self.owner_votes if (k := url_key(u)))
        name = names.most_common(1)[0][0] if names else self.profile_name
        key = keys.most_common(1)[0][0] if keys else None
        if self.messages.rows:
            return self.messages.find_owner(name, key)
        return Person(name, key) if name else None

    def merged_connections(self, sources: list[str]) -> Parsed | None:
        if not self.connections:
            return None
        if len(self.connections) == 1:
            return self.connections[0]
        merged = Parsed(source=", ".join(sources), kind="LinkedIn")
        seen: set[tuple] = set()
        for parsed in self.connections:
            merged.skipped.extend(parsed.skipped)
            merged.notes.extend(parsed.notes)
            for record in parsed.records:
                key = url_key(record.handles.get("linkedin"))
                mark = ("url", key) if key else ("name", record.name.casefold(), record.created)
                if mark not in seen:
                    seen.add(mark)
                    merged.records.append(record)
        return merged


def read_archive(
    paths: Sequence[Path], since: date | None = None, today: date | None = None
) -> Archive:
    """Read LinkedIn export zips, unzipped folders or single archive CSVs into an Archive.

    ImportFailed, naming the path, when any one input gives nothing netplan can use (no
    LinkedIn file, a corrupt zip, an unreadable path, only refused entries or unknown
    layouts). `since` keeps activity, messages and given items on or after that UTC day;
    connections are always all returned. `today` is accepted for the interface and not
    needed: no date the reader uses lacks a year.

    A FileReport's `read` counts the records read from that file before records seen in
    another file are dropped (and, for messages.csv, before the rows that need the owner to
    be judged — campaign replies, rows with nobody but the owner — are left out; the notes
    say how many).
    """
    del today
    if not paths:
        raise ImportFailed("no LinkedIn export given")
    sources = [str(p) for p in paths]
    reading = _Reading()
    files: list[FileReport] = []
    notes: list[str] = []
    for path, label in zip(paths, sources, strict=True):
        usable = 0
        trouble: list[str] = []
        for member in members(Path(path), label):
            report = FileReport(member.name, label, used=member.kind is not None)
            files.append(report)
            if member.problem:
                report.used = False
                report.skipped.append(Problem("file", member.problem))
                trouble.append(f"{member.name}: {member.problem}")
                notes.append(f"{label}: {member.name}: {member.problem}")
                continue
            if member.kind is None or member.data is None:
                continue
            text, how = decode(member.data)
            member.data = None
            if how:
                notes.append(f"{member.name}: {how}")
            try:
                reading.read(member.kind, text, member.name, label, report)
            except (ValueError, IndexError, KeyError, csv.Error) as error:
                report.layout = f"could not be read ({error})"
            if report.layout is None:
                usable += 1
            else:
                trouble.append(f"{member.name}: {report.layout}")
        if not usable:
            why = "; ".join(trouble[:3]) if trouble else f"no file netplan reads ({USED})"
            raise ImportFailed(f"{label} is not a LinkedIn export netplan can read: {why}")
    items = [*reading.items.values(), *reading.endorsements.items()]
    given = [*reading.given.values(), *reading.endorsements.given_records()]
    owner = reading.owner()
    messages = reading.messages.messages(owner, notes)
    if since is not None:
        items = [i for i in items if i.on >= since]
        given = [g for g in given if g.on >= since]
        messages = [m for m in messages if m.at.date() >= since]
    items.sort(key=lambda i: (i.on, i.kind, i.key))
    given.sort(key=lambda g: (g.on, g.kind, g.key))
    return Archive(
        sources=sources,
        owner=owner,
        connections=reading.merged_connections(sources),
        items=items,
        messages=messages,
        given=given,
        files=files,
        notes=notes,
    )
