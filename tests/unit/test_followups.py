from __future__ import annotations

import time
from datetime import timedelta

import pytest
from factories import D, book, contact, interaction, journal

from netplan.domain.followups import (
    FollowUp,
    MilestoneDue,
    apply_interaction,
    cadence_for,
    last_interaction_days,
    latest_follow_up,
    next_follow_up,
    next_occurrence,
)
from netplan.domain.people_index import PeopleIndex
from netplan.models import ContactBook, Journal, Milestone, Settings

TODAY = D("2026-11-25")


def settings(**cadences: int) -> Settings:
    return Settings(cadence_by_tag=cadences)


def index(
    contacts: ContactBook,
    j: Journal | None = None,
    s: Settings | None = None,
    today=TODAY,
) -> PeopleIndex:
    return PeopleIndex.of(contacts, j or journal(), s or Settings(), today)


# --- cadence -----------------------------------------------------------------------------


def test_cadence_own_beats_tags() -> None:
    s = settings(family=14, mentor=30)
    assert cadence_for(contact(cadence_days=60, tags=["family"]), s) == 60


def test_cadence_shortest_tag() -> None:
    s = settings(family=14, mentor=30, fintech=90)
    assert cadence_for(contact(tags=["mentor", "family", "fintech"]), s) == 14
    assert cadence_for(contact(tags=["fintech", "other"]), s) == 90
    assert cadence_for(contact(tags=["Mentor"]), s) == 30  # tags match without case
    assert cadence_for(contact(tags=["other"]), s) is None
    assert cadence_for(contact(), s) is None


# --- next follow-up ----------------------------------------------------------------------


def test_last_interaction_days_is_newest_per_contact() -> None:
    j = journal(
        interaction("a", "2026-11-20"),
        interaction("b", "2026-10-01"),
        interaction("a", "2026-11-01"),  # logged later but older
        interaction("a", "2026-11-22"),
    )
    assert last_interaction_days(j) == {"a": D("2026-11-22"), "b": D("2026-10-01")}
    assert last_interaction_days(journal()) == {}


def test_next_follow_up_rules() -> None:
    s = settings(mentor=30)
    explicit = contact(follow_up=D("2026-12-01"), cadence_days=7, created=D("2026-01-01"))
    assert next_follow_up(explicit, s, D("2026-11-20")) == D("2026-12-01")
    cadence = contact(cadence_days=7, created=D("2026-01-01"))
    assert next_follow_up(cadence, s, D("2026-11-20")) == D("2026-11-27")
    assert next_follow_up(cadence, s, None) == D("2026-01-08")  # from created
    tagged = contact(tags=["mentor"], created=D("2026-11-01"))
    assert next_follow_up(tagged, s, None) == D("2026-12-01")
    assert next_follow_up(contact(cadence_days=7), s, None) is None  # no base day
    assert next_follow_up(contact(created=D("2026-01-01")), s, D("2026-11-20")) is None


def test_next_follow_up_across_leap_day() -> None:
    c = contact(cadence_days=1)
    assert next_follow_up(c, Settings(), D("2028-02-28")) == D("2028-02-29")
    assert next_follow_up(c, Settings(), D("2027-02-28")) == D("2027-03-01")


def test_next_follow_up_absurd_cadence_is_never() -> None:
    c = contact(cadence_days=10**12)
    assert next_follow_up(c, Settings(), D("2026-11-20")) is None


# --- logging an interaction --------------------------------------------------------------


def test_apply_interaction_sets_follow_up() -> None:
    c = contact(follow_up=D("2026-11-20"))
    updated = apply_interaction(c, interaction("jane-doe", "2026-11-25", follow_up=D("2026-12-04")))
    assert updated.follow_up == D("2026-12-04")
    assert c.follow_up == D("2026-11-20")  # input untouched
    assert updated is not c


def test_apply_interaction_clears_follow_up_on_or_before_its_day() -> None:
    on_the_day = contact(follow_up=D("2026-11-25"))
    assert apply_interaction(on_the_day, interaction("jane-doe", "2026-11-25")).follow_up is None
    earlier = contact(follow_up=D("2026-11-01"))
    assert apply_interaction(earlier, interaction("jane-doe", "2026-11-25")).follow_up is None
    assert on_the_day.follow_up == D("2026-11-25")


