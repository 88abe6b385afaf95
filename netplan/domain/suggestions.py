"""Who to reach out to this week: a short ranked list with the reasons for each."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from netplan.models import Activity, ActivityKind, Contact, Milestone

MILESTONE_DAYS = 14  # how far ahead a milestone is a reason to get in touch
SOON_DAYS = 7  # a follow-up due within this many days is "this week"
DEFAULT_CADENCE = 30  # scale for overdue follow-ups of contacts without any cadence
THANKS_DAYS = 30  # an endorsement or recommendation this recent, not yet answered: thank them

# Scores add up. Alone, each signal lands in its own band, so an overdue follow-up (2 and up)
# outranks a near milestone (1 to 1.5), which outranks a follow-up due this week (0.5 to 1),
# which outranks a bare "give first" (0.5). Within a band, closer or later means higher.
OVERDUE_BASE = 2.0
MILESTONE_BASE = 1.0
DUE_SOON_BASE = 0.5
GIVE_FIRST_SCORE = 0.5
THANKS_BASE = 1.0  # beside the milestones: a fresh endorsement is worth a prompt thank-you


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


def thanks_owed(
    received: Iterable[Activity], last_contact: Callable[[str], date | None], today: date
) -> dict[str, list[Activity]]:
    """Endorsements and recommendations received, by contact, from the last `THANKS_DAYS`
    days (up to today) with no interaction with that contact on or after their day
    (`last_contact`: the day of the newest one, None without any)."""
    found: dict[str, list[Activity]] = {}
    for item in received:
        if item.contact is None or item.kind not in (
            ActivityKind.endorsement_received,
            ActivityKind.recommendation_received,
        ):
            continue
        if not 0 <= (today - item.on).days <= THANKS_DAYS:
            continue
        last = last_contact(item.contact)
        if last is not None and last >= item.on:
            continue  # in touch since: thanked, or at least spoken to
        found.setdefault(item.contact, []).append(item)
    return found


def thanks_reason(item: Activity) -> str:
    """ "thank them: endorsed you for Python, Nov 20" (the skills are the import's text)."""
    text = " ".join((item.text or "").split())
    if item.kind == ActivityKind.endorsement_received:
        what = f"endorsed you for {text}" if text else "endorsed you"
    else:
        what = "recommended you"
    return f"thank them: {what}, {item.on:%b} {item.on.day}"


def suggestion_for(
    contact: Contact,
    due: date | None,
    cadence: int | None,
    give_first: bool,
    milestones: Sequence[tuple[date, Milestone]],
    today: date,
    thanks: Sequence[Activity] = (),
) -> Suggestion | None:
    """Why (and how much) to reach out to a contact now; None when there is no reason.

    Ranked by how overdue their follow-up is relative to their cadence (or a follow-up due
    within the week), milestones within 14 days (`milestones`: their next days, soonest
    first), endorsements and recommendations to thank them for (`thanks`, from
    `thanks_owed`), and "give first" flags.
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
    if thanks:
        newest = min((today - item.on).days for item in thanks)
        score += THANKS_BASE * (1.5 - 0.5 * newest / (THANKS_DAYS + 1))
        reasons.extend(thanks_reason(item) for item in sorted(thanks, key=lambda a: a.on))
    if give_first:
        score += GIVE_FIRST_SCORE
        reasons.append("give first")
    if not reasons:
        return None
    return Suggestion(contact=contact, score=score, reasons=tuple(reasons))
