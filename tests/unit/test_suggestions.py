from __future__ import annotations

import random
import time
from datetime import timedelta

from factories import D, book, contact, interaction, journal

from netplan.domain.people_index import PeopleIndex
from netplan.domain.suggestions import Suggestion, suggestion_for
from netplan.models import ContactBook, Journal, Milestone, Settings

TODAY = D("2026-11-25")


def suggest(
    contacts: ContactBook,
    j: Journal,
    settings: Settings,
    today=TODAY,
    limit: int | None = None,
) -> list[Suggestion]:
    """The suggestions of the people index derived from these contacts and journal."""
    index = PeopleIndex.of(contacts, j, settings, today)
    return index.suggestions() if limit is None else index.suggestions(limit=limit)


def test_reasons_for_each_signal() -> None:
    contacts = book(
        contact("late", cadence_days=30, created=D("2026-01-01")),
        contact(
            "bday",
            milestones=[{"label": "Birthday", "date": D("1990-11-28"), "yearly": True}],
        ),
        contact("asker"),
        contact("soon", follow_up=D("2026-11-27")),
        contact("quiet", cadence_days=30, created=D("2026-11-20")),
    )
    j = journal(
        interaction("late", "2026-10-14"),  # due 11-13: 12 days overdue
        interaction("asker", "2026-11-24", exchange="asked"),
    )
    found = {s.contact.id: s for s in suggest(contacts, j, Settings(), TODAY, limit=10)}
    assert found["late"].reasons == ("overdue 12 days",)
    assert found["bday"].reasons == ("Birthday in 3 days",)
    assert found["asker"].reasons == ("give first",)
    assert found["soon"].reasons == ("follow-up in 2 days",)
    assert "quiet" not in found  # nothing to say: not suggested
    assert all(isinstance(s, Suggestion) and s.score > 0 for s in found.values())


def test_reason_wording() -> None:
    contacts = book(
        contact("a", follow_up=D("2026-11-24")),
        contact("b", follow_up=TODAY),
        contact(
            "c", milestones=[{"label": "Work anniversary", "date": D("2020-11-26"), "yearly": True}]
        ),
        contact("d", milestones=[{"label": "Birthday", "date": D("1980-11-25"), "yearly": True}]),
    )
    found = {s.contact.id: s.reasons for s in suggest(contacts, journal(), Settings(), TODAY)}
    assert found == {
        "a": ("overdue 1 day",),
        "b": ("follow-up today",),
        "c": ("Work anniversary tomorrow",),
        "d": ("Birthday today",),
    }


def test_combined_reasons_rank_higher() -> None:
    contacts = book(
        contact("only-late", follow_up=D("2026-11-15"), cadence_days=30),
        contact(
            "late-and-bday",
            follow_up=D("2026-11-15"),
            cadence_days=30,
            milestones=[{"label": "Birthday", "date": D("1990-12-01"), "yearly": True}],
        ),
    )
    j = journal(interaction("late-and-bday", "2026-11-01", exchange="asked"))
    result = suggest(contacts, j, Settings(), TODAY)
    assert [s.contact.id for s in result] == ["late-and-bday", "only-late"]
    assert result[0].reasons == ("overdue 10 days", "Birthday in 6 days", "give first")


def test_overdue_relative_to_cadence() -> None:
    # Both 10 days late; a weekly check-in missed by 10 days matters more than a quarterly one.
    s = Settings(cadence_by_tag={"weekly": 7, "quarterly": 90})
    contacts = book(
        contact("quarterly", tags=["quarterly"], created=D("2026-01-01")),
        contact("weekly", tags=["weekly"], created=D("2026-01-01")),
    )
    j = journal(interaction("quarterly", "2026-08-17"), interaction("weekly", "2026-11-08"))
    result = suggest(contacts, j, s, TODAY)
    assert [x.contact.id for x in result] == ["weekly", "quarterly"]
    assert [x.reasons for x in result] == [("overdue 10 days",), ("overdue 10 days",)]


def test_overdue_beats_milestone_beats_give_first() -> None:
    contacts = book(
        contact("asker"),
        contact(
            "bday", milestones=[{"label": "Birthday", "date": D("1990-12-05"), "yearly": True}]
        ),
        contact("late", follow_up=D("2026-11-24")),
    )
    j = journal(interaction("asker", "2026-11-01", exchange="asked"))
    assert [s.contact.id for s in suggest(contacts, j, Settings(), TODAY)] == [
        "late",
        "bday",
        "asker",
    ]


def test_milestones_beyond_two_weeks_ignored() -> None:
    contacts = book(
        contact(
            "in14", milestones=[{"label": "Birthday", "date": D("1990-12-09"), "yearly": True}]
        ),
        contact(
            "in15", milestones=[{"label": "Birthday", "date": D("1990-12-10"), "yearly": True}]
        ),
    )
    assert [s.contact.id for s in suggest(contacts, journal(), Settings(), TODAY)] == ["in14"]