def test_apply_interaction_keeps_later_follow_up() -> None:
    later = contact(follow_up=D("2026-11-26"))
    assert apply_interaction(later, interaction("jane-doe", "2026-11-25")).follow_up == D(
        "2026-11-26"
    )
    # A back-dated interaction does not clear a follow-up set after it.
    c = contact(follow_up=D("2026-11-20"))
    assert apply_interaction(c, interaction("jane-doe", "2026-11-19")).follow_up == D("2026-11-20")


def test_apply_interaction_does_not_share_lists() -> None:
    c = contact(tags=["a"], milestones=[{"label": "Birthday", "date": D("1990-04-12")}])
    updated = apply_interaction(c, interaction("jane-doe", "2026-11-25"))
    updated.tags.append("b")
    assert c.tags == ["a"]


def test_apply_interaction_rejects_other_contact() -> None:
    with pytest.raises(ValueError):
        apply_interaction(contact(), interaction("someone-else", "2026-11-25"))


# --- follow-up list ----------------------------------------------------------------------


def test_follow_ups_window_and_order() -> None:
    s = settings(mentor=30)
    contacts = book(
        contact("ann", follow_up=D("2026-11-20")),  # overdue 5
        contact("bob", cadence_days=10, created=D("2026-01-01")),  # last 11-01 -> 11-11, 14
        contact("cid", follow_up=D("2026-11-30")),  # in 5 days
        contact("dee", follow_up=D("2026-12-20")),  # in 25 days
        contact("eve", tags=["mentor"], created=D("2026-11-10")),  # 12-10, in 15 days
        contact("fay"),  # nothing
        contact("gus", follow_up=D("2026-11-01"), archived=True),
        contact("amy", follow_up=D("2026-11-20")),  # ties with ann, sorts by name
        contact("hal", follow_up=TODAY),
    )
    j = journal(interaction("bob", "2026-11-01"), interaction("bob", "2026-10-01"))
    people = index(contacts, j, s)
    within = people.follow_ups(within_days=7)
    assert [(f.contact.id, f.overdue_days) for f in within] == [
        ("bob", 14),
        ("amy", 5),
        ("ann", 5),
        ("hal", 0),
        ("cid", -5),
    ]
    assert within[0] == FollowUp(contacts.contacts[1], D("2026-11-11"), 14)
    overdue_only = people.follow_ups(within_days=0)
    assert [f.contact.id for f in overdue_only] == ["bob", "amy", "ann", "hal"]
    everything = people.follow_ups(within_days=None)
    assert [f.contact.id for f in everything][-2:] == ["eve", "dee"]
    assert len(everything) == 7


def test_follow_ups_scale_linearly() -> None:
    s = settings(mentor=30, family=14)
    contacts = book(
        *(
            contact(f"c{i}", tags=["mentor"] if i % 2 else ["family"], created=D("2026-01-01"))
            for i in range(30_000)
        )
    )
    j = journal(
        *(
            interaction(f"c{i % 30_000}", TODAY - timedelta(days=i % 60), id=f"x{i}")
            for i in range(20_000)
        )
    )
    began = time.perf_counter()
    result = index(contacts, j, s).follow_ups(within_days=7)  # the derivation and the query
    assert time.perf_counter() - began < 3  # about 0.05 s in practice
    assert result
    assert all(f.overdue_days >= -7 for f in result)


# --- milestones --------------------------------------------------------------------------


def test_next_occurrence_yearly() -> None:
    birthday = Milestone(label="Birthday", date=D("1990-04-12"), yearly=True)
    assert next_occurrence(birthday, TODAY) == D("2027-04-12")
    assert next_occurrence(birthday, D("2026-04-12")) == D("2026-04-12")
    assert next_occurrence(birthday, D("2026-04-11")) == D("2026-04-12")
    assert next_occurrence(birthday, D("2026-04-13")) == D("2027-04-12")
    new_year = Milestone(label="Birthday", date=D("1980-01-01"), yearly=True)
    assert next_occurrence(new_year, D("2026-12-31")) == D("2027-01-01")


def test_next_occurrence_leap_day() -> None:
    leap = Milestone(label="Birthday", date=D("2000-02-29"), yearly=True)
    assert next_occurrence(leap, D("2027-01-10")) == D("2027-02-28")
    assert next_occurrence(leap, D("2027-03-01")) == D("2028-02-29")
    assert next_occurrence(leap, D("2028-02-29")) == D("2028-02-29")
    assert next_occurrence(leap, D("2026-12-01")) == D("2027-02-28")


