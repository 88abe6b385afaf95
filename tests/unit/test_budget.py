from __future__ import annotations

import pytest
from factories import D, interaction, journal, plan, routine

from netplan.domain.budget import BudgetStatus, budget_status, minutes_in_week


def test_minutes_in_week_counts_interactions_and_completions() -> None:
    p = plan(
        routine("engage-posts", "week", 3, minutes=10),
        routine("write-article", "month", 1, minutes=120),
        routine("old", "week", 1, minutes=5, archived=True),
        routine("free", "week", 1),
        completions={
            "2026-11-22": {"engage-posts": 9},  # Sunday before: other week (Monday start)
            "2026-11-23": {"engage-posts": 2, "free": 4},
            "2026-11-29": {"write-article": 1, "old": 2},
            "2026-11-30": {"engage-posts": 9},
        },
    )
    j = journal(
        interaction("ann", "2026-11-23", minutes=45),
        interaction("ann", "2026-11-29", minutes=15),
        interaction("bob", "2026-11-30", minutes=600),
        interaction("bob", "2026-11-22", minutes=600),
    )
    # 45 + 15 + 2×10 + 1×120 + 2×5
    assert minutes_in_week(p, j, D("2026-11-25")) == 210
    assert minutes_in_week(p, journal(), D("2026-11-25")) == 150
    assert minutes_in_week(plan(), journal(), D("2026-11-25")) == 0


def test_minutes_in_week_sunday_start() -> None:
    p = plan(
        routine("engage-posts", "week", 3, minutes=10),
        completions={"2026-11-22": {"engage-posts": 1}, "2026-11-29": {"engage-posts": 1}},
        week_start="sunday",
    )
    j = journal(interaction("ann", "2026-11-28", minutes=30))
    assert minutes_in_week(p, j, D("2026-11-25")) == 40  # Nov 22 - 28


@pytest.mark.parametrize(
    ("minutes", "hours", "status"),
    [
        (0, (5, 10), BudgetStatus.under),
        (299, (5, 10), BudgetStatus.under),
        (300, (5, 10), BudgetStatus.within),
        (450, (5, 10), BudgetStatus.within),
        (600, (5, 10), BudgetStatus.within),
        (601, (5, 10), BudgetStatus.over),
        (90, (1.5, 1.5), BudgetStatus.within),
        (0, (0, 0), BudgetStatus.within),
        (1, (0, 0), BudgetStatus.over),
    ],
)
def test_budget_status(minutes: int, hours: tuple[float, float], status: BudgetStatus) -> None:
    assert budget_status(minutes, hours) == status


def test_budget_status_is_a_string_enum() -> None:
    assert BudgetStatus.within == "within"
