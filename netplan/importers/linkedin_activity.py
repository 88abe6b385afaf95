"""What a LinkedIn archive adds to the store (spec 7.3): activity, message and gave entries.

The reader (netplan.importers.archive) returns neutral records; this turns them into store
records with stable ids, so a second import of the same archive, or of a later one that
overlaps it, adds nothing:

- every piece of activity, and every connection, becomes an `Activity` whose id is made from
  its kind, its UTC day and a hash of the record's own natural key (its timestamp and link as
  LinkedIn wrote them): `li-comment-20261123-3f2a9c`;
- messages become one interaction per conversation and UTC day (`kind = "message"`,
  `source = "linkedin:message:<conversation>:<day>"`, `last_from` them or me), for the
  people of the conversation found among the contacts (by profile URL, else by a name only
  one contact has); the others are reported, never invented;
- endorsements and recommendations given become `gave` interactions, one per person and day.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from netplan.domain.matching import fold_name
from netplan.importers import Incoming
from netplan.importers.archive.model import Archive, Person, url_key
from netplan.importers.merge import merge
from netplan.importers.report import ImportReport
from netplan.models import (
    Activity,
    ActivityLog,
    Contact,
    ContactBook,
    Exchange,
    Interaction,
    InteractionKind,
    Journal,
    Side,
)

PLATFORM = "LinkedIn"
CONNECTIONS_FILE = "Connections.csv"


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:6]


def activity_id(kind: str, on: date, key: str) -> str:
    """The stable id of an imported item: the same record gives the same id on any machine."""
    return f"li-{kind}-{on:%Y%m%d}-{_hash(f'{kind}|{key}')}"


class People:
    """Contacts as an archive names them: by profile key, else by a name only one has."""

    def __init__(self, contacts: Iterable[Contact]) -> None:
        self.by_url: dict[str, str] = {}
        self.by_name: dict[str, str | None] = {}  # None: several contacts have the name
        for contact in contacts:  # archived ones too: what happened with them is true
            key = url_key(contact.handles.get("linkedin"))
            if key:
                self.by_url.setdefault(key, contact.id)
            name = fold_name(contact.name)
            self.by_name[name] = None if name in self.by_name else contact.id

    def find(self, person: Person | None) -> str | None:
        if person is None:
            return None
        if person.url_key and person.url_key in self.by_url:
            return self.by_url[person.url_key]
        if not person.name or person.name == "LinkedIn Member":
            return None
        return self.by_name.get(fold_name(person.name))


@dataclass
class FileCounts:
    """What became of one file's records: new, already in the store, not used."""

    added: int = 0
    already: int = 0
    unmatched: int = 0  # records about people who are not among the contacts


@dataclass
class Added:
    """The store's new and changed records, and what each file gave."""

    activity: list[Activity] = field(default_factory=list)
    interactions: list[Interaction] = field(default_factory=list)
    updated: list[Interaction] = field(default_factory=list)  # a day's last sender changed
    counts: dict[str, FileCounts] = field(default_factory=lambda: defaultdict(FileCounts))
    strangers: dict[str, int] = field(default_factory=dict)  # name -> conversations
    ambiguous: set[str] = field(default_factory=set)


def _connections(
    records: list[Incoming], people: People, since: date | None
) -> Iterable[tuple[Activity, str]]:
    for record in records:
        if record.created is None or (since is not None and record.created < since):
            continue
        url = record.handles.get("linkedin")
        who = Person(record.name, url_key(url))
        key = who.url_key or fold_name(record.name)
        yield (
            Activity(
                id=activity_id("connection", record.created, key),
                on=record.created,
                platform=PLATFORM,
                kind="connection",  # type: ignore[arg-type]
                url=url or None,
                text=f"Connected with {record.name}",
                contact=people.find(who),
            ),
            CONNECTIONS_FILE,
        )


def _items(archive: Archive, people: People) -> Iterable[tuple[Activity, str]]:
    for item in archive.items:
        yield (
            Activity(
                id=activity_id(item.kind, item.on, item.key),
                on=item.on,
                platform=PLATFORM,
                kind=item.kind,  # type: ignore[arg-type]
                url=item.url,
                text=item.text,
                contact=people.find(item.person),
            ),
            item.file,
        )


def new_activity(
    archive: Archive, people: People, log: ActivityLog, since: date | None, added: Added
) -> None:
    have = {a.id for a in log.activity}
    records = archive.connections.records if archive.connections else []
    for activity, file in [*_connections(records, people, since), *_items(archive, people)]:
        counts = added.counts[file]
        if activity.id in have:
            counts.already += 1
            continue
        have.add(activity.id)
        added.activity.append(activity)
        counts.added += 1