def test_limit_archived_and_ties_by_name() -> None:
    contacts = book(
        *(contact(f"p{i}", name=f"Person {9 - i}", follow_up=D("2026-11-20")) for i in range(8)),
        contact("gone", follow_up=D("2020-01-01"), archived=True),
    )
    result = suggest(contacts, journal(), Settings(), TODAY, limit=3)
    assert [s.contact.name for s in result] == ["Person 2", "Person 3", "Person 4"]
    assert len(suggest(contacts, journal(), Settings(), TODAY)) == 5  # default limit
    assert suggest(contacts, journal(), Settings(), TODAY, limit=0) == []
    everyone = suggest(contacts, journal(), Settings(), TODAY, limit=100)
    assert "gone" not in {s.contact.id for s in everyone}
    assert len(everyone) == 8


def test_scales_linearly() -> None:
    s = Settings(cadence_by_tag={"mentor": 30})
    contacts = book(
        *(contact(f"c{i}", tags=["mentor"], created=D("2026-01-01")) for i in range(30_000))
    )
    j = journal(
        *(
            interaction(
                f"c{i}",
                TODAY - timedelta(days=i % 90),
                id=f"x{i}",
                exchange="asked" if i % 3 else "gave",
            )
            for i in range(20_000)
        )
    )
    began = time.perf_counter()
    result = suggest(contacts, j, s, TODAY)  # the derivation and the query
    assert time.perf_counter() - began < 3  # about 0.3 s in practice
    assert len(result) == 5
    # Never-contacted ones are due since Jan 31: the most overdue of all.
    assert all(r.reasons[0] == "overdue 298 days" for r in result)


# --- one contact's score -----------------------------------------------------------------


def test_suggestion_for_one_contact() -> None:
    c = contact("ann")
    assert suggestion_for(c, None, None, False, (), TODAY) is None  # no reason at all
    assert suggestion_for(c, D("2026-12-03"), 30, False, (), TODAY) is None  # due in 8 days
    far = ((D("2026-12-10"), Milestone(label="Birthday", date=D("1990-12-10"))),)
    assert suggestion_for(c, None, None, False, far, TODAY) is None  # 15 days away
    late = suggestion_for(c, D("2026-11-15"), 10, False, (), TODAY)
    assert late is not None and late.contact is c and late.reasons == ("overdue 10 days",)
    # Without a cadence, lateness is weighed against 30 days.
    assert late.score > suggestion_for(c, D("2026-11-15"), None, False, (), TODAY).score
    both = (
        (D("2026-11-26"), Milestone(label="Launch", date=D("2026-11-26"))),
        (D("2026-12-09"), Milestone(label="Birthday", date=D("1990-12-09"), yearly=True)),
        *far,
    )
    found = suggestion_for(c, TODAY, 30, True, both, TODAY)
    assert found is not None
    assert found.reasons == (
        "follow-up today",
        "Launch tomorrow",
        "Birthday in 14 days",
        "give first",
    )


def test_the_index_skips_no_one_suggestion_for_would_suggest() -> None:
    """The index passes over rows with no reason before scoring them: it must agree with
    scoring every row."""
    rng = random.Random(5)

    def birthday(days_from_today: int) -> dict:
        day = D("1990-11-25") + timedelta(days=days_from_today)
        return {"label": "Birthday", "date": day, "yearly": True}

    people = [
        contact(
            f"p{n}",
            created=TODAY - timedelta(days=rng.randrange(120)),
            cadence_days=rng.choice([None, 7, 30]),
            follow_up=rng.choice([None, TODAY + timedelta(days=rng.randrange(-20, 20))]),
            milestones=[birthday(rng.randrange(30))] if rng.random() < 0.3 else [],
        )
        for n in range(300)
    ]
    entries = [
        interaction(
            f"p{rng.randrange(300)}",
            TODAY - timedelta(days=rng.randrange(60)),
            id=f"x{n}",
            exchange=rng.choice(["gave", "asked", "neutral"]),
        )
        for n in range(400)
    ]
    index = PeopleIndex.of(book(*people), journal(*entries), Settings(), TODAY)
    scored = [
        s
        for row in index.rows
        if (
            s := suggestion_for(
                row.contact, row.due, row.cadence, row.balance.give_first, row.milestones, TODAY
            )
        )
        is not None
    ]
    scored.sort(key=lambda s: (-round(s.score, 6), s.contact.name.casefold(), s.contact.id))
    assert 0 < len(scored) < len(people)
    assert index.suggestions(limit=len(people)) == scored
    assert index.suggestions(limit=7) == scored[:7]
