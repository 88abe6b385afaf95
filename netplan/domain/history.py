"""Honest history (spec 7.1): how each period of a routine counts.

`judge` is the one place that decides a period's target, whether it counts at all, whether
it is skipped and whether it is met. Streaks, averages, trends, grids and `due` all ask it.
Its inputs are explicit (done, since, skips, evidence): attended events and imported
activity (spec 7.3) arrive as `evidence` (see `evidence_days`), decided here and nowhere else.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from netplan.domain.activity import ActivityIndex, activity_index, describe
from netplan.domain.events import attended, event_credits, event_keys, title_key
from netplan.domain.periods import period_range, period_start, shift_period
from netplan.models import ActivityLog, EarlierTarget, Plan, Routine, Skip

_DAY = timedelta(days=1)
# What counts for a routine without `counts`, by id (spec 7.3; "event": attended events).
DEFAULT_COUNTS: dict[str, tuple[str, ...]] = {
    "engage-posts": ("linkedin:comment", "linkedin:reaction"),
    "connect-people": ("linkedin:connection",),
    "share-resource": ("linkedin:share",),
    "write-article": ("linkedin:article",),
    "attend-event": ("event", "linkedin:event"),
}


def counts_of(routine: Routine) -> tuple[str, ...]:
    """What counts for the routine besides its check-offs: its `counts` (lower case, as
    `Activity.counts_as` names items), else its id's default."""
    if routine.counts is not None:
        return tuple(dict.fromkeys(key.lower() for key in routine.counts))
    return DEFAULT_COUNTS.get(routine.id, ())


EVENT = "event"  # what `counts` names attended plan events by
LINKEDIN_EVENT = "linkedin:event"  # LinkedIn's record of an event: maybe a plan event too


def _same_as_plan_events(plan: Plan, keys: tuple[str, ...]) -> set[tuple[date, str]]:
    """(day, title) of the plan's events, when the routine counts both them and LinkedIn's:
    a LinkedIn event on such a day with such a title is that event and counts once, as the
    plan event does (attended or not)."""
    if EVENT not in keys or LINKEDIN_EVENT not in keys or not plan.events:
        return set()
    return {key for event in plan.events for key in event_keys(event)}


def evidence_parts(
    plan: Plan, routine: Routine, today: date, activity: ActivityLog | None = None
) -> tuple[dict[date, int], dict[date, int]]:
    """Completions from elsewhere than check-offs, by day: (attended events, on their last
    day, for a routine counting "event"; imported activity whose `counts_as` is in the
    routine's counts, on or before today). Neither sets a routine's `since`."""
    keys = counts_of(routine)
    if not keys:
        return {}, {}
    events = event_credits(plan.events, today) if EVENT in keys and plan.events else {}
    index = activity_index(activity)
    if index is None:
        return events, {}
    same = _same_as_plan_events(plan, keys)
    if not same and (keys, today) in index.memo:
        return events, index.memo[keys, today]  # shared: callers never change it
    found: dict[date, int] = {}
    for key in keys:
        if key == EVENT:
            continue
        days = index.day_counts.get(key)
        if not days:
            continue
        if same and key == LINKEDIN_EVENT:
            for day, items in index.by_key[key].items():
                if day <= today:
                    n = sum(1 for a in items if (day, title_key(a.text or "")) not in same)
                    if n:
                        found[day] = found.get(day, 0) + n
            continue
        for day, n in days.items():
            if day > today:
                break  # days are in order
            found[day] = found.get(day, 0) + n
    if not same:
        index.memo[keys, today] = found
    return events, found


def evidence_days(
    plan: Plan, routine: Routine, today: date, activity: ActivityLog | None = None
) -> dict[date, int]:
    """All evidence by day: attended events and counted activity (`evidence_parts`)."""
    events, found = evidence_parts(plan, routine, today, activity)
    if not found:
        return events
    total = dict(events)
    for day, n in found.items():
        total[day] = total.get(day, 0) + n
    return total


@dataclass(frozen=True)
class EvidenceItem:
    """One piece of evidence, to name it: an attended event or an activity item."""

    on: date
    source: str  # "event" (plan.toml), else the activity's platform ("LinkedIn")
    words: str  # the event's title, or "comment “…”" (user text: show it as text)

    @property
    def from_activity(self) -> bool:
        return self.source != EVENT


