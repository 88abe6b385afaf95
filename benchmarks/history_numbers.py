"""Issue 15's numbers: the 12-week average, the Goals trend, Engage's and Connect's streaks,
on a store, as it is and after each of three settings changes made the way the app makes them.

    NETPLAN_TODAY=2026-11-25 python benchmarks/history_numbers.py STORE_FOLDER

Runs on older code too (no `since`, no `today` argument to the edits), for a before/after.
"""

from __future__ import annotations

import inspect
import sys
from datetime import date
from pathlib import Path

from netplan.domain import routines as r
from netplan.domain.trends import follow_through_summary, weekly_follow_through
from netplan.models import Period, Routine, WeekStart
from netplan.store import codec
from netplan.workspace.data import Data
from netplan.workspace.plan_edits import add_routine, change_settings, patch_routine


def _with_today(function, *args, today: date):
    takes_today = "today" in inspect.signature(function).parameters
    return function(*args, today) if takes_today else function(*args)


def numbers(plan, today: date) -> str:
    if hasattr(r, "average_rate"):
        average = r.average_rate(r.recent_weeks(plan, today, 12))
    else:
        rates = r.recent_week_rates(plan, today, weeks=12)
        average = sum(rates) / len(rates)
    summary = follow_through_summary(weekly_follow_through(plan, today))
    by_id = {routine.id: routine for routine in plan.routines}
    engage, connect = by_id["engage-posts"], by_id["connect-people"]
    return (
        f"avg {average:.0%} | all met in {summary.met_weeks} of {summary.weeks} | "
        f"Engage {r.streak(plan, engage, today)} (best {r.best_streak(plan, engage, today)}) | "
        f"Connect {r.streak(plan, connect, today)}"
    )


def main(folder: str, today: date) -> None:
    plan = codec.decode("plan", (Path(folder) / "plan.toml").read_bytes())
    data = Data(plan=plan)
    added = Routine(id="post-weekly", title="Post weekly", period=Period.week, target=1)
    engage = next(x for x in plan.routines if x.id == "engage-posts")
    changes = {
        "as it is": None,
        "(a) add a routine today": _with_today(add_routine, added, today=today),
        "(b) Engage target 3→4": _with_today(
            patch_routine, "engage-posts", {"target": 4}, engage.title, today=today
        ),
        "(c) week starts Sunday": change_settings("week", {"week_start": WeekStart.sunday}),
    }
    for label, edit in changes.items():
        changed = plan if edit is None else edit.forward(data).plan
        print(f"{label:<26} {numbers(changed, today)}")


if __name__ == "__main__":
    import os

    main(sys.argv[1], date.fromisoformat(os.environ.get("NETPLAN_TODAY", "2026-11-25")))
