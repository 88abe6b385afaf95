"""Who to reach out to this week: a short ranked list with the reasons for each."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from netplan.models import Contact, Milestone

MILESTONE_DAYS = 14  # how far ahead a milestone is a reason to get in touch
SOON_DAYS = 7  # a follow-up due within this many days is "this week"
DEFAULT_CADENCE = 30  # scale for overdue follow-ups of contacts without any cadence

# Scores add up. Alone, each signal lands in its own band, so an overdue follow-up (2 and up)
# outranks a near milestone (1 to 1.5), which outranks a follow-up due this week (0.5 to 1),
# which outranks a bare "give first" (0.5). Within a band, closer or later means higher.
OVERDUE_BASE = 2.0
MILESTONE_BASE = 1.0
DUE_SOON_BASE = 0.5
GIVE_FIRST_SCORE = 0.5


@dataclass(frozen=True)
class Suggestion:
    contact: Contact
    score: float
    reasons: tuple[str, ...]


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _when(n: int) -> str:
    if n == 0:
        return "today"
    if n == 1:
        return "tomorrow"
    return f"in {n} days"


def suggestion_for(
    contact: Contact,
    due: date | None,
    cadence: int | None,
    give_first: bool,
    milestones: Sequence[tuple[date, Milestone]],
    today: date,
) -> Suggestion | None:
    """Why (and how much) to reach out to a contact now; None when there is no reason.

    Ranked by how overdue their follow-up is relative to their cadence (or a follow-up due
    within the week), milestones within 14 days (`milestones`: their next days, soonest
    first), and "give first" flags.
    """
    score = 0.0
    reasons: list[str] = []
    if due is not None:
        overdue = (today - due).days
        if overdue > 0:
            # Relative to the cadence: 10 days late on a weekly check-in weighs more than
            # 10 days late on a quarterly one.
            score += OVERDUE_BASE * (1 + overdue / (cadence or DEFAULT_CADENCE))
            reasons.append(f"overdue {_days(overdue)}")
        elif -overdue <= SOON_DAYS:
            score += DUE_SOON_BASE * (2 - (-overdue) / (SOON_DAYS + 1))
            reasons.append(f"follow-up {_when(-overdue)}")
    upcoming = [(on, m.label) for on, m in milestones if (on - today).days <= MILESTONE_DAYS]
    if upcoming:
        soonest = (upcoming[0][0] - today).days
        score += MILESTONE_BASE * (1.5 - 0.5 * soonest / (MILESTONE_DAYS + 1))
        reasons.extend(f"{label} {_when((on - today).days)}" for on, label in upcoming)
    if give_first:
        score += GIVE_FIRST_SCORE
        reasons.append("give first")
    if not reasons:
        return None
    return Suggestion(contact=contact, score=score, reasons=tuple(reasons))
