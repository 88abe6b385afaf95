"""Honest history (spec 7.1): how each period of a routine counts.

`judge` is the one place that decides a period's target, whether it counts at all, whether
it is skipped and whether it is met. Streaks, averages, trends, grids and `due` all ask it.
Its inputs are explicit (done, since, skips, evidence): attended events arrive as
`evidence` (see `evidence_days`), and so will imported activity, not as rules elsewhere.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from netplan.domain.events import event_credits
from netplan.domain.periods import period_range, period_start, shift_period
from netplan.models import EarlierTarget, Plan, Routine, Skip

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
    """What counts for the routine besides its check-offs: its `counts`, else its id's default."""
    if routine.counts is not None:
        return tuple(routine.counts)
    return DEFAULT_COUNTS.get(routine.id, ())


def evidence_days(plan: Plan, routine: Routine, today: date) -> dict[date, int]:
    """Completions that come from elsewhere than check-offs, by day: attended events (on
    their last day) for a routine counting "event". They do not set a routine's `since`."""
    if "event" not in counts_of(routine) or not plan.events:
        return {}
    return event_credits(plan.events, today)


@dataclass(frozen=True)
class Verdict:
    """One period of one routine, as it counts."""

    start: date
    end: date
    done: int  # check-offs plus evidence
    target: int  # the target in force for this period
    counted: bool  # False: the period ends before the routine's `since`
    skipped: bool  # every day lies inside skips covering the routine
    evidence: int = 0  # of `done`, what came from events (spec 7.2)

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
) -> Verdict:
    """How the period from `start` to `end` counts for `routine`, with `done` check-offs and
    `evidence` completions from elsewhere (attended events: `evidence_days`).

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
    )


def counting_since(plan: Plan, routine: Routine, today: date) -> date:
    """The routine's `since`; else the start of the period of its first manual completion;
    else the start of the current period."""
    if routine.since is not None:
        return routine.since
    days = (day for day, counts in plan.completions.items() if counts.get(routine.id))
    return period_start(routine.period, min(days, default=today), plan.settings.week_start)


class RoutineHistory:
    """A routine's verdicts, period by period, over one plan (completions summed once)."""

    def __init__(
        self,
        plan: Plan,
        routine: Routine,
        today: date,
        evidence: dict[date, int] | None = None,
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
        if evidence is None:
            evidence = evidence_days(plan, routine, today)
        self.evidence: dict[date, int] = {}
        for day, n in evidence.items():
            key = period_start(routine.period, day, self.week_start)
            self.evidence[key] = self.evidence.get(key, 0) + n

    def at(self, day: date) -> Verdict:
        """The verdict of the period holding `day`."""
        start, end = period_range(self.routine.period, day, self.week_start)
        done, evidence = self.counts.get(start, 0), self.evidence.get(start, 0)
        return judge(self.routine, start, end, done, self.since, self.skips, evidence)

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
