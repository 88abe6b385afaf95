"""What is due, shaped for status bars and notifications: `netplan due --format waybar|line`
and `netplan notify`. Pure: built from a `DueReport`, no I/O.

Each item of the report (a follow-up, an open promise, a milestone, a routine not yet met)
becomes a `DueItem`: one line of plain text, how urgent it is, and a key that stays the same
from one run to the next (for `notify`'s once-a-day de-duplication). User text in the lines
is made safe with `for_terminal` (no control character, so no escape sequence, reaches a bar
or a notification; a line break in a name cannot split a line).

Urgency:

- `overdue`: a follow-up or promise past its day;
- `today`: a follow-up or promise due today, a milestone today;
- `soon`: one of those later within the report's window;
- `open`: a routine not yet met this week or month. Routines are listed (tooltip,
  notification) but not counted in a bar's text or class: most of a week some routine is
  still open, and a bar that never empties says nothing.

Waybar's `class` is the most urgent of the dated items: `overdue`, `due` (something today),
`soon`, else `none`; its `text` counts what needs doing now ("3 due": overdue and today), else
what comes soon ("2 soon"), else is empty (waybar then hides the module).
"""

from __future__ import annotations

import json
from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from netplan.domain.due import DueReport
from netplan.domain.followups import FollowUp, MilestoneDue
from netplan.domain.promises import PromiseDue
from netplan.domain.routines import RoutineStatus
from netplan.text import for_terminal

URGENCIES = ("overdue", "today", "soon", "open")
WAYBAR_CLASSES = ("overdue", "due", "soon", "none")
PROMISE_SHOWN = 60  # characters of a promise's text in a line


@dataclass(frozen=True)
class DueItem:
    kind: str  # "followup", "promise", "milestone", "routine"
    key: str  # stable across runs: the same item on another run has the same key
    urgency: str  # one of URGENCIES
    line: str  # one line of plain text, user text made safe


def _safe(text: str | None) -> str:
    return for_terminal(text or "", line_breaks=" ")


def _shortened(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}" if n == 1 else f"{n} {word}s"


def _when(overdue_days: int, due: date) -> str:
    if overdue_days > 0:
        return f"{_plural(overdue_days, 'day')} overdue ({due.isoformat()})"
    if overdue_days == 0:
        return "due today"
    return f"due in {_plural(-overdue_days, 'day')} ({due.isoformat()})"


def _urgency(overdue_days: int) -> str:
    return "overdue" if overdue_days > 0 else "today" if overdue_days == 0 else "soon"


def _on(day: date, today: date) -> str:
    days = day.toordinal() - today.toordinal()
    if days == 0:
        return "today"
    if days == 1:
        return f"tomorrow ({day.isoformat()})"
    return f"in {_plural(days, 'day')} ({day.isoformat()})"


def _followup_key(f: FollowUp) -> str:
    return f"followup:{f.contact.id}:{f.due.isoformat()}"


def _promise_key(p: PromiseDue) -> str:
    return f"promise:{p.interaction.id}:{p.due.isoformat()}"


def _milestone_key(m: MilestoneDue) -> str:
    return f"milestone:{m.contact.id}:{m.on.isoformat()}:{m.milestone.label}"


def _routine_key(r: RoutineStatus) -> str:
    return f"routine:{r.routine.id}:{r.routine.period.value}"


def due_items(report: DueReport) -> list[DueItem]:
    """Every item of the report, in the order `netplan due` lists them."""
    items = []
    for f in report.followups:
        items.append(
            DueItem(
                "followup",
                _followup_key(f),
                _urgency(f.overdue_days),
                f"Follow up with {_safe(f.contact.name)}: {_when(f.overdue_days, f.due)}",
            )
        )
    for p in report.promises:
        promise = _shortened(_safe(p.interaction.promise), PROMISE_SHOWN)
        items.append(
            DueItem(
                "promise",
                _promise_key(p),
                _urgency(p.overdue_days),
                f"Promise to {_safe(p.contact.name)}: {promise}, {_when(p.overdue_days, p.due)}",
            )
        )
    for m in report.milestones:
        items.append(
            DueItem(
                "milestone",
                _milestone_key(m),
                "today" if m.on == report.today else "soon",
                f"{_safe(m.milestone.label)}: {_safe(m.contact.name)}, {_on(m.on, report.today)}",
            )
        )
    for r in report.routines:
        period = r.routine.period.value
        items.append(
            DueItem(
                "routine",
                _routine_key(r),
                "open",
                f"{_safe(r.routine.title)}: {r.done}/{r.target} this {period}",
            )
        )
    return items


def only(report: DueReport, keys: Collection[str]) -> DueReport:
    """The report holding only the items whose key is in `keys` (same order)."""
    wanted = set(keys)
    return replace(
        report,
        followups=[f for f in report.followups if _followup_key(f) in wanted],
        promises=[p for p in report.promises if _promise_key(p) in wanted],
        milestones=[m for m in report.milestones if _milestone_key(m) in wanted],
        routines=[r for r in report.routines if _routine_key(r) in wanted],
    )


@dataclass(frozen=True)
class Counts:
    overdue: int
    today: int
    soon: int
    open: int  # routines not yet met

    @property
    def now(self) -> int:
        return self.overdue + self.today


def counts(items: Collection[DueItem]) -> Counts:
    by = {u: sum(1 for i in items if i.urgency == u) for u in URGENCIES}
    return Counts(by["overdue"], by["today"], by["soon"], by["open"])


def waybar(report: DueReport) -> dict[str, str]:
    """`{"text", "tooltip", "class"}` for a waybar custom module (`"return-type": "json"`).

    The tooltip is plain text, one item a line: set `"escape": true` in the module so that
    waybar does not read a name holding `&` or `<` as Pango markup.
    """
    items = due_items(report)
    n = counts(items)
    if n.now:
        text = f"{n.now} due"
    elif n.soon:
        text = f"{n.soon} soon"
    else:
        text = ""
    klass = "overdue" if n.overdue else "due" if n.today else "soon" if n.soon else "none"
    tooltip = "\n".join(i.line for i in items) or "Nothing due"
    return {"text": text, "tooltip": tooltip, "class": klass}


def status_line(report: DueReport) -> str:
    """One short line for polybar or tmux: `netplan: 2 overdue · 1 today · 3 soon`."""
    n = counts(due_items(report))
    parts = [
        f"{count} {word}"
        for count, word in ((n.overdue, "overdue"), (n.today, "today"), (n.soon, "soon"))
        if count
    ]
    return "netplan: " + (" · ".join(parts) if parts else "nothing due")


def notification(items: Collection[DueItem], shown: int = 20) -> tuple[str, str]:
    """The summary and body of one desktop notification of `items` (at most `shown` lines in
    the body, then how many more)."""
    n = counts(items)
    parts = [
        f"{count} {word}"
        for count, word in (
            (n.overdue, "overdue"),
            (n.today, "today"),
            (n.soon, "soon"),
            (n.open, "routine" if n.open == 1 else "routines"),
        )
        if count
    ]
    summary = "netplan: " + ", ".join(parts)
    lines = [i.line for i in list(items)[:shown]]
    if len(items) > shown:
        lines.append(f"… and {len(items) - shown} more")
    return summary, "\n".join(lines)


def as_json(data: dict[str, Any]) -> str:
    """One line of JSON, valid whatever the names hold."""
    return json.dumps(data, ensure_ascii=False)