def _interaction(
    ident: str, contact: str, on: date, source: str, note: str, **fields: object
) -> Interaction:
    return Interaction(id=ident, contact=contact, on=on, source=source, note=note, **fields)  # type: ignore[arg-type]


def new_interactions(archive: Archive, people: People, journal: Journal, added: Added) -> None:
    by_source = {i.source: i for i in journal.interactions if i.source}
    ids = {i.id for i in journal.interactions}

    def put(interaction: Interaction, file: str) -> None:
        counts = added.counts[file]
        old = by_source.get(interaction.source)
        if old is None:
            while interaction.id in ids:  # a hash shared by two sources: the next free one
                interaction = interaction.model_copy(update={"id": interaction.id + "x"})
            ids.add(interaction.id)
            by_source[interaction.source] = interaction
            added.interactions.append(interaction)
            counts.added += 1
        elif interaction.last_from is not None and old.last_from != interaction.last_from:
            added.updated.append(old.model_copy(update={"last_from": interaction.last_from}))
            counts.added += 1
        else:
            counts.already += 1

    _messages(archive, people, put, added)
    for given in archive.given:
        contact = people.find(given.person)
        if contact is None:
            added.counts[given.file].unmatched += 1
            added.strangers.setdefault(given.person.name, 0)
            continue
        source = f"linkedin:{given.kind}:{given.key}"
        verb = "Endorsed" if given.kind == "endorsement" else "Recommended"
        what = f" for {given.text}" if given.kind == "endorsement" and given.text else ""
        note = f"{verb} {given.person.name}{what} on LinkedIn"
        ident = activity_id(f"{given.kind}-given", given.on, given.key)
        interaction = _interaction(ident, contact, given.on, source, note, exchange=Exchange.gave)
        put(interaction, given.file)


def _messages(archive: Archive, people: People, put, added: Added) -> None:
    """One interaction per conversation and UTC day, with the conversation's contacts."""
    everyone: dict[str, dict[Person, None]] = defaultdict(dict)
    for message in archive.messages:
        for other in message.others:
            everyone[message.conversation][other] = None
    days: dict[tuple[str, date], list] = defaultdict(list)
    for message in archive.messages:  # sorted by time: the last of a day is its last
        days[(message.conversation, message.at.date())].append(message)
    for (conversation, day), messages in days.items():
        found: list[str] = []
        for other in everyone[conversation]:
            contact = people.find(other)
            if contact is None:
                if other.name and other.name != "LinkedIn Member":
                    added.strangers[other.name] = added.strangers.get(other.name, 0) + 1
            elif contact not in found:
                found.append(contact)
        file = messages[-1].file
        if not found:
            added.counts[file].unmatched += len(messages)
            continue
        last = Side.me if messages[-1].from_me else Side.them
        title = messages[-1].title
        count = f"{len(messages)} message{'s' if len(messages) != 1 else ''}"
        note = f"LinkedIn messages: {count}" + (f" ({title})" if title else "")
        source = f"linkedin:message:{conversation}:{day.isoformat()}"
        interaction = _interaction(
            activity_id("message", day, source),
            found[0],
            day,
            source,
            note,
            kind=InteractionKind.message,
            last_from=last,
            with_=found[1:],
        )
        put(interaction, file)


@dataclass
class ArchiveImport:
    """The store's files after an archive import, and what it did."""

    archive: Archive
    contacts: ContactBook
    journal: Journal
    activity: ActivityLog
    contacts_report: ImportReport | None
    added: Added

    @property
    def changed(self) -> bool:
        report = self.contacts_report
        added = self.added
        return bool(
            (report is not None and report.changed)
            or added.activity
            or added.interactions
            or added.updated
        )


def import_archive(
    archive: Archive,
    book: ContactBook,
    journal: Journal,
    log: ActivityLog,
    today: date,
    since: date | None = None,
) -> ArchiveImport:
    """Fold an archive into the store's contacts, journal and activity (inputs untouched):
    contacts first (Connections.csv, as `import linkedin` always did), so messages and
    activity find the people it adds."""
    report = None
    if archive.connections is not None:
        book, report = merge(book, archive.connections, today)
    added = Added()
    people = People(book.contacts)  # after the merge: with the contacts it added
    new_activity(archive, people, log, since, added)
    new_interactions(archive, people, journal, added)
    if added.activity:
        fresh = sorted(added.activity, key=lambda a: (a.on, a.id))
        log = log.model_copy(update={"activity": [*log.activity, *fresh]})
    if added.interactions or added.updated:
        changed = {i.id: i for i in added.updated}
        fresh = sorted(added.interactions, key=lambda i: (i.on, i.id))
        entries = [changed.get(i.id, i) for i in journal.interactions]
        journal = journal.model_copy(update={"interactions": [*entries, *fresh]})
    return ArchiveImport(archive, book, journal, log, report, added)