def evidence_between(
    plan: Plan,
    routine: Routine,
    first: date,
    last: date,
    today: date,
    activity: ActivityLog | None = None,
) -> list[EvidenceItem]:
    """The evidence counted for `routine` from `first` to `last` (a cell of a grid), by day:
    what `evidence_parts` counts there, item by item."""
    keys = counts_of(routine)
    items: list[EvidenceItem] = []
    if not keys or last < first:
        return items
    if EVENT in keys:
        seen: set[tuple[date, str]] = set()
        for event in plan.events:
            if not attended(event, today) or not first <= event.last_day <= last:
                continue
            event_days = event_keys(event)
            if any(key in seen for key in event_days):
                continue
            seen.update(event_days)
            items.append(EvidenceItem(event.last_day, EVENT, event.title))
    index: ActivityIndex | None = activity_index(activity)
    if index is not None:
        same = _same_as_plan_events(plan, keys)
        end = min(last, today)
        for key in keys:
            days = index.by_key.get(key)
            if key == EVENT or not days:
                continue
            for day, found in days.items():
                if first <= day <= end:
                    for a in found:
                        if key == LINKEDIN_EVENT and (day, title_key(a.text or "")) in same:
                            continue
                        items.append(EvidenceItem(day, a.platform, describe(a)))
    items.sort(key=lambda item: (item.on, item.source != EVENT))
    return items


@dataclass(frozen=True)
class Verdict:
    """One period of one routine, as it counts."""

    start: date
    end: date
    done: int  # check-offs plus evidence
    target: int  # the target in force for this period
    counted: bool  # False: the period ends before the routine's `since`
    skipped: bool  # every day lies inside skips covering the routine
    evidence: int = 0  # of `done`, what came from events and activity (spec 7.2, 7.3)
    activity: int = 0  # of `evidence`, what came from imported activity

    @property
    def met(self) -> bool:
        return self.counted and self.done >= self.target

    @property
    def missed(self) -> bool:
        """A complete-or-not period that is counted, not skipped and not met."""
        return self.counted and not self.skipped and not self.met

    @property
    def judged(self) -> bool:
        """Whether it enters averages and trends: counted, and not a skip (unless met)."""
        return self.counted and (self.met or not self.skipped)


def target_in_force(target: int, earlier: Sequence[EarlierTarget], end: date) -> int:
    """The first `earlier` entry (by `until`) whose `until` is on or after `end`, else target."""
    for entry in sorted(earlier, key=lambda e: e.until):
        if entry.until >= end:
            return entry.target
    return target


def fully_skipped(routine_id: str, start: date, end: date, skips: Iterable[Skip]) -> bool:
    """Whether every day from start to end lies inside skips covering the routine."""
    covering = sorted(
        (s.from_, s.to) for s in skips if s.covers(routine_id) and s.to >= start and s.from_ <= end
    )
    day = start
    for first, last in covering:
        if first > day:
            return False
        if last >= day:
            day = last + _DAY
        if day > end:
            return True
    return day > end


def judge(
    routine: Routine,
    start: date,
    end: date,
    done: int,
    since: date,
    skips: Iterable[Skip],
    evidence: int = 0,
    activity: int = 0,
) -> Verdict:
    """How the period from `start` to `end` counts for `routine`, with `done` check-offs and
    `evidence` completions from elsewhere (attended events and activity: `evidence_days`;
    `activity` of them came from imported activity, for showing only).

    `since` is the routine's first counted day (`counting_since`); `skips` the plan's skips.
    """
    return Verdict(
        start=start,
        end=end,
        done=done + evidence,
        target=target_in_force(routine.target, routine.earlier, end),
        counted=end >= since,
        skipped=fully_skipped(routine.id, start, end, skips),
        evidence=evidence,
        activity=activity,
    )


def counting_since(plan: Plan, routine: Routine, today: date) -> date:
    """The routine's `since`; else the start of the period of its first manual completion;
    else the start of the current period."""
    if routine.since is not None:
        return routine.since
    days = (day for day, counts in plan.completions.items() if counts.get(routine.id))
    return period_start(routine.period, min(days, default=today), plan.settings.week_start)


