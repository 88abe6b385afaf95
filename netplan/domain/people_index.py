"""What the Contacts tab lists: one row per contact with its derived values, sorted and filtered.

Pure Python (no Textual). `RowModel` makes one pass over contacts and journal for the values a
row shows (last contact, next follow-up, give/ask balance, a case-folded search string) and an
index of the journal by contact, then keeps them up to date by recomputing only the records an
edit touched. A filter keystroke is then one substring test per contact, or fewer while the
query only grows.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from operator import is_not

from netplan.domain.balance import Balance, balances
from netplan.domain.followups import (
    cadence_with,
    due_with,
    last_interaction_days,
    next_occurrence,
    tag_cadences,
)
from netplan.models import (
    Contact,
    ContactBook,
    Exchange,
    Interaction,
    Journal,
    Milestone,
    Settings,
)
from netplan.runtime.pausing import Pause, pausing

NO_BALANCE = Balance()
SOON_DAYS = 7  # a follow-up due within this many days is "due soon"


class Sort(StrEnum):
    due = "due"
    name = "name"
    last = "last"

    @property
    def label(self) -> str:
        return {
            Sort.due: "follow-up, most overdue first",
            Sort.name: "name",
            Sort.last: "last contact, longest ago first",
        }[self]

    def next(self) -> Sort:
        order = list(Sort)
        return order[(order.index(self) + 1) % len(order)]


def search_text(contact: Contact) -> str:
    """Lower-case text a filter looks in: name, company, role, tags, notes and topics."""
    parts = [contact.name, contact.company or "", contact.role or "", contact.notes or ""]
    parts += contact.tags
    parts += contact.topics
    return "\n".join(parts).casefold()


_NEVER = -1  # ordinal of "no last contact": sorts before every real day
_NO_DUE = date.max.toordinal() + 1  # ordinal of "no follow-up": sorts after every real day


@dataclass(slots=True)
class ContactRow:
    contact: Contact
    last: date | None  # day of the newest interaction
    due: date | None  # next follow-up
    balance: Balance
    search: str  # what a filter looks in, case-folded
    name_key: str  # case-folded name + id: a total order by name
    due_ord: int
    last_ord: int

    @property
    def id(self) -> str:
        return self.contact.id


class RowModel:
    """Rows of the non-archived contacts, kept up to date as contacts and journal change.

    `update` recomputes only what a change touched: contacts and interactions are compared by
    identity with the previous version (edits copy lists but keep untouched records), so logging
    one interaction or editing one contact costs a few passes of cheap identity checks instead of
    rebuilding 30,000 rows. A large difference (a reload from disk, an import) rebuilds it all.
    """

    FULL_REBUILD = 2000  # changed records above which rebuilding everything is cheaper

    def __init__(self) -> None:
        self.book: ContactBook | None = None
        self.journal: Journal | None = None
        self.cadences: dict[str, int] = {}
        self.today: date | None = None
        self.by_id: dict[str, ContactRow] = {}
        self.by_contact: dict[str, list[Interaction]] = {}
        self.overdue = 0
        self.version = 0  # bumped whenever rows change
        self._last: dict[str, date] = {}
        self._tally: dict[str, Balance] = {}

    # reading

    @property
    def rows(self) -> list[ContactRow]:
        return list(self.by_id.values())

    def __len__(self) -> int:
        return len(self.by_id)

    def interactions(self, contact_id: str) -> list[Interaction]:
        return self.by_contact.get(contact_id, [])

    # updating

    def update(
        self,
        book: ContactBook,
        journal: Journal,
        settings: Settings,
        today: date,
        pause: Pause | None = None,
    ) -> bool:
        """Adopt new contacts and journal; False when nothing the rows show changed.

        `pause` is called now and then while all rows are derived (see netplan.runtime.pausing).
        """
        cadences = tag_cadences(settings)
        if book is self.book and journal is self.journal and cadences == self.cadences:
            return False
        if cadences != self.cadences or today != self.today or self.book is None:
            self._rebuild(book, journal, cadences, today, pause)
            return True
        assert self.journal is not None
        touched: set[str] = set()
        if journal is not self.journal:
            added, removed = _difference(self.journal.interactions, journal.interactions)
            if len(added) + len(removed) > self.FULL_REBUILD:
                self._rebuild(book, journal, cadences, today)
                return True
            touched = {i.contact for i in added} | {i.contact for i in removed}
            self._reindex(journal, touched)
        changed: list[Contact] = []
        gone: list[Contact] = []
        if book is not self.book:
            changed, gone = _difference(self.book.contacts, book.contacts)
            if len(changed) + len(gone) > self.FULL_REBUILD:
                self._rebuild(book, journal, cadences, today)
                return True
        self.book, self.journal = book, journal
        for contact in gone:
            self._drop(contact.id)
        by_id = {c.id: c for c in changed}
        for contact_id in touched - by_id.keys():
            row = self.by_id.get(contact_id)
            if row is not None:
                by_id[contact_id] = row.contact
        for contact in by_id.values():
            self._put(contact)
        self.version += 1
        return True

    def _rebuild(
        self,
        book: ContactBook,
        journal: Journal,
        cadences: dict[str, int],
        today: date,
        pause: Pause | None = None,
    ) -> None:
        self.book, self.journal, self.cadences, self.today = book, journal, cadences, today
        by_contact: dict[str, list[Interaction]] = {}
        for interaction in pausing(journal.interactions, pause):
            entries = by_contact.get(interaction.contact)
            if entries is None:
                by_contact[interaction.contact] = [interaction]
            else:
                entries.append(interaction)
        self.by_contact = by_contact
        self._last = last_interaction_days(journal, pause)
        self._tally = balances(journal, pause=pause)
        self.by_id = {}
        self.overdue = 0
        for contact in pausing(book.contacts, pause):
            if not contact.archived:
                self._add(contact)
        self.version += 1

    def _reindex(self, journal: Journal, touched: set[str]) -> None:
        """The journal changed for these contacts: recompute their entries, last day, balance."""
        fresh: dict[str, list[Interaction]] = {cid: [] for cid in touched}
        for interaction in journal.interactions:
            entries = fresh.get(interaction.contact)
            if entries is not None:
                entries.append(interaction)
        for contact_id, entries in fresh.items():
            if entries:
                self.by_contact[contact_id] = entries
                self._last[contact_id] = max(i.on for i in entries)
                self._tally[contact_id] = _balance(entries)
            else:
                self.by_contact.pop(contact_id, None)
                self._last.pop(contact_id, None)
                self._tally.pop(contact_id, None)

    def _drop(self, contact_id: str) -> None:
        row = self.by_id.pop(contact_id, None)
        if row is not None and row.due is not None and row.due < self.today:
            self.overdue -= 1

    def _put(self, contact: Contact) -> None:
        self._drop(contact.id)
        if not contact.archived:
            self._add(contact)

    def _add(self, contact: Contact) -> None:
        contact_id = contact.id
        last = self._last.get(contact_id)
        due = contact.follow_up
        if due is None:
            due = due_with(contact, cadence_with(contact, self.cadences), last)
        if due is not None and due < self.today:
            self.overdue += 1
        name = contact.name.casefold()
        self.by_id[contact_id] = ContactRow(
            contact,
            last,
            due,
            self._tally.get(contact_id, NO_BALANCE),
            search_text(contact),
            f"{name}\x00{contact_id}",
            _NO_DUE if due is None else due.toordinal(),
            _NEVER if last is None else last.toordinal(),
        )


def _balance(entries: Sequence[Interaction]) -> Balance:
    gave = sum(1 for i in entries if i.exchange == Exchange.gave)
    asked = sum(1 for i in entries if i.exchange == Exchange.asked)
    return Balance(gave, asked, len(entries) - gave - asked)


def _difference(old: Sequence, new: Sequence) -> tuple[list, list]:
    """Records in `new` that are not (the same objects) in `old`, and those gone from `old`.

    Edits change a few records in place, append, or remove: skip the common start and end
    (identity checks at C speed), then compare what is left in between.
    """
    limit = min(len(old), len(new))
    differs = list(map(is_not, old[:limit], new[:limit]))
    start = differs.index(True) if True in differs else limit
    tail = list(map(is_not, reversed(old[start:]), reversed(new[start:])))
    end = tail.index(True) if True in tail else len(tail)
    old_middle = old[start : len(old) - end]
    new_middle = new[start : len(new) - end]
    old_ids = set(map(id, old_middle))
    new_ids = set(map(id, new_middle))
    added = [x for x in new_middle if id(x) not in old_ids]
    removed = [x for x in old_middle if id(x) not in new_ids]
    return added, removed


# --- sorting and filtering ---------------------------------------------------------------


def _by_name(row: ContactRow) -> str:
    return row.name_key


def _by_due(row: ContactRow) -> int:
    return row.due_ord


def _by_last(row: ContactRow) -> int:
    return row.last_ord


def sort_rows(rows: Sequence[ContactRow], order: Sort) -> list[ContactRow]:
    """Sorted by name, or (stable on the name order) by next follow-up, earliest first and
    none last, or by last contact, never first then the longest ago."""
    ordered = sorted(rows, key=_by_name)
    if order == Sort.due:
        ordered.sort(key=_by_due)
    elif order == Sort.last:
        ordered.sort(key=_by_last)
    return ordered


def terms_of(query: str) -> list[str]:
    return query.casefold().split()


def filter_rows(rows: Sequence[ContactRow], query: str) -> list[ContactRow]:
    """Rows whose search text holds every word of the query (any order, any case)."""
    terms = terms_of(query)
    if not terms:
        return list(rows)
    if len(terms) == 1:
        term = terms[0]
        return [r for r in rows if term in r.search]
    return [r for r in rows if all(t in r.search for t in terms)]


class Filter:
    """filter_rows over a fixed list that narrows its last answer while the query only grows
    (typing one more letter), instead of scanning every row again."""

    def __init__(self, rows: Sequence[ContactRow]) -> None:
        self.rows = rows
        self._query = ""
        self._result: list[ContactRow] = list(rows)

    def __call__(self, query: str) -> list[ContactRow]:
        if not terms_of(query):
            result = list(self.rows)
        elif self._query and query.startswith(self._query):
            result = filter_rows(self._result, query)
        else:
            result = filter_rows(self.rows, query)
        self._query, self._result = query, result
        return result


# --- what a row and the detail pane say --------------------------------------------------


def days_ago(last: date | None, today: date) -> str:
    if last is None:
        return "never"
    days = (today - last).days
    if days == 0:
        return "today"
    if days < 0:
        return f"in {-days}d"
    return f"{days}d"


def due_state(due: date | None, today: date) -> str:
    """ "overdue", "soon" (today or within SOON_DAYS), "later" or "none"."""
    if due is None:
        return "none"
    days = (due - today).days
    if days < 0:
        return "overdue"
    if days <= SOON_DAYS:
        return "soon"
    return "later"


def in_words(day: date, today: date) -> str:
    days = (day - today).days
    if days == 0:
        return "today"
    if days == 1:
        return "tomorrow"
    if days == -1:
        return "yesterday"
    if days > 0:
        return f"in {days} days"
    return f"{-days} days ago"


def overdue_words(due: date, today: date) -> str:
    days = (today - due).days
    if days > 0:
        return f"{days} day{'s' if days != 1 else ''} overdue"
    return in_words(due, today)


def next_milestone(contact: Contact, today: date) -> tuple[Milestone, date] | None:
    found = [(on, m) for m in contact.milestones if (on := next_occurrence(m, today)) is not None]
    if not found:
        return None
    on, milestone = min(found, key=lambda pair: (pair[0], pair[1].label))
    return milestone, on


def newest_first(interactions: Sequence[Interaction]) -> list[Interaction]:
    """Newest day first; on the same day the one logged later first."""
    indexed = list(enumerate(interactions))
    indexed.sort(key=lambda pair: (pair[1].on, pair[0]), reverse=True)
    return [interaction for _n, interaction in indexed]


def last_promise(interactions: Sequence[Interaction]) -> Interaction | None:
    """The latest interaction that set a follow-up (same rule as followups.contact_promise)."""
    latest: Interaction | None = None
    for interaction in interactions:
        if interaction.follow_up is None:
            continue
        if latest is None or interaction.on >= latest.on:
            latest = interaction
    return latest if latest is not None and latest.promise else None


def cadence_source(contact: Contact, by_tag: Mapping[str, int]) -> str | None:
    """ "every 30 days" with where it comes from, or None when there is no cadence."""
    if contact.cadence_days is not None:
        return f"every {contact.cadence_days} days"
    found = [(by_tag[t.casefold()], t) for t in contact.tags if t.casefold() in by_tag]
    if not found:
        return None
    days, tag = min(found)
    return f"every {days} days (tag {tag})"
