"""The first-run plan: the strategy's six routines (spec section 2) and default settings.

The settings' defaults live on the model (`netplan.models.Settings`), so a plan.toml without a
[settings] table and a fresh store agree.
"""

from __future__ import annotations

from netplan.models import Kind, Period, Plan, Routine

__all__ = ["default_plan", "default_routines"]


def default_routines() -> list[Routine]:
    """The six routines of the strategy (spec section 2), in the spec's order."""
    return [
        Routine(
            id="engage-posts",
            title="Engage with posts",
            period=Period.week,
            target=3,
            platform="LinkedIn",
            kind=Kind.networking,
            minutes=10,
        ),
        Routine(
            id="connect-people",
            title="Connect with new people",
            period=Period.week,
            target=2,
            kind=Kind.networking,
            minutes=15,
        ),
        Routine(
            id="share-resource",
            title="Share a useful resource",
            period=Period.week,
            target=1,
            kind=Kind.networking,
            minutes=20,
        ),
        Routine(
            id="write-article",
            title="Write an industry article",
            period=Period.month,
            target=1,
            kind=Kind.networking,
            minutes=120,
        ),
        Routine(
            id="attend-event",
            title="Attend an industry event",
            period=Period.month,
            target=1,
            kind=Kind.networking,
            minutes=180,
        ),
        Routine(
            id="review-contacts",
            title="Review and update contacts",
            period=Period.month,
            target=1,
            kind=Kind.networking,
            minutes=30,
        ),
    ]


def default_plan() -> Plan:
    """The plan a new store starts with: default settings and routines, nothing checked off."""
    return Plan(routines=default_routines())
