"""What is due now: the report behind `netplan due` and its `--json` shape."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from netplan.domain.followups import FollowUp, MilestoneDue
from netplan.domain.people_index import PeopleIndex
from netplan.domain.promises import PromiseDue, promises_of
from netplan.domain.routines import RoutineStatus, routine_statuses
from netplan.models import ActivityLog, Period, Plan


@dataclass(frozen=True)
class DueReport:
    today: date
    followups: list[FollowUp]
    milestones: list[MilestoneDue]
    routines: list[RoutineStatus]
    promises: list[PromiseDue] = field(default_factory=list)  # open, oldest first


def due_report(
    plan: Plan,
    people: PeopleIndex,
    today: date,
    days: int = 7,
    activity: ActivityLog | None = None,
) -> DueReport:
    """Follow-ups overdue or due within `days`, milestones within `days`, and routines not yet
    met in the current week (first) or month (then), in plan order (counting their evidence:
    events, and `activity` when given)."""
    routines = [
        status
        for period in (Period.week, Period.month)
        for status in routine_statuses(plan, period, today, today, activity)
        if status.pending  # not met, and neither skipped nor before its `since`
    ]
    return DueReport(
        today=today,
        followups=people.follow_ups(within_days=days),
        milestones=people.milestones(days),
        routines=routines,
        promises=promises_of(people, today, days),
    )


def due_json(report: DueReport) -> dict[str, Any]:
    """The report as the JSON object `netplan due --json` prints (dates as ISO strings)."""
    return {
        "today": report.today.isoformat(),
        "followups": [
            {
                "contact": f.contact.id,
                "name": f.contact.name,
                "due": f.due.isoformat(),
                "overdue_days": f.overdue_days,
            }
            for f in report.followups
        ],
        "milestones": [
            {
                "contact": m.contact.id,
                "name": m.contact.name,
                "label": m.milestone.label,
                "date": m.on.isoformat(),
            }
            for m in report.milestones
        ],
        "routines": [
            {
                "routine": r.routine.id,
                "title": r.routine.title,
                "period": r.routine.period.value,
                "done": r.done,
                "target": r.target,
            }
            for r in report.routines
        ],
        "promises": [
            {
                "contact": p.contact.id,
                "name": p.contact.name,
                "promise": p.interaction.promise,
                "due": p.due.isoformat(),
                "overdue_days": p.overdue_days,
            }
            for p in report.promises
        ],
    }
