"""The contact list as the Contacts tab shows it: sorted, filtered, and said in words.

Pure Python over the rows of the people index (no Textual).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import StrEnum

from netplan.domain.circles import in_circle
from netplan.domain.followups import Cadences
from netplan.domain.people_index import ContactRow
from netplan.models import Contact, Interaction

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


def filter_circle(rows: Sequence[ContactRow], circle: int | None) -> list[ContactRow]:
    """Rows of the people `circle` holds, nested circles included (None: every row)."""
    if circle is None:
        return list(rows)
    return [r for r in rows if in_circle(r.contact, circle)]


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


def newest_first(interactions: Sequence[Interaction]) -> list[Interaction]:
    """Newest day first; on the same day the one logged later first."""
    indexed = list(enumerate(interactions))
    indexed.sort(key=lambda pair: (pair[1].on, pair[0]), reverse=True)
    return [interaction for _n, interaction in indexed]


def cadence_source(contact: Contact, cadences: Cadences) -> str | None:
    """ "every 30 days" with where it comes from, or None when there is no cadence; the
    same precedence as followups.cadence_with."""
    if contact.cadence_days is not None:
        return f"every {contact.cadence_days} days"
    by_tag = cadences.by_tag
    found = [(by_tag[t.casefold()], t) for t in contact.tags if t.casefold() in by_tag]
    if found:
        days, tag = min(found)
        return f"every {days} days (tag {tag})"
    if contact.circle is not None and (days := cadences.by_circle.get(contact.circle)):
        return f"every {days} days (circle {contact.circle})"
    return None
