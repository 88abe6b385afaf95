"""What the agenda and `netplan due` ask of the people index: follow-ups due, milestones,
suggestions, replies owed, each from the rows it keeps (see people_index)."""

from __future__ import annotations

import heapq
from datetime import date, timedelta
from typing import TYPE_CHECKING

from netplan.domain.activity import activity_index
from netplan.domain.followups import FollowUp, MilestoneDue
from netplan.domain.replies import ReplyOwed, replies_owed
from netplan.domain.suggestions import (
    MILESTONE_DAYS,
    SOON_DAYS,
    Suggestion,
    suggestion_for,
    thanks_owed,
)
from netplan.models import ActivityLog, Contact

if TYPE_CHECKING:
    from netplan.domain.people_index import ContactRow
    from netplan.models import Interaction, Journal

NO_DUE = date.max.toordinal() + 1  # ordinal of "no follow-up": sorts after every real day


class PeopleQueries:
    """A part of PeopleIndex, which keeps the attributes read here."""

    today: date | None
    journal: Journal | None
    by_id: dict[str, ContactRow]
    recent: list[Interaction]

    # what the agenda and `netplan due` ask

    def follow_ups(self, within_days: int | None) -> list[FollowUp]:
        """Contacts due before today or within `within_days` (None: any due date), most
        overdue first, then by name."""
        assert self.today is not None
        today = self.today.toordinal()
        limit = NO_DUE - 1 if within_days is None else today + within_days
        found = [
            (row.due_ord, row.name_key, row) for row in self.by_id.values() if row.due_ord <= limit
        ]
        found.sort(key=lambda entry: (entry[0], entry[1]))
        return [
            FollowUp(contact=row.contact, due=row.due, overdue_days=today - due)  # type: ignore[arg-type]
            for due, _name, row in found
        ]

    def milestones(self, days: int) -> list[MilestoneDue]:
        """Milestones falling from today to today + `days`, soonest first."""
        assert self.today is not None
        if days < 0:
            return []
        try:
            horizon = self.today + timedelta(days=days)
        except OverflowError:
            horizon = date.max
        found = [
            MilestoneDue(contact=row.contact, milestone=milestone, on=on)
            for row in self.by_id.values()
            if row.milestones
            for on, milestone in row.milestones
            if on <= horizon
        ]
        found.sort(key=lambda m: (m.on, m.contact.name.casefold(), m.contact.id, m.milestone.label))
        return found

    def suggestions(self, limit: int = 5, activity: ActivityLog | None = None) -> list[Suggestion]:
        """At most `limit` contacts worth reaching out to, best first (see suggestions);
        with `activity`, endorsements and recommendations to thank people for count too."""
        assert self.today is not None
        if limit <= 0:
            return []
        today = self.today
        soon = today.toordinal() + SOON_DAYS
        near = today + timedelta(days=MILESTONE_DAYS)
        index = activity_index(activity)
        thanks: dict[str, list] = {}
        if index is not None and index.received:
            rows = self.by_id

            def last(contact_id: str) -> date | None:
                row = rows.get(contact_id)
                return row.last if row is not None else None

            thanks = thanks_owed((a for a in index.received if a.contact in rows), last, today)
        found: list[tuple[float, str, Suggestion]] = []
        for row in self.by_id.values():
            quiet = not row.milestones or row.milestones[0][0] > near
            owed = thanks.get(row.contact.id, ())
            if row.due_ord > soon and not row.balance.give_first and quiet and not owed:
                continue  # no reason to suggest them: skip the scoring
            suggestion = suggestion_for(
                row.contact,
                row.due,
                row.cadence,
                row.balance.give_first,
                row.milestones,
                today,
                owed,
            )
            if suggestion is not None:
                found.append((-round(suggestion.score, 6), row.name_key, suggestion))
        return [entry[2] for entry in heapq.nsmallest(limit, found, key=lambda e: e[:2])]

    def replies_owed(self) -> list[tuple[Contact, ReplyOwed]]:
        """Conversations owing a reply (see replies), of contacts not archived, oldest first."""
        assert self.today is not None
        if self.journal is None:
            return []
        rows = self.by_id
        return [
            (rows[owed.contact].contact, owed)
            for owed in replies_owed(self.recent, self.today)  # (older ones cannot be owed)
            if owed.contact in rows
        ]
