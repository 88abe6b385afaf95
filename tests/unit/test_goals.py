from __future__ import annotations

import pytest
from factories import D, book, contact, goal, interaction, journal, plan, routine

from netplan.domain.goals import GoalPace, Pace, goal_pace, goal_progress
from netplan.models import ContactBook, GoalStatus, Journal

EMPTY = plan()


def test_manual_progress() -> None:
    assert goal_progress(goal(progress=3), EMPTY, book(), journal()) == 3


def test_progress_from_routine() -> None:
    p = plan(
        routine("write-article", "month", 1),
        routine("other", "week", 1),
        completions={
            "2026-09-30": {"write-article": 5},
            "2026-10-01": {"write-article": 1, "other": 3},
            "2026-12-15": {"write-article": 2},  # ahead of today still counts
        },
    )
    since = goal(source={"routine": "write-article"}, start="2026-10-01")
    assert goal_progress(since, p, book(), journal()) == 3
    always = goal(source={"routine": "write-article"})
    assert goal_progress(always, p, book(), journal()) == 8
    # A source ignores the manual number.
    assert goal_progress(goal(source={"routine": "other"}, progress=99), p, book(), journal()) == 3


def _people() -> ContactBook:
    return book(
        contact("a", tags=["fintech"], created=D("2026-10-01")),
        contact("b", tags=["FinTech", "mentor"], created=D("2026-11-10")),
        contact("c", tags=["fintech"], created=D("2026-09-30")),
        contact("d", tags=["fintech"]),  # no created
        contact("e", tags=["design"], created=D("2026-11-01")),
        contact("f", tags=["fintech"], created=D("2026-11-02"), archived=True),
    )


def test_progress_from_tag() -> None:
    people = _people()
    since = goal(source={"tag": "fintech"}, start="2026-10-01")
    assert goal_progress(since, EMPTY, people, journal()) == 3  # a, b, f
    always = goal(source={"tag": "Fintech"})
    assert goal_progress(always, EMPTY, people, journal()) == 5  # d counts without a start
    assert goal_progress(goal(source={"tag": "nobody"}), EMPTY, people, journal()) == 0


def _log() -> Journal:
    return journal(
        interaction("a", "2026-09-30", exchange="gave"),
        interaction("a", "2026-10-01", exchange="gave"),
        interaction("b", "2026-10-02", exchange="asked"),
        interaction("d", "2026-11-01"),
        interaction("e", "2026-11-01", exchange="gave"),  # not tagged
    )


def test_progress_from_interactions_with_tag() -> None:
    people = _people()
    since = goal(source={"interactions_with": "fintech"}, start="2026-10-01")
    assert goal_progress(since, EMPTY, people, _log()) == 3
    always = goal(source={"interactions_with": "FINTECH"})
    assert goal_progress(always, EMPTY, people, _log()) == 4
    gave = goal(source={"interactions_with": "fintech", "exchange": "gave"}, start="2026-10-01")
    assert goal_progress(gave, EMPTY, people, _log()) == 1
    mentors = goal(source={"interactions_with": "mentor", "exchange": "asked"})
    assert goal_progress(mentors, EMPTY, people, _log()) == 1


# --- pace --------------------------------------------------------------------------------

PACED = {"target": 10, "start": "2026-01-01", "due": "2026-01-11"}  # 10 days, 1 a day


def test_pace_before_start() -> None:
    assert goal_pace(goal(**PACED), 0, D("2025-12-31")) == GoalPace(Pace.on_track, 0.0, 11)


def test_pace_on_the_line() -> None:
    result = goal_pace(goal(**PACED), 5, D("2026-01-06"))
    assert result == GoalPace(Pace.on_track, 5.0, 5)
    assert goal_pace(goal(**PACED), 0, D("2026-01-01")).pace == Pace.on_track  # day one


def test_pace_behind() -> None:
    result = goal_pace(goal(**PACED), 3, D("2026-01-06"))
    assert result == GoalPace(Pace.behind, 5.0, 5)


def test_pace_tolerates_less_than_one_unit() -> None:
    g = goal(target=3, start="2026-01-01", due="2026-01-11")
    # expected 0.9 on day 3: nothing is due yet as a whole unit.
    assert goal_pace(g, 0, D("2026-01-04")) == GoalPace(Pace.on_track, pytest.approx(0.9), 7)
    assert goal_pace(g, 0, D("2026-01-05")).pace == Pace.behind  # expected 1.2


def test_pace_after_due_not_reached() -> None:
    assert goal_pace(goal(**PACED), 9, D("2026-01-12")) == GoalPace(Pace.behind, 10.0, -1)
    assert goal_pace(goal(**PACED), 9, D("2026-01-11")) == GoalPace(Pace.behind, 10.0, 0)


def test_pace_target_reached_early() -> None:
    assert goal_pace(goal(**PACED), 10, D("2026-01-02")) == GoalPace(Pace.done, 10.0, 9)
    assert goal_pace(goal(**PACED), 12, D("2025-12-01")).pace == Pace.done
    assert goal_pace(goal(**PACED), 12, D("2026-03-01")).pace == Pace.done


def test_pace_marked_done() -> None:
    marked = goal(**PACED, status=GoalStatus.done)
    assert goal_pace(marked, 2, D("2026-03-01")).pace == Pace.done


def test_pace_no_due() -> None:
    assert goal_pace(goal(target=5), 1, D("2026-01-01")) == GoalPace(Pace.no_due, 0.0, None)
    assert goal_pace(goal(target=5, start="2026-01-01"), 0, D("2026-06-01")).pace == Pace.no_due
    assert goal_pace(goal(target=5), 5, D("2026-01-01")).pace == Pace.done


def test_pace_without_start() -> None:
    g = goal(target=5, due="2026-03-31")
    assert goal_pace(g, 0, D("2026-01-01")) == GoalPace(Pace.on_track, 0.0, 89)
    assert goal_pace(g, 4, D("2026-03-31")) == GoalPace(Pace.behind, 5.0, 0)
    assert goal_pace(g, 4, D("2026-04-01")) == GoalPace(Pace.behind, 5.0, -1)


def test_pace_start_equals_due() -> None:
    g = goal(target=2, start="2026-01-01", due="2026-01-01")
    assert goal_pace(g, 1, D("2026-01-01")) == GoalPace(Pace.behind, 2.0, 0)
    assert goal_pace(g, 0, D("2025-12-31")).pace == Pace.on_track