def test_next_occurrence_one_off_and_future_start() -> None:
    once = Milestone(label="New role", date=D("2026-11-30"))
    assert next_occurrence(once, TODAY) == D("2026-11-30")
    assert next_occurrence(once, D("2026-12-01")) is None
    assert next_occurrence(once, D("2026-11-30")) == D("2026-11-30")
    # A yearly milestone recorded ahead of time does not occur before its first day.
    ahead = Milestone(label="Anniversary", date=D("2028-03-01"), yearly=True)
    assert next_occurrence(ahead, TODAY) == D("2028-03-01")


def test_upcoming_milestones() -> None:
    ann = contact(
        "ann",
        milestones=[
            {"label": "Birthday", "date": D("1990-11-28"), "yearly": True},
            {"label": "Work anniversary", "date": D("2020-12-25"), "yearly": True},
        ],
    )
    bob = contact("bob", milestones=[{"label": "Launch", "date": D("2026-11-28")}])
    cid = contact(
        "cid",
        archived=True,
        milestones=[{"label": "Birthday", "date": D("1990-11-26"), "yearly": True}],
    )
    dee = contact("dee", milestones=[{"label": "Birthday", "date": TODAY, "yearly": True}])
    contacts = book(bob, ann, cid, dee)
    people = index(contacts)
    found = people.milestones(7)
    assert [(m.contact.id, m.milestone.label, m.on) for m in found] == [
        ("dee", "Birthday", TODAY),
        ("ann", "Birthday", D("2026-11-28")),
        ("bob", "Launch", D("2026-11-28")),
    ]
    assert found[1] == MilestoneDue(ann, ann.milestones[0], D("2026-11-28"))
    assert len(people.milestones(30)) == 4
    assert [m.contact.id for m in people.milestones(0)] == ["dee"]
    assert people.milestones(-1) == []


def test_upcoming_milestones_over_year_end_and_leap_day() -> None:
    c = contact(
        milestones=[
            {"label": "Birthday", "date": D("1992-02-29"), "yearly": True},
            {"label": "New year", "date": D("2000-01-02"), "yearly": True},
        ]
    )
    found = index(book(c), today=D("2026-12-30")).milestones(3)
    assert [m.on for m in found] == [D("2027-01-02")]
    found = index(book(c), today=D("2027-02-20")).milestones(10)
    assert [m.on for m in found] == [D("2027-02-28")]


# --- promises ----------------------------------------------------------------------------


def promise_of(contact_id: str, j: Journal) -> str | None:
    """The contact's standing promise, as the detail pane finds it: the latest follow-up among
    the contact's own entries in the people index."""
    latest = latest_follow_up(index(book(), j).interactions(contact_id))
    return latest.promise if latest is not None else None


def test_latest_follow_up_holds_the_standing_promise() -> None:
    j = journal(
        interaction("jane-doe", "2026-11-01", follow_up=D("2026-11-10"), promise="Old promise"),
        interaction("jane-doe", "2026-11-20", follow_up=D("2026-12-04"), promise="Send the deck"),
        interaction("jane-doe", "2026-11-22"),  # no follow-up: does not replace the promise
        interaction("bob", "2026-11-23", follow_up=D("2026-12-01"), promise="Bob's"),
    )
    assert promise_of("jane-doe", j) == "Send the deck"
    assert promise_of("bob", j) == "Bob's"
    assert promise_of("nobody", j) is None
    jane = [i for i in j.interactions if i.contact == "jane-doe"]
    assert latest_follow_up(jane) is j.interactions[1]
    assert latest_follow_up(jane[2:]) is None  # no entry set a follow-up
    assert latest_follow_up([]) is None
    newer = interaction("jane-doe", "2026-11-24", follow_up=D("2026-12-10"))
    j2 = journal(*j.interactions, newer)
    assert promise_of("jane-doe", j2) is None  # latest follow-up has no promise
    assert latest_follow_up([*jane, newer]) is newer  # returned even without a promise


def test_latest_follow_up_same_day_later_entry_wins() -> None:
    j = journal(
        interaction("a", "2026-11-20", follow_up=D("2026-12-01"), promise="first"),
        interaction("a", "2026-11-20", follow_up=D("2026-12-02"), promise="second"),
        interaction("a", "2026-11-19", follow_up=D("2026-12-03"), promise="older"),
    )
    assert promise_of("a", j) == "second"
    assert latest_follow_up(j.interactions) is j.interactions[1]
