"""Replies owed and thanks for endorsements (spec 7.3): the agenda's and suggestions' rules."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from netplan.domain.people_index import PeopleIndex
from netplan.domain.replies import conversation_of, replies_owed
from netplan.models import Settings
from tests.factories import activity, activity_log, book, contact, interaction, journal

TODAY = date(2026, 11, 25)


def message(who: str, days_ago: int, side: str | None, thread: str | None = "c1", **fields):
    on = TODAY - timedelta(days=days_ago)
    if thread is not None:
        fields["source"] = f"linkedin:message:{thread}-{who}:{on.isoformat()}"
    if side is not None:
        fields["last_from"] = side
    return interaction(who, on, kind=fields.pop("kind", "message"), **fields)


def owed(*interactions) -> list[tuple[str, int]]:
    return [(r.contact, r.days) for r in replies_owed(interactions, TODAY)]


def test_the_conversation_is_the_source_without_its_day() -> None:
    i = interaction("jane-doe", "2026-11-20", source="linkedin:message:2-ZTg3:2026-11-20")
    assert conversation_of(i) == "linkedin:message:2-ZTg3"
    assert conversation_of(interaction("jane-doe", "2026-11-20")) is None


@pytest.mark.parametrize(("days", "is_owed"), [(0, False), (1, False), (2, True), (30, True),
                                                (31, False)])  # fmt: skip
def test_a_reply_is_owed_from_two_to_thirty_days(days: int, is_owed: bool) -> None:
    assert owed(message("jane-doe", days, "them")) == ([("jane-doe", days)] if is_owed else [])


def test_only_the_latest_message_of_the_conversation_decides() -> None:
    # Their message, then mine a day later: answered.
    assert owed(message("jane-doe", 5, "them"), message("jane-doe", 4, "me")) == []
    # Mine, then theirs: owed (journal order does not matter, the day does).
    assert owed(message("jane-doe", 4, "them"), message("jane-doe", 5, "me")) == [("jane-doe", 4)]
    # Another conversation with the same person is its own.
    other = message("jane-doe", 3, "me", thread="c2")
    assert owed(message("jane-doe", 6, "them"), other) == [("jane-doe", 6)]


def test_without_a_source_the_contacts_interactions_are_one_conversation() -> None:
    theirs = message("sam-lee", 6, "them", thread=None)
    assert owed(theirs) == [("sam-lee", 6)]
    call = interaction("sam-lee", TODAY - timedelta(days=3), kind="call")
    assert owed(theirs, call) == []


def test_other_kinds_and_messages_without_last_from_owe_nothing() -> None:
    assert owed(message("jane-doe", 5, None)) == []
    assert owed(message("jane-doe", 5, "them", kind="comment")) == []


def test_oldest_first_and_the_index_names_contacts_not_archived() -> None:
    j = journal(
        message("jane-doe", 3, "them"),
        message("sam-lee", 9, "them"),
        message("old-friend", 4, "them"),
    )
    people = book(contact("jane-doe"), contact("sam-lee"), contact("old-friend", archived=True))
    index = PeopleIndex.of(people, j, Settings(), TODAY)
    assert [(c.name, r.days) for c, r in index.replies_owed()] == [("Sam Lee", 9), ("Jane Doe", 3)]


# --- thanks in the suggestions ---------------------------------------------------------------


def _suggest(log, *interactions) -> dict[str, tuple[str, ...]]:
    people = book(contact("jane-doe", cadence_days=365), contact("sam-lee"))
    index = PeopleIndex.of(people, journal(*interactions), Settings(), TODAY)
    return {s.contact.id: s.reasons for s in index.suggestions(5, activity=log)}


def test_an_endorsement_unanswered_is_a_reason_to_thank() -> None:
    endorsed = activity("endorsement-received", "2026-11-20", contact="jane-doe", text="Python")
    assert _suggest(None) == {}
    assert _suggest(activity_log(endorsed)) == {
        "jane-doe": ("thank them: endorsed you for Python, Nov 20",)
    }
    recommended = activity("recommendation-received", "2026-11-01", contact="sam-lee")
    found = _suggest(activity_log(recommended))
    assert found == {"sam-lee": ("thank them: recommended you, Nov 1",)}


def test_no_thanks_once_in_touch_or_when_old_or_without_a_contact() -> None:
    endorsed = activity("endorsement-received", "2026-11-20", contact="jane-doe", text="Python")
    assert _suggest(activity_log(endorsed), interaction("jane-doe", "2026-11-20")) == {}
    assert _suggest(activity_log(endorsed), interaction("jane-doe", "2026-11-19")) != {}
    old = activity("endorsement-received", "2026-10-25", contact="jane-doe")
    assert _suggest(activity_log(old)) == {}
    anonymous = activity("endorsement-received", "2026-11-20")
    assert _suggest(activity_log(anonymous)) == {}
    comment = activity("comment", "2026-11-20", contact="jane-doe")
    assert _suggest(activity_log(comment)) == {}
