"""References across netplan's files: what one file names that another must hold.

Kept apart from netplan.models (the files' shapes) so each stays short; the store checks
these after every file has validated on its own.
"""

from __future__ import annotations

import os
from pathlib import Path

from netplan.models import ActivityLog, ContactBook, Journal, Plan


def check_references(
    plan: Plan,
    contacts: ContactBook,
    journal: Journal,
    folder: Path | None = None,
    plan_only: bool = False,
    activity: ActivityLog | None = None,
) -> list[str]:
    """Cross-file problems: an interaction's contact, `with` or event, an event's `going`,
    an activity item's contact, a completion's or a goal's routine. `plan_only`: contacts
    and journal are not loaded (empty stand-ins), so what plan.toml says of contacts is
    left for the full check."""
    prefix = f"{folder}{os.sep}" if folder else ""
    problems = []
    routine_ids = {r.id for r in plan.routines}
    for day, counts in sorted(plan.completions.items()):
        for routine in counts:
            if routine not in routine_ids:
                problems.append(
                    f'{prefix}plan.toml: completions."{day.isoformat()}", key "{routine}": '
                    f'no routine has the id "{routine}"'
                )
    for number, goal in enumerate(plan.goals, start=1):
        if goal.source and goal.source.routine and goal.source.routine not in routine_ids:
            problems.append(
                f'{prefix}plan.toml: goal {number} (id "{goal.id}"), field "source.routine": '
                f'no routine has the id "{goal.source.routine}"'
            )
    for number, skip in enumerate(plan.skips, start=1):
        for routine in skip.routines or ():
            if routine not in routine_ids:
                problems.append(
                    f"{prefix}plan.toml: skip {number} (from {skip.from_.isoformat()}), "
                    f'field "routines": no routine has the id "{routine}"'
                )
    contact_ids = {c.id for c in contacts.contacts}
    for number, event in enumerate(() if plan_only else plan.events, start=1):
        for person in event.going:
            if person not in contact_ids:
                problems.append(
                    f'{prefix}plan.toml: event {number} (id "{event.id}"), field "going": '
                    f'no contact in contacts.toml has the id "{person}"'
                )
    event_ids = {e.id for e in plan.events}
    for number, interaction in enumerate(journal.interactions, start=1):
        if (
            interaction.contact in contact_ids
            and not interaction.with_
            and (interaction.event is None or interaction.event in event_ids)
        ):
            continue  # the usual entry: no message to make (300,000 of them made 0.2 s)
        where = f'{prefix}journal.toml: interaction {number} (id "{interaction.id}"), field'
        if interaction.contact not in contact_ids:
            problems.append(
                f'{where} "contact": no contact in contacts.toml has the id "{interaction.contact}"'
            )
        for person in interaction.with_:
            if person not in contact_ids:
                problems.append(
                    f'{where} "with": no contact in contacts.toml has the id "{person}"'
                )
        if interaction.event is not None and interaction.event not in event_ids:
            problems.append(
                f'{where} "event": no event in plan.toml has the id "{interaction.event}"'
            )
    for number, item in enumerate(activity.activity if activity else (), start=1):
        if item.contact is not None and item.contact not in contact_ids:
            problems.append(
                f'{prefix}activity.toml: activity {number} (id "{item.id}"), field "contact": '
                f'no contact in contacts.toml has the id "{item.contact}"'
            )
    return problems