class RoutineHistory:
    """A routine's verdicts, period by period, over one plan (completions summed once), with
    its evidence (attended events, and `activity` when given) folded in."""

    def __init__(
        self,
        plan: Plan,
        routine: Routine,
        today: date,
        evidence: dict[date, int] | None = None,
        activity: ActivityLog | None = None,
    ) -> None:
        self.plan, self.routine, self.today = plan, routine, today
        self.week_start = plan.settings.week_start
        self.skips = [s for s in plan.skips if s.covers(routine.id)]
        counts: dict[date, int] = {}
        first = today
        for day, by_routine in plan.completions.items():  # one pass: counts and `since`
            n = by_routine.get(routine.id, 0)
            if n:
                key = period_start(routine.period, day, self.week_start)
                counts[key] = counts.get(key, 0) + n
                first = min(first, day)
        self.counts = counts
        self.since = routine.since or period_start(routine.period, first, self.week_start)
        found: dict[date, int] = {}
        if evidence is None:
            evidence, found = evidence_parts(plan, routine, today, activity)
        self.days = evidence  # events by day (or the evidence given)
        self.activity_days = found  # counted activity by day
        self.evidence = self._by_period(evidence)
        self.from_activity = self._by_period(found)
        for start, n in self.from_activity.items():
            self.evidence[start] = self.evidence.get(start, 0) + n

    def _by_period(self, days: dict[date, int]) -> dict[date, int]:
        result: dict[date, int] = {}
        for day, n in days.items():
            key = period_start(self.routine.period, day, self.week_start)
            result[key] = result.get(key, 0) + n
        return result

    def at(self, day: date) -> Verdict:
        """The verdict of the period holding `day`."""
        start, end = period_range(self.routine.period, day, self.week_start)
        done, evidence = self.counts.get(start, 0), self.evidence.get(start, 0)
        activity = self.from_activity.get(start, 0)
        return judge(self.routine, start, end, done, self.since, self.skips, evidence, activity)

    def between(self, first: date, last: date) -> tuple[int, int, int]:
        """(check-offs, evidence, of which activity) from `first` to `last`: one grid cell."""
        done = evidence = found = 0
        completions = self.plan.completions
        day = first
        while day <= last:
            counts = completions.get(day)
            if counts:
                done += counts.get(self.routine.id, 0)
            evidence += self.days.get(day, 0)
            found += self.activity_days.get(day, 0)
            if day == date.max:
                break
            day += _DAY
        return done, evidence + found, found

    def back_from(self, day: date) -> Iterable[Verdict]:
        """Verdicts of the period holding `day` and each one before it, while counted."""
        verdict = self.at(day)
        while verdict.counted:
            yield verdict
            try:
                day = shift_period(self.routine.period, verdict.start, -1, self.week_start)
            except OverflowError:
                return
            verdict = self.at(day)

    def streak(self) -> int:
        """Met periods in a row ending with the last complete one, plus the current once met.
        A skipped period neither adds nor breaks; the walk stops at `since`."""
        return self.streaks()[0]

    def best(self) -> int:
        """The longest such run up to the current period (which counts only when met)."""
        return self.streaks()[1]

    def streaks(self) -> tuple[int, int]:
        """(streak, best) from one walk back from the current period to `since`."""
        verdicts = list(self.back_from(self.today))
        current = verdicts[0] if verdicts else None
        best = run = 1 if current is not None and current.met else 0
        streak: int | None = None
        for verdict in verdicts[1:]:
            if verdict.met:
                run += 1
            elif not verdict.skipped:
                streak = run if streak is None else streak
                run = 0
            best = max(best, run)
        return (run if streak is None else streak), best


def toggle_skip(
    skips: Sequence[Skip], routine_ids: Sequence[str], routine_id: str, start: date, end: date
) -> list[Skip]:
    """`z` on a routine's period: skip it when it is not skipped, else unskip it.

    Unskipping cuts the period out of every skip covering the routine there: the parts
    outside the period stay as they were (a longer skip splits), and the part inside stays
    for the skip's other routines. `routine_ids` lists every routine, for a skip of all.
    """
    if not fully_skipped(routine_id, start, end, skips):
        return [*skips, Skip(from_=start, to=end, routines=[routine_id])]
    result: list[Skip] = []
    for skip in skips:
        if not skip.covers(routine_id) or skip.to < start or skip.from_ > end:
            result.append(skip)
            continue
        if skip.from_ < start:
            result.append(skip.model_copy(update={"to": start - _DAY}))
        others = [r for r in (skip.routines or routine_ids) if r != routine_id]
        if others:
            inside = {"from_": max(skip.from_, start), "to": min(skip.to, end)}
            result.append(skip.model_copy(update={**inside, "routines": others}))
        if skip.to > end:
            result.append(skip.model_copy(update={"from_": end + _DAY}))
    return result


def retarget_changes(plan: Plan, routine: Routine, target: int, today: date) -> dict:
    """The fields to change when a routine's target becomes `target` today: the target, and
    an `earlier` entry keeping the old one for the periods before this one, when those have
    completions (otherwise there is no history to keep honest)."""
    changes: dict = {"target": target}
    if target == routine.target:
        return changes
    start, _end = period_range(routine.period, today, plan.settings.week_start)
    until = start - _DAY
    older = any(day <= until and counts.get(routine.id) for day, counts in plan.completions.items())
    if older and not any(entry.until >= until for entry in routine.earlier):
        entry = EarlierTarget(until=until, target=routine.target)
        changes["earlier"] = sorted([*routine.earlier, entry], key=lambda e: e.until)
    return changes
