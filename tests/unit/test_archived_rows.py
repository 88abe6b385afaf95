"""The people index keeps the archived contacts' rows apart: the Contacts tab's `A` view."""

from __future__ import annotations

from datetime import date

from netplan.domain.people_index import PeopleIndex
from netplan.models import Settings
from tests.factories import book, contact, interaction, journal

TODAY = date(2026, 11, 25)


def index_of(contacts, interactions=()) -> PeopleIndex:
    return PeopleIndex.of(book(*contacts), journal(*interactions), Settings(), TODAY)


def test_archived_rows_are_apart_and_never_overdue() -> None:
    jane = contact("jane-doe", follow_up=date(2026, 11, 1))
    omar = contact("omar-s", "Omar", archived=True, follow_up=date(2026, 11, 1))
    people = index_of([jane, omar], [interaction("omar-s", "2026-10-01", exchange="gave")])
    assert [r.id for r in people.rows] == ["jane-doe"]
    assert len(people) == 1 and people.overdue == 1
    assert [r.id for r in people.archived_rows] == ["omar-s"]
    row = people.row("omar-s")
    assert row is not None and row.last == date(2026, 10, 1) and row.balance.gave == 1
    assert people.row("jane-doe") is people.by_id["jane-doe"]
    assert people.row("nobody") is None
    assert [f.contact.id for f in people.follow_ups(None)] == ["jane-doe"]


def test_archiving_and_restoring_move_the_row() -> None:
    jane = contact("jane-doe", follow_up=date(2026, 11, 1))
    people = index_of([jane])
    archived = jane.model_copy(update={"archived": True})
    people.update(book(archived), people.journal, Settings(), TODAY)
    assert people.rows == [] and people.overdue == 0
    assert [r.id for r in people.archived_rows] == ["jane-doe"]
    people.update(book(jane), people.journal, Settings(), TODAY)
    assert [r.id for r in people.rows] == ["jane-doe"] and people.overdue == 1
    assert people.archived_rows == []


def test_a_new_interaction_with_an_archived_contact_updates_its_row() -> None:
    omar = contact("omar-s", "Omar", archived=True)
    people = index_of([omar])
    assert people.row("omar-s").last is None
    people.update(people.book, journal(interaction("omar-s", "2026-11-20")), Settings(), TODAY)
    assert people.row("omar-s").last == date(2026, 11, 20)
    assert people.rows == []
