"""What netplan derives from contacts and the journal, once, for every view.

`PeopleIndex` makes one pass over contacts and journal for the values each contact's row
needs (last contact, as contact or in an interaction's `with`; next follow-up, an event's
derived one included; cadence, give/ask balance, upcoming milestones, a
case-folded search string) and an index of the journal by contact. The Contacts tab, the
agenda, goals and `netplan due` all read it.

It follows the data: `update` recomputes only the records an edit touched (contacts and
interactions are compared by identity with the previous version: edits copy lists but keep
untouched records), and rebuilds everything after a large difference. `build` is the one
derivation over everyone; it yields now and then, so a caller on another thread can step
aside for the app between pieces.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from netplan.domain.balance import Balance, balance_of
from netplan.domain.differences import difference
from netplan.domain.followups import (
    Cadences,
    cadence_with,
    cadences_of,
    due_with,
    event_follow_up,
    next_occurrence,
)
from netplan.domain.people_queries import NO_DUE, PeopleQueries
from netplan.domain.periods import month_start
from netplan.domain.promises import is_open
from netplan.domain.replies import LAST_DAY as REPLY_DAYS
from netplan.models import (
    Contact,
    ContactBook,
    Event,
    Interaction,
    Journal,
    Milestone,
    Settings,
)

NO_BALANCE = Balance()
STEP = 1000  # records between two yields of `build`: 3–10 ms of work on the benchmark machine
_NEVER = -1  # ordinal of "no last contact": sorts before every real day


def search_text(contact: Contact) -> str:
    """Lower-case text a filter looks in: name, company, role, tags, notes and topics."""
    parts = [contact.name, contact.company or "", contact.role or "", contact.notes or ""]
    parts += contact.tags
    parts += contact.topics
    return "\n".join(parts).casefold()


@dataclass(slots=True)
class ContactRow:
    contact: Contact
    last: date | None  # day of the newest interaction
    due: date | None  # next follow-up
    cadence: int | None
    balance: Balance
    milestones: tuple[tuple[date, Milestone], ...]  # next occurrences, soonest first
    search: str  # what a filter looks in, case-folded
    name_key: str  # case-folded name + id: a total order by name
    due_ord: int
    last_ord: int

    @property
    def id(self) -> str:
        return self.contact.id


class PeopleIndex(PeopleQueries):
    """Rows of the contacts (the archived ones apart: every other view leaves them out), and
    the journal by contact and by day."""

    FULL_REBUILD = 2000  # changed records above which rebuilding everything is cheaper

    def __init__(self) -> None:
        self.book: ContactBook | None = None
        self.journal: Journal | None = None
        self.cadences = Cadences()
        self.today: date | None = None
        self.by_id: dict[str, ContactRow] = {}  # the contacts not archived
        self.archived: dict[str, ContactRow] = {}  # the archived ones: the tab's `A` view
        self.by_contact: dict[str, list[Interaction]] = {}
        self.overdue = 0
        self.version = 0  # bumped whenever rows change
        self.ends: dict[str, date] = {}  # each event's last day, for derived follow-ups
        # Each person's newest interaction, as contact or in `with` (both count as contacted).
        self._latest: dict[str, Interaction] = {}
        self._balances: dict[str, Balance] = {}
        # Each contact's entries with an open promise, and the journal's entries from
        # `recent_from` on (this month, and the days a reply can be owed for): what the
        # agenda asks after every change, without walking 300,000 entries each time.
        self.promised: dict[str, list[Interaction]] = {}
        self.recent: list[Interaction] = []
        self.recent_from = date.min

    @classmethod
    def of(
        cls,
        book: ContactBook,
        journal: Journal,
        settings: Settings,
        today: date,
        events: Sequence[Event] = (),
    ):
        index = cls()
        index.update(book, journal, settings, today, events)
        return index

    # reading

    @property
    def rows(self) -> list[ContactRow]:
        return list(self.by_id.values())

    @property
    def archived_rows(self) -> list[ContactRow]:
        return list(self.archived.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def row(self, contact_id: str) -> ContactRow | None:
        """The contact's row, archived or not (None: no such contact)."""
        return self.by_id.get(contact_id) or self.archived.get(contact_id)

    def interactions(self, contact_id: str) -> list[Interaction]:
        return self.by_contact.get(contact_id, [])

    # updating

    def update(
        self,
        book: ContactBook,
        journal: Journal,
        settings: Settings,
        today: date,
        events: Sequence[Event] = (),
    ) -> bool:
        """Adopt new contacts and journal (or a new day, or events: the plan's, whose last
        days derive follow-ups); False when nothing the rows show changed."""
        cadences = cadences_of(settings)
        same_day = today == self.today
        ends = {event.id: event.last_day for event in events}
        same = cadences == self.cadences and same_day and ends == self.ends
        if book is self.book and journal is self.journal and same:
            return False
        if not same or self.book is None:
            self.rebuild(book, journal, settings, today, events)
            return True
        assert self.journal is not None
        touched: set[str] = set()
        if journal is not self.journal:
            added, removed = difference(self.journal.interactions, journal.interactions)
            if len(added) + len(removed) > self.FULL_REBUILD:
                self.rebuild(book, journal, settings, today, events)
                return True
            touched = {p for i in (*added, *removed) for p in (i.contact, *i.with_)}
            if removed or journal.interactions[len(journal.interactions) - len(added) :] != added:
                self._reindex(journal, touched)
            else:
                self._append(added)
        changed: list[Contact] = []
        gone: list[Contact] = []
        if book is not self.book:
            changed, gone = difference(self.book.contacts, book.contacts)
            if len(changed) + len(gone) > self.FULL_REBUILD:
                self.rebuild(book, journal, settings, today, events)
                return True
        self.book, self.journal = book, journal
        for contact in gone:
            self._drop(contact.id)
        by_id = {c.id: c for c in changed}
        for contact_id in touched - by_id.keys():
            row = self.row(contact_id)
            if row is not None:
                by_id[contact_id] = row.contact
        for contact in by_id.values():
            self._put(contact)
        self.version += 1
        return True

    def rebuild(
        self,
        book: ContactBook,
        journal: Journal,
        settings: Settings,
        today: date,
        events: Sequence[Event] = (),
    ):
        for _ in self.build(book, journal, settings, today, events):
            pass

    def build(
        self,
        book: ContactBook,
        journal: Journal,
        settings: Settings,
        today: date,
        events: Sequence[Event] = (),
    ) -> Iterator[None]:
        """Derive everything from scratch, yielding every STEP records."""
        self.book, self.journal, self.today = book, journal, today
        self.cadences = cadences_of(settings)
        self.ends = {event.id: event.last_day for event in events}
        by_contact: dict[str, list[Interaction]] = {}
        latest: dict[str, Interaction] = {}
        for number, interaction in enumerate(journal.interactions):
            if number % STEP == 0:
                yield
            contact_id = interaction.contact
            entries = by_contact.get(contact_id)
            if entries is None:
                by_contact[contact_id] = [interaction]
            else:
                entries.append(interaction)
            day = interaction.on
            seen = latest.get(contact_id)
            if seen is None or day >= seen.on:  # the same day: the later entry
                latest[contact_id] = interaction
            for person in interaction.with_:
                seen = latest.get(person)
                if seen is None or day >= seen.on:
                    latest[person] = interaction
        self.by_contact, self._latest = by_contact, latest
        yield
        self._balances = {cid: balance_of(entries) for cid, entries in by_contact.items()}
        self.promised = {
            cid: found for cid, entries in by_contact.items() if (found := _open(entries))
        }
        self.recent_from = min(month_start(today), today - timedelta(days=REPLY_DAYS))
        self._recent(journal)
        self.by_id = {}
        self.archived = {}
        self.overdue = 0
        for number, contact in enumerate(book.contacts):
            if number % STEP == 0:
                yield
            self._add(contact)
        self.version += 1

    def _reindex(self, journal: Journal, touched: set[str]) -> None:
        """The journal changed for these contacts: recompute their entries, newest
        interaction (theirs or with them), balance."""
        fresh: dict[str, list[Interaction]] = {cid: [] for cid in touched}
        latest: dict[str, Interaction] = {}
        for interaction in journal.interactions:
            entries = fresh.get(interaction.contact)
            if entries is not None:
                entries.append(interaction)
            for person in (interaction.contact, *interaction.with_):
                if person in fresh:
                    seen = latest.get(person)
                    if seen is None or interaction.on >= seen.on:
                        latest[person] = interaction
        for contact_id, entries in fresh.items():
            if contact_id in latest:
                self._latest[contact_id] = latest[contact_id]
            else:
                self._latest.pop(contact_id, None)
            if entries:
                self.by_contact[contact_id] = entries
                self._balances[contact_id] = balance_of(entries)
            else:
                self.by_contact.pop(contact_id, None)
                self._balances.pop(contact_id, None)
            found = _open(entries)
            if found:
                self.promised[contact_id] = found
            else:
                self.promised.pop(contact_id, None)
        self._recent(journal)

    def _recent(self, journal: Journal) -> None:
        since = self.recent_from
        self.recent = [i for i in journal.interactions if i.on >= since]

    def _append(self, added: list[Interaction]) -> None:
        """Entries added at the end of the journal (a log): their people's entries, newest
        interaction and balance follow from those alone, without a walk over 300,000."""
        for interaction in added:
            contact_id = interaction.contact
            entries = [*self.by_contact.get(contact_id, ()), interaction]
            self.by_contact[contact_id] = entries
            self._balances[contact_id] = balance_of(entries)
            if is_open(interaction):
                self.promised[contact_id] = [*self.promised.get(contact_id, ()), interaction]
            if interaction.on >= self.recent_from:
                self.recent = [*self.recent, interaction]
            for person in (contact_id, *interaction.with_):
                seen = self._latest.get(person)
                if seen is None or interaction.on >= seen.on:  # the same day: the later entry
                    self._latest[person] = interaction

    def _drop(self, contact_id: str) -> None:
        row = self.by_id.pop(contact_id, None)
        if row is not None and row.due is not None and row.due < self.today:
            self.overdue -= 1
        self.archived.pop(contact_id, None)

    def _put(self, contact: Contact) -> None:
        self._drop(contact.id)
        self._add(contact)

    def _add(self, contact: Contact) -> None:
        contact_id = contact.id
        today = self.today
        assert today is not None
        newest = self._latest.get(contact_id)
        last = None if newest is None else newest.on
        cadence = cadence_with(contact, self.cadences)
        due = contact.follow_up
        if due is None:
            derived = event_follow_up(newest, self.ends) if self.ends else None
            due = due_with(contact, cadence, last, derived)
        milestones: tuple[tuple[date, Milestone], ...] = ()
        if contact.milestones:
            found = [(on, m) for m in contact.milestones if (on := next_occurrence(m, today))]
            milestones = tuple(sorted(found, key=lambda pair: (pair[0], pair[1].label)))
        name = contact.name.casefold()
        row = ContactRow(
            contact,
            last,
            due,
            cadence,
            self._balances.get(contact_id, NO_BALANCE),
            milestones,
            search_text(contact),
            f"{name}\x00{contact_id}",
            NO_DUE if due is None else due.toordinal(),
            _NEVER if last is None else last.toordinal(),
        )
        if contact.archived:  # listed apart, and never counted overdue
            self.archived[contact_id] = row
            return
        self.by_id[contact_id] = row
        if due is not None and due < today:
            self.overdue += 1


def _open(entries: list[Interaction]) -> list[Interaction]:
    return [i for i in entries if is_open(i)]
